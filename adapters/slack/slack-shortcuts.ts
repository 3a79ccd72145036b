// Slack shortcuts. Shortcut names are not localised by Slack, so each one is declared twice in
// the manifest — its French and its English name — under two callback ids (`log_message` and
// `log_message_fr`…), both routed here:
// - the message shortcut « Journaliser dans Relance » / "Log in Relance" hands the core a
//   CaptureEvent: the message's own text (blocks ignored) and its source — permalink
//   (chat.getPermalink, no scope needed), author, channel. The core answers with a form
//   (`capture:<id>`) prefilled from the text, opened here as a modal on the payload's trigger.
//   When Slack gives no permalink (a channel the bot is not in, someone else's DM), the
//   activity is still logged, without a link, and the answer to the form goes to the
//   member's DM, since the bot cannot post where the message is;
// - the global shortcuts « Nouvelle activité » / "New activity" and « Nouvelle affaire » / "New
//   deal" run `/log` and `/deal new` with nothing typed: the core asks for what is missing with
//   a form, opened as a modal. A global shortcut has no channel: the conversation is the
//   member's DM with the bot.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Actor, ConversationRef, EventHandler, MessageSource, ReplySink } from '../../src/core/types.ts';
import type { ModalOrigin } from './modal.renderer.ts';
import { readSlackText } from './slack-escape.ts';
import { openDm, slackErrorCode } from './slack-files.ts';
import type { SlackIdentity } from './slack-identity.ts';
import { formSink, isDmChannel } from './slack-interaction.ts';
import { sendViaApi, sendViaResponseUrl, type RespondFn } from './slack-reply.sender.ts';
import { tenantOf, type SlackContext } from './slack-tenant.ts';

type WebClient = App['client'];

/** The message shortcut's callback ids (English and French names). */
export const CAPTURE_CALLBACK_IDS = ['log_message', 'log_message_fr'] as const;

/** Global shortcuts: callback ids → the command line they run. */
export const GLOBAL_SHORTCUTS: Record<string, { name: string; text: string }> = {
  new_activity: { name: 'log', text: '' },
  new_activity_fr: { name: 'log', text: '' },
  new_deal: { name: 'deal', text: 'new' },
  new_deal_fr: { name: 'deal', text: 'new' },
};

/** Channel names Slack gives for conversations that have none of their own. */
const PLACEHOLDER_CHANNEL_NAMES = new Set(['directmessage', 'privategroup']);

export interface ShortcutListenerDeps {
  dispatch: EventHandler;
  identity: SlackIdentity;
  logger: Logger;
  triggerWindowMs: number;
}

/** What the listeners read of a message_action payload (validated over HTTP; checked again for Socket Mode). */
interface MessageAction {
  type: 'message_action';
  callback_id: string;
  trigger_id: string;
  response_url?: string;
  user: { id: string; name?: string; username?: string; team_id?: string };
  team?: { id: string } | null;
  channel: { id: string; name?: string };
  message: { ts: string; thread_ts?: string; user?: string; username?: string; text?: string | null };
}

