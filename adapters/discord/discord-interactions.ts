// discord.js interactions (the gateway) → the facts the shared mapping reads
// (discord-interaction-events.ts), and from them core events. The HTTP transport reads the same
// facts from raw payloads (discord-api-interactions.ts).
import type { AutocompleteEvent, IncomingEvent } from '../../src/core/types.ts';
import type { ChatInputCommandInteraction, Interaction } from 'discord.js';
import { autocompleteOfFacts, commandLineOf, eventOfFacts, targetMessageOfRaw, type InteractionFacts, type OptionData } from './discord-interaction-events.ts';

export { dmWorkspaceId } from './discord-interaction-events.ts';

/** `deal new name:"Acme renewal" company:"Acme"` from a discord.js chat-input interaction. */
export function commandLine(interaction: ChatInputCommandInteraction): { name: string; text: string; path: string } {
  return commandLineOf(interaction.commandName, interaction.options.data as readonly OptionData[]);
}

/** What the shared mapping reads of a discord.js interaction. */
export function factsOfInteraction(interaction: Interaction): InteractionFacts {
  // A GuildMember (displayName: nickname, else their name) or the raw member of an uncached server.
  const member = interaction.member as { nick?: string | null; displayName?: string } | null;
  const channel = interaction.channel as { type?: number; name?: unknown } | null;
  const facts: InteractionFacts = {
    id: interaction.id,
    type: interaction.type,
    guildId: interaction.guildId ?? undefined,
    channelId: interaction.channelId ?? undefined,
    channelType: channel?.type,
    channelName: typeof channel?.name === 'string' && channel.name ? channel.name : undefined,
    context: interaction.context,
    user: { id: interaction.user.id, username: interaction.user.username, globalName: interaction.user.globalName },
    memberName: member?.displayName ?? member?.nick ?? undefined,
    locale: interaction.locale,
  };
  if (interaction.isCommand() || interaction.isAutocomplete()) {
    const target = interaction.isContextMenuCommand() ? interaction.targetId : undefined;
    facts.command = {
      name: interaction.commandName,
      kind: interaction.commandType,
      options: ('options' in interaction ? interaction.options.data : []) as readonly OptionData[],
      ...(target ? { targetId: target } : {}),
      // discord.js gives a Message, typed as possibly raw: the fields are read either way.
      ...(interaction.isMessageContextMenuCommand() ? { targetMessage: targetMessageOfRaw(interaction.targetMessage) } : {}),
    };
  }
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    facts.component = { customId: interaction.customId, componentType: interaction.componentType, values: interaction.isStringSelectMenu() ? interaction.values : [] };
  }
  if (interaction.isModalSubmit()) {
    const values: Record<string, string> = {};
    for (const [id, field] of interaction.fields.fields) {
      const value = (field as { value?: string }).value;
      if (typeof value === 'string' && value.trim()) values[id] = value;
    }
    facts.modal = { customId: interaction.customId, values };
  }
  return facts;
}

/** The core event of a repliable interaction, or undefined for kinds Relance does not use. */
export const toEvent = (interaction: Interaction): IncomingEvent | undefined => eventOfFacts(factsOfInteraction(interaction));

/** Suggestions asked while the member types an option. */
export const autocompleteEvent = (interaction: Interaction): AutocompleteEvent => autocompleteOfFacts(factsOfInteraction(interaction));
