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

const snowflake = z.string().regex(/^\d{1,20}$/);
/** Content: 2,000 characters, 4,000 with Nitro. */
const CONTENT_MAX = 4_000;

const user = z.looseObject({
  id: snowflake,
  username: z.string().max(100).optional(),
  global_name: z.string().max(100).nullish(),
  discriminator: z.string().max(8).optional(),
  avatar: z.string().max(100).nullish(),
  bot: z.boolean().optional(),
  system: z.boolean().optional(),
});

/** The author's partial member in a server (no user inside); each mentioned user may carry one too. */
const member = z.looseObject({
  nick: z.string().max(100).nullish(),
  roles: z.array(snowflake).max(500).optional(),
  joined_at: z.string().max(64).nullish(),
  avatar: z.string().max(100).nullish(),
});

const anObject = z.looseObject({});
const withId = z.looseObject({ id: snowflake });
/** `interaction_metadata` (and the deprecated `interaction`): discord.js builds the user. */
const interactionMetadata = z.looseObject({ id: snowflake, user });

const fields = {
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.optional(),
  channel_type: z.number().int().min(0).max(255).optional(),
  type: z.number().int().min(0).max(255),
  author: user,
  member: member.optional(),
  content: z.string().max(CONTENT_MAX).optional(),
  timestamp: z.string().max(64).optional(),
  edited_timestamp: z.string().max(64).nullish(),
  tts: z.boolean().optional(),
  pinned: z.boolean().optional(),
  nonce: z.union([z.string().max(64), z.number()]).optional(),
  flags: z.number().int().nonnegative().optional(),
  webhook_id: snowflake.optional(),
  application_id: snowflake.optional(),
  mention_everyone: z.boolean().optional(),
  mentions: z.array(user.extend({ member: member.optional() })).max(250).optional(),
  mention_roles: z.array(snowflake).max(250).optional(),
  mention_channels: z.array(withId).max(250).optional(),
  embeds: z.array(anObject).max(10).optional(),
  attachments: z.array(withId).max(10).optional(),
  components: z.array(z.looseObject({ type: z.number().int() })).max(40).optional(),
  sticker_items: z.array(withId).max(3).optional(),
  reactions: z.array(z.looseObject({ emoji: anObject })).max(100).optional(),
  message_reference: anObject.optional(),
  message_snapshots: z.array(z.looseObject({ message: anObject })).max(10).optional(),
  interaction_metadata: interactionMetadata.optional(),
  interaction: interactionMetadata.optional(),
  thread: withId.optional(),
  poll: anObject.optional(),
  application: withId.optional(),
  activity: anObject.optional(),
  role_subscription_data: anObject.optional(),
  resolved: anObject.optional(),
  call: anObject.optional(),
};

/** A reply carries the message it answers, built by discord.js as a Message too (one level is enough: it nests no further). */
const referencedMessage = z.looseObject({ ...fields, channel_id: snowflake.optional() });

export const messageCreateSchema = z.looseObject({ ...fields, referenced_message: referencedMessage.nullish() });

/** The MESSAGE_CREATE packet as discord.js may read it, or why it is dropped. */
export function checkMessage(packet: unknown): CheckedPacket {
  return checkPacket(messageCreateSchema, packet);
}
