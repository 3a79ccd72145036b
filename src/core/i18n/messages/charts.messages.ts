// The charts texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const chartsMessages = defineMessages({
  fr: {
    sent_to_dm: 'Graphique envoyé dans vos messages directs.',
  },
  en: {
    sent_to_dm: 'Chart sent to your direct messages.',
  },
});
