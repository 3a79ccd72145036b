// Decides the day's reminders: for every member whose reminder window is open and who has no
// message planned for that day yet, one set-based INSERT … SELECT picks the open deals that need
// a follow-up, and one outbox row per member carries the grouped message. Both are written in
// one transaction; unique keys make replicas and reruns harmless.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ConversationRef, Platform } from '../core/types.ts';
import { queryRows, type Database, type Executor } from '../db/client.ts';
import { deals, members, nudges, outbox, workspaces } from '../db/schema.ts';
import { nudgeSettings, type NudgeSettings } from './nudge-settings.ts';
import { reminderWindow } from './reminder-window.ts';

/** A member's direct conversation with the bot: adapters open the DM from the user id. */
export const directRef = (platform: string, workspaceExternalId: string, userId: string): ConversationRef => ({
  platform: platform as Platform,
  workspaceId: workspaceExternalId,
  channelId: userId,
  userId,
  isDM: true,
});

/**
 * True for a deal (of the `deals` table, unaliased) with no activity for the workspace's stale
 * threshold of its stage: the reminder's `stale` reason, also the managers' stale count.
 */
export function staleDealCondition(settings: NudgeSettings, now: Date): SQL {
  const stale = JSON.stringify(settings.staleDaysByStage);
  return sql`coalesce(${deals.lastActivityAt}, ${deals.createdAt})
          < ${now.toISOString()}::timestamptz - make_interval(days => coalesce((${stale}::jsonb ->> ${deals.stage})::int, ${settings.staleDays}))`;
}

/**
 * The deals of `ownerIds` that need a follow-up on local day `window`, with their reasons (and
 * amount, which orders them). Shared by the planner, `/relance preview` and "my day" so what is
 * previewed is what is sent.
 */
export function dueDealsQuery(workspaceId: number, ownerIds: number[], settings: NudgeSettings, window: string, now: Date) {
  return sql`
    select owner_id, id as deal_id, reasons, amount_minor from (
      select ${deals.ownerId} as owner_id, ${deals.id} as id, ${deals.amountMinor} as amount_minor, array_remove(array[
        case when ${staleDealCondition(settings, now)}
          then 'stale' end,
        case when ${deals.nextStepDue} < ${window}::date then 'next_step_overdue' end,
        case when ${deals.expectedCloseDate} < ${window}::date then 'close_date_passed' end,
        -- A deal opened yesterday may not have its next step yet; after a day it should.
        case when ${deals.nextStep} is null and ${deals.nextStepDue} is null
          and ${deals.createdAt} < ${now.toISOString()}::timestamptz - interval '1 day' then 'no_next_step' end
      ], null) as reasons
      from ${deals}
      where ${deals.workspaceId} = ${workspaceId} and ${deals.status} = 'open' and ${inArray(deals.ownerId, ownerIds)}
        and (${deals.snoozedUntil} is null or ${deals.snoozedUntil} <= ${now.toISOString()}::timestamptz)
    ) due where cardinality(reasons) > 0`;
}

export interface PlanResult {
  members: number;
  nudges: number;
  messages: number;
}

async function planWorkspace(tx: Executor, ws: { id: number; platform: string; externalId: string; timeZone: string; settings: Record<string, unknown> }, now: Date): Promise<PlanResult> {
  const settings = nudgeSettings(ws.settings);
  if (!settings.enabled) return { members: 0, nudges: 0, messages: 0 };
  const people = await tx
    .select({ id: members.id, userId: members.platformUserId, timeZone: members.timeZone })
    .from(members)
    .where(and(eq(members.workspaceId, ws.id), eq(members.nudgesEnabled, true)));
  // Members grouped by their local day (time zones can put them on different dates).
  const byWindow = new Map<string, Array<{ id: number; userId: string; notAfter: Date }>>();
  for (const person of people) {
    const open = reminderWindow(settings, person.timeZone ?? ws.timeZone, now);
    if (!open.open) continue;
    const list = byWindow.get(open.window) ?? [];
    list.push({ id: person.id, userId: person.userId, notAfter: open.notAfter });
    byWindow.set(open.window, list);
  }
  const result: PlanResult = { members: 0, nudges: 0, messages: 0 };
  for (const [window, candidates] of byWindow) {
    // A member whose day is already planned is left alone until tomorrow.
    const planned = await tx
      .select({ memberId: outbox.memberId })
      .from(outbox)
      .where(and(eq(outbox.workspaceId, ws.id), eq(outbox.kind, 'nudges'), eq(outbox.window, window), inArray(outbox.memberId, candidates.map((c) => c.id))));
    const done = new Set(planned.map((p) => p.memberId));
    const todo = candidates.filter((c) => !done.has(c.id));
    if (todo.length === 0) continue;
    result.members += todo.length;
    // Counted per member in the database: up to one row per open deal is inserted, and
    // returning them all to JavaScript cost as much as inserting them.
    const perMember = await queryRows<{ member_id: number; n: number }>(
      tx,
      sql`with inserted as (
            insert into ${nudges} (workspace_id, member_id, deal_id, "window", reasons, created_at)
            select ${ws.id}, owner_id, deal_id, ${window}::date, to_jsonb(reasons), ${now.toISOString()}::timestamptz from (${dueDealsQuery(ws.id, todo.map((c) => c.id), settings, window, now)}) due
            on conflict (deal_id, "window") do nothing
            returning member_id)
          select member_id, count(*)::int as n from inserted group by member_id`,
    );
    result.nudges += perMember.reduce((total, row) => total + Number(row.n), 0);
    const withNudges = new Set(perMember.map((r) => Number(r.member_id)));
    const messages = todo
      .filter((c) => withNudges.has(c.id))
      .map((c) => ({
        workspaceId: ws.id,
        kind: 'nudges' as const,
        key: `nudges:${c.id}:${window}`,
        ref: directRef(ws.platform, ws.externalId, c.userId) as unknown as Record<string, unknown>,
        memberId: c.id,
        window,
        nextAttemptAt: now,
        notAfter: c.notAfter,
        createdAt: now,
      }));
    if (messages.length > 0) {
      const created = await tx.insert(outbox).values(messages).onConflictDoNothing().returning({ id: outbox.id });
      result.messages += created.length;
    }
  }
  return result;
}

/** Plans every workspace (or one), each in its own transaction. */
export async function planNudges(db: Database, now: Date, only?: { workspaceId: number }): Promise<PlanResult> {
  const list = await db
    .select({ id: workspaces.id, platform: workspaces.platform, externalId: workspaces.externalId, timeZone: workspaces.timeZone, settings: workspaces.settings })
    .from(workspaces)
    .where(only ? eq(workspaces.id, only.workspaceId) : sql`true`);
  const total: PlanResult = { members: 0, nudges: 0, messages: 0 };
  for (const ws of list) {
    const result = await db.transaction((tx) => planWorkspace(tx, ws, now));
    total.members += result.members;
    total.nudges += result.nudges;
    total.messages += result.messages;
  }
  return total;
}
