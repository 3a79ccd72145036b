// The digest texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const digestMessages = defineMessages({
  fr: {
    title: 'Synthèse de l’équipe — du {from} au {to}',
    attention_title: 'Affaires à relancer (sans activité depuis {days} jours, étapes en retard)',
    owner_line: '{name} : {stale} sans activité, {overdue} prochaines étapes en retard',
    all_clear: 'Rien en retard : bravo à toute l’équipe.',
    footer: 'Détails : /pipe tous · /kpi tous',
  },
  en: {
    title: 'Team digest — {from} to {to}',
    attention_title: 'Deals to follow up (no activity for {days} days, overdue next steps)',
    owner_line: '{name}: {stale} without activity, {overdue} overdue next steps',
    all_clear: 'Nothing overdue: well done, everyone.',
    footer: 'Details: /pipeline all · /kpi all',
  },
});
