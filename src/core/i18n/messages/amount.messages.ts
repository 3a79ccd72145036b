// The amount texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const amountMessages = defineMessages({
  fr: {
    which: 'Montant « {input} » : {thousands} ou {decimal} ?',
    incl_tax_recorded: 'Montant enregistré TTC, tel que saisi : {amount}. Les montants de Relance (chiffre d’affaires, objectifs, dépenses) s’entendent hors taxes ; indiquez plutôt le montant HT si vous l’avez.',
  },
  en: {
    which: 'Amount "{input}": {thousands} or {decimal}?',
    incl_tax_recorded: 'Amount recorded including tax, as given: {amount}. Relance figures (revenue, objectives, spend) are before tax; give the amount before tax if you have it.',
  },
});
