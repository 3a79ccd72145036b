// The real Bolt App, over HTTP, against a local fake Slack: signed requests in, Web API and
// response_url calls out, the real bot and database in between.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { activities, deals } from '../../src/db/schema.ts';
import type { SlackFake } from '../fakes/slack-api.fake.ts';
import { blocksText, findButton, startSlackEnvironment, type SlackEnvironment } from '../support/slack-environment.ts';
import { postToSlackAdapter, sign, slashCommandBody, viewSubmissionBody } from '../support/slack-requests.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let env: SlackEnvironment;
let fake: SlackFake;
let database: DatabaseHandle;
let adapter: SlackAdapter;
let port: number;

beforeAll(async () => {
  env = await startSlackEnvironment();
  ({ fake, database, adapter, port } = env);
});

afterAll(async () => {
  await env.close();
});

beforeEach(() => {
  fake.reset();
});

let teamCounter = 0;
const newTeam = () => `T0TEST${String(++teamCounter).padStart(4, '0')}${Date.now() % 100000}`;
const responsesTo = (url: string) => env.responsesTo(url);
const textOf = blocksText;
const slash: SlackEnvironment['slash'] = (...args) => env.slash(...args);
const click: SlackEnvironment['click'] = (...args) => env.click(...args);

const workspaceId = (team: string): Promise<number> => workspaceIdOf(database, { platform: 'slack', workspaceId: team });

