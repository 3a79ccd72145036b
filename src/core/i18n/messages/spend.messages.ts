// The spend texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const spendMessages = defineMessages({
  fr: {
    recorded: 'Dépense {category, select, sales {commerciale} other {marketing}} de {amount} enregistrée du {from} au {to}. Total de la période : {periodTotal}.',
  },
  en: {
    recorded: '{category, select, sales {Sales} other {Marketing}} spend of {amount} recorded for {from} to {to}. Period total: {periodTotal}.',
  },
});
