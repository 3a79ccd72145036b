// Whose numbers a figure covers: me (default), my team, everyone, or one member. Reps only ever
// get their own (objective criteria, French labour code): anything else is refused.
import { and, eq } from 'drizzle-orm';
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { members } from '../../db/schema.ts';
import type { KpiScope } from '../../kpi/kpi.service.ts';
import { resolveMember } from './resolve-member.ts';

const SELF = new Set(['me', 'moi', 'mine', 'mes']);
const TEAM = new Set(['team', 'equipe', 'mon equipe', 'my team']);
const ALL = new Set(['all', 'tous', 'tout', 'everyone', 'tout le monde']);

export async function resolveKpiScope(ctx: CommandContext<unknown>, raw: string | undefined): Promise<{ scope: KpiScope; label: string }> {
  const who = raw ? normalizeKey(raw) : 'me';
  const base = { viewer: ctx.member, currency: ctx.workspace.currency };
  if (SELF.has(who)) return { scope: { ...base, memberIds: [ctx.member.id] }, label: ctx.t('kpi.scope_me') };
  if (ctx.member.role === 'rep') throw new UserError('kpi_scope_forbidden', { example: ctx.t('examples.kpi') });
  if (ALL.has(who)) return { scope: base, label: ctx.t('kpi.scope_all') };
  if (TEAM.has(who)) {
    if (!ctx.member.team) return { scope: base, label: ctx.t('kpi.scope_all') };
    const team = await ctx.tx.select({ id: members.id }).from(members).where(and(eq(members.workspaceId, ctx.workspace.id), eq(members.team, ctx.member.team)));
    return { scope: { ...base, memberIds: team.map((m) => m.id) }, label: ctx.t('kpi.scope_team', { team: ctx.member.team }) };
  }
  const target = await resolveMember(ctx, raw ?? '');
  return { scope: { ...base, memberIds: [target.id] }, label: target.displayName };
}
