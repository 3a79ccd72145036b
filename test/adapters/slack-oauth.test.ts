// Relance installed into many Slack workspaces (OAuth v2): the real Bolt App with the real
// InstallProvider, on loopback, against the fake Slack (oauth.v2.access, per-token auth.test),
// the real bot and database (PGlite, or PostgreSQL with TEST_DATABASE_URL). Ids carry a run
// suffix, so a PostgreSQL test database kept between runs holds no row that looks like ours.
import { createHmac } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../adapters/slack/manifest.ts';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import { installPageTexts, pageLanguage } from '../../adapters/slack/slack-install-pages.ts';
import { createSlackInstallationStore } from '../../adapters/slack/slack-installation-store.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot } from '../../src/core/bot.ts';
import { typographyProblems } from '../../src/core/i18n/typography.ts';
import type { ConversationRef, Reply } from '../../src/core/types.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { deals, slackInstallations, workspaces } from '../../src/db/schema.ts';
import { createTokenCipher, keyIdOf } from '../../src/security/token-cipher.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, oauthGrant, startSlackFake, type RecordedCall, type SlackFake } from '../fakes/slack-api.fake.ts';
import { testDatabaseTarget } from '../support/chat-harness.ts';
import { findButton, blocksText } from '../support/slack-environment.ts';
import { blockActionsBody, sign, SIGNING_SECRET, slashCommandBody } from '../support/slack-requests.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

const KEY = Buffer.alloc(32, 0x2a);
const NEW_KEY = Buffer.alloc(32, 0x5c);
const STATE_SECRET = 'state-secret-for-tests-0123456789';
const NOW = new Date('2026-11-24T09:00:00Z');

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase().slice(-7);
const TEAM_A = `T0A${run}`;
const TEAM_B = `T0B${run}`;
const ORG = `E0O${run}`;
const ORG_TEAM_1 = `T1O${run}`;
const ORG_TEAM_2 = `T2O${run}`;
const TOKEN_A = `xoxb-a-${run}-secretAAAA`;
const TOKEN_A2 = `xoxb-a2-${run}-secretAAAA`;
const TOKEN_B = `xoxb-b-${run}-secretBBBB`;
const TOKEN_ORG = `xoxb-org-${run}-secretEEEE`;
const BOT_A = `U0BA${run}`;
const BOT_ORG = `U0BO${run}`;

let fake: SlackFake;
let database: DatabaseHandle;
let adapter: SlackAdapter;
let base: string;
const logs: string[] = [];
const cipher = createTokenCipher(KEY);

beforeAll(async () => {
  fake = await startSlackFake();
  fake.grant(`code-a-${run}`, oauthGrant(TOKEN_A, { id: TEAM_A, name: 'Alpha Ventes' }, null, BOT_A, `U0IA${run}`));
  fake.grant(`code-a2-${run}`, oauthGrant(TOKEN_A2, { id: TEAM_A, name: 'Alpha Ventes' }, null, BOT_A, `U0IA${run}`));
  fake.grant(`code-b-${run}`, oauthGrant(TOKEN_B, { id: TEAM_B, name: 'Beta Sales' }, null, `U0BB${run}`, `U0IB${run}`));
  fake.grant(`code-org-${run}`, oauthGrant(TOKEN_ORG, null, { id: ORG, name: 'Groupe Org' }, BOT_ORG, `U0IO${run}`));
  database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const bot = createBot({ database, registry: createDefaultRegistry(), logger, now: () => NOW });
  adapter = createSlackAdapter({
    oauth: { clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: STATE_SECRET, cipher, db: database.db, now: () => NOW },
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
    retries: 0,
    logger,
  });
  await adapter.start(bot.handle);
  base = `http://127.0.0.1:${adapter.port}`;
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await database?.close();
});

/** GET /slack/install: where the browser is sent, and the state cookie it is given. */
async function startInstall(): Promise<{ status: number; location: URL; state: string; cookie: string; setCookie: string }> {
  const response = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const location = new URL(response.headers.get('location') ?? 'about:blank');
  return { status: response.status, location, state: location.searchParams.get('state') ?? '', cookie: setCookie.split(';')[0]!, setCookie };
}

