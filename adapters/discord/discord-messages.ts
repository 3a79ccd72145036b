// discord.js messages → core message events. Members talk to the bot in sentences in a DM, or
// in a server by mentioning it: both are addressed to the bot (quietIfIdle false). Other server
// chatter is not handed on at all: without the privileged Message Content intent Discord sends
// its content empty anyway (it gives the content of DMs with the app and of messages that
// mention it; discord-api-docs developers/events/gateway.mdx, Message Content Intent).
import { MessageType, type Message } from 'discord.js';
import type { MessageEvent } from '../../src/core/types.ts';
import { dmWorkspaceId } from './discord-interactions.ts';

/** What a person types: a message, or a reply to one. Joins, pins, boosts and the like are system messages. */
const TYPED_KINDS = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/**
 * The text without the bot's own mentions (`<@id>`, and the older nickname form `<@!id>`):
 * what the member said to it. Other mentions stay (the core resolves members from them).
 */
export function withoutBotMention(content: string, botUserId: string): string {
  if (!/^\d{1,20}$/.test(botUserId)) return content.trim();
  // The spaces after a mention go with it, so `dis @Relance bonjour` reads `dis bonjour`.
  return content.replace(new RegExp(`<@!?${botUserId}>[^\\S\\r\\n]*`, 'g'), '').trim();
}

/**
 * The core event of a message addressed to the bot, or undefined: messages from bots (the bot
 * itself included) and webhooks, system messages, and server messages that do not mention the
 * bot user (an @everyone, @here or role mention does not count) are not.
 */
export function messageEventOf(message: Message, botUserId: string): MessageEvent | undefined {
  const author = message.author as Message['author'] | null;
  if (!author || author.bot || author.id === botUserId || message.webhookId || message.system) return undefined;
  if (!TYPED_KINDS.has(message.type) || typeof message.content !== 'string') return undefined;
  const isDM = !message.guildId;
  if (!isDM && !message.mentions.users.has(botUserId)) return undefined;
  return {
    kind: 'message',
    text: withoutBotMention(message.content, botUserId),
    // Addressed to the bot: a pending question is answered, else the sentence is read as a command.
    quietIfIdle: false,
    ref: {
      platform: 'discord',
      // The same tenant rule as interactions, so a DM sentence and a DM slash command share a workspace.
      workspaceId: message.guildId ?? dmWorkspaceId(author.id),
      channelId: message.channelId,
      userId: author.id,
      isDM,
    },
    actor: {
      id: author.id,
      displayName: message.member?.displayName ?? author.globalName ?? author.username,
      // Messages carry no client locale (interactions do): the core uses the member's remembered one.
      locale: undefined,
    },
    // A gateway resend of the same message has the same id.
    idempotencyKey: `discord:message:${message.id}`,
    raw: { id: message.id, channelId: message.channelId, guildId: message.guildId },
  };
}
