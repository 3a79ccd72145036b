// Attachments (charts and export files) reach Slack as uploaded files: files.uploadV2 asks for
// an upload URL per file (files.getUploadURLExternal), posts the bytes there, then shares them
// in one message (files.completeUploadExternal). Slack types a file by its name's extension.
// Needs the `files:write` scope. An upload that fails is logged and skipped: the text of the
// reply has gone out (or will) on its own.
// DMs: the bot's DM channel with a member is opened once and remembered (conversations.open is
// Tier 3, about 50 a minute per workspace: 2,000 reminders must not open 2,000 DMs every time).
// Uploads and DM openings go through the pacer (slack-pacing.ts).
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { attachmentBuffer, attachmentTitle, joinName, nameParts, type AttachmentBlock } from '../shared/attachments.ts';
import { instrumentSlackClient } from './slack-client-metrics.ts';
import { truncate } from './slack-escape.ts';
import { pacedSlackCall, type SlackPacing } from './slack-pacing.ts';

type WebClient = webApi.WebClient;

/** Files shared together in one Slack message (completeUploadExternal takes up to 10). */
const FILES_PER_MESSAGE = 10;

export interface UploadTarget {
  channelId: string;
  threadId?: string;
}

/** A name Slack shows and types the file by: no folders or odd characters, ending in its extension (`.png` for charts). */
export const slackFileName = (block: AttachmentBlock): string => {
  const { base, extension, fallback } = nameParts(block);
  const clean = base.replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80);
  return joinName(clean || fallback, extension);
};

/** The Slack error code of a failed Web API call (`missing_scope`, `not_in_channel`…), if any. */
export const slackErrorCode = (error: unknown): string | undefined => (error as { data?: { error?: string } }).data?.error;

/** One entry of files.uploadV2's `file_uploads`: charts carry alt text, files do not. */
const upload = (block: AttachmentBlock) => ({
  file: attachmentBuffer(block),
  filename: slackFileName(block),
  title: truncate(attachmentTitle(block), 250),
  ...(block.type === 'image' ? { alt_text: truncate(block.alt, 1000) } : {}),
});

/**
 * Uploads charts and files into a channel (or thread), ten per message. Returns how many were
 * shared; stops at the first failure, since the next ones would fail the same way (scope, membership).
 */
export async function uploadAttachments(client: WebClient, target: UploadTarget, attachments: AttachmentBlock[], logger: Logger, pacing: SlackPacing = {}): Promise<number> {
  instrumentSlackClient(client);
  let shared = 0;
  for (let i = 0; i < attachments.length; i += FILES_PER_MESSAGE) {
    const batch = attachments.slice(i, i + FILES_PER_MESSAGE);
    try {
      // One getUploadURLExternal per file and one completeUploadExternal (both Tier 4).
      await pacedSlackCall(
        client,
        'files.uploadV2',
        undefined,
        () =>
          client.files.uploadV2({
            channel_id: target.channelId,
            ...(target.threadId ? { thread_ts: target.threadId } : {}),
            file_uploads: batch.map(upload),
          } as Parameters<WebClient['files']['uploadV2']>[0]),
        pacing,
        batch.length + 1,
      );
      shared += batch.length;
    } catch (error) {
      logger.warn(
        { err: error, code: slackErrorCode(error), channel: target.channelId, skipped: attachments.length - shared },
        'slack: file upload failed (is the files:write scope granted and the bot in the channel?); the text reply is sent without it',
      );
      break;
    }
  }
  return shared;
}

/**
 * A DM channel id never changes for a bot and a member; kept a week all the same, and at most
 * DM_CACHE_SIZE members per client (the oldest forgotten first).
 */
const DM_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const DM_CACHE_SIZE = 20_000;
const dmChannels = new WeakMap<object, Map<string, { channel: string; at: number }>>();
/** Openings in flight: a member who gets several messages at once is opened once. */
const dmOpening = new WeakMap<object, Map<string, Promise<string | undefined>>>();

const mapFor = <V>(maps: WeakMap<object, Map<string, V>>, client: WebClient): Map<string, V> => {
  let map = maps.get(client);
  if (!map) {
    map = new Map();
    maps.set(client, map);
  }
  return map;
};

/** Remembered per workspace as well: the same member id seen from another workspace is opened there. */
const dmKey = (userId: string, pacing: SlackPacing): string => `${pacing.team ?? ''}:${userId}`;

/** Forgets a member's DM channel (Slack said it is gone): the next message opens it again. */
export function forgetDm(client: WebClient, userId: string, pacing: SlackPacing = {}): void {
  dmChannels.get(client)?.delete(dmKey(userId, pacing));
}

/** The bot's DM channel with a member, remembered; Slack's errors are thrown. */
export async function openDmChannel(client: WebClient, userId: string, pacing: SlackPacing = {}): Promise<string | undefined> {
  instrumentSlackClient(client);
  const key = dmKey(userId, pacing);
  const cache = mapFor(dmChannels, client);
  const known = cache.get(key);
  if (known && Date.now() - known.at < DM_TTL_MS) return known.channel;
  const opening = mapFor(dmOpening, client);
  const inFlight = opening.get(key);
  if (inFlight) return inFlight;
  const open = (async () => {
    try {
      const channel = (await pacedSlackCall(client, 'conversations.open', undefined, () => client.conversations.open({ users: userId }), pacing)).channel?.id;
      if (channel) {
        cache.delete(key);
        cache.set(key, { channel, at: Date.now() });
        if (cache.size > DM_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return channel;
    } finally {
      opening.delete(key);
    }
  })();
  opening.set(key, open);
  return open;
}

/** The bot's DM channel with a member, or undefined (one warning) when Slack refuses to open it. */
export async function openDm(client: WebClient, userId: string, logger: Logger, pacing: SlackPacing = {}): Promise<string | undefined> {
  try {
    return await openDmChannel(client, userId, pacing);
  } catch (error) {
    logger.warn({ err: error, code: slackErrorCode(error), userId }, 'slack: could not open a DM with the member (for a private chart or file, a shortcut, a home button or a form answer)');
    return undefined;
  }
}