/** Slack sending the browser back with `query`, the browser sending `cookie` (if any). */
async function redirectBack(query: Record<string, string>, cookie?: string, lang?: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`${base}/slack/oauth_redirect?${new URLSearchParams(query)}`, { headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) }, redirect: 'manual' });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** The whole install, as a browser would do it. */
async function install(code: string, lang?: string): Promise<{ status: number; html: string }> {
  const started = await startInstall();
  return redirectBack({ code, state: started.state }, started.cookie, lang);
}

const rowOf = async (id: string) => (await database.db.select().from(slackInstallations).where(eq(slackInstallations.id, id)))[0];

let triggers = 0;
/** A signed slash command from `team` (of organisation `org` installed org-wide, when given); resolves with its ack status and response URL. */
async function slash(team: string, text: string, options: { user: string; command?: string; org?: string }): Promise<{ status: number; responseUrl: string }> {
  const responseUrl = fake.responseUrl();
  const fields = new URLSearchParams(slashCommandBody({ command: options.command ?? '/deal', text, team, user: options.user, responseUrl, triggerId: `87${run}.${++triggers}.oauth` }));
  if (options.org) {
    fields.set('enterprise_id', options.org);
    fields.set('enterprise_name', 'Groupe Org');
    fields.set('is_enterprise_install', 'true');
  }
  const body = fields.toString();
  const response = await fetch(`${base}/slack/events`, { method: 'POST', headers: sign(body), body });
  await response.text();
  return { status: response.status, responseUrl };
}

const responsesTo = (url: string): RecordedCall[] => fake.calls.filter((call) => call.method === 'response' && call.body['_url'] === new URL(url).pathname);
const answered = async (url: string): Promise<RecordedCall> => {
  await fake.waitFor(() => responsesTo(url).length > 0);
  return responsesTo(url).at(-1)!;
};
/** The token of the users.info call made for `user` (the member's identity, asked with the workspace's token). */
const usersInfoToken = (user: string): string | undefined => fake.callsTo('users.info').find((call) => call.body['user'] === user)?.token;

