// The last plain-language question of a thread or DM, kept for a while so « et le mois
// dernier ? » can follow it. Keyed by place without the member: in a channel thread, the next
// person may follow up too (the command still runs under their own rights).
import { and, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { conversationTopics } from '../db/schema.ts';
import type { ConversationRef } from '../core/types.ts';
import type { Frame } from './understanding.types.ts';

/** How long a question can be followed up. */
export const TOPIC_TTL_MS = 30 * 60 * 1000;

export const topicPlace = (ref: ConversationRef): string => [ref.platform, ref.channelId, ref.threadId ?? '-', ref.isDM ? ref.userId : '*'].join(':');

export async function loadTopic(db: Executor, workspaceId: number, ref: ConversationRef, now: Date): Promise<Frame | undefined> {
  const [row] = await db
    .select({ frame: conversationTopics.frame })
    .from(conversationTopics)
    .where(and(eq(conversationTopics.workspaceId, workspaceId), eq(conversationTopics.place, topicPlace(ref)), gt(conversationTopics.expiresAt, now)))
    .limit(1);
  return row ? (row.frame as unknown as Frame) : undefined;
}

export async function saveTopic(db: Executor, workspaceId: number, ref: ConversationRef, frame: Frame, now: Date): Promise<void> {
  const values = { frame: frame as unknown as Record<string, unknown>, expiresAt: new Date(now.getTime() + TOPIC_TTL_MS), updatedAt: now };
  await db
    .insert(conversationTopics)
    .values({ workspaceId, place: topicPlace(ref), ...values })
    .onConflictDoUpdate({ target: [conversationTopics.workspaceId, conversationTopics.place], set: values });
}
