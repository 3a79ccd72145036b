// Role scoping, in SQL: reps see their own deals, managers their team's, admins everything.
// Every deal query goes through `visibleDeals` so no command can forget it.
import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { deals, members } from '../db/schema.ts';
import type { Executor } from '../db/client.ts';
import type { MemberRow } from '../core/context.ts';

export function visibleDeals(member: MemberRow, db: Executor): SQL {
  const inWorkspace = eq(deals.workspaceId, member.workspaceId);
  if (member.role === 'admin') return inWorkspace;
  if (member.role === 'manager') {
    // A manager without a team manages the whole workspace (small teams rarely set teams).
    if (!member.team) return inWorkspace;
    const team = db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.workspaceId, member.workspaceId), eq(members.team, member.team)));
    return and(inWorkspace, or(eq(deals.ownerId, member.id), inArray(deals.ownerId, team)))!;
  }
  return and(inWorkspace, eq(deals.ownerId, member.id))!;
}

/** Whether `member` may see members other than themselves in lists and reports. */
export const canSeeOthers = (member: MemberRow): boolean => member.role !== 'rep';
