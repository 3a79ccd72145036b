// Discord interactions → core events, from the facts both transports give: the gateway
// (discord.js objects, discord-interactions.ts) and the Interactions Endpoint URL (raw API
// payloads, discord-api-interactions.ts). One mapping, so a command typed through either becomes
// the same event. Chat-input options are turned back into a command line (`name:"value"`), so
// Discord and typed commands share one parser and one guided mode. The message context menu
// becomes a capture (the message to log, with where it came from), the member context menu the
// command line `deal list <@id>`.
import type { Actor, AutocompleteEvent, CaptureEvent, ConversationRef, EventBase, IncomingEvent, MessageSource } from '../../src/core/types.ts';
import { LOG_MESSAGE, MEMBER_DEALS } from './discord-context-menus.ts';
import { parseButtonId } from './discord-message.renderer.ts';
import { clickOriginOf, type Origin } from './discord-origin.ts';

/** Each server is a Relance workspace; outside servers (DMs) each person has their own. */
export const dmWorkspaceId = (userId: string): string => `user:${userId}`;

/** A chat-input option as both the API and discord.js's `options.data` give it. */
export interface OptionData {
  name: string;
  type: number;
  value?: string | number | boolean | null | undefined;
  focused?: boolean | undefined;
  options?: readonly OptionData[] | undefined;
}

/** The message a message command targets, as Relance reads it. */
export interface TargetMessage {
  id: string;
  content: string;
  channelId: string | undefined;
  author: { id: string; name: string } | undefined;
}

/** What Relance reads of an interaction, whichever transport brought it. */
export interface InteractionFacts {
  id: string;
  /** The interaction type (2 command, 3 component, 4 autocomplete, 5 modal submit). */
  type: number;
  guildId: string | undefined;
  channelId: string | undefined;
  /** The channel's type (1 a DM) and name, when the interaction carries them. */
  channelType: number | undefined;
  channelName: string | undefined;
  /** Where the interaction happened (0 server, 1 bot DM, 2 private channel); absent on older payloads. */
  context: number | null | undefined;
  user: { id: string; username: string; globalName: string | null | undefined };
  /** The member's name in the server (nickname, or their name), when in a server. */
  memberName: string | undefined;
  locale: string | undefined;
  /** An application command (1 chat input, 2 user menu, 3 message menu) or its autocomplete. */
  command?: { name: string; kind: number; options: readonly OptionData[]; targetId?: string | undefined; targetMessage?: TargetMessage | undefined };
  /** A button (2) or string select (3). */
  component?: { customId: string; componentType: number; values: readonly string[] };
  /** A modal submission: its custom_id and the non-empty values by input. */
  modal?: { customId: string; values: Record<string, string> };
}

/**
 * Where an interaction happened: its server and channel, or the member's DM. A click in the DM on
 * a private reply to a server mention happened, for the core, where the mention was (`origin`,
 * discord-origin.ts): its question was stored there.
 */
export const refOfFacts = (facts: InteractionFacts, origin?: Origin): ConversationRef =>
  origin
    ? { platform: 'discord', workspaceId: origin.guildId, channelId: origin.channelId, userId: facts.user.id, isDM: false }
    : {
        platform: 'discord',
        workspaceId: facts.guildId ?? dmWorkspaceId(facts.user.id),
        channelId: facts.channelId ?? `dm:${facts.user.id}`,
        userId: facts.user.id,
        isDM: !facts.guildId,
      };

export const actorOfFacts = (facts: InteractionFacts): Actor => ({
  id: facts.user.id,
  displayName: facts.memberName ?? facts.user.globalName ?? facts.user.username,
  locale: facts.locale,
});

const quote = (value: string | number | boolean): string => `"${String(value).replace(/["“”]/g, "'")}"`;

/** The subcommand (a first option of type 1) and the options that carry values. */
function leafOptions(options: readonly OptionData[]): { sub: string | undefined; leaf: readonly OptionData[] } {
  const first = options[0];
  return first?.type === 1 ? { sub: first.name, leaf: first.options ?? [] } : { sub: undefined, leaf: options };
}

/** `deal new name:"Acme renewal" company:"Acme"` from a command's name and options. */
export function commandLineOf(name: string, options: readonly OptionData[]): { name: string; text: string; path: string } {
  const { sub, leaf } = leafOptions(options);
  const args = leaf.filter((o) => o.value !== undefined && o.value !== null).map((o) => `${o.name}:${quote(o.value as string | number | boolean)}`);
  return { name, text: [sub ?? '', ...args].filter(Boolean).join(' '), path: [name, sub].filter(Boolean).join(' ') };
}

