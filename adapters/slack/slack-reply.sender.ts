// Sends a Reply into Slack: through a response_url when one exists (slash commands and
// buttons), else through the Web API: ephemeral for private replies, with a DM as fallback
// when an ephemeral cannot reach the member (the bot is not in that channel).
// Attachments (charts and export files) are uploaded as files (slack-files.ts): after the text
// for replies the channel sees; for private replies, which cannot carry files, into the
// member's DM first, and the ephemeral text says so.
// Every Web API call waits for its turn in the pacer (slack-pacing.ts): per channel and per
// workspace for posts, per workspace and method for the rest, so a burst of reminders stays
// within Slack's limits; the client is instrumented (calls and 429s counted) on first use.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { hasMessage, translate } from '../../src/core/i18n/i18n.ts';
import type { ConversationRef, Lang, Reply } from '../../src/core/types.ts';
import { renderMessages, type SlackMessage } from './block-kit.renderer.ts';
import { escapeMrkdwn } from './slack-escape.ts';
import type { Pacer } from '../../src/delivery/pacer.ts';
import { isAttachment, type AttachmentBlock } from '../shared/attachments.ts';
import { instrumentSlackClient } from './slack-client-metrics.ts';
import { forgetDm, openDm, openDmChannel, slackErrorCode, uploadAttachments } from './slack-files.ts';
import { pacedSlackCall, type SlackPacing } from './slack-pacing.ts';

type WebClient = webApi.WebClient;

export type RespondFn = (message: Record<string, unknown>) => Promise<unknown>;

/** What a reply with attachments needs besides the message itself. */
export interface Delivery {
  client: WebClient;
  ref: ConversationRef;
  logger: Logger;
  /** Another pacer than the process's (tests). */
  pacer?: Pacer;
}

const pacingOf = (delivery: { ref?: ConversationRef; pacer?: Pacer }, team?: string): SlackPacing => ({
  ...(team ?? delivery.ref?.workspaceId ? { team: team ?? delivery.ref!.workspaceId } : {}),
  ...(delivery.pacer ? { pacer: delivery.pacer } : {}),
});

/** Catalogue key of the note added to a private reply whose charts went to the member's DM. */
export const CHART_IN_DM_KEY = 'charts.sent_to_dm';

/**
 * The same note when an export file went there too. Not in the catalogue yet: until it is,
 * the chart wording stands in, so the member still learns where the file went.
 */
export const FILE_IN_DM_KEY = 'files.sent_to_dm';

/** The note in the member's language, or nothing while the catalogue lacks the key. */
export function inDmNote(attachments: AttachmentBlock[], lang: Lang): string | undefined {
  const key = attachments.some((block) => block.type === 'file') && hasMessage(FILE_IN_DM_KEY) ? FILE_IN_DM_KEY : CHART_IN_DM_KEY;
  return hasMessage(key) ? translate(lang, key) : undefined;
}

/** Appends a short context line to the last message (or a new one when that is full). */
function withNote(messages: SlackMessage[], note: string | undefined): SlackMessage[] {
  if (!note) return messages;
  const block = { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(note) }] };
  const last = messages.at(-1);
  if (last && last.blocks.length < 50) return [...messages.slice(0, -1), { ...last, blocks: [...last.blocks, block] }];
  return [...messages, { text: escapeMrkdwn(note), blocks: [block] }];
}

/**
 * Private replies cannot carry files: charts and files go to the member's DM with the bot.
 * Returns the note for the reply when at least one went there and "there" is not this conversation.
 */
async function attachmentsToDm(attachments: AttachmentBlock[], delivery: Delivery, lang: Lang): Promise<string | undefined> {
  const dm = await openDm(delivery.client, delivery.ref.userId, delivery.logger, pacingOf(delivery));
  if (!dm) return undefined;
  const shared = await uploadAttachments(delivery.client, { channelId: dm }, attachments, delivery.logger, pacingOf(delivery));
  if (shared === 0 || dm === delivery.ref.channelId) return undefined;
  return inDmNote(attachments.slice(0, shared), lang);
}

const uploadHere = (attachments: AttachmentBlock[], delivery: Delivery): Promise<number> =>
  uploadAttachments(delivery.client, { channelId: delivery.ref.channelId, ...(delivery.ref.threadId ? { threadId: delivery.ref.threadId } : {}) }, attachments, delivery.logger, pacingOf(delivery));

export async function sendViaResponseUrl(respond: RespondFn, reply: Reply, replaceOriginal: boolean, delivery: Delivery): Promise<void> {
  const attachments = reply.blocks.filter(isAttachment);
  const inChannel = reply.visibility === 'channel';
  const note = attachments.length > 0 && !inChannel ? await attachmentsToDm(attachments, delivery, reply.lang) : undefined;
  for (const [index, message] of withNote(renderMessages(reply), note).entries()) {
    await respond({
      response_type: inChannel ? 'in_channel' : 'ephemeral',
      replace_original: replaceOriginal && index === 0,
      text: message.text,
      blocks: message.blocks,
    });
  }
  if (attachments.length > 0 && inChannel) await uploadHere(attachments, delivery);
}

const UNREACHABLE = new Set(['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived']);

export async function sendViaApi(client: WebClient, target: ConversationRef, reply: Reply, delivery: Omit<Delivery, 'client' | 'ref'>): Promise<void> {
  instrumentSlackClient(client);
  const pacing = pacingOf(delivery, target.workspaceId);
  let ref = target;
  // A job writing to a member directly (reminders) knows only the user id: open the DM (once:
  // slack-files.ts remembers it).
  const openedByUser = ref.isDM && ref.channelId === ref.userId;
  if (openedByUser) {
    const dm = await openDmChannel(client, ref.userId, pacing);
    if (!dm) throw new Error(`slack: could not open a DM with ${ref.userId}`);
    ref = { ...ref, channelId: dm };
  }
  const context: Delivery = { ...delivery, client, ref };
  const attachments = reply.blocks.filter(isAttachment);
  const visibleHere = ref.isDM || reply.visibility === 'channel';
  const note = attachments.length > 0 && !visibleHere ? await attachmentsToDm(attachments, context, reply.lang) : undefined;
  const post = (channel: string, message: Record<string, unknown>) =>
    pacedSlackCall(client, 'chat.postMessage', channel, () => client.chat.postMessage({ channel, ...message } as Parameters<WebClient['chat']['postMessage']>[0]), pacing);
  for (const message of withNote(renderMessages(reply), note)) {
    const base = { text: message.text, blocks: message.blocks as never, ...(ref.threadId ? { thread_ts: ref.threadId } : {}) };
    if (visibleHere) {
      try {
        await post(ref.channelId, base);
      } catch (error) {
        // A remembered DM Slack no longer knows: opened afresh next time.
        if (openedByUser && UNREACHABLE.has(slackErrorCode(error) ?? '')) forgetDm(client, ref.userId, pacing);
        throw error;
      }
      continue;
    }
    try {
      await pacedSlackCall(client, 'chat.postEphemeral', ref.channelId, () => client.chat.postEphemeral({ channel: ref.channelId, user: ref.userId, ...base }), pacing);
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code || !UNREACHABLE.has(code)) throw error;
      const dm = await openDmChannel(client, ref.userId, pacing);
      if (!dm) throw error;
      await post(dm, { text: message.text, blocks: message.blocks as never });
    }
  }
  if (attachments.length > 0 && visibleHere) await uploadHere(attachments, context);
}
