// Sends what the outbox holds: claims due rows, builds each message at send time (reminders
// from the member's pending nudges, digests from the pipeline), sends, and records the result.
import { performance } from 'node:perf_hooks';
import { and, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import { pickLang } from '../core/i18n/i18n.ts';
import type { ConversationRef, Reply } from '../core/types.ts';
import type { Database } from '../db/client.ts';
import { withOutboxSend } from '../delivery/send-scope.ts';
import { members, nudges, workspaces } from '../db/schema.ts';
import { digestReply } from './digest.service.ts';
import { pendingNudges, nudgeReply } from './nudge-message.ts';
import { claimDue, markFailed, markSent, renewClaim, type OutboxRow } from './outbox.service.ts';

export type Send = (ref: ConversationRef, reply: Reply) => Promise<void>;

export interface DeliveryResult {
  sent: number;
  failed: number;
  empty: number;
}

async function build(db: Database, row: OutboxRow, now: Date): Promise<{ reply: Reply | null; nudgeIds: number[] }> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, row.workspaceId));
  if (!ws) return { reply: null, nudgeIds: [] };
  if (row.kind === 'digest') return { reply: await digestReply(db, ws, row.window, now), nudgeIds: [] };
  const [member] = await db.select().from(members).where(eq(members.id, row.memberId ?? -1));
  if (!member || !member.nudgesEnabled) return { reply: null, nudgeIds: [] };
  const lines = await pendingNudges(db, ws.id, member.id, row.window, now);
  if (lines.length === 0) return { reply: null, nudgeIds: [] };
  return { reply: nudgeReply(pickLang(member.language, member.locale ?? undefined, ws.defaultLanguage), lines), nudgeIds: lines.map((l) => l.nudgeId) };
}

/** `workspaceId` limits the run to one workspace (tests sharing a database). */
export async function deliverOutbox(db: Database, options: { now: Date; worker: string; send: Send; logger: Logger; workspaceId?: number }): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, empty: 0 };
  // The run's clock moves on while it sends: leases are renewed at the real elapsed time.
  const started = performance.now();
  const current = () => new Date(options.now.getTime() + (performance.now() - started));
  for (;;) {
    const claimed = await claimDue(db, options.now, options.worker, options.workspaceId === undefined ? {} : { workspaceId: options.workspaceId });
    if (claimed.length === 0) return result;
    for (const row of claimed) {
      try {
        const { reply, nudgeIds } = await build(db, row, options.now);
        if (!reply) {
          // Everything was dealt with since planning (or the member switched reminders off).
          await markSent(db, row, options.now, 'nothing left to send');
          result.empty += 1;
          continue;
        }
        // Taken over by another sender since our claim (a long batch): theirs to send now.
        if (!(await renewClaim(db, row, current()))) continue;
        // Paced calls inside give up (and the row is retried) rather than start after notAfter:
        // the deadline on the real clock, since the run's clock may be fixed (tests, --now).
        const deadline = Date.now() + (row.notAfter.getTime() - current().getTime());
        await withOutboxSend({ deadline }, () => options.send(row.ref as unknown as ConversationRef, reply));
        await db.transaction(async (tx) => {
          await markSent(tx, row, options.now);
          await tx.update(nudges).set({ status: 'sent', sentAt: options.now }).where(and(inArray(nudges.id, nudgeIds), eq(nudges.status, 'pending')));
        });
        result.sent += 1;
      } catch (error) {
        options.logger.error({ err: error, outbox: row.id, kind: row.kind }, 'outbox message could not be sent');
        await markFailed(db, row, options.now, error instanceof Error ? error.message : String(error));
        result.failed += 1;
      }
    }
  }
}
