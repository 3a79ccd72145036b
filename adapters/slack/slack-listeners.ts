// Bolt listeners: acknowledge first (Slack waits 3 s at most), then turn the payload into an
// IncomingEvent and hand it to the core. No business logic here. Over HTTP, payloads arrive
// verified and validated (slack-receiver.ts, slack-payloads.ts). DMs and mentions of the bot
// are in slack-messages.ts.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Block, ConversationRef, EventHandler, IncomingEvent, Reply, ReplySink } from '../../src/core/types.ts';
import { decodeActionId } from './block-kit.renderer.ts';
import { readSubmission, renderModal, type ModalOrigin } from './modal.renderer.ts';
import { readSlackText } from './slack-escape.ts';
import type { SlackIdentity } from './slack-identity.ts';
import { registerMessageListeners } from './slack-messages.ts';
import { tenantOf, type SlackContext } from './slack-tenant.ts';
import { sendViaApi, sendViaResponseUrl, type RespondFn } from './slack-reply.sender.ts';

type WebClient = App['client'];

export interface ListenerDeps {
  handler: EventHandler;
  identity: SlackIdentity;
  logger: Logger;
  /** How long after receipt a trigger_id is still worth trying (Slack: 3 s). */
  triggerWindowMs?: number;
}

/** Where a modal was opened from (we wrote it into private_metadata); undefined if unreadable. */
const originSchema = z.object({ channelId: z.string().min(1).max(255), threadId: z.string().min(1).max(255).optional() });
function readOrigin(privateMetadata: string): ModalOrigin | undefined {
  try {
    const parsed = originSchema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const isDmChannel = (channelId: string, channelName?: string): boolean => channelId.startsWith('D') || channelName === 'directmessage';

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { handler, identity, logger } = deps;
  const triggerWindow = deps.triggerWindowMs ?? 2500;

  /** Runs the core and never lets an error escape into Bolt (it would only log it again). */
  const dispatch = async (event: IncomingEvent, sink: ReplySink): Promise<void> => {
    try {
      await handler(event, sink);
    } catch (error) {
      logger.error({ err: error, kind: event.kind, key: event.idempotencyKey }, 'slack event failed');
    }
  };

  const formSink = (client: WebClient, triggerId: string, receivedAt: number, origin: ModalOrigin, fallback: ReplySink): ReplySink => async (reply) => {
    const form = reply.blocks.find((block): block is Extract<Block, { type: 'form' }> => block.type === 'form');
    if (form && Date.now() - receivedAt < triggerWindow) {
      try {
        await client.views.open({ trigger_id: triggerId, view: renderModal(form, origin) as never });
        return;
      } catch (error) {
        // Expired or used trigger: ask step by step in the conversation instead.
        logger.warn({ err: error }, 'views.open failed, asking in the conversation');
      }
    }
    await fallback(reply);
  };

  app.command(/.*/, async ({ command, ack, respond, client, context }) => {
    await ack();
    const receivedAt = Date.now();
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
    const viaUrl: ReplySink = (reply) => sendViaResponseUrl(respond as RespondFn, reply, false, delivery);
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
      formSink(client, command.trigger_id, receivedAt, { channelId: ref.channelId }, viaUrl),
    );
  });

  app.action(/.*/, async ({ action, ack, body, respond, client, context }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const act = action as { action_id: string; action_ts?: string; type: string; value?: string; selected_option?: { value: string } };
    const value = act.value ?? act.selected_option?.value;
    if (value === undefined) return;
    const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
    if (!channelId) return;
    const tenant = tenantOf(context as SlackContext, body.team?.id ?? undefined);
    const actor = await identity.actor(client, tenant, body.user.id, body.user.name);
    const threadId = (body.message as { thread_ts?: string } | undefined)?.thread_ts;
    const ref: ConversationRef = { platform: 'slack', workspaceId: tenant, channelId, ...(threadId ? { threadId } : {}), userId: body.user.id, isDM: isDmChannel(channelId) };
    const actionId = decodeActionId(act.action_id);
    // Answering replaces the question (its buttons disappear: no second click on a stale question).
    const answering = actionId.startsWith('answer:') || actionId.startsWith('dialog:cancel');
    const delivery = { client, ref, logger };
    const sink: ReplySink = body.response_url
      ? (reply) => sendViaResponseUrl(respond as RespondFn, reply, answering, delivery)
      : (reply) => sendViaApi(client, ref, reply, delivery);
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
      formSink(client, body.trigger_id, Date.now(), { channelId, ...(threadId ? { threadId } : {}) }, sink),
    );
  });

  app.view(/.*/, async ({ ack, view, body, client, context }) => {
    await ack();
    if (!view.callback_id.startsWith('command:')) return;
    const origin = readOrigin(view.private_metadata);
    const tenant = tenantOf(context as SlackContext, body.team?.id ?? undefined);
    const actor = await identity.actor(client, tenant, body.user.id, body.user.name);
    // Without a known origin, answer in a DM with the member.
    const channelId = origin?.channelId ?? (await client.conversations.open({ users: body.user.id })).channel?.id ?? body.user.id;
    const ref: ConversationRef = {
      platform: 'slack',
      workspaceId: tenant,
      channelId,
      ...(origin?.threadId ? { threadId: origin.threadId } : {}),
      userId: body.user.id,
      isDM: isDmChannel(channelId),
    };
    await dispatch(
      { kind: 'submission', formId: view.callback_id, values: readSubmission(view.state as never), ref, actor, idempotencyKey: `slack:view:${view.id}:${view.hash}`, raw: body },
      (reply: Reply) => sendViaApi(client, ref, reply, { logger }),
    );
  });

  // Sentences to the bot: DMs and mentions (slack-messages.ts).
  registerMessageListeners(app, { identity, logger, dispatch });
}
