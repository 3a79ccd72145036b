// The digest texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const digestMessages = defineMessages({
  fr: {
    title: 'Synthèse de l’équipe — du {from} au {to}',
    attention_title: '{days, plural, one {Affaires à relancer (sans activité depuis # jour ou prochaine étape en retard)} other {Affaires à relancer (sans activité depuis # jours ou prochaine étape en retard)}}',
    owner_line: '{name} : {stale, plural, one {# affaire sans activité} other {# affaires sans activité}}, {overdue, plural, one {# prochaine étape en retard} other {# prochaines étapes en retard}}',
    all_clear: 'Rien en retard : bravo à toute l’équipe.',
    footer: 'Détails : /pipe tous · /kpi tous',
  },
  en: {
    title: 'Team digest — {from} to {to}',
    attention_title: '{days, plural, one {Deals to follow up (no activity for # day, or next step overdue)} other {Deals to follow up (no activity for # days, or next step overdue)}}',
    owner_line: '{name}: {stale, plural, one {# deal with no activity} other {# deals with no activity}}, {overdue, plural, one {# overdue next step} other {# overdue next steps}}',
    all_clear: 'Nothing overdue: well done, everyone.',
    footer: 'Details: /pipeline all · /kpi all',
  },
});
