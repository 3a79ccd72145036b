// /members role — admins make a member a rep, a manager or an admin.
import { z } from 'zod';
import { and, eq, ne } from 'drizzle-orm';
import { UserError } from '../../core/errors.ts';
import { defineCommand } from '../../core/registry.ts';
import { members } from '../../db/schema.ts';
import { setMember } from '../../services/workspace.service.ts';
import { resolveMember } from '../shared/resolve-member.ts';

export const membersRoleCommand = defineCommand({
  name: 'role',
  aliases: { fr: ['role'], en: ['role'] },
  description: { fr: "Changer le rôle d’un membre", en: "Change a member's role" },
  examples: { fr: ['/membres role @marie manager'], en: ['/members role @marie manager'] },
  args: [
    { name: 'member', kind: 'text', completes: 'member', keys: ['membre', 'member'], position: 0, required: true, label: { fr: 'Membre', en: 'Member' }, prompt: { fr: 'Quel membre ?', en: 'Which member?' }, example: { fr: '@marie', en: '@marie' } },
    {
      name: 'role',
      kind: 'enum',
      keys: ['role'],
      position: 1,
      required: true,
      choices: [
        { value: 'rep', label: { fr: 'Commercial', en: 'Sales rep' }, aliases: ['commercial', 'commerciale', 'vendeur', 'sales'] },
        { value: 'manager', label: { fr: 'Manager', en: 'Manager' }, aliases: ['responsable', 'chef'] },
        { value: 'admin', label: { fr: 'Administrateur', en: 'Admin' }, aliases: ['administrateur', 'administrator'] },
      ],
      label: { fr: 'Rôle', en: 'Role' },
      prompt: { fr: 'Quel rôle ?', en: 'Which role?' },
      example: { fr: 'manager', en: 'manager' },
    },
  ],
  schema: z.object({ member: z.string().min(1), role: z.enum(['rep', 'manager', 'admin']) }),
  permission: 'admin',
  audit: 'member.role',
  handler: async function setRoleHandler(ctx) {
    const target = await resolveMember(ctx, ctx.args.member);
    ctx.audit({ type: 'member', id: target.id, details: { from: target.role, to: ctx.args.role } });
    if (target.role === 'admin' && ctx.args.role !== 'admin') {
      // A workspace must keep an admin, or nobody could configure it again.
      const others = await ctx.tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.workspaceId, ctx.workspace.id), eq(members.role, 'admin'), ne(members.id, target.id)))
        .limit(1);
      if (others.length === 0) throw new UserError('last_admin', { example: ctx.t('examples.members_role') });
    }
    await setMember(ctx.tx, target, { role: ctx.args.role });
    ctx.reply([{ type: 'text', text: ctx.t('members.role_set', { name: target.displayName, role: ctx.args.role }) }]);
  },
});