describe('Slack adapter', () => {
  it('rejects a bad signature and a stale timestamp with 401, running nothing', async () => {
    const body = slashCommandBody({ command: '/log', text: 'call Acme', responseUrl: fake.responseUrl() });
    const forged = await postToSlackAdapter(port, body, sign(body, undefined, 'not-the-secret'));
    expect(forged.status).toBe(401);
    const stale = await postToSlackAdapter(port, body, sign(body, Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Bolt checks its token once at start (auth.test); nothing else may reach Slack.
    expect(fake.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  it('acknowledges before doing any work', async () => {
    let release: () => void = () => {};
    env.gate = new Promise<void>((resolve) => (release = resolve));
    try {
      const responseUrl = fake.responseUrl();
      const body = slashCommandBody({ command: '/help', text: '', team: newTeam(), responseUrl });
      const ack = await postToSlackAdapter(port, body);
      // The core has not run yet (it is held), and Slack already has its 200.
      expect(ack.status).toBe(200);
      expect(responsesTo(responseUrl)).toHaveLength(0);
      release();
      await fake.waitFor(() => responsesTo(responseUrl).length === 1);
    } finally {
      env.gate = undefined;
      release();
    }
  });

  it('runs /log end to end: question with buttons, click, activity logged, question replaced', async () => {
    const team = newTeam();
    const first = await slash(team, '/log', 'call "Acme Corp" outbound 20min Budget confirmed');
    expect(textOf(first.last())).toContain('Créer la société');
    expect(first.last()!.body['response_type']).toBe('ephemeral');
    const done = await click(team, findButton(first.last(), 'Créer la société'));
    expect(done!.body['replace_original']).toBe(true);
    expect(textOf(done)).toContain('✅ Appel enregistré pour Acme Corp\u00a0: sortant et 20 min.');
    const rows = await database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceId(team)));
    expect(rows).toHaveLength(1);
    // users.info gave the member's locale: French replies.
    expect(fake.callsTo('users.info')[0]!.body['include_locale']).toBe('true');
  });

  it('runs every command through Slack without an error reply', async () => {
    const team = newTeam();
    const created = await slash(team, '/deal', 'new "Globex pilot" Globex 12k');
    await click(team, findButton(created.last(), 'Globex'));
    const [deal] = await database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceId(team)));
    const lines: Array<[string, string]> = [
      ['/deal', `show #${deal!.id}`],
      ['/affaire', 'liste'],
      ['/deal', `stage #${deal!.id} demo`],
      ['/deal', `amount #${deal!.id} 15k`],
      ['/deal', `close #${deal!.id} 15/12`],
      ['/deal', `next #${deal!.id} "Call the CFO" friday`],
      ['/deal', `owner #${deal!.id} me`],
      ['/journal', `note deal:#${deal!.id} Champion identified`],
      ['/stages', ''],
      ['/help', 'deal lost'],
      ['/aide', ''],
      ['/langue', 'fr'],
      ['/deal', `lost #${deal!.id} price Too expensive`],
    ];
    for (const [command, text] of lines) {
      const { last } = await slash(team, command, text);
      const body = textOf(last());
      expect(body, `${command} ${text}`).not.toMatch(/Oups|Oops|Je ne|I do not|I cannot/);
    }
    const [after] = await database.db.select().from(deals).where(eq(deals.id, deal!.id));
    expect(after).toMatchObject({ stage: 'lost', amountMinor: 1_500_000, expectedCloseDate: '2026-12-15', lostReason: 'price' });
  });

  it('opens a modal for a command missing arguments, and the submission creates the deal', async () => {
    const team = newTeam();
    const body = slashCommandBody({ command: '/deal', text: 'new', team, responseUrl: fake.responseUrl() });
    expect((await postToSlackAdapter(port, body)).status).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = fake.callsTo('views.open')[0]!.body['view'] as Record<string, any>;
    expect(view['callback_id']).toBe('command:deal new');
    const blockIds = (view['blocks'] as Array<{ block_id: string; element: { type: string } }>).map((b) => [b.block_id, b.element.type]);
    expect(blockIds).toEqual(expect.arrayContaining([['name', 'plain_text_input'], ['close', 'datepicker'], ['company', 'plain_text_input']]));

    const submit = viewSubmissionBody({
      callbackId: view['callback_id'],
      privateMetadata: view['private_metadata'],
      team,
      values: {
        name: { value: { type: 'plain_text_input', value: 'Dupont SA renewal' } },
        company: { value: { type: 'plain_text_input', value: 'Dupont SA' } },
        amount: { value: { type: 'plain_text_input', value: '45 000 €' } },
        close: { value: { type: 'datepicker', selected_date: '2026-12-30' } },
      },
    });
    expect((await postToSlackAdapter(port, submit)).status).toBe(200);
    // The company is new: the question arrives as an ephemeral message in the channel.
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral').length === 1);
    const question = fake.callsTo('chat.postEphemeral')[0]!;
    expect(question.body['channel']).toBe('C0VENTES01');
    const answer = await click(team, findButton(question, 'Dupont SA'));
    expect(textOf(answer)).toContain('Dupont SA renewal');
    const [deal] = await database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceId(team)));
    expect(deal).toMatchObject({ name: 'Dupont SA renewal', amountMinor: 4_500_000, expectedCloseDate: '2026-12-30' });
  });

  it('posts a won deal in the channel and keeps lists private', async () => {
    const team = newTeam();
    const created = await slash(team, '/deal', 'new Win Acme 1k');
    await click(team, findButton(created.last(), 'Acme'));
    const [deal] = await database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceId(team)));
    expect((await slash(team, '/deal', `won #${deal!.id}`)).last()!.body['response_type']).toBe('in_channel');
    expect((await slash(team, '/deal', 'list won')).last()!.body['response_type']).toBe('ephemeral');
  });

  it('logs once when Slack retries a slash command and when a button is double-clicked', async () => {
    const team = newTeam();
    const setup = await slash(team, '/log', 'note Initech');
    await click(team, findButton(setup.last(), 'Initech'));
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({ command: '/log', text: 'call Initech retried', team, responseUrl, triggerId: '999.1.retry' });
    await postToSlackAdapter(port, body);
    await postToSlackAdapter(port, body, { ...sign(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await fake.waitFor(() => responsesTo(responseUrl).length >= 1);

    const question = await slash(team, '/log', 'call Initek');
    const button = findButton(question.last(), 'Initech');
    await Promise.all([click(team, button, { actionTs: '1.000001' }), click(team, button, { actionTs: '1.000002' })]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = await database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceId(team)));
    expect(rows.map((r) => r.notes ?? '').sort()).toEqual(['', '', 'retried']);
  });

  it('asks once when Slack redelivers a command that asks a question', async () => {
    const team = newTeam();
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({ command: '/log', text: 'call "Never Seen Co"', team, responseUrl, triggerId: '999.2.retry' });
    await postToSlackAdapter(port, body);
    for (let retry = 1; retry <= 3; retry += 1) {
      await postToSlackAdapter(port, body, { ...sign(body), 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' });
    }
    await fake.waitFor(() => responsesTo(responseUrl).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(responsesTo(responseUrl)).toHaveLength(1);
    expect(textOf(responsesTo(responseUrl)[0])).toContain('Never Seen Co');
  });

  it('keeps two workspaces apart', async () => {
    const a = newTeam();
    const b = newTeam();
    const created = await slash(a, '/deal', 'new "Secret deal" Acme 99k');
    await click(a, findButton(created.last(), 'Acme'));
    const [deal] = await database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceId(a)));
    const list = await slash(b, '/deal', 'list all');
    expect(textOf(list.last())).not.toContain('Secret deal');
    const show = await slash(b, '/deal', `show #${deal!.id}`);
    expect(textOf(show.last())).toContain('Je ne trouve aucune affaire');
  });

  it('escapes user text so nobody is pinged and no link is forged', async () => {
    const team = newTeam();
    // Typed literally, Slack delivers the markup as entities; typed as a real @channel it arrives as <!channel>.
    const created = await slash(team, '/deal', 'new "&lt;!channel&gt; &lt;@U0HUGO0002&gt; &lt;http://evil.example|click&gt; <!here>" Acme 1k');
    await click(team, findButton(created.last(), 'Acme'));
    const [deal] = await database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceId(team)));
    const shown = textOf((await slash(team, '/deal', `show #${deal!.id}`)).last());
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<@U0HUGO0002>');
    expect(shown).not.toContain('<http://evil.example|click>');
    expect(shown).not.toContain('<!here>');
    expect(shown).toContain('&lt;!channel&gt; &lt;@U0HUGO0002&gt; &lt;http://evil.example|click&gt; @here');
  });

  it('retries chat.postMessage after a 429, waiting for Retry-After', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await adapter.send(
      { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'C0VENTES01', userId: 'U0CAMILLE1', isDM: false },
      { visibility: 'channel', lang: 'en', blocks: [{ type: 'text', text: 'Rappel : 3 affaires sans activité' }] },
    );
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('falls back to a DM when an ephemeral cannot reach the member', async () => {
    fake.failNext('chat.postEphemeral', { error: 'not_in_channel' });
    await adapter.send(
      { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'C0PRIVE001', userId: 'U0CAMILLE1', isDM: false },
      { visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: 'Votre relance du jour' }] },
    );
    expect(fake.callsTo('conversations.open')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage')[0]!.body['channel']).toMatch(/^D0/);
  });

  it('survives malformed payloads and keeps serving', async () => {
    const garbage = 'payload=%7Bnot-json';
    const bad = await postToSlackAdapter(port, garbage);
    expect(bad.status).toBeGreaterThanOrEqual(400);
    const weird = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', actions: [] }) }).toString();
    await postToSlackAdapter(port, weird);
    const ok = await slash(newTeam(), '/help', '');
    expect(textOf(ok.last())).toContain('Relance');
  });
});
