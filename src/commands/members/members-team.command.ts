// /members team — admins put a member in a team (managers see their team's deals).
import { z } from 'zod';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { defineCommand } from '../../core/registry.ts';
import { setMember } from '../../services/workspace.service.ts';
import { resolveMember } from '../shared/resolve-member.ts';

const NONE = new Set(['aucune', 'none', 'sans', 'no team']);

export const membersTeamCommand = defineCommand({
  name: 'team',
  aliases: { fr: ['equipe'], en: ['team'] },
  description: { fr: "Changer l’équipe d’un membre", en: "Change a member's team" },
  examples: { fr: ['/membres equipe @marie Nord', '/membres equipe @marie aucune'], en: ['/members team @marie North', '/members team @marie none'] },
  args: [
    { name: 'member', kind: 'text', completes: 'member', keys: ['membre', 'member'], position: 0, required: true, label: { fr: 'Membre', en: 'Member' }, prompt: { fr: 'Quel membre ?', en: 'Which member?' }, example: { fr: '@marie', en: '@marie' } },
    { name: 'team', kind: 'text', keys: ['equipe', 'team'], position: 1, required: true, label: { fr: 'Équipe', en: 'Team' }, prompt: { fr: 'Quelle équipe (« aucune » pour retirer) ?', en: 'Which team ("none" to remove)?' }, example: { fr: 'Nord', en: 'North' } },
  ],
  schema: z.object({ member: z.string().min(1), team: z.string().min(1).max(60) }),
  permission: 'admin',
  audit: 'member.team',
  handler: async function setTeamHandler(ctx) {
    const target = await resolveMember(ctx, ctx.args.member);
    ctx.audit({ type: 'member', id: target.id });
    const team = NONE.has(normalizeKey(ctx.args.team)) ? null : ctx.args.team;
    await setMember(ctx.tx, target, { team });
    ctx.reply([{ type: 'text', text: team ? ctx.t('members.team_set', { name: target.displayName, team }) : ctx.t('members.team_cleared', { name: target.displayName }) }]);
  },
});
