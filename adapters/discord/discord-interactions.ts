// discord.js interactions → core events. Chat-input options are turned back into a command
// line (`name:"value"`), so Discord and typed commands share one parser and one guided mode.
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Actor, ConversationRef, IncomingEvent } from '../../src/core/types.ts';
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
