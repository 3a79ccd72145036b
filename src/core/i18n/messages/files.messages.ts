// The files texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const filesMessages = defineMessages({
  fr: {
    sent_to_dm: 'Fichier envoyé dans vos messages directs.',
    too_large: '« {title} » n’est pas joint : {size} Mo dépasse la limite de {limit} Mo.',
  },
  en: {
    sent_to_dm: 'File sent to your direct messages.',
    too_large: '“{title}” is not attached: {size} MB is over the {limit} MB limit.',
  },
});
