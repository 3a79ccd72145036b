// The language texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const languageMessages = defineMessages({
  fr: {
    set: 'C’est noté : je vous réponds désormais en français.',
  },
  en: {
    set: 'Done: I’ll reply in English from now on.',
  },
});
