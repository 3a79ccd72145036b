// Sentences to the bot on Slack: DMs (`message.im`) and mentions of the bot in a channel
// (`app_mention`), both addressed to it (quietIfIdle false). A mention is answered in a thread
// under it: threaded for everyone, or as an ephemeral in that thread when private
// (slack-reply.sender.ts). Over HTTP the payloads arrive validated (slack-payloads.ts); in
// Socket Mode they do not, so the fields read here are checked again, cheaply.
//
// Slack delivers a channel message that mentions the bot twice when the app also subscribes
// to channel messages: as `app_mention` and as `message`. The `message` listener leaves such
// messages to `app_mention`, and both would carry the same idempotency key (channel and ts)
// anyway, so the core sees one delivery.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ConversationRef, IncomingEvent, ReplySink } from '../../src/core/types.ts';
import { readSlackText } from './slack-escape.ts';
import type { SlackIdentity } from './slack-identity.ts';
import { sendViaApi } from './slack-reply.sender.ts';
import { tenantOf, type SlackContext } from './slack-tenant.ts';

export type Dispatch = (event: IncomingEvent, sink: ReplySink) => Promise<void>;

export interface MessageListenerDeps {
  identity: SlackIdentity;
  logger: Logger;
  /** Runs the core without letting an error escape into Bolt. */
  dispatch: Dispatch;
}

/** Slack's markup for a mention of one user (`<@U123>`, or `<@U123|name>`), with the spaces after it. */
function mentionPattern(userId: string): RegExp {
  const escaped = userId.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`);
  return new RegExp(`<@${escaped}(?:\\|[^<>]*)?>[^\\S\\r\\n]*`, 'g');
}

/** True when Slack text (as sent, with markup) mentions the user. */
export const mentionsUser = (text: string, userId: string): boolean => mentionPattern(userId).test(text);

/**
 * What the member said to the bot: Slack text without the bot's own mentions, read like any
 * typed text (other mentions stay as `<@U…>`, which the core resolves to members). Text without
 * a mention of the bot is left as typed (notes are stored exactly as written).
 */
export function withoutBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId || !mentionsUser(text, botUserId)) return readSlackText(text);
  return readSlackText(text.replace(mentionPattern(botUserId), '')).trim();
}

/** The idempotency key of a Slack message, whichever event delivered it (a message is channel + ts). */
export const messageKey = (channel: string, ts: string): string => `slack:message:${channel}:${ts}`;

interface SlackMessage {
  type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
}

const isReadable = (msg: SlackMessage): msg is SlackMessage & { user: string; text: string } =>
  typeof msg.user === 'string' && msg.user !== '' && typeof msg.text === 'string' && typeof msg.channel === 'string' && typeof msg.ts === 'string';

export function registerMessageListeners(app: App, deps: MessageListenerDeps): void {
  const { identity, logger, dispatch } = deps;

  // Mentions in channels. Bots mentioning Relance (bot_id, often no user) are not members talking.
  app.event('app_mention', async ({ event, client, context }) => {
    const msg = event as unknown as SlackMessage;
    if (msg.subtype || msg.bot_id || !isReadable(msg)) return;
    const ctx = context as SlackContext;
    const tenant = tenantOf(ctx, msg.team);
    const actor = await identity.actor(client, tenant, msg.user, undefined);
    // The answer goes in a thread under the mention (or in the thread it was made in).
    const ref: ConversationRef = { platform: 'slack', workspaceId: tenant, channelId: msg.channel, threadId: msg.thread_ts ?? msg.ts, userId: msg.user, isDM: false };
    await dispatch(
      // A bare mention still goes to the core, which answers it.
      { kind: 'message', text: withoutBotMention(msg.text, ctx.botUserId).trim(), quietIfIdle: false, ref, actor, idempotencyKey: messageKey(msg.channel, msg.ts), raw: event },
      (reply) => sendViaApi(client, ref, reply, { logger }),
    );
  });

  // DMs are addressed to the bot; other channel messages (only if the app is subscribed to
  // them) answer a pending question and are otherwise left alone.
  app.message(async ({ message, client, context }) => {
    const msg = message as unknown as SlackMessage;
    if (msg.subtype || msg.bot_id || !isReadable(msg) || !msg.text) return;
    const ctx = context as SlackContext;
    const isDM = msg.channel_type === 'im';
    // app_mention delivers these (Slack sends no app_mention for DMs).
    if (!isDM && ctx.botUserId && mentionsUser(msg.text, ctx.botUserId)) return;
    const tenant = tenantOf(ctx, msg.team);
    const actor = await identity.actor(client, tenant, msg.user, undefined);
    const ref: ConversationRef = { platform: 'slack', workspaceId: tenant, channelId: msg.channel, ...(msg.thread_ts ? { threadId: msg.thread_ts } : {}), userId: msg.user, isDM };
    await dispatch(
      { kind: 'message', text: withoutBotMention(msg.text, ctx.botUserId), ref, actor, idempotencyKey: messageKey(msg.channel, msg.ts), quietIfIdle: !isDM, raw: message },
      (reply) => sendViaApi(client, ref, reply, { logger }),
    );
  });
}
