// The retention texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const retentionMessages = defineMessages({
  fr: {
    listed_title: '{count} contact(s) sans activité depuis {years} an(s)',
    erased_title: '{count} contact(s) sans activité depuis {years} an(s) effacé(s)',
    listed_footer: 'Effacez-les avec /contact effacer, ou activez l’effacement automatique : /reglages conservation oui.',
    erased_footer: 'L’effacement automatique est actif (/reglages conservation non pour l’arrêter).',
    more: 'et {count} autre(s)',
  },
  en: {
    listed_title: '{count} contact(s) without activity for {years} year(s)',
    erased_title: '{count} contact(s) without activity for {years} year(s) erased',
    listed_footer: 'Erase them with /contact forget, or turn on automatic erasure: /settings retention on.',
    erased_footer: 'Automatic erasure is on (/settings retention off to stop it).',
    more: 'and {count} more',
  },
});
