// Logging an activity: the row itself, and on a deal the "last touched" time and next step.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { activities, deals, nudges, type ActivityType, type Direction, type Outcome } from '../db/schema.ts';

export type ActivityRow = typeof activities.$inferSelect;

export interface NewActivity {
  workspaceId: number;
  loggedBy: number;
  type: ActivityType;
  direction?: Direction | undefined;
  outcome?: Outcome | undefined;
  durationMinutes?: number | undefined;
  notes?: string | undefined;
  dealId?: number | null | undefined;
  companyId?: number | null | undefined;
  contactId?: number | null | undefined;
  occurredAt: Date;
  /** The chat message it was logged from (message shortcut, context menu). */
  source?: { url?: string | undefined; label?: string | undefined } | undefined;
}

export async function logActivity(
  tx: Executor,
  input: NewActivity,
  now: Date,
  nextStep?: { text: string; due: string },
): Promise<ActivityRow> {
  const [row] = await tx
    .insert(activities)
    .values({
      workspaceId: input.workspaceId,
      loggedBy: input.loggedBy,
      type: input.type,
      direction: input.direction ?? null,
      outcome: input.outcome ?? null,
      durationMinutes: input.durationMinutes ?? null,
      notes: input.notes ?? null,
      dealId: input.dealId ?? null,
      companyId: input.companyId ?? null,
      contactId: input.contactId ?? null,
      occurredAt: input.occurredAt,
      sourceUrl: input.source?.url ?? null,
      sourceLabel: input.source?.label ?? null,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('activity insert returned nothing');
  if (input.dealId) {
    await tx
      .update(deals)
      .set({
        // Back-dated entries must not make a deal look fresher than its latest activity.
        lastActivityAt: sql`greatest(${deals.lastActivityAt}, ${input.occurredAt.toISOString()}::timestamptz)`,
        updatedAt: now,
        ...(nextStep ? { nextStep: nextStep.text, nextStepDue: nextStep.due } : {}),
      })
      .where(and(eq(deals.workspaceId, input.workspaceId), eq(deals.id, input.dealId)));
    // The deal has been worked on: a reminder about it not yet sent is withdrawn.
    await tx.update(nudges).set({ status: 'cleared' }).where(and(eq(nudges.workspaceId, input.workspaceId), eq(nudges.dealId, input.dealId), eq(nudges.status, 'pending')));
  }
  return row;
}
