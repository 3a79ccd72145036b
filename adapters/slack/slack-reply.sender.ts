// Sends a Reply into Slack: through a response_url when one exists (slash commands and
// buttons), else through the Web API: ephemeral for private replies, with a DM as fallback
// when an ephemeral cannot reach the member (the bot is not in that channel).
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import type { ConversationRef, Reply } from '../../src/core/types.ts';
import { renderMessages } from './block-kit.renderer.ts';

export type RespondFn = (message: Record<string, unknown>) => Promise<unknown>;

export async function sendViaResponseUrl(respond: RespondFn, reply: Reply, replaceOriginal: boolean): Promise<void> {
  for (const [index, message] of renderMessages(reply).entries()) {
    await respond({
      response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
      replace_original: replaceOriginal && index === 0,
      text: message.text,
      blocks: message.blocks,
    });
  }
}

const UNREACHABLE = new Set(['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived']);

export async function sendViaApi(client: WebClient, ref: ConversationRef, reply: Reply): Promise<void> {
  for (const message of renderMessages(reply)) {
    const base = { text: message.text, blocks: message.blocks as never, ...(ref.threadId ? { thread_ts: ref.threadId } : {}) };
    if (ref.isDM || reply.visibility === 'channel') {
      await client.chat.postMessage({ channel: ref.channelId, ...base });
      continue;
    }
    try {
      await client.chat.postEphemeral({ channel: ref.channelId, user: ref.userId, ...base });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (!code || !UNREACHABLE.has(code)) throw error;
      const opened = await client.conversations.open({ users: ref.userId });
      const dm = opened.channel?.id;
      if (!dm) throw error;
      await client.chat.postMessage({ channel: dm, text: message.text, blocks: message.blocks as never });
    }
  }
}
