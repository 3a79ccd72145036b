// Sentences to the bot on Slack, through the real Bolt App and the adapter's verifying receiver
// against the local fake Slack, with a recording handler in place of the core: mentions
// (`app_mention`) and DMs (`message.im`) become addressed message events; answers to a mention
// go in its thread; a message delivered both as `app_mention` and as `message` reaches the
// core once; malformed mentions never reach it.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import type { IncomingEvent, Reply } from '../../src/core/types.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack-api.fake.ts';
import { postToSlackAdapter, sign, SIGNING_SECRET } from '../support/slack-requests.ts';

/** The bot's user id: what the fake's auth.test answers, so Bolt's context.botUserId. */
const BOT = 'U0RELANCE1';
const fixture = JSON.parse(readFileSync(new URL('../fixtures/slack/event-app-mention.json', import.meta.url), 'utf8')) as Record<string, any>;
const envelope = Object.fromEntries(Object.entries(fixture).filter(([key]) => !key.startsWith('_')));
// The fixture was captured from another app: its bot is mentioned under another id.
const fixtureMention = { ...envelope['event'], text: String(envelope['event'].text).replace('<@U0ACMEBOT1>', `<@${BOT}>`) };

let fake: SlackFake;
let adapter: SlackAdapter;
let port: number;
const events: IncomingEvent[] = [];
const logs: string[] = [];
let visibility: Reply['visibility'] = 'channel';

beforeAll(async () => {
  fake = await startSlackFake();
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  adapter = createSlackAdapter({ botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, retries: 0, logger });
  await adapter.start(async (event, respond) => {
    events.push(event);
    await respond({ visibility, lang: 'fr', blocks: [{ type: 'text', text: 'Réponse du cœur' }] });
  });
  port = adapter.port!;
});

afterAll(async () => {
  await adapter.stop();
  await fake.close();
});

beforeEach(() => {
  events.length = 0;
  logs.length = 0;
  fake.reset();
  visibility = 'channel';
});

let counter = 0;
const nextTs = () => `1773134741.${String(600_000 + ++counter)}`;

/** An Events API body around an inner event, as Slack posts it (JSON, signed). */
function eventBody(event: Record<string, unknown>): string {
  return JSON.stringify({ ...envelope, event_id: `Ev0MSG${String(++counter).padStart(6, '0')}`, event });
}

async function post(body: string, headers: Record<string, string> = {}): Promise<number> {
  return (await postToSlackAdapter(port, body, { ...sign(body), 'content-type': 'application/json', ...headers })).status;
}

