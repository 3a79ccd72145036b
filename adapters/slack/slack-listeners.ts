// Bolt listeners: acknowledge first (Slack waits 3 s at most), then turn the payload into an
// IncomingEvent and hand it to the core. No business logic here. Over HTTP, payloads arrive
// verified and validated (slack-receiver.ts, slack-payloads.ts). DMs and mentions of the bot
// are in slack-messages.ts, shortcuts in slack-shortcuts.ts, the App Home in slack-home.ts.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ConversationRef, EventHandler, IncomingEvent, Reply, ReplySink } from '../../src/core/types.ts';
import { decodeActionId } from './block-kit.renderer.ts';
import { readSubmission } from './modal.renderer.ts';
import { readSlackText } from './slack-escape.ts';
import { openDm } from './slack-files.ts';
import { registerHomeListener, type HomePublisher } from './slack-home.ts';
import type { SlackIdentity } from './slack-identity.ts';
import { formSink, isDmChannel, readOrigin } from './slack-interaction.ts';
import { currentSlackDelivery, RESPONSE_URL_TTL_MS, withSlackDelivery } from './slack-delivery.ts';
import { registerMessageListeners } from './slack-messages.ts';
import { registerShortcutListeners } from './slack-shortcuts.ts';
import { tenantOf, type SlackContext } from './slack-tenant.ts';
import { sendViaApi, sendViaResponseUrl, type RespondFn } from './slack-reply.sender.ts';

export interface ListenerDeps {
  handler: EventHandler;
  identity: SlackIdentity;
  logger: Logger;
  /** How long after receipt a trigger_id is still worth trying (Slack: 3 s). */
  triggerWindowMs?: number;
  /** The App Home: published when opened, refreshed after the member's own changes. */
  home?: HomePublisher;
}

/** Events after which the member's home may show something new. */
const CHANGES = new Set<IncomingEvent['kind']>(['command', 'action', 'submission']);

