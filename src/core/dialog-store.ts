// Pending conversations live in PostgreSQL, keyed by platform, channel, thread and user, so a
// restart or another replica can pick up the answer. `version` turns a double click into one
// answer: every write checks the version it read.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { conversations } from '../db/schema.ts';
import type { Question } from './context.ts';
import type { ConversationRef } from './types.ts';

/** A command waiting for answers: re-run with `values` and `answers` once `question` is answered. */
export interface PendingCommand {
  /** Canonical command path, e.g. `['deal', 'lost']`. */
  path: string[];
  values: Record<string, unknown>;
  answers: Record<string, string>;
  question: Question;
  /** When the question is an argument prompt, the argument it fills. */
  argName?: string;
  /** Where the conversation happens, for reminders. */
  ref?: ConversationRef;
  /** The member's language when asked (the question is worded in it). */
  lang?: 'fr' | 'en';
  /** Set once a reminder about this unfinished conversation was sent. */
  reminded?: boolean;
}

export interface DialogRow {
  key: string;
  dialog: string;
  step: string;
  data: PendingCommand;
  version: number;
  expiresAt: Date;
}

export const conversationKey = (ref: ConversationRef): string =>
  [ref.platform, ref.channelId, ref.threadId ?? '-', ref.userId].join(':');

export async function loadDialog(tx: Executor, workspaceId: number, key: string): Promise<DialogRow | undefined> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.key, key)))
    .limit(1);
  return row ? { ...row, data: row.data as unknown as PendingCommand } : undefined;
}

/** Writes the pending state; with `expectedVersion`, only if nobody changed it meanwhile. Returns false on a lost race. */
export async function saveDialog(
  tx: Executor,
  workspaceId: number,
  key: string,
  data: PendingCommand,
  expiresAt: Date,
  now: Date,
  expectedVersion?: number,
): Promise<boolean> {
  const payload = data as unknown as Record<string, unknown>;
  if (expectedVersion === undefined) {
    await tx
      .insert(conversations)
      .values({ workspaceId, key, dialog: 'command', step: data.question.key, data: payload, expiresAt, updatedAt: now })
      .onConflictDoUpdate({
        target: [conversations.workspaceId, conversations.key],
        set: {
          dialog: 'command',
          step: data.question.key,
          data: payload,
          expiresAt,
          version: sql`${conversations.version} + 1`,
          updatedAt: now,
        },
      });
    return true;
  }
  const updated = await tx
    .update(conversations)
    .set({ step: data.question.key, data: payload, expiresAt, version: expectedVersion + 1, updatedAt: now })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.key, key), eq(conversations.version, expectedVersion)))
    .returning({ key: conversations.key });
  return updated.length > 0;
}

/** Deletes the pending state; with `expectedVersion`, only that version. Returns whether a row went. */
export async function deleteDialog(tx: Executor, workspaceId: number, key: string, expectedVersion?: number): Promise<boolean> {
  const conditions = [eq(conversations.workspaceId, workspaceId), eq(conversations.key, key)];
  if (expectedVersion !== undefined) conditions.push(eq(conversations.version, expectedVersion));
  const deleted = await tx
    .delete(conversations)
    .where(and(...conditions))
    .returning({ key: conversations.key });
  return deleted.length > 0;
}