/** The autocomplete event of an interaction of type 4 (the option being typed is `focused`). */
export function autocompleteOfFacts(facts: InteractionFacts): AutocompleteEvent {
  const { sub, leaf } = leafOptions(facts.command?.options ?? []);
  const focused = leaf.find((o) => o.focused) ?? leaf[0];
  return {
    kind: 'autocomplete',
    command: [facts.command?.name ?? '', sub].filter(Boolean).join(' '),
    option: focused?.name ?? '',
    partial: String(focused?.value ?? ''),
    ref: refOfFacts(facts),
    actor: actorOfFacts(facts),
    idempotencyKey: `discord:${facts.id}`,
  };
}

/** A click's origin and its custom_id as the core wrote it (discord-origin.ts), for clicks in a bot DM. */
export const clickOfFacts = (facts: InteractionFacts) =>
  facts.component && (facts.component.componentType === 2 || facts.component.componentType === 3)
    ? clickOriginOf({ guildId: facts.guildId, channelType: facts.channelType, context: facts.context, customId: facts.component.customId })
    : undefined;

/** The core event of a repliable interaction, or undefined for kinds Relance does not use. */
export function eventOfFacts(facts: InteractionFacts): IncomingEvent | undefined {
  const clicked = clickOfFacts(facts);
  const base = { ref: refOfFacts(facts, clicked?.origin), actor: actorOfFacts(facts), idempotencyKey: `discord:${facts.id}`, raw: { id: facts.id, type: facts.type } };
  const { command, component, modal } = facts;
  if (facts.type === 2 && command) {
    if (command.kind === 1) return { ...base, kind: 'command', ...pick(commandLineOf(command.name, command.options)) };
    if (command.kind === 3) return command.name === LOG_MESSAGE.name ? captureOfFacts(facts, base) : undefined;
    // The member is named by their mention, which the core reads as that member (resolve-member.ts).
    if (command.kind === 2) return command.name === MEMBER_DEALS.name && command.targetId ? { ...base, kind: 'command', name: 'deal', text: `list <@${command.targetId}>` } : undefined;
    return undefined;
  }
  // The custom_id as the core wrote it, without the origin a DM click carries.
  if (facts.type === 3 && component?.componentType === 2) return { ...base, kind: 'action', ...parseButtonId(clicked?.customId ?? component.customId) };
  if (facts.type === 3 && component?.componentType === 3) return { ...base, kind: 'action', actionId: clicked?.customId ?? component.customId, value: component.values[0] ?? '' };
  if (facts.type === 5 && modal) return { ...base, kind: 'submission', formId: modal.customId, values: modal.values };
  return undefined;
}

const pick = ({ name, text }: { name: string; text: string }) => ({ name, text });

/**
 * « Journaliser dans Relance » on a message: its text (Discord gives a message command the
 * content whatever the intents), and where it came from — the message's link
 * (`https://discord.com/channels/<server or @me>/<channel>/<message>`), author and channel. The
 * delivery key is the interaction's: a resent interaction is the same capture.
 */
export function captureOfFacts(facts: InteractionFacts, base: Omit<EventBase, 'idempotencyKey'>): CaptureEvent | undefined {
  const message = facts.command?.targetMessage;
  if (!message) return undefined;
  const channelId = message.channelId ?? facts.channelId;
  const channelName = facts.channelName ? `#${facts.channelName}` : undefined;
  const source: MessageSource = {
    ...(channelId ? { url: `https://discord.com/channels/${facts.guildId ?? '@me'}/${channelId}/${message.id}` } : {}),
    ...(message.author ? { authorId: message.author.id, authorName: message.author.name } : {}),
    ...(channelId ? { channelId } : {}),
    ...(channelName ? { channelName } : {}),
  };
  return {
    ...base,
    kind: 'capture',
    text: message.content,
    source,
    idempotencyKey: `discord:interaction:${facts.id}`,
    raw: { id: facts.id, type: facts.type, targetId: facts.command?.targetId },
  };
}

/** The fields of a raw message object (API payload, or what discord.js keeps) Relance reads as a capture's target. */
export function targetMessageOfRaw(raw: unknown): TargetMessage | undefined {
  const message = raw as Record<string, any> | null | undefined;
  if (!message || typeof message['id'] !== 'string') return undefined;
  const author = message['author'] as Record<string, any> | null | undefined;
  const authorName = author ? (author['globalName'] ?? author['global_name'] ?? author['username']) : undefined;
  return {
    id: message['id'],
    content: typeof message['content'] === 'string' ? message['content'] : '',
    channelId: message['channelId'] ?? message['channel_id'] ?? undefined,
    author: author && typeof author['id'] === 'string' ? { id: author['id'], name: typeof authorName === 'string' ? authorName : author['id'] } : undefined,
  };
}
