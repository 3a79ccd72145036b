// What the interactive listeners share (slash commands, clicks, submissions, shortcuts): the
// origin a modal carries, whether a channel is a DM, and the sink that opens a reply's form as
// a modal while the trigger is fresh, else answers in the conversation.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Block, ReplySink } from '../../src/core/types.ts';
import { renderModal, type ModalOrigin } from './modal.renderer.ts';

type WebClient = App['client'];

/** Where a modal was opened from (we wrote it into private_metadata); undefined if unreadable. */
const originSchema = z.object({
  channelId: z.string().min(1).max(255),
  threadId: z.string().min(1).max(255).optional(),
  dm: z.boolean().optional(),
});

export function readOrigin(privateMetadata: string): ModalOrigin | undefined {
  try {
    const parsed = originSchema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const isDmChannel = (channelId: string, channelName?: string): boolean => channelId.startsWith('D') || channelName === 'directmessage';

/** The form of a reply, if it has one. */
export const formOf = (blocks: Block[]): Extract<Block, { type: 'form' }> | undefined => blocks.find((block): block is Extract<Block, { type: 'form' }> => block.type === 'form');

/**
 * A sink that opens the reply's form as a modal (views.open with the trigger) while the trigger
 * is still worth trying, and otherwise — no form, trigger too old, views.open refused — answers
 * through `fallback` (a question asked step by step in the conversation).
 */
export function formSink(
  client: WebClient,
  triggerId: string,
  receivedAt: number,
  origin: ModalOrigin,
  fallback: ReplySink,
  options: { logger: Logger; triggerWindowMs: number },
): ReplySink {
  return async (reply) => {
    const form = formOf(reply.blocks);
    if (form && Date.now() - receivedAt < options.triggerWindowMs) {
      try {
        await client.views.open({ trigger_id: triggerId, view: renderModal(form, origin) as never });
        return;
      } catch (error) {
        // Expired or used trigger: ask step by step in the conversation instead.
        options.logger.warn({ err: error }, 'views.open failed, asking in the conversation');
      }
    }
    await fallback(reply);
  };
}
