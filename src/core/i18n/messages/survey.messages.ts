// The survey texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const surveyMessages = defineMessages({
  fr: {
    recorded: 'Réponse {kind} enregistrée pour {name} : {score}/{max}.',
  },
  en: {
    recorded: '{kind} answer recorded for {name}: {score}/{max}.',
  },
});
