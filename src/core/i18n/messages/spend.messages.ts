// The spend texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const spendMessages = defineMessages({
  fr: {
    recorded: 'Dépense {category} de {amount} enregistrée du {from} au {to}. Total de la période : {total}.',
    marketing: 'marketing',
    sales: 'commerciale',
  },
  en: {
    recorded: '{category} spend of {amount} recorded for {from} to {to}. Period total: {total}.',
    marketing: 'Marketing',
    sales: 'Sales',
  },
});
