// Builds signed Slack requests from the real-shaped fixtures in test/fixtures/slack/, with the
// fields a test needs overridden, and posts them to the adapter like Slack would.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

const fixture = (name: string): Record<string, unknown> => {
  const data = JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  // Keys starting with `_` document the fixture; they are not part of the payload.
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('_')));
};

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SlashOptions {
  command: string;
  text: string;
  team?: string;
  user?: string;
  userName?: string;
  channel?: string;
  responseUrl: string;
  triggerId?: string;
}

let triggers = 0;

export function slashCommandBody(options: SlashOptions): string {
  const base = fixture('slash-command.json') as Record<string, string>;
  const fields: Record<string, string> = {
    ...base,
    team_id: options.team ?? base['team_id']!,
    user_id: options.user ?? base['user_id']!,
    user_name: options.userName ?? base['user_name']!,
    channel_id: options.channel ?? base['channel_id']!,
    command: options.command,
    text: options.text,
    response_url: options.responseUrl,
    trigger_id: options.triggerId ?? `8610000000${++triggers}.1111111111.trigger${triggers}`,
  };
  return new URLSearchParams(fields).toString();
}

export interface ActionOptions {
  actionId: string;
  value: string;
  team?: string;
  user?: string;
  channel?: string;
  responseUrl: string;
  actionTs?: string;
  /** The clicked message: its ts, its thread, and whether it was ephemeral (Slack then sends no `message`). */
  messageTs?: string;
  threadTs?: string;
  ephemeral?: boolean;
}

let actionCount = 0;

export function blockActionsBody(options: ActionOptions): string {
  const payload = fixture('block-actions.json') as Record<string, any>;
  const team = options.team ?? payload['team'].id;
  const channel = options.channel ?? payload['channel'].id;
  const user = options.user ?? payload['user'].id;
  payload['team'] = { ...payload['team'], id: team };
  payload['user'] = { ...payload['user'], id: user, team_id: team };
  payload['channel'] = { ...payload['channel'], id: channel, ...(channel.startsWith('D') ? { name: 'directmessage' } : {}) };
  const messageTs = options.messageTs ?? payload['container'].message_ts;
  payload['container'] = { ...payload['container'], channel_id: channel, message_ts: messageTs, is_ephemeral: options.ephemeral ?? false };
  // Slack sends no `message` for a click on an ephemeral one (docs: reference/interaction-payloads/block-actions),
  // so its thread is not in the payload: only a message's state carries `thread_ts` for sure.
  if (options.ephemeral) delete payload['message'];
  else payload['message'] = { ...payload['message'], ts: messageTs, ...(options.threadTs ? { thread_ts: options.threadTs } : {}) };
  payload['response_url'] = options.responseUrl;
  payload['trigger_id'] = `8620000000${++actionCount}.1111111111.action${actionCount}`;
  payload['actions'] = [
    { ...payload['actions'][0], action_id: options.actionId, value: options.value, action_ts: options.actionTs ?? `1773134412.${String(actionCount).padStart(6, '0')}` },
  ];
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function viewSubmissionBody(options: { callbackId: string; values: Record<string, unknown>; privateMetadata: string; team?: string; user?: string; viewId?: string }): string {
  const payload = fixture('view-submission.json') as Record<string, any>;
  const team = options.team ?? payload['team'].id;
  payload['team'] = { ...payload['team'], id: team };
  payload['user'] = { ...payload['user'], id: options.user ?? payload['user'].id, team_id: team };
  payload['view'] = {
    ...payload['view'],
    id: options.viewId ?? payload['view'].id,
    team_id: team,
    app_installed_team_id: team,
    callback_id: options.callbackId,
    private_metadata: options.privateMetadata,
    state: { values: options.values },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface MessageActionOptions {
  /** The message's text as Slack sends it (with its markup). */
  text: string;
  team?: string;
  user?: string;
  channel?: string;
  channelName?: string;
  /** The message's author; `null` for a bot message (no user). */
  author?: string | null;
  ts?: string;
  threadTs?: string;
  callbackId?: string;
  triggerId?: string;
  responseUrl?: string;
}

let shortcuts = 0;

/** A message shortcut (`message_action`) on a message, from the fixture, form-encoded. */
export function messageActionBody(options: MessageActionOptions): string {
  const payload = fixture('message-action.json') as Record<string, any>;
  const team = options.team ?? payload['team'].id;
  const ts = options.ts ?? `1773134800.${String(++shortcuts).padStart(6, '0')}`;
  payload['team'] = { ...payload['team'], id: team };
  payload['user'] = { ...payload['user'], id: options.user ?? payload['user'].id, team_id: team };
  const channel = options.channel ?? payload['channel'].id;
  payload['channel'] = { id: channel, name: options.channelName ?? (channel.startsWith('D') ? 'directmessage' : payload['channel'].name) };
  payload['callback_id'] = options.callbackId ?? 'log_message';
  payload['trigger_id'] = options.triggerId ?? `8630000000${++shortcuts}.1111111111.shortcut${shortcuts}`;
  payload['message_ts'] = ts;
  if (options.responseUrl) payload['response_url'] = options.responseUrl;
  const message = { ...payload['message'], ts, team, text: options.text, blocks: [] as unknown[], ...(options.threadTs ? { thread_ts: options.threadTs } : {}) };
  if (options.author === null) {
    delete message.user;
    Object.assign(message, { bot_id: 'B0OTHERBOT1', username: 'Zapier' });
  } else if (options.author) {
    message.user = options.author;
  }
  payload['message'] = message;
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A global shortcut (`shortcut`), from the fixture, form-encoded. */
export function globalShortcutBody(options: { callbackId: string; team?: string; user?: string; triggerId?: string }): string {
  const payload = fixture('global-shortcut.json') as Record<string, any>;
  const team = options.team ?? payload['team'].id;
  payload['team'] = { ...payload['team'], id: team };
  payload['user'] = { ...payload['user'], id: options.user ?? payload['user'].id, team_id: team };
  payload['callback_id'] = options.callbackId;
  payload['trigger_id'] = options.triggerId ?? `8640000000${++shortcuts}.1111111111.global${shortcuts}`;
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

let homes = 0;

/** An `app_home_opened` Events API body, from the fixture, as JSON (sign it with a JSON content type). */
export function appHomeOpenedBody(options: { team?: string; user?: string; channel?: string; tab?: string; eventTs?: string } = {}): string {
  const body = fixture('event-app-home-opened.json') as Record<string, any>;
  const team = options.team ?? body['team_id'];
  const user = options.user ?? body['event'].user;
  body['team_id'] = team;
  body['event_id'] = `Ev0HOME${String(++homes).padStart(6, '0')}`;
  body['authorizations'] = [{ ...body['authorizations'][0], team_id: team, user_id: 'U0RELANCE1' }];
  body['event'] = {
    ...body['event'],
    user,
    channel: options.channel ?? `D0${user.slice(1, 9)}`,
    tab: options.tab ?? 'home',
    event_ts: options.eventTs ?? `1773135000.${String(homes).padStart(6, '0')}`,
  };
  return JSON.stringify(body);
}

export async function postToSlackAdapter(port: number, body: string, headers: Record<string, string> = sign(body)): Promise<{ status: number; text: string; ms: number }> {
  const start = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - start };
}
