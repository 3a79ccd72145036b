// Attachments (charts and export files) reach Slack as uploaded files: files.uploadV2 asks for
// an upload URL per file (files.getUploadURLExternal), posts the bytes there, then shares them
// in one message (files.completeUploadExternal). Slack types a file by its name's extension.
// Needs the `files:write` scope. An upload that fails is logged and skipped: the text of the
// reply has gone out (or will) on its own.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { attachmentBuffer, attachmentTitle, joinName, nameParts, type AttachmentBlock } from '../shared/attachments.ts';
import { truncate } from './slack-escape.ts';

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
export async function uploadAttachments(client: WebClient, target: UploadTarget, attachments: AttachmentBlock[], logger: Logger): Promise<number> {
  let shared = 0;
  for (let i = 0; i < attachments.length; i += FILES_PER_MESSAGE) {
    const batch = attachments.slice(i, i + FILES_PER_MESSAGE);
    try {
      await client.files.uploadV2({
        channel_id: target.channelId,
        ...(target.threadId ? { thread_ts: target.threadId } : {}),
        file_uploads: batch.map(upload),
      } as Parameters<WebClient['files']['uploadV2']>[0]);
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

/** The bot's DM channel with a member, or undefined (one warning) when Slack refuses to open it. */
export async function openDm(client: WebClient, userId: string, logger: Logger): Promise<string | undefined> {
  try {
    return (await client.conversations.open({ users: userId })).channel?.id;
  } catch (error) {
    logger.warn({ err: error, code: slackErrorCode(error), userId }, 'slack: could not open a DM with the member (for a private chart or file, a shortcut, a home button or a form answer)');
    return undefined;
  }
}
