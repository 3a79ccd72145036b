// /members list — who is in the workspace, with role and team.
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { defineCommand } from '../../core/registry.ts';
import { members } from '../../db/schema.ts';

export const membersListCommand = defineCommand({
  name: 'list',
  aliases: { fr: ['liste'], en: ['list'] },
  description: { fr: 'Voir les membres, leur rôle et leur équipe', en: 'See members, their role and team' },
  examples: { fr: ['/membres liste'], en: ['/members list'] },
  args: [],
  schema: z.object({}),
  permission: 'member',
  readOnly: true,
  handler: async function listMembersHandler(ctx) {
    const rows = await ctx.tx.select().from(members).where(eq(members.workspaceId, ctx.workspace.id)).orderBy(asc(members.displayName));
    ctx.reply([
      {
        type: 'list',
        title: ctx.t('members.title'),
        items: rows.map((m) => ctx.t('members.line', { name: m.displayName, role: m.role, hasTeam: m.team ? 'yes' : 'no', team: m.team ?? '' })),
      },
    ]);
  },
});
