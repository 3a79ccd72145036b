// What a MESSAGE_CREATE payload must look like before discord.js builds a Message from it.
// Like interactions (discord-payloads.ts), discord.js reads the raw packet inside its gateway
// handler and throws on some malformed ones (checked against discord.js 14.28: `author: null`,
// `mentions: "x"`, `mentions: [null]`, `member: "x"`, `mention_roles: 5`, `embeds: "x"`,
// `attachments: [null]`, `components: [null]`, `sticker_items: [null]`, `reactions: [null]`,
// `message_snapshots: [null]`, `poll`, `thread` or `application` not objects, an
// `interaction_metadata` without user), as an unhandled rejection. Others it accepts and passes
// on as junk (a number as content, no author). So the fields discord.js builds objects from are
// checked for their shape, and the ones Relance reads (ids, author, content, mentions) for their
// types and Discord's lengths. Objects stay open: discord.js reads more than Relance does, and
// a real message dropped here for being too strictly checked would be a message never answered.
// Shapes follow discord-api-docs: developers/resources/message.mdx (Message Structure) and
// developers/events/gateway-events.mdx (Message Create Extra Fields).
import { z } from 'zod';
import { checkPacket, type CheckedPacket } from './discord-payloads.ts';
import { messageFields as fields, snowflake } from './discord-message-shape.ts';

/** A reply carries the message it answers, built by discord.js as a Message too (one level is enough: it nests no further). */
const referencedMessage = z.looseObject({ ...fields, channel_id: snowflake.optional() });

export const messageCreateSchema = z.looseObject({ ...fields, referenced_message: referencedMessage.nullish() });

/** The MESSAGE_CREATE packet as discord.js may read it, or why it is dropped. */
export function checkMessage(packet: unknown): CheckedPacket {
  return checkPacket(messageCreateSchema, packet);
}
