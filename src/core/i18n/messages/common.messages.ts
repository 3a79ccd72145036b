// The common texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const commonMessages = defineMessages({
  fr: {
    yes: 'Oui',
    no: 'Non',
  },
  en: {
    yes: 'Yes',
    no: 'No',
  },
});
