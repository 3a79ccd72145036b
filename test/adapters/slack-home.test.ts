// The App Home « Ma journée » / "My day" through the real Bolt App and the adapter's verifying
// receiver, against the local fake Slack: `app_home_opened` (Home tab only) becomes a HomeEvent
// whose reply is published with views.publish (≤ 100 blocks, no forms); a member's own
// commands, clicks and submissions refresh it once per debounce window; a 429 is retried once
// after Retry-After; malformed events never reach the core. The first part records what
// reaches the core (a stub in its place); the last runs the real core on a real database.
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import { MAX_HOME_BLOCKS, renderHome } from '../../adapters/slack/slack-home.ts';
import { readSlackRequest } from '../../adapters/slack/slack-payloads.ts';
import type { Block, IncomingEvent, Reply } from '../../src/core/types.ts';
import type { RecordedCall, SlackFake } from '../fakes/slack-api.fake.ts';
import { findButton, startSlackEnvironment, type SlackEnvironment } from '../support/slack-environment.ts';
import { appHomeOpenedBody, blockActionsBody, postToSlackAdapter, sign, SIGNING_SECRET } from '../support/slack-requests.ts';

/** Short debounce for tests (the adapter's default is 10 s). */
const REFRESH_MS = 500;

let env: SlackEnvironment;
let fake: SlackFake;
const events: IncomingEvent[] = [];
/** What the stub core answers a HomeEvent with. */
let homeBlocks: Block[] = [];

beforeAll(async () => {
  env = await startSlackEnvironment({ homeRefreshMs: REFRESH_MS });
  fake = env.fake;
});

afterAll(async () => {
  await env.close();
});

beforeEach(() => {
  fake.reset();
  events.length = 0;
  env.logs.length = 0;
  env.stub = undefined;
  homeBlocks = [{ type: 'section', title: 'Ma journée' }, { type: 'text', text: '2 affaires à relancer' }];
});

let teamCounter = 0;
const newTeam = () => `T0HOME${String(++teamCounter).padStart(3, '0')}${Date.now() % 100000}`;
const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));
const publishes = (): RecordedCall[] => fake.callsTo('views.publish');
type HomeView = { type: string; blocks: Array<Record<string, any>> };
const viewOf = (call: RecordedCall | undefined): HomeView => call?.body['view'] as HomeView;

/** The core replaced by a recorder: "my day" for a HomeEvent, one line for anything else. */
function record(): void {
  env.stub = async (event, respond) => {
    events.push(event);
    if (event.kind === 'home') await respond({ visibility: 'private', lang: 'fr', blocks: homeBlocks });
    else await respond({ visibility: 'private', lang: 'fr', blocks: [{ type: 'text', text: 'C’est noté.' }] });
  };
}

async function openHome(options: Parameters<typeof appHomeOpenedBody>[0] = {}): Promise<number> {
  const body = appHomeOpenedBody(options);
  return (await postToSlackAdapter(env.port, body, { ...sign(body), 'content-type': 'application/json' })).status;
}

/** Opens the home and waits for its publish. */
async function opened(options: Parameters<typeof appHomeOpenedBody>[0] = {}): Promise<RecordedCall> {
  const before = publishes().length;
  expect(await openHome(options)).toBe(200);
  await fake.waitFor(() => publishes().length > before);
  return publishes().at(-1)!;
}

