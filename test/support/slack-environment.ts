// The real Bolt-based adapter on a real database, wired to a local fake Slack.
import { pino } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot } from '../../src/core/bot.ts';
import type { EventHandler } from '../../src/core/types.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { startSlackFake, type RecordedCall, type SlackFake } from '../fakes/slack-api.fake.ts';
import { testDatabaseTarget } from './chat-harness.ts';
import { blockActionsBody, postToSlackAdapter, sign, SIGNING_SECRET, slashCommandBody } from './slack-requests.ts';

export interface SlackEnvironment {
  fake: SlackFake;
  database: DatabaseHandle;
  adapter: SlackAdapter;
  port: number;
  logs: string[];
  /** Set to hold the core back (to show acks come first). */
  gate: Promise<void> | undefined;
  /** Set to answer events with this handler instead of the bot (replies the core cannot make yet). */
  stub: EventHandler | undefined;
  responsesTo(url: string): RecordedCall[];
  /** Sends a slash command and waits for its `count`-th response (or a modal). */
  slash(team: string, command: string, text: string, options?: { user?: string; channel?: string; count?: number; triggerId?: string; headers?: Record<string, string> }): Promise<{ responseUrl: string; last: () => RecordedCall | undefined }>;
  /** Clicks a button; `channel`, `messageTs`, `threadTs` and `ephemeral` say where the clicked message was. */
  click(team: string, button: { actionId: string; value: string }, options?: { user?: string; actionTs?: string } & ClickedMessage): Promise<RecordedCall | undefined>;
  /**
   * Posts a message event (a typed answer) in a channel, by default the one slash commands use
   * (a DM when the channel starts with D), or in a thread of it; resolves with the bot's replies
   * to it there (none when it said nothing within `quietMs`).
   */
  message(team: string, text: string, options?: { user?: string; channel?: string; thread?: string; quietMs?: number }): Promise<RecordedCall[]>;
  /**
   * Mentions the bot in a channel (`app_mention`), by default the one slash commands use, or
   * inside a thread of it; resolves with the mention's ts and the bot's replies in its thread.
   */
  mention(team: string, text: string, options?: { user?: string; channel?: string; thread?: string }): Promise<{ ts: string; replies: RecordedCall[] }>;
  close(): Promise<void>;
}

/** Where a clicked message was. Slack sends no `message` for a click on an ephemeral one. */
export interface ClickedMessage {
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  ephemeral?: boolean;
}

/** The bot's clock in this environment. */
export const SLACK_NOW = new Date('2026-11-24T09:00:00Z');
/** The bot's user id: what the fake's auth.test answers, so Bolt's context.botUserId. */
const BOT_USER = 'U0RELANCE1';

export const blocksText = (call: RecordedCall | undefined): string => JSON.stringify(call?.body['blocks'] ?? call?.body['view'] ?? '');

/** Finds a button (or select option) in recorded blocks by its label. */
export function findButton(call: RecordedCall | undefined, label: string): { actionId: string; value: string } {
  for (const block of (call?.body['blocks'] as Array<Record<string, any>> | undefined) ?? []) {
    for (const element of block['elements'] ?? []) {
      if (element.type === 'button' && String(element.text?.text).includes(label)) return { actionId: element.action_id, value: element.value };
      for (const option of element.options ?? []) if (String(option.text?.text).includes(label)) return { actionId: element.action_id, value: option.value };
    }
  }
  throw new Error(`no button "${label}" in ${blocksText(call)}`);
}

/** The channel of the slash command fixture: typed answers go to the same place. */
const SLASH_CHANNEL = String(new URLSearchParams(slashCommandBody({ command: '/x', text: '', responseUrl: 'http://127.0.0.1/x' })).get('channel_id'));
let messages = 0;

export interface SlackEnvironmentOptions {
  /** Time between two refreshes of a member's App Home (the adapter's 10 s by default). */
  homeRefreshMs?: number;
}

