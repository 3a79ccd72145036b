// The inbox: every platform delivery is written here before it is acknowledged, so a process
// killed between the acknowledgement and the commit loses nothing (Slack never redelivers a
// request it got a 200 for). The insert is also the delivery's claim: a retry of the same
// delivery, on any replica, finds the key and is acknowledged without doing the work again.
import { and, eq, inArray, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.ts';
import { inbox, inboxWorkers } from '../db/schema.ts';

export type InboxRow = typeof inbox.$inferSelect;

export interface IncomingDelivery {
  platform: string;
  key: string;
  tenant?: string;
  body: unknown;
  /** Where a late answer can go while it is valid (Slack response_url, Discord interaction token). */
  replyUrl?: string;
  requestId?: string;
}

/** After this long without a heartbeat, a replica is taken for dead and its rows are replayed. */
export const WORKER_DEAD_AFTER_MS = 15_000;
/** How often a live replica says so. */
export const HEARTBEAT_MS = 5_000;
/** Attempts before a delivery is given up (a bug, not a crash): logged and kept for support. */
export const MAX_INBOX_ATTEMPTS = 3;

/**
 * Records a delivery for `worker` (the replica that will work on it now). Resolves with the new
 * row's id, or undefined when the key was recorded already (a retry: acknowledge, do nothing).
 * One statement, one round trip.
 */
export async function recordDelivery(db: Executor, delivery: IncomingDelivery, worker: string, now: Date): Promise<number | undefined> {
  return (await recordDeliveries(db, [delivery], worker, now)).get(deliveryId(delivery));
}

/**
 * Records several deliveries in one statement (what piles up while an earlier insert is on its
 * way): the ids of the new rows by `platform` and `key`; a key missing from the answer was
 * recorded already. Keys must be distinct within the batch.
 */
export async function recordDeliveries(db: Executor, deliveries: IncomingDelivery[], worker: string, now: Date): Promise<Map<string, number>> {
  if (deliveries.length === 0) return new Map();
  const rows = await db
    .insert(inbox)
    .values(
      deliveries.map((delivery) => ({
        platform: delivery.platform,
        key: delivery.key,
        tenant: delivery.tenant ?? null,
        body: delivery.body,
        replyUrl: delivery.replyUrl ?? null,
        requestId: delivery.requestId ?? null,
        worker,
        receivedAt: now,
        claimedAt: now,
      })),
    )
    .onConflictDoNothing({ target: [inbox.platform, inbox.key] })
    .returning({ id: inbox.id, platform: inbox.platform, key: inbox.key });
  return new Map(rows.map((row) => [deliveryId(row), row.id]));
}

/** One delivery's identity across platforms. */
export const deliveryId = (delivery: { platform: string; key: string }): string => `${delivery.platform}\n${delivery.key}`;

/** The work is done (or refused for good): the row is kept a day for support, then purged. */
export async function finishDelivery(db: Executor, id: number, worker: string, now: Date): Promise<void> {
  await db.update(inbox).set({ status: 'done', doneAt: now, error: null }).where(and(eq(inbox.id, id), eq(inbox.worker, worker)));
}

/**
 * The work threw (the database went away, a bug): released for another attempt by any replica
 * after a pause, or given up after MAX_INBOX_ATTEMPTS.
 */
export async function failDelivery(db: Executor, row: Pick<InboxRow, 'id' | 'attempts' | 'worker'>, error: string, now: Date): Promise<'retry' | 'failed'> {
  const giveUp = row.attempts >= MAX_INBOX_ATTEMPTS;
  await db
    .update(inbox)
    .set(giveUp ? { status: 'failed', doneAt: now, error: error.slice(0, 500) } : { worker: '', claimedAt: now, error: error.slice(0, 500) })
    .where(and(eq(inbox.id, row.id), eq(inbox.worker, row.worker)));
  return giveUp ? 'failed' : 'retry';
}

/** This replica is alive (written before it accepts any request, then every HEARTBEAT_MS). */
export async function beat(db: Executor, worker: string, now: Date, startedAt: Date): Promise<void> {
  await db
    .insert(inboxWorkers)
    .values({ id: worker, startedAt, seenAt: now })
    .onConflictDoUpdate({ target: inboxWorkers.id, set: { seenAt: now } });
}

/** A replica stopping cleanly says so: its rows (none, once drained) are free at once. */
export async function retire(db: Executor, worker: string): Promise<void> {
  await db.delete(inboxWorkers).where(eq(inboxWorkers.id, worker));
}

/**
 * Takes over rows whose replica stopped beating (killed, frozen) and rows released after a
 * failure, oldest first, FOR UPDATE SKIP LOCKED so two replicas never take the same row.
 */
export async function claimOrphans(db: Database, worker: string, now: Date, options: { limit?: number; deadAfterMs?: number; platforms?: string[] } = {}): Promise<InboxRow[]> {
  // A replica takes only what it can replay (one without Discord leaves Discord's rows).
  if (options.platforms?.length === 0) return [];
  const deadBefore = new Date(now.getTime() - (options.deadAfterMs ?? WORKER_DEAD_AFTER_MS));
  return db.transaction(async (tx) => {
    // The claimer is alive by definition: what it takes is never taken from it by the next one.
    await beat(tx, worker, now, now);
    const alive = tx.select({ id: inboxWorkers.id }).from(inboxWorkers).where(sql`${inboxWorkers.seenAt} > ${deadBefore.toISOString()}::timestamptz`);
    // A released row waits a little longer after each failed attempt (10 s, 20 s…).
    const orphans = await tx
      .select({ id: inbox.id })
      .from(inbox)
      .where(
        and(
          eq(inbox.status, 'working'),
          options.platforms ? inArray(inbox.platform, options.platforms) : undefined,
          notInArray(inbox.worker, alive),
          sql`(${inbox.worker} <> '' or ${inbox.claimedAt} <= ${now.toISOString()}::timestamptz - make_interval(secs => 10 * ${inbox.attempts}))`,
        ),
      )
      .orderBy(inbox.id)
      .limit(options.limit ?? 20)
      .for('update', { skipLocked: true });
    if (orphans.length === 0) return [];
    return tx
      .update(inbox)
      .set({ worker, claimedAt: now, attempts: sql`${inbox.attempts} + 1` })
      .where(inArray(inbox.id, orphans.map((row) => row.id)))
      .returning();
  });
}

/** Finished rows older than `before` and replicas silent since then are removed (housekeeping). */
export async function purgeInbox(db: Executor, before: Date): Promise<number> {
  const removed = await db.delete(inbox).where(and(inArray(inbox.status, ['done', 'failed']), lte(inbox.doneAt, before))).returning({ id: inbox.id });
  await db.delete(inboxWorkers).where(lt(inboxWorkers.seenAt, before));
  return removed.length;
}

/** Rows not finished and the age of the oldest (for /metrics). */
export async function inboxBacklog(db: Executor, now: Date): Promise<{ depth: number; oldestAgeSeconds: number }> {
  const [row] = await db
    .select({ depth: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${inbox.receivedAt})` })
    .from(inbox)
    .where(eq(inbox.status, 'working'));
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : undefined;
  return { depth: row?.depth ?? 0, oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, (now.getTime() - oldest) / 1000) };
}
