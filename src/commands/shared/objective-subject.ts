// Who an objective is for: a member (@marie), a team (equipe:Nord / team:North, or a known team
// name) or the whole workspace (tous/all). Managers set objectives for their own team and its
// members; admins and managers without a team for anyone.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { members } from '../../db/schema.ts';
import type { KpiSubject } from '../../kpi/kpi.service.ts';
import { resolveMember } from './resolve-member.ts';

const ALL = new Set(['all', 'tous', 'tout', 'everyone', 'tout le monde', 'entreprise', 'company']);

export interface ResolvedSubject {
  subject: KpiSubject;
  label: string;
  memberId: number | null;
  team: string | null;
}

export async function resolveObjectiveSubject(ctx: CommandContext<unknown>, raw: string | undefined): Promise<ResolvedSubject> {
  const text = (raw ?? '').trim();
  const key = normalizeKey(text);
  let resolved: ResolvedSubject;
  if (text === '' || ALL.has(key)) {
    resolved = { subject: { kind: 'all' }, label: ctx.t('kpi.scope_all'), memberId: null, team: null };
  } else {
    const explicitTeam = /^(?:equipe|team)\s*[:=]?\s*(.+)$/i.exec(text.normalize('NFD').replace(/\p{M}/gu, ''));
    const teams = await ctx.tx.selectDistinct({ team: members.team }).from(members).where(and(eq(members.workspaceId, ctx.workspace.id), isNotNull(members.team)));
    const wanted = explicitTeam ? normalizeKey(explicitTeam[1]!) : key;
    const team = teams.find((row) => row.team !== null && normalizeKey(row.team) === wanted)?.team;
    if (team) {
      resolved = { subject: { kind: 'team', name: team }, label: ctx.t('kpi.scope_team', { team }), memberId: null, team };
    } else if (explicitTeam) {
      throw new UserError('team_unknown', { name: explicitTeam[1]!.trim() });
    } else {
      const member = await resolveMember(ctx, text);
      resolved = { subject: { kind: 'member', id: member.id }, label: member.displayName, memberId: member.id, team: member.team };
    }
  }
  return resolved;
}

/** Managers with a team act on their team and its members only; admins on anyone. */
export function assertMayManage(ctx: CommandContext<unknown>, target: ResolvedSubject): void {
  if (ctx.member.role === 'admin' || !ctx.member.team) return;
  if (target.team !== ctx.member.team) throw new UserError('objective_forbidden', { team: ctx.member.team });
}
