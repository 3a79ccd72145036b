// Charts (image blocks) reach Slack as uploaded files: files.uploadV2 asks for an upload URL
// per file (files.getUploadURLExternal), posts the bytes there, then shares them in one message
// (files.completeUploadExternal). Needs the `files:write` scope. An upload that fails is logged
// and skipped: the text of the reply has gone out (or will) on its own.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Block } from '../../src/core/types.ts';
import { truncate } from './slack-escape.ts';

type WebClient = webApi.WebClient;

export type ImageBlock = Extract<Block, { type: 'image' }>;

export const isImage = (block: Block): block is ImageBlock => block.type === 'image';

/** Files shared together in one Slack message (completeUploadExternal takes up to 10). */
const FILES_PER_MESSAGE = 10;

export interface UploadTarget {
  channelId: string;
  threadId?: string;
}

/** A name Slack shows and types the file by: no folders or odd characters, ending in `.png`. */
export const slackFileName = (fileName: string): string => {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.png$/i, '').replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80);
  return `${base || 'chart'}.png`;
};

/** The Slack error code of a failed Web API call (`missing_scope`, `not_in_channel`…), if any. */
export const slackErrorCode = (error: unknown): string | undefined => (error as { data?: { error?: string } }).data?.error;

/**
 * Uploads the charts into a channel (or thread), ten per message. Returns how many were shared;
 * stops at the first failure, since the next ones would fail the same way (scope, membership).
 */
export async function uploadCharts(client: WebClient, target: UploadTarget, images: ImageBlock[], logger: Logger): Promise<number> {
  let shared = 0;
  for (let i = 0; i < images.length; i += FILES_PER_MESSAGE) {
    const batch = images.slice(i, i + FILES_PER_MESSAGE);
    try {
      await client.files.uploadV2({
        channel_id: target.channelId,
        ...(target.threadId ? { thread_ts: target.threadId } : {}),
        file_uploads: batch.map((image) => ({
          file: Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength),
          filename: slackFileName(image.fileName),
          title: truncate(image.title ?? image.alt, 250),
          alt_text: truncate(image.alt, 1000),
        })),
      } as Parameters<WebClient['files']['uploadV2']>[0]);
      shared += batch.length;
    } catch (error) {
      logger.warn(
        { err: error, code: slackErrorCode(error), channel: target.channelId, skipped: images.length - shared },
        'slack: chart upload failed (is the files:write scope granted and the bot in the channel?); the text reply is sent without it',
      );
      break;
    }
  }
  return shared;
}

/** The bot's DM channel with a member, or undefined when Slack refuses to open it. */
export async function openDm(client: WebClient, userId: string, logger: Logger): Promise<string | undefined> {
  try {
    return (await client.conversations.open({ users: userId })).channel?.id;
  } catch (error) {
    logger.warn({ err: error, code: slackErrorCode(error), userId }, 'slack: could not open a DM for a chart');
    return undefined;
  }
}
