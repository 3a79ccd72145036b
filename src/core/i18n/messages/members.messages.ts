// The members texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const membersMessages = defineMessages({
  fr: {
    title: 'Membres',
    team: 'équipe {team}',
    role_set: '{name} est maintenant {role}.',
    team_set: '{name} fait maintenant partie de l’équipe {team}.',
    team_cleared: '{name} ne fait plus partie d’aucune équipe.',
  },
  en: {
    title: 'Members',
    team: 'team {team}',
    role_set: '{name} is now {role}.',
    team_set: '{name} is now in team {team}.',
    team_cleared: '{name} is no longer in a team.',
  },
});
