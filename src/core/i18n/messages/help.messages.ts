// The help texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const helpMessages = defineMessages({
  fr: {
    title: 'Relance — vos commandes',
    intro: 'Notez vos appels, suivez vos affaires et faites avancer le pipeline, sans quitter la discussion.',
    start: 'Tapez /aide pour commencer.',
    more: 'L’aide d’une commande : {example}',
    arguments: 'Arguments',
    examples: 'Exemples',
    required: 'obligatoire',
    eg: 'ex.',
    aliases: 'Autres noms : {aliases}',
  },
  en: {
    title: 'Relance — your commands',
    intro: 'Log your calls, keep track of your deals and move the pipeline forward without leaving the chat.',
    start: 'Type /help to get started.',
    more: 'Help on one command: {example}',
    arguments: 'Arguments',
    examples: 'Examples',
    required: 'required',
    eg: 'e.g.',
    aliases: 'Other names: {aliases}',
  },
});