export async function startSlackEnvironment(options: SlackEnvironmentOptions = {}): Promise<SlackEnvironment> {
  const fake = await startSlackFake();
  const database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const bot = createBot({ database, registry: createDefaultRegistry(), logger, now: () => SLACK_NOW });
  const adapter = createSlackAdapter({
    botToken: 'xoxb-test',
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
    retries: 2,
    logger,
    ...(options.homeRefreshMs !== undefined ? { homeRefreshMs: options.homeRefreshMs } : {}),
  });
  const env: SlackEnvironment = {
    fake,
    database,
    adapter,
    port: 0,
    logs,
    gate: undefined,
    stub: undefined,
    responsesTo: (url) => fake.calls.filter((call) => call.method === 'response' && call.body['_url'] === new URL(url).pathname),
    async slash(team, command, text, options = {}) {
      const responseUrl = fake.responseUrl();
      const body = slashCommandBody({ command, text, team, responseUrl, ...(options.user ? { user: options.user } : {}), ...(options.channel ? { channel: options.channel } : {}), ...(options.triggerId ? { triggerId: options.triggerId } : {}) });
      const ack = await postToSlackAdapter(env.port, body, { ...sign(body), ...(options.headers ?? {}) });
      if (ack.status !== 200) throw new Error(`ack ${ack.status}`);
      const opened = fake.callsTo('views.open').length;
      await fake.waitFor(() => env.responsesTo(responseUrl).length >= (options.count ?? 1) || fake.callsTo('views.open').length > opened);
      return { responseUrl, last: () => env.responsesTo(responseUrl).at(-1) };
    },
    async click(team, button, options = {}) {
      const responseUrl = fake.responseUrl();
      const { user, actionTs, ...where } = options;
      const body = blockActionsBody({ team, responseUrl, ...button, ...where, ...(user ? { user } : {}), ...(actionTs ? { actionTs } : {}) });
      const ack = await postToSlackAdapter(env.port, body);
      if (ack.status !== 200) throw new Error(`ack ${ack.status}`);
      await fake.waitFor(() => env.responsesTo(responseUrl).length >= 1);
      return env.responsesTo(responseUrl).at(-1);
    },
    async message(team, text, options = {}) {
      const channel = options.channel ?? SLASH_CHANNEL;
      const event = { type: 'message', channel, channel_type: channel.startsWith('D') ? 'im' : 'channel', text, ...(options.thread ? { thread_ts: options.thread } : {}) };
      return (await deliver(team, event, options.user, options.thread, options.quietMs)).replies;
    },
    async mention(team, text, options = {}) {
      const channel = options.channel ?? SLASH_CHANNEL;
      const event = { type: 'app_mention', channel, text: `<@${BOT_USER}> ${text}`, ...(options.thread ? { thread_ts: options.thread } : {}) };
      // The answer goes in a thread under the mention, or in the thread it was made in.
      return deliver(team, event, options.user, (ts) => options.thread ?? ts);
    },
    async close() {
      await adapter.stop();
      await fake.close();
      await database.close();
    },
  };
  /** Posts an Events API callback and collects the bot's replies in the event's channel and thread. */
  async function deliver(team: string, inner: { channel: string } & Record<string, unknown>, user = 'U0CONTRACT', thread?: string | ((ts: string) => string), quietMs = 2_000): Promise<{ ts: string; replies: RecordedCall[] }> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++messages).padStart(6, '0')}`;
    const threadTs = typeof thread === 'function' ? thread(ts) : thread;
    const sent = () =>
      fake.calls.filter((call) => (call.method === 'chat.postEphemeral' || call.method === 'chat.postMessage') && call.body['channel'] === inner.channel && (threadTs === undefined || call.body['thread_ts'] === threadTs));
    const before = sent().length;
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: team,
      api_app_id: 'A0RELANCE1',
      event_id: `Ev0MESSAGE${messages}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: team, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
      event: { ...inner, user, ts, team },
    });
    const ack = await postToSlackAdapter(env.port, body, { ...sign(body), 'content-type': 'application/json' });
    if (ack.status !== 200) throw new Error(`ack ${ack.status}`);
    try {
      await fake.waitFor(() => sent().length > before, quietMs);
    } catch {
      return { ts, replies: [] };
    }
    // Replies come one after another: give the rest a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { ts, replies: sent().slice(before) };
  }
  const handler: EventHandler = async (event, respond) => {
    if (env.gate) await env.gate;
    await (env.stub ?? bot.handle)(event, respond);
  };
  await adapter.start(handler);
  env.port = adapter.port!;
  return env;
}