/** A signed Events API callback for an installation: the team's, or the organisation's when org-wide. */
async function postEvent(event: Record<string, unknown>, where: { team: string; org?: string; botUser: string }): Promise<number> {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: where.team,
    ...(where.org ? { enterprise_id: where.org } : {}),
    api_app_id: 'A0RELANCE1',
    event_id: `Ev0${run}${++triggers}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: where.org ?? null, team_id: where.org ? null : where.team, user_id: where.botUser, is_bot: true, is_enterprise_install: Boolean(where.org) }],
    event: { ...event, event_ts: `${Math.floor(Date.now() / 1000)}.000${triggers}` },
  });
  const response = await fetch(`${base}/slack/events`, { method: 'POST', headers: { ...sign(body), 'content-type': 'application/json' }, body });
  await response.text();
  return response.status;
}

const until = async (check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> => {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const text = (lines: string): Reply => ({ blocks: [{ type: 'text', text: lines }], visibility: 'channel', lang: 'fr' }) as Reply;
const refIn = (workspaceId: string): ConversationRef => ({ platform: 'slack', workspaceId, channelId: 'C0NOTICE01', userId: 'U0SOMEONE1', isDM: false });

describe('Slack installs (OAuth v2)', () => {
  it('sends the browser from /slack/install to Slack’s consent screen with a signed state, also set as a cookie', async () => {
    const started = await startInstall();
    expect(started.status).toBe(302);
    expect(`${started.location.origin}${started.location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(started.location.searchParams.get('client_id')).toBe(FAKE_CLIENT_ID);
    expect(started.location.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(started.state.length).toBeGreaterThan(20);
    expect(started.cookie).toBe(`slack-app-oauth-state=${started.state}`);
    expect(started.setCookie).toMatch(/HttpOnly/);
    expect(started.setCookie).toMatch(/Secure/);
  });

  it('refuses a return without a state, with a state from another browser or a forged one, and a cancelled or refused install; nothing is stored', async () => {
    const code = `code-a-${run}`;
    const missing = await redirectBack({ code });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('L’installation n’a pas abouti');
    expect(missing.html).toContain('href="/slack/install"');
    expect(missing.html).not.toMatch(/Error|at .*\.js|stack/);
    expect(missing.headers.get('referrer-policy')).toBe('no-referrer');

    // A state this server issued, but to another browser (no cookie, or another one).
    const other = await startInstall();
    expect((await redirectBack({ code, state: other.state })).status).toBe(400);
    const mine = await startInstall();
    expect((await redirectBack({ code, state: other.state }, mine.cookie)).status).toBe(400);

    // Signed with another secret, sent with a matching cookie: the signature gives it away.
    const [header, payload] = other.state.split('.');
    const forged = `${header}.${payload}.${createHmac('sha256', 'not-the-state-secret').update(`${header}.${payload}`).digest('base64url')}`;
    const refusedForgery = await redirectBack({ code, state: forged }, `slack-app-oauth-state=${forged}`, 'en-GB,en;q=0.9,fr;q=0.5');
    expect(refusedForgery.status).toBe(400);
    expect(refusedForgery.html).toContain('The installation did not finish');
    expect(refusedForgery.html).toContain('<html lang="en">');

    // Cancelled on Slack's screen.
    const cancelled = await startInstall();
    const cancel = await redirectBack({ error: 'access_denied', state: cancelled.state }, cancelled.cookie);
    expect(cancel.status).toBe(400);
    expect(cancel.html).toContain('annulée');

    // A code Slack does not know.
    const unknown = await install('code-nobody-knows');
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('Slack n’a pas confirmé l’installation');

    // Only the unknown code reached oauth.v2.access; team A's code is still unused.
    expect(fake.callsTo('oauth.v2.access').map((call) => call.body['code'])).toEqual(['code-nobody-knows']);
    expect(await rowOf(TEAM_A)).toBeUndefined();
  });

  it('installs team A and team B: each row holds its tokens sealed, none in clear, opened only with the key', async () => {
    const a = await install(`code-a-${run}`);
    expect(a.status).toBe(200);
    expect(a.html).toContain('Relance est installé');
    expect(a.html).toContain('Alpha Ventes');
    const b = await install(`code-b-${run}`, 'en-US,en;q=0.8');
    expect(b.status).toBe(200);
    expect(b.html).toContain('Relance is now in Beta Sales. In Slack, type /help to get started.');

    // The code was traded with the app's credentials (the fake checks them), then the token checked with auth.test.
    expect(fake.callsTo('oauth.v2.access').filter((call) => call.answer?.['ok'] === true)).toHaveLength(2);
    expect(fake.callsTo('auth.test').map((call) => call.token)).toEqual(expect.arrayContaining([TOKEN_A, TOKEN_B]));

    const row = (await rowOf(TEAM_A))!;
    expect(row).toMatchObject({ teamId: TEAM_A, enterpriseId: null, isEnterpriseInstall: false, botUserId: BOT_A, userTokenSealed: null, revokedAt: null });
    expect(row.installedAt.toISOString()).toBe(NOW.toISOString());
    expect(JSON.stringify(row)).not.toContain(TOKEN_A);
    expect(JSON.stringify(row)).not.toContain('secretAAAA');
    expect(row.botTokenSealed).toMatch(new RegExp(`^v1\\.${keyIdOf(KEY)}\\.`));
    expect(cipher.open(row.botTokenSealed!, `slack:${TEAM_A}:bot`)).toBe(TOKEN_A);
    expect(() => createTokenCipher(NEW_KEY).open(row.botTokenSealed!, `slack:${TEAM_A}:bot`)).toThrow();
    // What Slack said, minus the token: scopes, bot ids, team.
    expect(row.installation).toMatchObject({ team: { id: TEAM_A, name: 'Alpha Ventes' }, bot: { userId: BOT_A, scopes: BOT_SCOPES }, isEnterpriseInstall: false, authVersion: 'v2' });
  });

  it('answers each workspace with its own bot token and keeps it in its own Relance workspace', async () => {
    const fromA = await slash(TEAM_A, 'new "Renouvellement Alpha" Acme 12k', { user: 'U0ALICE001' });
    expect(fromA.status).toBe(200);
    const question = await answered(fromA.responseUrl);
    expect(blocksText(question)).toContain('Acme');
    const clickUrl = fake.responseUrl();
    const click = blockActionsBody({ team: TEAM_A, user: 'U0ALICE001', responseUrl: clickUrl, ...findButton(question, 'Acme') });
    const clicked = await fetch(`${base}/slack/events`, { method: 'POST', headers: sign(click), body: click });
    expect(clicked.status).toBe(200);
    await answered(clickUrl);

    const fromB = await slash(TEAM_B, 'list all', { user: 'U0BOB00001' });
    expect(fromB.status).toBe(200);
    expect(blocksText(await answered(fromB.responseUrl))).not.toContain('Renouvellement Alpha');

    // Each member was looked up with their own workspace's token.
    expect(usersInfoToken('U0ALICE001')).toBe(TOKEN_A);
    expect(usersInfoToken('U0BOB00001')).toBe(TOKEN_B);

    const [wsA] = await database.db.select().from(workspaces).where(and(eq(workspaces.platform, 'slack'), eq(workspaces.externalId, TEAM_A)));
    const [wsB] = await database.db.select().from(workspaces).where(and(eq(workspaces.platform, 'slack'), eq(workspaces.externalId, TEAM_B)));
    expect(wsA && wsB && wsA.id !== wsB.id).toBe(true);
    expect((await database.db.select().from(deals).where(eq(deals.workspaceId, wsA!.id))).map((deal) => deal.name)).toEqual(['Renouvellement Alpha']);

    // Messages sent later (reminders) hold no live request: the workspace's token comes from the store.
    await adapter.send(refIn(TEAM_B), text('Rappel B'));
    await adapter.send(refIn(TEAM_A), text('Rappel A'));
    const posted = fake.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.body).includes('Rappel'));
    expect(posted.map((call) => [JSON.stringify(call.body).includes('Rappel A') ? 'A' : 'B', call.token])).toEqual([
      ['B', TOKEN_B],
      ['A', TOKEN_A],
    ]);
  });

  it('publishes a member’s App Home with their workspace’s token', async () => {
    expect(await postEvent({ type: 'app_home_opened', user: 'U0BOB00001', channel: 'D0BOB00001', tab: 'home' }, { team: TEAM_B, botUser: `U0BB${run}` })).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.publish').some((call) => call.body['user_id'] === 'U0BOB00001'));
    expect(fake.callsTo('views.publish').find((call) => call.body['user_id'] === 'U0BOB00001')?.token).toBe(TOKEN_B);
  });

  it('serves every team of an organisation installed org-wide with the organisation’s token, as one Relance workspace', async () => {
    expect((await install(`code-org-${run}`)).status).toBe(200);
    const row = (await rowOf(ORG))!;
    expect(row).toMatchObject({ id: ORG, teamId: null, enterpriseId: ORG, isEnterpriseInstall: true, botUserId: BOT_ORG });
    expect(JSON.stringify(row)).not.toContain(TOKEN_ORG);
    expect(await rowOf(ORG_TEAM_1)).toBeUndefined();

    const one = await slash(ORG_TEAM_1, 'list all', { user: 'U0CLAIRE01', org: ORG });
    const two = await slash(ORG_TEAM_2, 'list all', { user: 'U0DAVID001', org: ORG });
    expect([one.status, two.status]).toEqual([200, 200]);
    await answered(one.responseUrl);
    await answered(two.responseUrl);
    expect(usersInfoToken('U0CLAIRE01')).toBe(TOKEN_ORG);
    expect(usersInfoToken('U0DAVID001')).toBe(TOKEN_ORG);
    const orgWorkspaces = await database.db.select().from(workspaces).where(and(eq(workspaces.platform, 'slack'), inArray(workspaces.externalId, [ORG, ORG_TEAM_1, ORG_TEAM_2])));
    expect(orgWorkspaces.map((ws) => ws.externalId)).toEqual([ORG]);

    await adapter.send(refIn(ORG), text('Rappel org'));
    expect(fake.callsTo('chat.postMessage').find((call) => JSON.stringify(call.body).includes('Rappel org'))?.token).toBe(TOKEN_ORG);
  });

  it('drops team A’s tokens on app_uninstalled: its requests are ignored, team B is still served, A’s deals stay', async () => {
    expect(await postEvent({ type: 'app_uninstalled' }, { team: TEAM_A, botUser: BOT_A })).toBe(200);
    await until(async () => Boolean((await rowOf(TEAM_A))?.revokedAt));
    const row = (await rowOf(TEAM_A))!;
    expect(row).toMatchObject({ botTokenSealed: null, userTokenSealed: null, teamId: TEAM_A });
    expect(row.installation).toMatchObject({ team: { id: TEAM_A } });

    const before = fake.calls.length;
    const refused = await slash(TEAM_A, 'list all', { user: 'U0ALICE002' });
    // Bolt acknowledges (Slack would retry otherwise) and runs nothing.
    expect(refused.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(responsesTo(refused.responseUrl)).toEqual([]);
    expect(fake.calls.slice(before).filter((call) => call.token === TOKEN_A)).toEqual([]);
    expect(logs.some((line) => line.includes('without a live installation'))).toBe(true);
    await expect(adapter.send(refIn(TEAM_A), text('Rappel A'))).rejects.toThrow(/no live installation/);

    const stillB = await slash(TEAM_B, 'list all', { user: 'U0BOB00001' });
    expect(stillB.status).toBe(200);
    await answered(stillB.responseUrl);

    const wsA = await workspaceIdOf(database, { platform: 'slack', workspaceId: TEAM_A });
    expect(await database.db.select().from(deals).where(eq(deals.workspaceId, wsA))).toHaveLength(1);
  });

  it('comes back to life when team A installs again, with its new token', async () => {
    expect((await install(`code-a2-${run}`)).status).toBe(200);
    const row = (await rowOf(TEAM_A))!;
    expect(row.revokedAt).toBeNull();
    expect(cipher.open(row.botTokenSealed!, `slack:${TEAM_A}:bot`)).toBe(TOKEN_A2);
    // The member who created the deal sees it again; a new member is served with the new token.
    const creator = await slash(TEAM_A, 'list all', { user: 'U0ALICE001' });
    expect(blocksText(await answered(creator.responseUrl))).toContain('Renouvellement Alpha');
    const back = await slash(TEAM_A, 'list all', { user: 'U0ALICE003' });
    await answered(back.responseUrl);
    expect(usersInfoToken('U0ALICE003')).toBe(TOKEN_A2);
  });

  it('drops the organisation’s bot token on tokens_revoked', async () => {
    expect(await postEvent({ type: 'tokens_revoked', tokens: { bot: [BOT_ORG] } }, { team: ORG_TEAM_1, org: ORG, botUser: BOT_ORG })).toBe(200);
    await until(async () => Boolean((await rowOf(ORG))?.revokedAt));
    expect((await rowOf(ORG))!.botTokenSealed).toBeNull();
    const refused = await slash(ORG_TEAM_2, 'list all', { user: 'U0DAVID002', org: ORG });
    expect(refused.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(responsesTo(refused.responseUrl)).toEqual([]);
  });

  it('refuses malformed lifecycle events before Bolt sees them', async () => {
    expect(await postEvent({ type: 'tokens_revoked', tokens: { bot: 'U0NOTALIST' } }, { team: TEAM_B, botUser: 'U0X' })).toBe(400);
    expect((await rowOf(TEAM_B))!.revokedAt).toBeNull();
  });
});

