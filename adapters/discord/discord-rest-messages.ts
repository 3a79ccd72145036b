// A rendered message (discord-message.renderer.ts), or the discord.js-shaped options the
// responder builds from one, as a raw API body plus its files for @discordjs/rest: snake_case,
// every mention disabled whatever the caller said, each file's alt text in `attachments`.
import type { RawFile } from '@discordjs/rest';
import type { DiscordFile, DiscordMessage } from './discord-message.renderer.ts';

export interface RestMessage {
  body: Record<string, unknown>;
  files: RawFile[];
}

/** `{content, embeds, components, files?, flags?, allowedMentions?}` → an API message body and its files. */
export function restMessage(options: Record<string, unknown>): RestMessage {
  const { files, allowedMentions: _ignored, ...rest } = options as Record<string, unknown> & { files?: DiscordFile[] };
  const list = files ?? [];
  return {
    body: {
      ...rest,
      // Nothing the bot says may ping anyone (interactions and webhooks default to pinging users).
      allowed_mentions: { parse: [] },
      ...(list.length > 0 ? { attachments: list.map((file, id) => ({ id, filename: file.name, ...(file.description ? { description: file.description } : {}) })) } : {}),
    },
    files: list.map((file) => ({ name: file.name, data: file.attachment })),
  };
}

/** A rendered message as the responder would send it (`flags` 64 for an ephemeral one). */
export const restMessageOf = (message: DiscordMessage, flags?: number): RestMessage =>
  restMessage({ content: message.content ?? '', embeds: message.embeds, components: message.components, ...(message.files ? { files: message.files } : {}), ...(flags ? { flags } : {}) });

/** The body without `flags`, which message edits and channel messages do not take as the responder means them. */
export function withoutFlags(message: RestMessage): RestMessage {
  const { flags: _flags, ...body } = message.body;
  return { body, files: message.files };
}