interface GlobalShortcut {
  type: 'shortcut';
  callback_id: string;
  trigger_id: string;
  user: { id: string; name?: string; username?: string; team_id?: string };
  team?: { id: string } | null;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

function readMessageAction(body: unknown): MessageAction | undefined {
  const action = body as Partial<MessageAction>;
  if (!isText(action.trigger_id) || !isText(action.user?.id) || !isText(action.channel?.id) || !isText(action.message?.ts)) return undefined;
  return action as MessageAction;
}

export function registerShortcutListeners(app: App, deps: ShortcutListenerDeps): void {
  const { dispatch, identity, logger, triggerWindowMs } = deps;

  /** The permalink of a message, or undefined (and one warning) when Slack gives none. */
  async function permalinkOf(client: WebClient, channel: string, ts: string): Promise<string | undefined> {
    try {
      const answer = await client.chat.getPermalink({ channel, message_ts: ts });
      return typeof answer.permalink === 'string' && /^https?:\/\//.test(answer.permalink) ? answer.permalink : undefined;
    } catch (error) {
      logger.warn({ err: error, code: slackErrorCode(error), channel }, 'slack: no permalink for a captured message (is the bot in that channel?); it is logged without a link');
      return undefined;
    }
  }

  async function onMessageShortcut(action: MessageAction, client: WebClient, context: SlackContext, respond: RespondFn | undefined): Promise<void> {
    const receivedAt = Date.now();
    const tenant = tenantOf(context, action.team?.id ?? action.user.team_id);
    const author = action.message.user;
    const [actor, url, authorActor] = await Promise.all([
      identity.actor(client, tenant, action.user.id, action.user.name ?? action.user.username),
      permalinkOf(client, action.channel.id, action.message.ts),
      author ? identity.actor(client, tenant, author, undefined) : Promise.resolve<Actor | undefined>(undefined),
    ]);
    const channelName = action.channel.name && !PLACEHOLDER_CHANNEL_NAMES.has(action.channel.name) ? action.channel.name : undefined;
    const authorName = authorActor?.displayName ?? action.message.username;
    const source: MessageSource = {
      ...(url ? { url } : {}),
      ...(author ? { authorId: author } : {}),
      ...(authorName ? { authorName } : {}),
      channelId: action.channel.id,
      ...(channelName ? { channelName } : {}),
    };
    const threadId = action.message.thread_ts;
    const ref: ConversationRef = {
      platform: 'slack',
      workspaceId: tenant,
      channelId: action.channel.id,
      ...(threadId ? { threadId } : {}),
      userId: action.user.id,
      isDM: isDmChannel(action.channel.id, action.channel.name),
    };
    // Without a permalink the bot cannot see that channel, so it cannot answer there either:
    // the form's answer, and anything said now, go to the member's DM.
    const reachable = url !== undefined;
    const origin: ModalOrigin = reachable ? { channelId: ref.channelId, ...(threadId ? { threadId } : {}) } : { channelId: ref.channelId, dm: true };
    const inDm: ReplySink = async (reply) => {
      const dm = await openDm(client, action.user.id, logger);
      // sendViaApi opens the DM itself when it is given the user id.
      await sendViaApi(client, { platform: 'slack', workspaceId: tenant, channelId: dm ?? action.user.id, userId: action.user.id, isDM: true }, reply, { logger });
    };
    const delivery = { client, ref, logger };
    const fallback: ReplySink = reachable && respond ? (reply) => sendViaResponseUrl(respond, reply, false, delivery) : inDm;
    await dispatch(
      { kind: 'capture', text: readSlackText(typeof action.message.text === 'string' ? action.message.text : ''), source, ref, actor, idempotencyKey: `slack:capture:${action.trigger_id}`, raw: action },
      formSink(client, action.trigger_id, receivedAt, origin, fallback, { logger, triggerWindowMs }),
    );
  }

  async function onGlobalShortcut(shortcut: GlobalShortcut, command: { name: string; text: string }, client: WebClient, context: SlackContext): Promise<void> {
    const receivedAt = Date.now();
    const tenant = tenantOf(context, shortcut.team?.id ?? shortcut.user.team_id);
    const [actor, dm] = await Promise.all([identity.actor(client, tenant, shortcut.user.id, shortcut.user.name ?? shortcut.user.username), openDm(client, shortcut.user.id, logger)]);
    // No channel in a global shortcut: the conversation is the member's DM with the bot (opened by
    // sendViaApi if conversations.open failed here).
    const ref: ConversationRef = { platform: 'slack', workspaceId: tenant, channelId: dm ?? shortcut.user.id, userId: shortcut.user.id, isDM: true };
    await dispatch(
      { kind: 'command', name: command.name, text: command.text, ref, actor, idempotencyKey: `slack:shortcut:${shortcut.trigger_id}`, raw: shortcut },
      formSink(client, shortcut.trigger_id, receivedAt, dm ? { channelId: dm } : { channelId: shortcut.user.id, dm: true }, (reply) => sendViaApi(client, ref, reply, { logger }), {
        logger,
        triggerWindowMs,
      }),
    );
  }

  app.shortcut(/.*/, async ({ ack, body, client, context, respond }) => {
    await ack();
    const callbackId = (body as { callback_id?: unknown }).callback_id;
    if (body.type === 'message_action' && (CAPTURE_CALLBACK_IDS as readonly unknown[]).includes(callbackId)) {
      const action = readMessageAction(body);
      if (!action) {
        logger.warn({ callbackId }, 'slack: message shortcut without trigger, user, channel or message ts dropped');
        return;
      }
      await onMessageShortcut(action, client, context as SlackContext, action.response_url ? (respond as RespondFn) : undefined);
      return;
    }
    const command = body.type === 'shortcut' && typeof callbackId === 'string' && Object.hasOwn(GLOBAL_SHORTCUTS, callbackId) ? GLOBAL_SHORTCUTS[callbackId] : undefined;
    if (command) {
      const shortcut = body as unknown as GlobalShortcut;
      if (!isText(shortcut.trigger_id) || !isText(shortcut.user?.id)) {
        logger.warn({ callbackId }, 'slack: global shortcut without trigger or user dropped');
        return;
      }
      await onGlobalShortcut(shortcut, command, client, context as SlackContext);
      return;
    }
    logger.warn({ type: body.type, callbackId: String(callbackId).slice(0, 80) }, 'slack: unknown shortcut acknowledged and dropped');
  });
}
