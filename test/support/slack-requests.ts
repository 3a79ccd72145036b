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

export async function postToSlackAdapter(port: number, body: string, headers: Record<string, string> = sign(body)): Promise<{ status: number; text: string; ms: number }> {
  const start = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - start };
}