describe('Slack installation store', () => {
  it('seals tokens again with a new key: on their next read, or all at once', async () => {
    const rotated = createSlackInstallationStore({ db: database.db, cipher: createTokenCipher(NEW_KEY, [KEY]), now: () => NOW });
    const installation = await rotated.fetchInstallation({ teamId: TEAM_B, enterpriseId: undefined, isEnterpriseInstall: false });
    expect(installation.bot?.token).toBe(TOKEN_B);
    await until(async () => Boolean((await rowOf(TEAM_B))?.botTokenSealed?.startsWith(`v1.${keyIdOf(NEW_KEY)}.`)));
    // The rest, in one go (rows of earlier runs in a kept PostgreSQL database are sealed with KEY too).
    const result = await rotated.resealAll();
    expect(result.unreadable.filter((id) => id.includes(run))).toEqual([]);
    expect((await rowOf(TEAM_A))!.botTokenSealed).toMatch(new RegExp(`^v1\\.${keyIdOf(NEW_KEY)}\\.`));
    expect((await rotated.resealAll()).resealed).toBe(0);
    // Once the old key is dropped, everything still opens.
    const later = createSlackInstallationStore({ db: database.db, cipher: createTokenCipher(NEW_KEY) });
    expect(await later.botTokenFor(TEAM_A)).toBe(TOKEN_A2);
    expect(await later.botTokenFor(TEAM_B)).toBe(TOKEN_B);
    // Put back under KEY for the adapter still running on it.
    const back = createSlackInstallationStore({ db: database.db, cipher: createTokenCipher(KEY, [NEW_KEY]) });
    await back.resealAll();
    expect(await back.botTokenFor(TEAM_B)).toBe(TOKEN_B);
  });

  it('does not open a sealed token copied into another workspace’s row', async () => {
    const store = createSlackInstallationStore({ db: database.db, cipher, now: () => NOW });
    const id = `T0C${run}`;
    await store.storeInstallation(oauthInstallation(id, 'xoxb-c-secret'));
    const sealedB = (await rowOf(TEAM_B))!.botTokenSealed;
    await database.db.update(slackInstallations).set({ botTokenSealed: sealedB }).where(eq(slackInstallations.id, id));
    await expect(store.fetchInstallation({ teamId: id, enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/does not open/);
    await store.deleteInstallation!({ teamId: id, enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(store.fetchInstallation({ teamId: id, enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/uninstalled/);
    await expect(store.fetchInstallation({ teamId: `T0NONE${run}`, enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/not installed/);
  });

  it('finds an org-wide install for a team of the organisation asked about as a workspace', async () => {
    const store = createSlackInstallationStore({ db: database.db, cipher, now: () => NOW });
    const org = `E0F${run}`;
    await store.storeInstallation({ ...oauthInstallation(org, 'xoxb-f-secret'), team: undefined, enterprise: { id: org }, isEnterpriseInstall: true } as never);
    const found = await store.fetchInstallation({ teamId: `T0F${run}`, enterpriseId: org, isEnterpriseInstall: false });
    expect(found.bot?.token).toBe('xoxb-f-secret');
    expect(await store.botTokenFor(org)).toBe('xoxb-f-secret');
  });
});

describe('install pages', () => {
  it('exist in French and English with the same keys, written by the house rules', () => {
    expect(Object.keys(installPageTexts.en).sort()).toEqual(Object.keys(installPageTexts.fr).sort());
    for (const lang of ['fr', 'en'] as const) {
      for (const [key, value] of Object.entries(installPageTexts[lang])) expect(typographyProblems(value, lang), `${lang}.${key}`).toEqual([]);
    }
  });

  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9,en;q=0.8,fr;q=0.7', 'en'],
    ['en;q=0.5,fr-CA;q=0.8', 'fr'],
    ['es, it', 'fr'],
    ['en;q=0', 'fr'],
  ])('reads the page language from Accept-Language %j', (header, lang) => {
    expect(pageLanguage(header)).toBe(lang);
  });
});

function oauthInstallation(teamId: string, token: string) {
  return {
    team: { id: teamId, name: 'Team' },
    enterprise: undefined,
    user: { id: 'U0INSTALL1', token: undefined, scopes: undefined },
    bot: { token, scopes: ['commands'], id: 'B0X', userId: 'U0BOTX0001' },
    isEnterpriseInstall: false,
    authVersion: 'v2' as const,
  };
}
