// discord.js interactions → core events. Chat-input options are turned back into a command
// line (`name:"value"`), so Discord and typed commands share one parser and one guided mode.
// The message context menu becomes a capture (the message to log, with where it came from), the
// member context menu the command line `deal list <@id>`.
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction, MessageContextMenuCommandInteraction } from 'discord.js';
import type { Actor, CaptureEvent, ConversationRef, EventBase, IncomingEvent, MessageSource } from '../../src/core/types.ts';
import { LOG_MESSAGE, MEMBER_DEALS } from './discord-context-menus.ts';
import { parseButtonId } from './discord-message.renderer.ts';
import { clickOrigin, type Origin } from './discord-origin.ts';

/** Each server is a Relance workspace; outside servers (DMs) each person has their own. */
export const dmWorkspaceId = (userId: string): string => `user:${userId}`;

/**
 * Where an interaction happened: its server and channel, or the member's DM. A click in the DM on
 * a private reply to a server mention happened, for the core, where the mention was (`origin`,
 * discord-origin.ts): its question was stored there.
 */
export const refOf = (interaction: Interaction, origin?: Origin): ConversationRef =>
  origin
    ? { platform: 'discord', workspaceId: origin.guildId, channelId: origin.channelId, userId: interaction.user.id, isDM: false }
    : {
        platform: 'discord',
        workspaceId: interaction.guildId ?? dmWorkspaceId(interaction.user.id),
        channelId: interaction.channelId ?? `dm:${interaction.user.id}`,
        userId: interaction.user.id,
        isDM: !interaction.guildId,
      };

export const actorOf = (interaction: Interaction): Actor => {
  const member = interaction.member as { nick?: string | null; displayName?: string } | null;
  return {
    id: interaction.user.id,
    displayName: member?.displayName ?? member?.nick ?? interaction.user.globalName ?? interaction.user.username,
    locale: interaction.locale,
  };
};

const quote = (value: string | number | boolean): string => `"${String(value).replace(/["“”]/g, "'")}"`;

/** `deal new name:"Acme renewal" company:"Acme"` from the interaction's options. */
export function commandLine(interaction: ChatInputCommandInteraction): { name: string; text: string; path: string } {
  const sub = interaction.options.getSubcommand(false);
  const data = interaction.options.data;
  const leaf = sub ? (data[0]?.options ?? []) : data;
  const args = leaf.filter((o) => o.value !== undefined && o.value !== null).map((o) => `${o.name}:${quote(o.value as string | number | boolean)}`);
  return { name: interaction.commandName, text: [sub ?? '', ...args].filter(Boolean).join(' '), path: [interaction.commandName, sub].filter(Boolean).join(' ') };
}

export function autocompleteEvent(interaction: AutocompleteInteraction): Extract<IncomingEvent, { kind: 'autocomplete' }> {
  const focused = interaction.options.getFocused(true);
  const sub = interaction.options.getSubcommand(false);
  return {
    kind: 'autocomplete',
    command: [interaction.commandName, sub].filter(Boolean).join(' '),
    option: focused.name,
    partial: String(focused.value ?? ''),
    ref: refOf(interaction),
    actor: actorOf(interaction),
    idempotencyKey: `discord:${interaction.id}`,
  };
}

/** The core event of a repliable interaction, or undefined for kinds Relance does not use. */
export function toEvent(interaction: Interaction): IncomingEvent | undefined {
  const clicked = clickOrigin(interaction);
  const base = { ref: refOf(interaction, clicked?.origin), actor: actorOf(interaction), idempotencyKey: `discord:${interaction.id}`, raw: { id: interaction.id, type: interaction.type } };
  if (interaction.isChatInputCommand()) {
    const { name, text } = commandLine(interaction);
    return { ...base, kind: 'command', name, text };
  }
  if (interaction.isMessageContextMenuCommand()) {
    return interaction.commandName === LOG_MESSAGE.name ? captureEvent(interaction, base) : undefined;
  }
  if (interaction.isUserContextMenuCommand()) {
    // The member is named by their mention, which the core reads as that member (resolve-member.ts).
    return interaction.commandName === MEMBER_DEALS.name ? { ...base, kind: 'command', name: 'deal', text: `list <@${interaction.targetId}>` } : undefined;
  }
  // The custom_id as the core wrote it, without the origin a DM click carries.
  if (interaction.isButton()) return { ...base, kind: 'action', ...parseButtonId(clicked?.customId ?? interaction.customId) };
  if (interaction.isStringSelectMenu()) return { ...base, kind: 'action', actionId: clicked?.customId ?? interaction.customId, value: interaction.values[0] ?? '' };
  if (interaction.isModalSubmit()) {
    const values: Record<string, string> = {};
    for (const [id, field] of interaction.fields.fields) {
      const value = (field as { value?: string }).value;
      if (typeof value === 'string' && value.trim()) values[id] = value;
    }
    return { ...base, kind: 'submission', formId: interaction.customId, values };
  }
  return undefined;
}

/** The raw fields of the target message Relance reads (discord.js gives a Message, typed as possibly raw). */
interface TargetMessage {
  id: string;
  content: string;
  channelId: string | undefined;
  author: { id: string; name: string } | undefined;
}

function targetMessageOf(interaction: MessageContextMenuCommandInteraction): TargetMessage | undefined {
  const message = interaction.targetMessage as unknown as Record<string, any> | undefined;
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

/**
 * « Journaliser dans Relance » on a message: its text (Discord gives a message command the
 * content whatever the intents), and where it came from — the message's link
 * (`https://discord.com/channels/<server or @me>/<channel>/<message>`), author and channel. The
 * delivery key is the interaction's: a resent interaction is the same capture.
 */
export function captureEvent(interaction: MessageContextMenuCommandInteraction, base: Omit<EventBase, 'idempotencyKey'>): CaptureEvent | undefined {
  const message = targetMessageOf(interaction);
  if (!message) return undefined;
  const channelId = message.channelId ?? interaction.channelId ?? undefined;
  const channel = interaction.channel as { name?: unknown } | null;
  const channelName = typeof channel?.name === 'string' && channel.name ? `#${channel.name}` : undefined;
  const source: MessageSource = {
    ...(channelId ? { url: `https://discord.com/channels/${interaction.guildId ?? '@me'}/${channelId}/${message.id}` } : {}),
    ...(message.author ? { authorId: message.author.id, authorName: message.author.name } : {}),
    ...(channelId ? { channelId } : {}),
    ...(channelName ? { channelName } : {}),
  };
  return {
    ...base,
    kind: 'capture',
    text: message.content,
    source,
    idempotencyKey: `discord:interaction:${interaction.id}`,
    raw: { id: interaction.id, type: interaction.type, targetId: interaction.targetId },
  };
}
