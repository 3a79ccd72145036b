// The members texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const membersMessages = defineMessages({
  fr: {
    title: 'Membres',
    line: '{name} — {role, select, rep {commercial} manager {manager} admin {administrateur} other {{role}}}{hasTeam, select, yes { · équipe {team}} other {}}',
    role_set: '{name} a maintenant le rôle {role, select, rep {de commercial} manager {de manager} admin {d’administrateur} other {{role}}}.',
    team_set: '{name} fait maintenant partie de l’équipe {team}.',
    team_cleared: '{name} ne fait plus partie d’aucune équipe.',
  },
  en: {
    title: 'Members',
    line: '{name} — {role, select, rep {sales rep} manager {manager} admin {admin} other {{role}}}{hasTeam, select, yes { · {team} team} other {}}',
    role_set: '{name} is now {role, select, rep {a sales rep} manager {a manager} admin {an admin} other {{role}}}.',
    team_set: '{name} is now on the {team} team.',
    team_cleared: '{name} is no longer on any team.',
  },
});
