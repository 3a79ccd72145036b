// Whose numbers a figure covers: me (default), my team, everyone, or one member. Reps only ever
// get their own (objective criteria, French labour code): anything else is refused. `group` says
// whether the figures are a team's or the workspace's (which a manager may post in a channel)
// rather than one person's (always answered privately).
import { and, eq } from 'drizzle-orm';
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { members } from '../../db/schema.ts';
import type { KpiScope } from '../../kpi/kpi.service.ts';
import { findMember, isMemberReference, resolveMember } from './resolve-member.ts';

const SELF = new Set(['me', 'moi', 'mine', 'mes']);
const TEAM = new Set(['team', 'equipe', 'mon equipe', 'my team']);
const ALL = new Set(['all', 'tous', 'tout', 'everyone', 'tout le monde']);

/**
 * `unknownWord` answers a bare word that is no scope word and names no member (`/kpi convrsion`
 * is a mistyped figure, not a person): it comes before a rep's refusal, which is for real scopes.
 */
export async function resolveKpiScope(
  ctx: CommandContext<unknown>,
  raw: string | undefined,
  options: { unknownWord?: (word: string) => Error } = {},
): Promise<{ scope: KpiScope; label: string; group: boolean }> {
  const who = raw ? normalizeKey(raw) : 'me';
  const base = { viewer: ctx.member, currency: ctx.workspace.currency };
  const self = { scope: { ...base, memberIds: [ctx.member.id], subject: { kind: 'member' as const, id: ctx.member.id } }, label: ctx.t('kpi.scope_me'), group: false };
  if (SELF.has(who)) return self;
  if (raw && options.unknownWord && !TEAM.has(who) && !ALL.has(who) && !isMemberReference(raw)) {
    const named = await findMember(ctx, raw);
    if (!named) throw options.unknownWord(raw.trim());
    if (named.id === ctx.member.id) return self;
  }
  if (ctx.member.role === 'rep') throw new UserError('kpi_scope_forbidden', { example: ctx.t('examples.kpi') });
  const everyone = { scope: { ...base, subject: { kind: 'all' as const } }, label: ctx.t('kpi.scope_all'), group: true };
  if (ALL.has(who)) return everyone;
  if (TEAM.has(who)) {
    if (!ctx.member.team) return everyone;
    const team = await ctx.tx.select({ id: members.id }).from(members).where(and(eq(members.workspaceId, ctx.workspace.id), eq(members.team, ctx.member.team)));
    return { scope: { ...base, memberIds: team.map((m) => m.id), subject: { kind: 'team', name: ctx.member.team } }, label: ctx.t('kpi.scope_team', { team: ctx.member.team }), group: true };
  }
  const target = await resolveMember(ctx, raw ?? '');
  return { scope: { ...base, memberIds: [target.id], subject: { kind: 'member', id: target.id } }, label: target.displayName, group: false };
}
