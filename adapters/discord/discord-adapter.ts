// The Discord transport: the real discord.js Client on the gateway. Interactions, DMs and
// messages that mention the bot become core events; replies are rendered within Discord's
// limits with every mention disabled.
import { Client, Events, GatewayIntentBits, Partials, type Interaction, type Message } from 'discord.js';
import type { Logger } from 'pino';
import type { ChatAdapter, ConversationRef, EventHandler, Reply, Suggestions } from '../../src/core/types.ts';
import { renderDiscordMessages } from './discord-message.renderer.ts';
import { autocompleteEvent, toEvent } from './discord-interactions.ts';
import { messageReplySink } from './discord-message-replies.ts';
import { messageEventOf } from './discord-messages.ts';
import { clickOrigin } from './discord-origin.ts';
import { checkedShardingStrategy } from './discord-packet-guard.ts';
import { briefError } from './discord-payloads.ts';
import { InteractionResponder } from './discord-responder.ts';
import { instrumentDiscordRest } from './discord-rest-metrics.ts';

/**
 * When a capture's modal is still not ready, defer after this long rather than the usual 2 s:
 * Discord allows 3 s for the first answer, and a deferral would leave the modal unable to open.
 */
const CAPTURE_DEFER_MS = 2_500;

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

export function createDiscordAdapter(config: DiscordAdapterConfig): DiscordAdapter {
  const client = new Client({
    // Server messages and DMs, without the privileged MessageContent intent: Discord still gives
    // the content of DMs with the bot and of messages that mention it, which is all Relance reads.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are never announced on the gateway: without this partial discord.js drops DMs.
    partials: [Partials.Channel],
    // Nothing the bot says may ping anyone, whatever a deal is called.
    allowedMentions: { parse: [] },
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    // Malformed packets are dropped before discord.js reads them (discord-packet-guard.ts).
    ws: { buildStrategy: checkedShardingStrategy(config.logger) },
  });
  instrumentDiscordRest(client.rest);
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
      // A click in the DM on a private reply to a server mention: its replies stay in that place too.
      const origin = clickOrigin(interaction)?.origin;
      // A capture is answered with a modal, which cannot follow a deferral: wait longer before deferring.
      const deferAfterMs = event.kind === 'capture' ? CAPTURE_DEFER_MS : undefined;
      const responder = new InteractionResponder(interaction as never, { replacesMessage: answering, logger: config.logger, ...(origin ? { origin } : {}), ...(deferAfterMs ? { deferAfterMs } : {}) });
      try {
        await handler(event, (reply) => responder.send(reply));
      } finally {
        await responder.finish();
      }
    } catch (error) {
      config.logger.error({ error: briefError(error), id: interaction.id }, 'discord interaction failed');
    }
  };

  const onMessage = (handler: EventHandler) => async (message: Message) => {
    try {
      const botUserId = client.user?.id;
      const event = botUserId ? messageEventOf(message, botUserId) : undefined;
      if (!event) return;
      await handler(event, messageReplySink(message, config.logger));
    } catch (error) {
      config.logger.error({ error: briefError(error), id: message.id }, 'discord message failed');
    }
  };

  return {
    platform: 'discord',
    client,
    async start(handler: EventHandler) {
      client.on(Events.InteractionCreate, (interaction) => void onInteraction(handler)(interaction));
      client.on(Events.MessageCreate, (message) => void onMessage(handler)(message));
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
