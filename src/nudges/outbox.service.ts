// The outbox: rows are claimed with FOR UPDATE SKIP LOCKED (two senders never take the same
// row), marked `sending` with a lease, and marked `sent` after delivery. A sender that dies
// between claim and send leaves a `sending` row whose lease expires: the next run sends it.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.ts';
import { outbox } from '../db/schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;

/** How long a claim protects a row; past it the row is considered abandoned. */
export const CLAIM_LEASE_MS = 2 * 60 * 1000;
const MAX_ATTEMPTS = 5;

export async function claimDue(db: Database, now: Date, worker: string, options: { limit?: number; workspaceId?: number } = {}): Promise<OutboxRow[]> {
  const mine = options.workspaceId === undefined ? sql`true` : eq(outbox.workspaceId, options.workspaceId);
  return db.transaction(async (tx) => {
    // Too late to send today: dropped rather than sent at night.
    await tx
      .update(outbox)
      .set({ status: 'expired', error: 'outside working hours' })
      .where(and(mine, inArray(outbox.status, ['pending', 'sending']), lte(outbox.notAfter, now)));
    const abandoned = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          mine,
          sql`((${outbox.status} = 'pending' and ${outbox.nextAttemptAt} <= ${now.toISOString()}::timestamptz)
            or (${outbox.status} = 'sending' and ${outbox.claimedAt} < ${abandoned}::timestamptz))`,
        ),
      )
      .orderBy(outbox.id)
      .limit(options.limit ?? 50)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ status: 'sending', claimedBy: worker, claimedAt: now, attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due.map((d) => d.id)))
      .returning();
  });
}

/** Marks a claimed row done; only the claim holder may (a taken-over claim is not overwritten). */
export async function markSent(db: Executor, row: OutboxRow, now: Date, note?: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: now, error: note ?? null })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.claimedBy, row.claimedBy ?? '')));
}

/** Retries later with backoff (1, 2, 4, 8 minutes), then gives up. */
export async function markFailed(db: Executor, row: OutboxRow, now: Date, error: string): Promise<void> {
  const giveUp = row.attempts >= MAX_ATTEMPTS;
  await db
    .update(outbox)
    .set({
      status: giveUp ? 'failed' : 'pending',
      error: error.slice(0, 500),
      nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** Math.max(0, row.attempts - 1)),
    })
    .where(and(eq(outbox.id, row.id), eq(outbox.claimedBy, row.claimedBy ?? '')));
}

/**
 * Re-takes a claimed row just before sending it, renewing its lease. False when another sender
 * took it over (a batch that ran past the lease): the row is then theirs to send, not ours.
 */
export async function renewClaim(db: Executor, row: OutboxRow, now: Date): Promise<boolean> {
  const renewed = await db
    .update(outbox)
    .set({ claimedAt: now })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.claimedBy, row.claimedBy ?? '')))
    .returning({ id: outbox.id });
  return renewed.length === 1;
}
