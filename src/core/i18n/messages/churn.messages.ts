// The churn texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const churnMessages = defineMessages({
  fr: {
    recorded: '{name} est désormais un client perdu ; le churn de la période en tient compte.',
  },
  en: {
    recorded: '{name} is now a lost customer; this period’s churn includes it.',
  },
});
