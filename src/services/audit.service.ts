// The audit log: one row per sensitive action (export, erasure, opt-out, role or settings
// change, import), with who, what, on which record, when and how it ended.
import type { Executor } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

export interface AuditEntry {
  workspaceId: number;
  /** The member who acted, or null with an `actor` label for the system and the command line. */
  memberId: number | null;
  actor: string;
  action: string;
  targetType?: string | undefined;
  targetId?: string | number | undefined;
  outcome: 'ok' | 'refused' | 'failed';
  details?: Record<string, unknown> | undefined;
  at: Date;
}

export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    memberId: entry.memberId,
    actor: entry.actor,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    outcome: entry.outcome,
    details: entry.details ?? {},
    createdAt: entry.at,
  });
}