/** Forms the core answers: a command's (`command:<path>`) and a captured message's (`capture:<id>`). */
const FORM_CALLBACK = /^(command|capture):/;

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { handler, identity, logger, home } = deps;
  const triggerWindowMs = deps.triggerWindowMs ?? 2500;
  const modalOptions = { logger, triggerWindowMs };

  // Recorded deliveries (the inbox) are current for their listener's whole run.
  app.use(withSlackDelivery as never);

  /**
   * Runs the core and never lets an error escape into Bolt (it would only log it again); a
   * recorded delivery's failure is reported to the inbox, which tries it again. Events from the
   * inbox are stamped so the core keeps their replies with their work. After a member's command,
   * click or submission, their home is refreshed (debounced in slack-home.ts).
   */
  const dispatch = async (event: IncomingEvent, sink: ReplySink): Promise<void> => {
    const delivery = currentSlackDelivery();
    try {
      await handler(delivery ? { ...event, delivery: { replay: delivery.replay } } : event, sink);
    } catch (error) {
      logger.error({ err: error, kind: event.kind, key: event.idempotencyKey }, 'slack event failed');
      if (delivery) delivery.failed = error instanceof Error ? error.message : String(error);
    }
    if (home && CHANGES.has(event.kind)) home.changed(event.ref.workspaceId, event.actor);
  };

  /**
   * Where an answer through response_url goes: there while Slack accepts it (30 minutes), in a
   * DM with the member for a delivery replayed later than that.
   */
  const lateDm = async (client: Parameters<typeof sendViaApi>[0], ref: ConversationRef): Promise<ReplySink | undefined> => {
    const delivery = currentSlackDelivery();
    if (!delivery?.replay || Date.now() - delivery.receivedAt < RESPONSE_URL_TTL_MS) return undefined;
    const dm = (await openDm(client, ref.userId, logger)) ?? ref.userId;
    const dmRef: ConversationRef = { ...ref, channelId: dm, isDM: true };
    delete dmRef.threadId;
    return (reply) => sendViaApi(client, dmRef, reply, { logger });
  };

  app.command(/.*/, async ({ command, ack, respond, client, context }) => {
    await ack();
    // A replay's trigger_id is long expired: its form is asked step by step.
    const receivedAt = currentSlackDelivery()?.receivedAt ?? Date.now();
    const tenant = tenantOf(context as SlackContext, command.enterprise_id && command.is_enterprise_install === 'true' ? command.enterprise_id : command.team_id);
    const actor = await identity.actor(client, tenant, command.user_id, command.user_name);
    const ref: ConversationRef = {
      platform: 'slack',
      workspaceId: tenant,
      channelId: command.channel_id,
      userId: command.user_id,
      isDM: isDmChannel(command.channel_id, command.channel_name),
    };
    const delivery = { client, ref, logger };
    const viaUrl: ReplySink = (await lateDm(client, ref)) ?? ((reply) => sendViaResponseUrl(respond as RespondFn, reply, false, delivery));
    await dispatch(
      {
        kind: 'command',
        name: command.command.replace(/^\//, ''),
        text: readSlackText(command.text ?? ''),
        ref,
        actor,
        // A retried delivery carries the same trigger_id.
        idempotencyKey: `slack:command:${command.trigger_id}`,
        raw: command,
      },
      formSink(client, command.trigger_id, receivedAt, { channelId: ref.channelId }, viaUrl, modalOptions),
    );
  });

  app.action(/.*/, async ({ action, ack, body, respond, client, context }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const act = action as { action_id: string; action_ts?: string; type: string; value?: string; selected_option?: { value: string } };
    const value = act.value ?? act.selected_option?.value;
    if (value === undefined) return;
    const container = body.container as { type?: string; channel_id?: string } | undefined;
    let channelId = body.channel?.id ?? container?.channel_id;
    // A button in the member's home (a view, no channel): the conversation is their DM with the bot.
    const fromHome = !channelId && container?.type === 'view';
    if (fromHome) channelId = (await openDm(client, body.user.id, logger)) ?? body.user.id;
    if (!channelId) return;
    const tenant = tenantOf(context as SlackContext, body.team?.id ?? undefined);
    const actor = await identity.actor(client, tenant, body.user.id, body.user.name);
    const threadId = (body.message as { thread_ts?: string } | undefined)?.thread_ts;
    const ref: ConversationRef = { platform: 'slack', workspaceId: tenant, channelId, ...(threadId ? { threadId } : {}), userId: body.user.id, isDM: fromHome || isDmChannel(channelId) };
    const actionId = decodeActionId(act.action_id);
    // Answering replaces the question (its buttons disappear: no second click on a stale question).
    const answering = actionId.startsWith('answer:') || actionId.startsWith('dialog:cancel');
    const delivery = { client, ref, logger };
    const sink: ReplySink =
      (body.response_url ? await lateDm(client, ref) : undefined) ??
      (body.response_url ? (reply) => sendViaResponseUrl(respond as RespondFn, reply, answering, delivery) : (reply) => sendViaApi(client, ref, reply, delivery));
    await dispatch(
      {
        kind: 'action',
        actionId,
        value,
        ref,
        actor,
        idempotencyKey: `slack:action:${act.action_ts ?? body.trigger_id}:${act.action_id}`,
        raw: body,
      },
      formSink(client, body.trigger_id, currentSlackDelivery()?.receivedAt ?? Date.now(), { channelId, ...(threadId ? { threadId } : {}) }, sink, modalOptions),
    );
  });

  app.view(/.*/, async ({ ack, view, body, client, context }) => {
    await ack();
    if (!FORM_CALLBACK.test(view.callback_id)) return;
    const origin = readOrigin(view.private_metadata);
    const tenant = tenantOf(context as SlackContext, body.team?.id ?? undefined);
    const actor = await identity.actor(client, tenant, body.user.id, body.user.name);
    // Without a known origin, or from a channel the bot cannot post in, answer in a DM with the
    // member (sendViaApi opens it when conversations.open fails here).
    const inChannel = origin && !origin.dm ? origin : undefined;
    const channelId = inChannel?.channelId ?? (await openDm(client, body.user.id, logger)) ?? body.user.id;
    const ref: ConversationRef = {
      platform: 'slack',
      workspaceId: tenant,
      channelId,
      ...(inChannel?.threadId ? { threadId: inChannel.threadId } : {}),
      userId: body.user.id,
      isDM: !inChannel || isDmChannel(channelId),
    };
    await dispatch(
      { kind: 'submission', formId: view.callback_id, values: readSubmission(view.state as never), ref, actor, idempotencyKey: `slack:view:${view.id}:${view.hash}`, raw: body },
      (reply: Reply) => sendViaApi(client, ref, reply, { logger }),
    );
  });

  // Sentences to the bot: DMs and mentions (slack-messages.ts).
  registerMessageListeners(app, { identity, logger, dispatch });
  // Message and global shortcuts (slack-shortcuts.ts).
  registerShortcutListeners(app, { dispatch, identity, logger, triggerWindowMs });
  // The App Home (slack-home.ts).
  if (home) registerHomeListener(app, { identity, home });
}
