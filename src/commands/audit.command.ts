// /audit [action] [@member] [page:N] — admins read the audit log, newest first, 15 per page.
import { and, desc, eq, like, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { formatDateTime } from '../core/format.ts';
import { defineCommand } from '../core/registry.ts';
import { auditLog, members } from '../db/schema.ts';
import { resolveMember } from './shared/resolve-member.ts';

const PAGE = 15;

export const auditCommand = defineCommand({
  name: 'audit',
  aliases: { fr: ['audit', 'journal-audit'], en: ['audit'] },
  description: { fr: 'Le journal d’audit : exports, effacements, oppositions, rôles, réglages, imports', en: 'The audit log: exports, erasures, opt-outs, roles, settings, imports' },
  examples: { fr: ['/audit', '/audit contact', '/audit action:contact.forget', '/audit qui:@marie page:2'], en: ['/audit', '/audit contact', '/audit action:contact.forget', '/audit who:@marie page:2'] },
  args: [
    { name: 'action', kind: 'text', keys: ['action'], position: 0, prompt: { fr: 'Quelle action ? (contact, import, settings…)', en: 'Which action? (contact, import, settings…)' }, example: { fr: 'contact', en: 'contact' } },
    { name: 'who', kind: 'text', completes: 'member', keys: ['qui', 'who', 'membre', 'member'], prompt: { fr: 'Quel membre ?', en: 'Which member?' }, example: { fr: '@marie', en: '@marie' } },
    { name: 'page', kind: 'integer', keys: ['page'], prompt: { fr: 'Page', en: 'Page' }, example: { fr: 'page:2', en: 'page:2' } },
  ],
  schema: z.object({ action: z.string().max(60).optional(), who: z.string().optional(), page: z.number().int().min(1).max(1000).optional() }),
  permission: 'admin',
  readOnly: true,
  handler: async function auditHandler(ctx) {
    const page = ctx.args.page ?? 1;
    const where: SQL[] = [eq(auditLog.workspaceId, ctx.workspace.id)];
    // `contact` matches contact.export, contact.forget…; a full name matches itself.
    if (ctx.args.action) where.push(like(auditLog.action, `${ctx.args.action.replace(/[%_\\]/g, '\\$&')}%`));
    if (ctx.args.who) where.push(eq(auditLog.memberId, (await resolveMember(ctx, ctx.args.who)).id));
    const rows = await ctx.tx
      .select({ entry: auditLog, name: members.displayName })
      .from(auditLog)
      .leftJoin(members, eq(members.id, auditLog.memberId))
      .where(and(...where))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(PAGE + 1)
      .offset((page - 1) * PAGE);
    const items = rows.slice(0, PAGE).map(({ entry, name }) =>
      ctx.t('audit.line', {
        at: formatDateTime(entry.createdAt, ctx.lang, ctx.timeZone),
        who: name ?? entry.actor,
        action: entry.action,
        target: entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}`.trim() : '—',
        outcome: ctx.t(`audit.outcome_${entry.outcome}`),
      }),
    );
    const more = rows.length > PAGE;
    const next = `audit ${ctx.args.action ?? ''} ${ctx.args.who ? `qui:${ctx.args.who}` : ''} page:${page + 1}`.replace(/\s+/g, ' ');
    ctx.reply([
      { type: 'list', title: ctx.t('audit.title', { page }), items: items.length > 0 ? items : [ctx.t('audit.empty')] },
      ...(more ? [{ type: 'buttons' as const, buttons: [{ label: ctx.t('audit.next'), actionId: 'run', value: next }] }] : []),
    ]);
  },
});