describe('Slack App Home: what reaches the core and what is published', () => {
  it('hands the core a HomeEvent for the Home tab and publishes its reply as the member’s home view', async () => {
    record();
    const call = await opened({ user: 'U0CAMILLE1', channel: 'D0CAMHOME1', eventTs: '1773135000.000777' });
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'home',
        ref: { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'D0CAMHOME1', userId: 'U0CAMILLE1', isDM: true },
        actor: expect.objectContaining({ id: 'U0CAMILLE1' }),
        idempotencyKey: 'slack:home:1773135000.000777',
      }),
    ]);
    expect(call.body['user_id']).toBe('U0CAMILLE1');
    const view = viewOf(call);
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('*Ma journée*');
  });

  it('does nothing for the Messages tab (that is the DM)', async () => {
    record();
    expect(await openHome({ tab: 'messages' })).toBe(200);
    await settle();
    expect(events).toHaveLength(0);
    expect(publishes()).toHaveLength(0);
  });

  it('keeps a home within Slack’s 100 blocks, says it was cut, drops forms and keeps buttons', async () => {
    record();
    homeBlocks = [
      { type: 'section', title: 'Ma journée' },
      { type: 'form', formId: 'command:log', title: '/log', submitLabel: 'OK', fields: [{ name: 'notes', label: 'Notes', kind: 'textarea', required: false }] },
      { type: 'buttons', buttons: [{ label: 'Voir #12', actionId: 'run', value: 'deal show #12' }] },
      ...Array.from({ length: 150 }, (_, i): Block => ({ type: 'text', text: `Affaire ${i + 1} à relancer <!channel>` })),
    ];
    const view = viewOf(await opened());
    expect(view.blocks).toHaveLength(MAX_HOME_BLOCKS);
    expect(view.blocks.some((block) => block['type'] === 'input')).toBe(false);
    expect(view.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '… et d’autres éléments, à voir avec /aujourdhui.' }] });
    expect(view.blocks[1]!['elements'][0]).toMatchObject({ type: 'button', action_id: 'run::0', value: 'deal show #12' });
    // Member text is escaped as in messages: nobody is pinged from a home.
    expect(JSON.stringify(view)).not.toContain('<!channel>');
  });

  it('renders a reply that fits as it is, and cuts by size too (Slack’s 250 kB per view)', () => {
    const view = renderHome({ visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: 'My day' }] });
    expect(view).toEqual({ type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'My day' } }] });
    const big = renderHome({ visibility: 'private', lang: 'en', blocks: Array.from({ length: 99 }, () => ({ type: 'text' as const, text: 'é'.repeat(2900) })) });
    expect(Buffer.byteLength(JSON.stringify(big))).toBeLessThan(250_000);
    expect(big.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '… and more: see /today.' }] });
  });

  it('refreshes the home once after three quick commands of the member, after the debounce', async () => {
    record();
    const team = newTeam();
    await opened({ team, user: 'U0CAMILLE1' });
    const start = Date.now();
    for (let i = 0; i < 3; i += 1) await env.slash(team, '/log', `note Initech ${i}`);
    // Nothing yet: the refresh waits for the debounce.
    expect(publishes()).toHaveLength(1);
    await fake.waitFor(() => publishes().length === 2);
    expect(Date.now() - start).toBeGreaterThanOrEqual(REFRESH_MS - 50);
    await settle(REFRESH_MS + 300);
    expect(publishes()).toHaveLength(2);
    // The refresh asked the core again, in the member's home DM.
    const homes = events.filter((event) => event.kind === 'home');
    expect(homes).toHaveLength(2);
    expect(homes[1]!.ref).toEqual(homes[0]!.ref);
    expect(homes[1]!.idempotencyKey).not.toBe(homes[0]!.idempotencyKey);
  });

  it('does not publish the home of a member who never opened it, nor of another member', async () => {
    record();
    const team = newTeam();
    await opened({ team, user: 'U0HUGO0002' });
    await env.slash(team, '/log', 'note Initech');
    await settle(REFRESH_MS + 400);
    expect(publishes()).toHaveLength(1);
  });

  it('answers a button clicked in the home in the member’s DM, and refreshes the home', async () => {
    record();
    const team = newTeam();
    await opened({ team, user: 'U0CAMILLE1' });
    const payload = JSON.parse(new URLSearchParams(blockActionsBody({ team, actionId: 'run::0', value: 'deal show #12', responseUrl: fake.responseUrl() })).get('payload')!) as Record<string, any>;
    // As Slack sends a click in a Home tab: a view container, no channel, no message, no response_url.
    delete payload['channel'];
    delete payload['message'];
    delete payload['response_url'];
    payload['container'] = { type: 'view', view_id: 'V0HOMECAM1' };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await postToSlackAdapter(env.port, body)).status).toBe(200);
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
    expect(events.find((event) => event.kind === 'action')).toMatchObject({ actionId: 'run', value: 'deal show #12', ref: { channelId: 'D00CAMILLE', isDM: true } });
    expect(fake.callsTo('chat.postMessage')[0]!.body['channel']).toBe('D00CAMILLE');
    await fake.waitFor(() => publishes().length === 2);
  });

  it('retries views.publish once after Retry-After on a 429', async () => {
    record();
    fake.failNext('views.publish', { status: 429, retryAfter: 1 });
    expect(await openHome()).toBe(200);
    await fake.waitFor(() => publishes().length === 2, 5_000);
    const [first, second] = publishes();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(viewOf(second).type).toBe('home');
  });

  it('gives up after one retry when Slack keeps answering 429: no loop, one log line', async () => {
    record();
    fake.failNext('views.publish', { status: 429, retryAfter: 1 }, 5);
    expect(await openHome()).toBe(200);
    await fake.waitFor(() => publishes().length === 2, 5_000);
    await settle(2_500);
    expect(publishes()).toHaveLength(2);
    expect(env.logs.filter((line) => line.includes('views.publish failed'))).toHaveLength(1);
  });

  it('refuses a malformed app_home_opened with 400 and one log line, never reaching the core', async () => {
    record();
    const valid = JSON.parse(appHomeOpenedBody()) as Record<string, any>;
    const cases = [
      { ...valid, event: { ...valid['event'], user: undefined } },
      { ...valid, event: { ...valid['event'], channel: 42 } },
      { ...valid, event: { ...valid['event'], event_ts: 'x'.repeat(300) } },
      { ...valid, event: { ...valid['event'], tab: { home: true } } },
    ];
    for (const body of cases) {
      env.logs.length = 0;
      const text = JSON.stringify(body);
      expect((await postToSlackAdapter(env.port, text, { ...sign(text), 'content-type': 'application/json' })).status).toBe(400);
      expect(env.logs.filter((line) => line.includes('malformed request refused'))).toHaveLength(1);
    }
    await settle();
    expect(events).toHaveLength(0);
    expect(publishes()).toHaveLength(0);
    // The fixture itself passes, without the published view it carries.
    const request = readSlackRequest(valid);
    expect(request).toMatchObject({ kind: 'process', what: 'app_home_opened', body: { event: { type: 'app_home_opened', user: 'U0CAMILLE1', tab: 'home' } } });
    if (request.kind === 'process') expect(Object.keys(request.body['event'] as object)).not.toContain('view');
  });
});