const mention = (changes: Record<string, unknown> = {}) => ({ ...fixtureMention, ts: nextTs(), ...changes });
const replies = () => fake.calls.filter((call) => call.method === 'chat.postMessage' || call.method === 'chat.postEphemeral');
const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Slack mentions', () => {
  it('hands a mention to the core without the mention, and answers in a thread under it', async () => {
    const event = mention();
    expect(await post(eventBody(event))).toBe(200);
    await fake.waitFor(() => replies().length === 1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'message',
      text: 'où en est le deal Dupont SA ?',
      quietIfIdle: false,
      ref: { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'C0VENTES01', threadId: event.ts, userId: 'U0HUGO0002', isDM: false },
      actor: { id: 'U0HUGO0002' },
      idempotencyKey: `slack:message:C0VENTES01:${event.ts}`,
    });
    const [reply] = replies();
    expect(reply!.method).toBe('chat.postMessage');
    expect(reply!.body).toMatchObject({ channel: 'C0VENTES01', thread_ts: event.ts });
  });

  it('answers a mention made in a thread in that thread, privately as an ephemeral', async () => {
    visibility = 'private';
    const event = mention({ thread_ts: '1773134000.000100' });
    expect(await post(eventBody(event))).toBe(200);
    await fake.waitFor(() => replies().length === 1);
    expect(events[0]).toMatchObject({ ref: { threadId: '1773134000.000100' } });
    const [reply] = replies();
    expect(reply!.method).toBe('chat.postEphemeral');
    expect(reply!.body).toMatchObject({ channel: 'C0VENTES01', user: 'U0HUGO0002', thread_ts: '1773134000.000100' });
  });

  it('removes every form of the bot’s mention, keeps other mentions, and still hands on a bare mention', async () => {
    await post(eventBody(mention({ text: `dis <@${BOT}|relance> donne l&apos;affaire à <@U0CAMILLE1|camille> &amp; merci <@${BOT}>` })));
    await post(eventBody(mention({ text: `<@${BOT}>` })));
    await fake.waitFor(() => replies().length === 2);
    expect(events.map((event) => (event as { text: string }).text).sort()).toEqual(['', 'dis donne l&apos;affaire à <@U0CAMILLE1> & merci']);
  });

  it('reaches the core once when Slack delivers the same message as app_mention and as a channel message', async () => {
    const event = mention();
    const asMessage = { type: 'message', channel: event.channel, channel_type: 'channel', user: event.user, text: event.text, ts: event.ts, team: event.team };
    expect(await post(eventBody(event))).toBe(200);
    expect(await post(eventBody(asMessage))).toBe(200);
    await fake.waitFor(() => replies().length >= 1);
    await settle();
    // The message listener leaves mentions of the bot to app_mention; both would have had the same key.
    expect(events.map((e) => e.idempotencyKey)).toEqual([`slack:message:C0VENTES01:${event.ts}`]);
    expect(replies()).toHaveLength(1);
    // Other channel messages (were the app subscribed to them) still only answer pending questions.
    await post(eventBody({ ...asMessage, ts: nextTs(), text: 'rien pour le bot' }));
    await fake.waitFor(() => events.length === 2 && replies().length === 2);
    expect(events[1]).toMatchObject({ kind: 'message', text: 'rien pour le bot', quietIfIdle: true });
  });

  it('hands a Slack retry of a mention on with the same idempotency key, for the core to recognise', async () => {
    const body = eventBody(mention());
    await post(body);
    await post(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await fake.waitFor(() => events.length === 2 && replies().length === 2);
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(1);
  });

  it('refuses malformed mentions and drops mentions by bots, none reaching the core', async () => {
    const malformed = [
      mention({ user: undefined }),
      mention({ user: 42 }),
      mention({ text: undefined }),
      mention({ text: { rich: true } }),
      mention({ text: 'x'.repeat(50_000) }),
      mention({ channel: undefined }),
      mention({ ts: ['1', '2'] }),
    ];
    for (const event of malformed) expect(await post(eventBody(event)), JSON.stringify(event).slice(0, 120)).toBe(400);
    // A bot mentioning Relance: acknowledged (Slack would retry otherwise), not handed on.
    expect(await post(eventBody(mention({ user: undefined, bot_id: 'B0OTHERBOT1' })))).toBe(200);
    // Not signed by Slack: refused before anything is read.
    const forged = eventBody(mention());
    expect((await postToSlackAdapter(port, forged, { ...sign(forged, undefined, 'not-the-secret'), 'content-type': 'application/json' })).status).toBe(401);
    await settle();
    expect(events).toEqual([]);
    expect(logs.filter((line) => line.includes('slack: malformed request refused'))).toHaveLength(malformed.length);
    expect(logs.filter((line) => line.length > 2_000)).toEqual([]);
    // Still serving.
    await post(eventBody(mention()));
    await fake.waitFor(() => events.length === 1 && replies().length === 1);
  });
});

describe('Slack DMs', () => {
  const dm = (changes: Record<string, unknown> = {}) => ({ type: 'message', channel: 'D0HUGO0002', channel_type: 'im', user: 'U0HUGO0002', text: 'combien de deals gagnés ce mois-ci ?', ts: nextTs(), team: 'T0ACMEFR01', ...changes });

  it('hands a DM to the core as an addressed message and answers in the DM', async () => {
    const event = dm();
    expect(await post(eventBody(event))).toBe(200);
    await fake.waitFor(() => replies().length === 1);
    expect(events[0]).toMatchObject({
      kind: 'message',
      text: 'combien de deals gagnés ce mois-ci ?',
      quietIfIdle: false,
      ref: { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'D0HUGO0002', userId: 'U0HUGO0002', isDM: true },
      idempotencyKey: `slack:message:D0HUGO0002:${event.ts}`,
    });
    expect(events[0]!.ref.threadId).toBeUndefined();
    expect(replies()[0]).toMatchObject({ method: 'chat.postMessage', body: { channel: 'D0HUGO0002' } });
  });

  it('keeps a DM’s thread, and removes a mention of the bot typed in a DM', async () => {
    visibility = 'private';
    await post(eventBody(dm({ text: `<@${BOT}> relance Dupont vendredi`, thread_ts: '1773134000.000200' })));
    await fake.waitFor(() => replies().length === 1);
    expect(events[0]).toMatchObject({ text: 'relance Dupont vendredi', quietIfIdle: false, ref: { threadId: '1773134000.000200', isDM: true } });
    // In a DM a private reply is a plain message: only the member is there.
    expect(replies()[0]).toMatchObject({ method: 'chat.postMessage', body: { channel: 'D0HUGO0002', thread_ts: '1773134000.000200' } });
  });
});
