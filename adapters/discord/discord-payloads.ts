// What an INTERACTION_CREATE payload must look like before discord.js builds an interaction
// from it. discord.js reads the raw packet inside its gateway handler (where nothing of ours
// could catch a throw) and keeps much of it in caches, so the packet is checked with zod
// first: the fields discord.js and Relance read, with their types and Discord's lengths. A
// context-menu command must name a target that its `resolved` data holds (the message to log,
// the member whose deals to list): discord.js would otherwise build an interaction without one.
// Objects stay open (discord.js reads more fields than Relance does, and Discord adds some);
// `entitlements` and `authorizing_integration_owners`, which discord.js requires, default to empty.
import { z } from 'zod';
import { messageFields } from './discord-message-shape.ts';

const snowflake = z.string().regex(/^\d{1,20}$/);
/** Permission bit sets arrive as decimal strings. */
const bits = z.string().regex(/^\d{1,40}$/);
const name = z.string().min(1).max(100);
const locale = z.string().min(2).max(16);
const customId = z.string().min(1).max(100);

const user = z.looseObject({
  id: snowflake,
  username: name,
  global_name: z.string().max(100).nullish(),
  discriminator: z.string().max(8).optional(),
  avatar: z.string().max(100).nullish(),
  bot: z.boolean().optional(),
  flags: z.number().int().nonnegative().optional(),
  public_flags: z.number().int().nonnegative().optional(),
});

const member = z.looseObject({
  user,
  nick: z.string().max(100).nullish(),
  roles: z.array(snowflake).max(500).optional(),
  permissions: bits.optional(),
  joined_at: z.string().max(64).nullish(),
  avatar: z.string().max(100).nullish(),
});

const channel = z.looseObject({
  id: snowflake,
  type: z.number().int().min(0).max(100),
  name: z.string().max(100).nullish(),
  guild_id: snowflake.optional(),
  parent_id: snowflake.nullish(),
  last_message_id: snowflake.nullish(),
  permissions: bits.optional(),
  topic: z.string().max(4096).nullish(),
  flags: z.number().int().optional(),
  recipients: z.array(user).max(10).optional(),
});

