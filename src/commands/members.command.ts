// /members — the workspace's people: roles and teams (who sees which deals).
import { defineGroup } from '../core/registry.ts';
import { membersListCommand } from './members/members-list.command.ts';
import { membersRoleCommand } from './members/members-role.command.ts';
import { membersTeamCommand } from './members/members-team.command.ts';

export const membersCommand = defineGroup({
  name: 'members',
  aliases: { fr: ['membres', 'equipe'], en: ['members', 'team'] },
  description: { fr: 'Voir les membres, régler rôles et équipes', en: 'See members, set roles and teams' },
  defaultSubcommand: 'list',
  subcommands: [membersListCommand, membersRoleCommand, membersTeamCommand],
});
