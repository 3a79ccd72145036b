// The Discord transport: the real discord.js Client on the gateway. Interactions become core
// events; replies are rendered within Discord's limits with every mention disabled.
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { ChatAdapter, ConversationRef, EventHandler, Reply, Suggestions } from '../../src/core/types.ts';
import { renderDiscordMessages } from './discord-message.renderer.ts';
import { autocompleteEvent, toEvent } from './discord-interactions.ts';
import { briefError, checkInteraction } from './discord-payloads.ts';
import { InteractionResponder } from './discord-responder.ts';

export interface DiscordAdapterConfig {
  token: string;
  /** REST base URL (`https://discord.com/api` by default); the gateway URL is discovered from it. */
  apiUrl?: string;
  /** Suggestions while typing an option (the bot's `complete`). */
  complete: (event: ReturnType<typeof autocompleteEvent>) => Promise<Suggestions>;
  logger: Logger;
}

export interface DiscordAdapter extends ChatAdapter {
  readonly client: Client;
}

/**
 * discord.js builds the interaction from the raw packet inside its gateway handler, where
 * nothing of ours can catch a throw, and some malformed packets make it throw (or cache junk).
 * Its InteractionCreate action is wrapped: the packet is checked with zod first
 * (discord-payloads.ts) and a malformed one is dropped with one log line; a throw while
 * building a checked one is logged and dropped too. Nothing escapes into the gateway handler.
 */
function guardInteractionPackets(client: Client, logger: Logger): void {
  const actions = (client as unknown as { actions?: Record<string, { handle: (data: unknown) => unknown }> }).actions;
  const action = actions?.['InteractionCreate'];
  if (!action) throw new Error('discord.js has no InteractionCreate action to guard (has its layout changed?)');
  const original = action.handle.bind(action);
  action.handle = (data: unknown) => {
    const checked = checkInteraction(data);
    if (!checked.ok) {
      logger.warn({ id: checked.id, type: checked.type, problems: checked.problems }, 'discord: malformed interaction dropped');
      return {};
    }
    try {
      return original(checked.data);
    } catch (error) {
      logger.error({ error: briefError(error), id: checked.data['id'] }, 'discord: interaction could not be read');
      return {};
    }
  };
}

export function createDiscordAdapter(config: DiscordAdapterConfig): DiscordAdapter {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Nothing the bot says may ping anyone, whatever a deal is called.
    allowedMentions: { parse: [] },
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  guardInteractionPackets(client, config.logger);
  client.on(Events.Error, (error) => config.logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardError, (error) => config.logger.error({ err: error }, 'discord shard error'));

  const onInteraction = (handler: EventHandler) => async (interaction: Interaction) => {
    try {
      if (interaction.isAutocomplete()) {
        const suggestions = await config.complete(autocompleteEvent(interaction));
        await interaction.respond(suggestions.slice(0, 25).map((s) => ({ name: s.label.slice(0, 100), value: s.value.slice(0, 100) })));
        return;
      }
      const event = toEvent(interaction);
      if (!event || !interaction.isRepliable()) return;
      const answering = interaction.isMessageComponent() && (event.kind === 'action' && (event.actionId.startsWith('answer:') || event.actionId.startsWith('dialog:cancel')));
      const responder = new InteractionResponder(interaction as never, { replacesMessage: answering, logger: config.logger });
      try {
        await handler(event, (reply) => responder.send(reply));
      } finally {
        await responder.finish();
      }
    } catch (error) {
      config.logger.error({ error: briefError(error), id: interaction.id }, 'discord interaction failed');
    }
  };

  return {
    platform: 'discord',
    client,
    async start(handler: EventHandler) {
      client.on(Events.InteractionCreate, (interaction) => void onInteraction(handler)(interaction));
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token);
      await ready;
    },
    async stop() {
      await client.destroy();
    },
    async send(ref: ConversationRef, reply: Reply) {
      // Jobs post into a channel (there is no interaction to answer), or to a member's DM when
      // all they know is the user id (reminders).
      const channel = ref.isDM && ref.channelId === ref.userId ? await (await client.users.fetch(ref.userId)).createDM() : await client.channels.fetch(ref.channelId);
      if (!channel || !channel.isSendable()) throw new Error(`discord channel ${ref.channelId} is not reachable`);
      // No interaction, so no member locale: a line about an attachment left out uses the default language.
      const messages = renderDiscordMessages(reply, { onSkippedAttachment: (attachment) => config.logger.warn(attachment, 'discord: attachment too large to send, left out') });
      for (const message of messages) {
        await channel.send({
          content: message.content ?? '',
          embeds: message.embeds,
          components: message.components as never,
          ...(message.files ? { files: message.files } : {}),
          allowedMentions: { parse: [] },
        });
      }
    },
  };
}
