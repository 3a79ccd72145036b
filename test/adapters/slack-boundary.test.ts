// What the Slack adapter lets through to Bolt: the signature with a timestamp at most five
// minutes away by the adapter's clock, in either direction, and payloads that are what Slack
// sends. Refusals are 401 (signature) or 400 (malformed), each with one log line, and run nothing.
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import type { IncomingEvent } from '../../src/core/types.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack-api.fake.ts';
import { blockActionsBody, postToSlackAdapter, sign, SIGNING_SECRET, slashCommandBody, viewSubmissionBody } from '../support/slack-requests.ts';

/** The adapter's clock: 2026-03-10T09:15:00Z, far from the real one. */
const NOW_S = 1_773_134_100;

let fake: SlackFake;
let adapter: SlackAdapter;
let port: number;
const events: IncomingEvent[] = [];
const logs: string[] = [];

beforeAll(async () => {
  fake = await startSlackFake();
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  adapter = createSlackAdapter({ botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, retries: 0, logger, now: () => NOW_S * 1000 });
  await adapter.start(async (event) => {
    events.push(event);
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
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const lines = (message: string) => logs.filter((line) => (JSON.parse(line) as { msg: string }).msg === message);

const slash = (fields: Record<string, string | undefined> = {}) => {
  const base = Object.fromEntries(new URLSearchParams(slashCommandBody({ command: '/help', text: '', responseUrl: fake.responseUrl() })));
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return new URLSearchParams(base as Record<string, string>).toString();
};

/** Posts a body signed at `timestamp` (the adapter's now by default). */
const post = (body: string, timestamp = NOW_S, contentType = 'application/x-www-form-urlencoded') =>
  postToSlackAdapter(port, body, { ...sign(body, timestamp), 'content-type': contentType });

describe('Slack signature timestamps', () => {
  it('refuses a correctly signed request dated more than five minutes in the future, and in the past', async () => {
    const body = slash();
    expect((await post(body, NOW_S + 301)).status).toBe(401);
    expect((await post(body, NOW_S + 600)).status).toBe(401);
    expect((await post(body, NOW_S - 301)).status).toBe(401);
    await settle();
    expect(events).toEqual([]);
    expect(lines('slack: request refused')).toHaveLength(3);
    expect(logs.join('\n')).toContain('timestamp more than 5 minutes away from now');
  });

  it('accepts five minutes either way, by the adapter’s clock rather than the system’s', async () => {
    expect((await post(slash(), NOW_S + 300)).status).toBe(200);
    expect((await post(slash(), NOW_S - 300)).status).toBe(200);
    // Signed now by the system clock: months away from the adapter's.
    expect((await post(slash(), Math.floor(Date.now() / 1000))).status).toBe(401);
    await settle();
    expect(events.map((event) => event.kind)).toEqual(['command', 'command']);
  });

  it('refuses missing headers, a timestamp that is not whole seconds and a signature with anything appended', async () => {
    const body = slash();
    const headers: Record<string, string> = { ...sign(body, NOW_S), 'content-type': 'application/x-www-form-urlencoded' };
    expect((await postToSlackAdapter(port, body, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
    expect((await postToSlackAdapter(port, body, { ...headers, 'x-slack-request-timestamp': `${NOW_S}.0` })).status).toBe(401);
    expect((await postToSlackAdapter(port, body, { ...headers, 'x-slack-request-timestamp': `${NOW_S}e0` })).status).toBe(401);
    // Bolt's own check reads only up to a second "=" and would let this one in.
    expect((await postToSlackAdapter(port, body, { ...headers, 'x-slack-signature': `${headers['x-slack-signature']}=junk` })).status).toBe(401);
    expect((await postToSlackAdapter(port, `${body}&x=1`, headers)).status).toBe(401);
    await settle();
    expect(events).toEqual([]);
  });
});

describe('Slack payloads at the boundary', () => {
  it('answers 400 to a signed JSON null, an array or a non-object, with one short log line each', async () => {
    for (const body of ['null', '[]', '[{"command":"/help"}]', '42', '"text"', '{', '']) {
      expect((await post(body, NOW_S, 'application/json')).status, body).toBe(400);
    }
    expect((await post(new URLSearchParams({ payload: 'null' }).toString())).status).toBe(400);
    expect((await post(new URLSearchParams({ payload: '{not json' }).toString())).status).toBe(400);
    await settle();
    expect(events).toEqual([]);
    expect(lines('slack: malformed request refused')).toHaveLength(9);
  });

  it('answers 400 to a slash command without user_id, team_id or response_url, or with fields of the wrong kind', async () => {
    const refused = [
      slash({ user_id: undefined }),
      slash({ team_id: undefined }),
      slash({ response_url: undefined }),
      slash({ response_url: 'not a url' }),
      slash({ response_url: 'javascript:alert(1)' }),
      slash({ trigger_id: undefined }),
      slash({ command: 'help' }),
      slash({ user_id: 'U'.repeat(100_000) }),
      slash({ text: 'x'.repeat(40_001) }),
      `${slash()}&user_id=U0OTHER`,
    ];
    for (const body of refused) expect((await post(body)).status).toBe(400);
    await settle();
    expect(events).toEqual([]);
    const refusedLines = lines('slack: malformed request refused');
    expect(refusedLines).toHaveLength(refused.length);
    // The log says what was wrong without quoting the payload.
    expect(refusedLines.every((line) => line.length < 1_000)).toBe(true);
    expect(refusedLines[0]).toContain('user_id');
  });

  it('answers 400 to interactivity payloads with missing or mistyped fields', async () => {
    const responseUrl = fake.responseUrl();
    const action = JSON.parse(new URLSearchParams(blockActionsBody({ actionId: 'dialog:cancel', value: '1', responseUrl })).get('payload')!) as Record<string, any>;
    const view = JSON.parse(new URLSearchParams(viewSubmissionBody({ callbackId: 'command:deal new', values: {}, privateMetadata: '{}' })).get('payload')!) as Record<string, any>;
    const payloads = [
      { ...action, user: undefined },
      { ...action, user: { id: 42 } },
      { ...action, actions: [] },
      { ...action, actions: 'x' },
      { ...action, actions: [{ ...action['actions'][0], action_id: null }] },
      { ...action, trigger_id: ['a'] },
      { ...view, view: null },
      { ...view, view: { ...view['view'], state: { values: { block: { value: { type: 'plain_text_input', value: 7 } } } } } },
      { ...view, user: undefined },
      { type: 'no_such_type' },
    ];
    for (const payload of payloads) expect((await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString())).status).toBe(400);
    await settle();
    expect(events).toEqual([]);
    expect(lines('slack: malformed request refused')).toHaveLength(payloads.length);
  });

  it('still hands valid interactivity to the listeners', async () => {
    const responseUrl = fake.responseUrl();
    expect((await post(blockActionsBody({ actionId: 'dialog:cancel', value: '1', responseUrl }))).status).toBe(200);
    const values = { name: { value: { type: 'plain_text_input', value: 'Globex pilot' } } };
    expect((await post(viewSubmissionBody({ callbackId: 'command:deal new', values, privateMetadata: JSON.stringify({ channelId: 'C0VENTES01' }) }))).status).toBe(200);
    await fake.waitFor(() => events.length === 2);
    expect(events[0]).toMatchObject({ kind: 'action', actionId: 'dialog:cancel', value: '1' });
    expect(events[1]).toMatchObject({ kind: 'submission', formId: 'command:deal new', values: { name: 'Globex pilot' }, ref: { channelId: 'C0VENTES01' } });
  });

  it('runs a direct message event, acknowledges events it does not use, answers url_verification and ssl_check', async () => {
    const message = {
      type: 'event_callback',
      team_id: 'T0ACMEFR01',
      api_app_id: 'A0ACMEBOT1',
      event_id: 'Ev0BOUNDARY1',
      event_time: NOW_S,
      authorizations: [{ enterprise_id: null, team_id: 'T0ACMEFR01', user_id: 'U0ACMEBOT1', is_bot: true, is_enterprise_install: false }],
      event: { type: 'message', channel: 'D0CAMILLE1', channel_type: 'im', user: 'U0CAMILLE1', text: 'oui', ts: '1773134100.000100', team: 'T0ACMEFR01' },
    };
    expect((await post(JSON.stringify(message), NOW_S, 'application/json')).status).toBe(200);
    await fake.waitFor(() => events.length === 1);
    expect(events[0]).toMatchObject({ kind: 'message', text: 'oui', ref: { workspaceId: 'T0ACMEFR01', channelId: 'D0CAMILLE1', isDM: true } });

    // A mention of the bot is a sentence to it (slack-messages.test.ts covers it); an event Relance does not use is acknowledged and dropped.
    const unused = { ...message, event_id: 'Ev0BOUNDARY2', event: { type: 'reaction_added', user: 'U0CAMILLE1', reaction: 'thumbsup', item: { type: 'message', channel: 'C0VENTES01', ts: '1773134100.000200' }, event_ts: '1773134100.000300' } };
    expect((await post(JSON.stringify(unused), NOW_S, 'application/json')).status).toBe(200);
    expect((await post(JSON.stringify({ ...message, event: { ...message.event, channel: 7 } }), NOW_S, 'application/json')).status).toBe(400);

    const challenge = await post(JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' }), NOW_S, 'application/json');
    expect(challenge).toMatchObject({ status: 200, text: JSON.stringify({ challenge: 'c-123' }) });
    expect((await post(JSON.stringify({ type: 'url_verification' }), NOW_S, 'application/json')).status).toBe(400);
    // Slack's certificate probe is not signed; it is answered and nothing else.
    expect((await postToSlackAdapter(port, 'ssl_check=1&token=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    // Nor does anything smuggled into one.
    const smuggled = `ssl_check=1&${blockActionsBody({ actionId: 'dialog:cancel', value: '1', responseUrl: fake.responseUrl() })}`;
    expect((await postToSlackAdapter(port, smuggled, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    await settle();
    expect(events).toHaveLength(1);
  });
});
