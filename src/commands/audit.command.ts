// /audit [action] [@member] [page:N] — admins read the audit log, newest first, 15 per page.
import { and, desc, eq, like, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { formatDateTime } from '../core/format.ts';
import type { CommandContext } from '../core/context.ts';
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
    { name: 'action', kind: 'text', keys: ['action'], position: 0, label: { fr: 'Action', en: 'Action' }, prompt: { fr: 'Quelle action (contact, import, settings…) ?', en: 'Which action (contact, import, settings…)?' }, example: { fr: 'contact', en: 'contact' } },
    { name: 'who', kind: 'text', completes: 'member', keys: ['qui', 'who', 'membre', 'member'], label: { fr: 'Membre', en: 'Member' }, prompt: { fr: 'Quel membre ?', en: 'Which member?' }, example: { fr: '@marie', en: '@marie' } },
    { name: 'page', kind: 'integer', keys: ['page'], label: { fr: 'Page', en: 'Page' }, prompt: { fr: 'Quelle page ?', en: 'Which page?' }, example: { fr: 'page:2', en: 'page:2' } },
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
    const memberNames = new Map((await ctx.tx.select({ id: members.id, name: members.displayName }).from(members).where(eq(members.workspaceId, ctx.workspace.id))).map((m) => [String(m.id), m.name]));
    const items = rows.slice(0, PAGE).map(({ entry, name }) =>
      ctx.t('audit.line', {
        at: formatDateTime(entry.createdAt, ctx.lang, ctx.timeZone),
        who: name ?? (entry.actor.startsWith('system:') ? ctx.t('audit.system') : entry.actor),
        action: actionText(ctx, entry, memberNames),
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

type AuditRow = typeof auditLog.$inferSelect;

/** One audit entry's action in words (« Effacement du contact #12 », "Setting change: data retention"). */
function actionText(ctx: CommandContext<unknown>, entry: AuditRow, memberNames: Map<string, string>): string {
  const details = entry.details;
  const detail = (key: string): string => (details[key] === undefined || details[key] === null ? '' : String(details[key]));
  const id = entry.targetId ?? '';
  const member = memberNames.get(id) ?? `#${id}`;
  switch (entry.action) {
    case 'contact.export':
      return ctx.t('audit.actions.contact_export', { id });
    case 'contact.forget':
      return ctx.t('audit.actions.contact_forget', { id });
    case 'contact.optout':
      return ctx.t('audit.actions.contact_optout', { id, channel: detail('channel') });
    case 'contact.optin':
      return ctx.t('audit.actions.contact_optin', { id, channel: detail('channel') });
    case 'contact.optout_override':
      return ctx.t('audit.actions.contact_optout_override', { id, channel: detail('channel') });
    case 'export':
      return typeof details.rows === 'number'
        ? ctx.t('audit.actions.export_rows', { kind: entry.targetType ?? '', rows: details.rows })
        : ctx.t('audit.actions.export', { kind: entry.targetType ?? '' });
    case 'import':
      return ctx.t('audit.actions.import', { kind: entry.targetType ?? '', dryRun: String(details.dryRun === true), file: detail('file') || '—' });
    case 'member.role':
      return ctx.t('audit.actions.member_role', { member, role: detail('to') });
    case 'member.team':
      return ctx.t('audit.actions.member_team', { member });
    case 'settings.change':
      if (entry.targetType === 'member') return ctx.t('audit.actions.member_nudges', { member, value: detail('nudges') });
      return id ? ctx.t('audit.actions.setting', { setting: id }) : ctx.t('audit.actions.setting_any');
    case 'retention.erase':
      return ctx.t('audit.actions.retention_erase', { id, years: Number(details.years ?? 0) });
    case 'retention.list':
      return ctx.t('audit.actions.retention_list', { contacts: Number(details.contacts ?? 0), years: Number(details.years ?? 0) });
    default:
      return ctx.t('audit.actions.other', { action: entry.action, target: entry.targetType ? `${entry.targetType} ${id}`.trim() : '—' });
  }
}
