// The shape of a Discord message object, shared by the two places discord.js builds a Message
// from a raw payload: MESSAGE_CREATE (discord-message-payloads.ts) and the message a message
// context-menu command targets (`data.resolved.messages`, discord-payloads.ts). See
// discord-message-payloads.ts for why these fields are checked and how strictly.
import { z } from 'zod';

export const snowflake = z.string().regex(/^\d{1,20}$/);
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
  // discord.js builds a bit field from these and throws on anything but a number.
  flags: z.number().int().nonnegative().optional(),
  public_flags: z.number().int().nonnegative().optional(),
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

/** A message object's fields as discord.js reads them (MESSAGE_CREATE adds `guild_id`, `member`, `mentions[].member`). */
export const messageFields = {
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