/** A chat-input option; subcommands (1) and groups (2) nest options, at most two levels deep. */
type Option = { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: Option[] };
const optionAt = (depth: number): z.ZodType<Option> =>
  z.looseObject({
    name: z.string().min(1).max(32),
    type: z.number().int().min(1).max(11),
    value: z.union([z.string().max(6000), z.number().finite(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    ...(depth > 0 ? { options: z.array(optionAt(depth - 1)).max(25).optional() } : {}),
  }) as unknown as z.ZodType<Option>;

/** A slash command (chat input, data.type 1): what autocomplete interactions carry too. */
const chatInputData = z.looseObject({
  id: snowflake,
  name: z.string().min(1).max(32),
  type: z.literal(1),
  options: z.array(optionAt(2)).max(25).optional(),
  guild_id: snowflake.optional(),
});

/** A member as `resolved.members` gives them: without their user, which is in `resolved.users`. */
const resolvedMember = member.omit({ user: true });
/**
 * The message a message command targets: a message object (discord.js builds a Message from it).
 * Discord gives its content whatever the intents: the member chose to hand it to the app.
 */
const resolvedMessage = z.looseObject({ ...messageFields, type: messageFields.type.optional() });

/**
 * What a context-menu command resolved. discord.js pairs each of `members` with its entry in
 * `users` (and throws without one), so a member without its user is refused here.
 */
const resolved = z
  .looseObject({
    users: z.record(snowflake, user).optional(),
    members: z.record(snowflake, resolvedMember).optional(),
    messages: z.record(snowflake, resolvedMessage).optional(),
  })
  .refine((r) => Object.keys(r.members ?? {}).every((id) => r.users?.[id] !== undefined), { message: 'resolved member without its user', path: ['members'] });

/** A context-menu command (user 2, message 3): its target, named by `target_id`, must be in `resolved`. */
const contextMenuData = <T extends 2 | 3>(type: T, kind: 'users' | 'messages') =>
  z
    .looseObject({
      id: snowflake,
      // Context-menu names may hold spaces and capitals, 32 characters at most.
      name: z.string().min(1).max(32),
      type: z.literal(type),
      target_id: snowflake,
      resolved,
      guild_id: snowflake.optional(),
    })
    .refine((d) => d.resolved[kind]?.[d.target_id] !== undefined, { message: `target not in resolved.${kind}`, path: ['resolved', kind] });

/** An application command: a slash command, or the user (2) and message (3) context menus Relance registers. */
const commandData = z.discriminatedUnion('type', [chatInputData, contextMenuData(2, 'users'), contextMenuData(3, 'messages')]);

const componentData = z.looseObject({
  custom_id: customId,
  // Buttons and string selects: the components Relance sends.
  component_type: z.union([z.literal(2), z.literal(3)]),
  values: z.array(z.string().max(100)).max(25).optional(),
});

const textInput = z.looseObject({ type: z.number().int(), custom_id: customId, value: z.string().max(4000).optional() });
const modalData = z.looseObject({
  custom_id: customId,
  components: z
    .array(z.union([z.looseObject({ type: z.literal(1), components: z.array(textInput).max(5) }), z.looseObject({ type: z.literal(18), component: textInput })]))
    .max(5),
});

/** The message a component or modal belongs to: what discord.js builds a Message from (it
 * reads more; a throw from the rest is caught by the guard). */
const message = z.looseObject({
  id: snowflake,
  channel_id: snowflake.optional(),
  author: user.optional(),
  mentions: z.array(user).max(100).optional(),
  mention_roles: z.array(snowflake).max(250).optional(),
  content: z.string().max(4000).optional(),
  flags: z.number().int().nonnegative().optional(),
  embeds: z.array(z.looseObject({})).max(10).optional(),
  components: z.array(z.looseObject({ type: z.number().int() })).max(40).optional(),
  attachments: z.array(z.looseObject({ id: snowflake })).max(10).optional(),
});

const common = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
  version: z.number().int().optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: channel.optional(),
  guild: z.looseObject({ id: snowflake, locale: locale.optional(), features: z.array(z.string().max(100)).max(100).optional() }).optional(),
  user: user.optional(),
  member: member.optional(),
  locale: locale.optional(),
  guild_locale: locale.nullish(),
  app_permissions: bits.optional(),
  entitlements: z.array(z.looseObject({ id: snowflake })).max(100).default([]),
  authorizing_integration_owners: z.record(z.string().max(4), snowflake).default({}),
  context: z.number().int().min(0).max(10).nullish(),
  attachment_size_limit: z.number().int().nonnegative().optional(),
};

export const interactionSchema = z
  .discriminatedUnion('type', [
    z.looseObject({ ...common, type: z.literal(2), data: commandData }),
    z.looseObject({ ...common, type: z.literal(4), data: chatInputData }),
    z.looseObject({ ...common, type: z.literal(3), data: componentData, message: message.optional() }),
    z.looseObject({ ...common, type: z.literal(5), data: modalData, message: message.optional() }),
  ])
  // Someone must be behind it: the member's user in a server, the user in a DM.
  .refine((d) => d.user !== undefined || d.member !== undefined, { message: 'user or member required', path: ['user'] });

/** An interaction payload that passed interactionSchema (gateway packet or HTTP request body). */
export type CheckedInteractionPayload = z.infer<typeof interactionSchema>;

/** A PING (type 1): what Discord sends to the Interactions Endpoint URL to check it answers. */
export const pingSchema = z.looseObject({ type: z.literal(1) });

/** A gateway packet checked before discord.js reads it: the parsed data, or why it is dropped. */
export type CheckedPacket = { ok: true; data: Record<string, unknown> } | { ok: false; id: string | undefined; type: number | undefined; problems: string[] };
export type CheckedInteraction = CheckedPacket;

/** The packet as discord.js may read it, or why it is dropped (short, whatever was sent). */
export function checkInteraction(packet: unknown): CheckedInteraction {
  return checkPacket(interactionSchema, packet);
}

/** Parses a packet with a schema; on failure, its id and type if they look right, and at most three short problems. */
export function checkPacket(schema: z.ZodType, packet: unknown): CheckedPacket {
  const parsed = schema.safeParse(packet);
  if (parsed.success) return { ok: true, data: parsed.data as Record<string, unknown> };
  const raw = (typeof packet === 'object' && packet !== null ? packet : {}) as { id?: unknown; type?: unknown };
  return {
    ok: false,
    id: typeof raw.id === 'string' && /^\d{1,20}$/.test(raw.id) ? raw.id : undefined,
    type: typeof raw.type === 'number' && Number.isInteger(raw.type) ? raw.type : undefined,
    problems: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.map((key) => String(key).slice(0, 40)).join('.').slice(0, 120) || '(packet)'}: ${issue.message.slice(0, 120)}`),
  };
}

/** An error for a log line: name, code and a bounded message (some messages quote the payload). */
export function briefError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 300) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message.slice(0, 300), ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}), stack: error.stack?.slice(0, 1500) };
}
