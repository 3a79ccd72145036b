// The retention texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const retentionMessages = defineMessages({
  fr: {
    listed_title: '{count, plural, one {# contact sans activité} other {# contacts sans activité}} depuis {years, plural, one {# an} other {# ans}}',
    erased_title: '{count, plural, one {# contact effacé} other {# contacts effacés}} après {years, plural, one {# an} other {# ans}} sans activité',
    listed_footer: 'Effacez-les avec /contact effacer, ou activez l’effacement automatique : /reglages conservation oui.',
    erased_footer: 'L’effacement automatique est activé (pour l’arrêter : /reglages conservation non).',
    more: '{count, plural, one {et # autre} other {et # autres}}',
  },
  en: {
    listed_title: '{count, plural, one {# contact with no activity} other {# contacts with no activity}} for {years, plural, one {# year} other {# years}}',
    erased_title: '{count, plural, one {# contact erased} other {# contacts erased}} after {years, plural, one {# year} other {# years}} with no activity',
    listed_footer: 'Erase them with /contact forget, or turn on automatic erasure: /settings retention on.',
    erased_footer: 'Automatic erasure is on (to stop it: /settings retention off).',
    more: '{count, plural, one {and # more} other {and # more}}',
  },
});