describe('Slack App Home refresh timer', () => {
  it('is cleared on stop(): nothing is published after', async () => {
    const logger = pino({ level: 'silent' });
    const seen: IncomingEvent[] = [];
    const adapter = createSlackAdapter({ botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, retries: 0, logger, homeRefreshMs: 300 });
    await adapter.start(async (event, respond) => {
      seen.push(event);
      const reply: Reply = { visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: event.kind === 'home' ? 'My day' : 'Done' }] };
      await respond(reply);
    });
    try {
      const home = appHomeOpenedBody();
      await postToSlackAdapter(adapter.port!, home, { ...sign(home), 'content-type': 'application/json' });
      await fake.waitFor(() => publishes().length === 1);
      const click = blockActionsBody({ actionId: 'run::0', value: 'help', responseUrl: fake.responseUrl() });
      await postToSlackAdapter(adapter.port!, click);
      await fake.waitFor(() => seen.some((event) => event.kind === 'action'));
      // The refresh is now pending (300 ms).
      await settle(100);
    } finally {
      await adapter.stop();
    }
    await settle(600);
    expect(publishes()).toHaveLength(1);
  });
});

describe('Slack App Home with the real core', () => {
  /** A workspace where Acme Corp exists, so /log needs no question. */
  async function withAcme(): Promise<string> {
    const team = newTeam();
    const created = await env.slash(team, '/deal', 'new "Acme renewal" "Acme Corp" 30k');
    await env.click(team, findButton(created.last(), 'Acme Corp'));
    await settle(REFRESH_MS);
    fake.reset();
    return team;
  }

  it('publishes « Ma journée » within 100 blocks when the member opens the Home tab', async () => {
    const team = await withAcme();
    const view = viewOf(await opened({ team, user: 'U0CAMILLE1' }));
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeGreaterThan(0);
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
    expect(JSON.stringify(view.blocks)).toMatch(/Ma journée/);
  });

  it('publishes it again once after the member logs activities (three quick ones, one publish)', async () => {
    const team = await withAcme();
    await opened({ team, user: 'U0CAMILLE1' });
    for (const line of ['call "Acme Corp" positive Budget confirmed', 'email "Acme Corp" Sent the quote', 'note "Acme Corp" Champion identified']) {
      const { last } = await env.slash(team, '/log', line);
      expect(JSON.stringify(last()?.body['blocks'])).toMatch(/enregistr/i);
    }
    await fake.waitFor(() => publishes().length === 2);
    await settle(REFRESH_MS + 300);
    expect(publishes()).toHaveLength(2);
    expect(JSON.stringify(viewOf(publishes()[1]).blocks)).toMatch(/Ma journée/);
  });
});
