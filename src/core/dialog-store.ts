// Pending conversations ("flows") live in PostgreSQL so a restart or another replica can pick
// up the answer. A flow is one member's command on one record (`/qualify #12`): it is keyed by
// member + command path + record, so a member can leave a qualification waiting for days while
// running other commands, and two flows never share a question. Each row also keeps the place
// (platform, channel, thread, member) where its question was last asked: a bare answer ("1",
// "oui") goes to the member's latest flow there. `flowId` is what the flow's buttons carry, so
// a click on an old message reaches its own flow or is told it ended. `version` turns a double
// click into one answer: every write checks the version it read.
import { randomBytes } from 'node:crypto';
import type { Frame } from '../understand/understanding.types.ts';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
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
  /** The record the flow is about, as typed (`#12`), for "resume with /qualify #12". */
  subject?: string;
  /** The command line as first typed after the command words, to say how to resume it. */
  line?: string;
  /**
   * A follow-up offered after a command committed (`ctx.offer`): `yes` runs `path` with
   * `values`, `no` answers `declined` and ends the flow.
   */
  offer?: { declined: string };
  /**
   * A sentence understood but naming two records equally (two Acme deals): the answer fills
   * `arg` in `frame`, then the sentence goes on (answered, or shown for confirmation).
   */
  understood?: { frame: Frame; arg: string };
  /** The chat message a capture form was opened from: kept on the activity it logs. */
  source?: { url?: string; label?: string };
}

export interface FlowRow {
  key: string;
  place: string;
  flowId: string;
  data: PendingCommand;
  version: number;
  expiresAt: Date;
  updatedAt: Date;
}

/** Where a question is asked: platform, channel, thread and member. */
export const placeKey = (ref: ConversationRef): string => [ref.platform, ref.channelId, ref.threadId ?? '-', ref.userId].join(':');

/** The flow's identity: member + command path + record (normalised), whatever the channel. */
export const flowKey = (ref: ConversationRef, path: string[], subject: string | undefined): string =>
  [`${ref.platform}:${ref.userId}`, path.join(' '), subject ?? ''].join('|');

/** A fresh id for a flow's buttons: 10 url-safe characters (a button id has 100 at most on Discord). */
export const newFlowId = (): string => randomBytes(8).toString('base64url').slice(0, 10);

const toRow = (row: typeof conversations.$inferSelect): FlowRow => ({
  key: row.key,
  place: row.place,
  flowId: row.flowId,
  data: row.data as unknown as PendingCommand,
  version: row.version,
  expiresAt: row.expiresAt,
  updatedAt: row.updatedAt,
});

export async function loadFlow(tx: Executor, workspaceId: number, key: string): Promise<FlowRow | undefined> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.key, key)))
    .limit(1);
  return row ? toRow(row) : undefined;
}

/** The flow a button belongs to, only if it is this member's (a button in a shared channel stays theirs). */
export async function loadFlowById(tx: Executor, workspaceId: number, flowId: string, ref: ConversationRef): Promise<FlowRow | undefined> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.flowId, flowId)))
    .limit(1);
  return row && row.key.startsWith(`${ref.platform}:${ref.userId}|`) ? toRow(row) : undefined;
}

/** The member's most recently asked flow in a place, other than `exceptKey`. */
export async function latestFlowIn(tx: Executor, workspaceId: number, place: string, exceptKey?: string): Promise<FlowRow | undefined> {
  const conditions = [eq(conversations.workspaceId, workspaceId), eq(conversations.place, place)];
  if (exceptKey !== undefined) conditions.push(ne(conversations.key, exceptKey));
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(...conditions))
    .orderBy(desc(conversations.asked))
    .limit(1);
  return row ? toRow(row) : undefined;
}

/** The next place in the order of asking (see the `asked` column). */
const nextAsked = sql<number>`nextval('conversations_asked_seq')`;

export interface FlowWrite {
  key: string;
  place: string;
  flowId: string;
  data: PendingCommand;
  expiresAt: Date;
  now: Date;
}

/**
 * Writes the pending state. With `expectedVersion`, only if nobody changed it meanwhile (false
 * on a lost race); without, it starts the flow or replaces it (the same command typed again).
 * Either way the flow moves to `place` and becomes the latest there.
 */
export async function saveFlow(tx: Executor, workspaceId: number, write: FlowWrite, expectedVersion?: number): Promise<boolean> {
  const payload = write.data as unknown as Record<string, unknown>;
  const step = write.data.question.key;
  if (expectedVersion === undefined) {
    await tx
      .insert(conversations)
      .values({ workspaceId, key: write.key, place: write.place, flowId: write.flowId, dialog: 'command', step, data: payload, expiresAt: write.expiresAt, updatedAt: write.now })
      .onConflictDoUpdate({
        target: [conversations.workspaceId, conversations.key],
        set: { place: write.place, flowId: write.flowId, asked: nextAsked, dialog: 'command', step, data: payload, expiresAt: write.expiresAt, version: sql`${conversations.version} + 1`, updatedAt: write.now },
      });
    return true;
  }
  const updated = await tx
    .update(conversations)
    .set({ place: write.place, asked: nextAsked, step, data: payload, expiresAt: write.expiresAt, version: expectedVersion + 1, updatedAt: write.now })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.key, write.key), eq(conversations.version, expectedVersion)))
    .returning({ key: conversations.key });
  return updated.length > 0;
}

/** Marks a flow as the latest in `place` (it was resumed there) without changing its question. */
export async function touchFlow(tx: Executor, workspaceId: number, key: string, place: string, now: Date): Promise<void> {
  await tx
    .update(conversations)
    .set({ place, asked: nextAsked, updatedAt: now })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.key, key)));
}

/** Deletes a flow; with `expectedVersion`, only that version. Returns whether a row went. */
export async function deleteFlow(tx: Executor, workspaceId: number, key: string, expectedVersion?: number): Promise<boolean> {
  const conditions = [eq(conversations.workspaceId, workspaceId), eq(conversations.key, key)];
  if (expectedVersion !== undefined) conditions.push(eq(conversations.version, expectedVersion));
  const deleted = await tx
    .delete(conversations)
    .where(and(...conditions))
    .returning({ key: conversations.key });
  return deleted.length > 0;
}
