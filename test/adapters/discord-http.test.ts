// Discord's Interactions Endpoint URL: signed requests to the HTTP adapter, the real bot and
// database behind it (PGlite, or PostgreSQL with TEST_DATABASE_URL), the inbox recording every
// interaction before it is answered, follow-ups, DMs and reminders through the fake Discord's REST API.
import { generateKeyPairSync } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInteraction } from '../../adapters/discord/discord-payloads.ts';
import { activities, deals, inbox } from '../../src/db/schema.ts';
import { recordDelivery } from '../../src/inbox/inbox.service.ts';
import { APPLICATION_ID } from '../fakes/discord-gateway.fake.ts';
import { autocomplete, buttonClick, chatInput, dmChannelOf, messageCommand, modalSubmit, userCommand } from '../support/discord-environment.ts';
import { discordCases } from '../support/fuzz-payloads.ts';
import { fresh, startDiscordHttpEnvironment, type DiscordHttpEnvironment } from '../support/discord-http-environment.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let env: DiscordHttpEnvironment;
beforeAll(async () => {
  env = await startDiscordHttpEnvironment();
});
afterAll(async () => {
  await env?.close();
});

let guilds = 0;
const newGuild = () => `8${String(Date.now()).slice(-9)}${String(++guilds).padStart(4, '0')}`;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (value: unknown): string => JSON.stringify(value);

const workspaceId = (guild: string): Promise<number> => workspaceIdOf(env.database, { platform: 'discord', workspaceId: guild });
const activitiesIn = async (guild: string) => env.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceId(guild)));
const inboxRow = async (id: string) => (await env.database.db.select().from(inbox).where(and(eq(inbox.platform, 'discord'), eq(inbox.key, `discord:interaction:${id}`))))[0];

/** The custom_id of the button whose label contains `label` in an initial response or message body. */
function buttonIn(body: any, label: string): string {
  const data = body?.data ?? body;
  for (const row of data?.components ?? []) {
    for (const component of row.components ?? []) if (component.type === 2 && String(component.label).includes(label)) return component.custom_id;
  }
  throw new Error(`no button "${label}" in ${text(body)}`);
}

/** Waits until the inbox row of an interaction is closed (its work finished after the answer). */
async function finished(id: string): Promise<void> {
  const start = Date.now();
  while ((await inboxRow(id))?.status !== 'done') {
    if (Date.now() - start > 10_000) throw new Error(`interaction ${id} still working: ${text(await inboxRow(id))}`);
    await settle(20);
  }
}

/** A company the member can log against, created the way a member does it. */
async function company(guild: string, name: string): Promise<void> {
  const setup = fresh(chatInput({ guild }, 'log', undefined, { type: 'note', target: name }));
  const asked = await env.post(setup);
  const click = fresh(buttonClick({ guild }, buttonIn(asked.body, 'Create company')));
  await env.post(click);
  await finished(click['id']);
}

describe('Discord HTTP interactions', () => {
  it('answers a PING with a PONG', async () => {
    expect(await env.post({ id: '1', application_id: APPLICATION_ID, type: 1, token: 'ping', version: 1 })).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses a bad signature, a stale timestamp and missing headers with 401, doing nothing', async () => {
    const guild = newGuild();
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const tries = [
      { payload: fresh(chatInput({ guild }, 'help', undefined, {})), options: { key: stranger } },
      { payload: fresh(chatInput({ guild }, 'help', undefined, {})), options: { timestamp: Math.floor(Date.now() / 1000) - 600 } },
      { payload: fresh(chatInput({ guild }, 'help', undefined, {})), options: { unsigned: true } },
    ];
    for (const { payload, options } of tries) {
      const answer = await env.post(payload, options);
      expect(answer.status).toBe(401);
      expect(await inboxRow(payload['id'])).toBeUndefined();
      expect(env.fake.callsFor(payload['token'])).toEqual([]);
    }
    // Even a PING must be signed (Discord checks that the endpoint refuses unsigned ones).
    expect((await env.post({ type: 1 }, { unsigned: true })).status).toBe(401);
  });

  it('answers 400 to malformed JSON and malformed interactions, and keeps working', async () => {
    expect((await env.postRaw('{"type": 2, "id": ')).status).toBe(400);
    const broken = fresh(chatInput({ guild: newGuild() }, 'help', undefined, {}));
    delete broken['member'];
    expect((await env.post(broken)).status).toBe(400);
    expect((await env.post({ ...fresh(chatInput({ guild: newGuild() }, 'help', undefined, {})), data: null })).status).toBe(400);
    expect((await env.post(null)).status).toBe(400);
    expect(await inboxRow(broken['id'])).toBeUndefined();
    expect(env.logs.some((line) => line.includes('discord: malformed interaction refused'))).toBe(true);
    const help = await env.post(fresh(chatInput({ guild: newGuild() }, 'help', undefined, {})));
    expect(help.status).toBe(200);
    expect(text(help.body)).toContain('Relance');
  });

  it('answers a slash command inline, records it first and does its work', async () => {
    const guild = newGuild();
    const help = fresh(chatInput({ guild }, 'help', undefined, {}));
    const answer = await env.post(help);
    expect(answer.body.type).toBe(4);
    expect(answer.body.data.flags & 64).toBe(64);
    expect(answer.body.data.allowed_mentions).toEqual({ parse: [] });
    await finished(help['id']);
    expect(await inboxRow(help['id'])).toMatchObject({ tenant: guild, replyUrl: help['token'], status: 'done' });

    // /log: a question, a click on its button (which updates the question, type 7), the activity written.
    const ask = fresh(chatInput({ guild }, 'log', undefined, { type: 'call', target: 'Acme Corp', notes: 'Budget confirmed' }));
    const asked = await env.post(ask);
    expect(text(asked.body)).toContain('Create company');
    const click = fresh(buttonClick({ guild }, buttonIn(asked.body, 'Create company')));
    const clicked = await env.post(click);
    expect(clicked.body.type).toBe(7);
    expect(text(clicked.body)).toContain('Call logged for Acme Corp');
    await finished(click['id']);
    expect(await activitiesIn(guild)).toHaveLength(1);
    // Everything went in the HTTP responses: nothing through REST for these tokens.
    expect([...env.fake.callsFor(ask['token']), ...env.fake.callsFor(click['token'])]).toEqual([]);
  });

  it('opens a modal (type 9) when a command misses arguments, and the submission continues it', async () => {
    const guild = newGuild();
    const open = await env.post(fresh(chatInput({ guild }, 'deal', 'amount', {})));
    expect(open.body.type).toBe(9);
    expect(open.body.data.custom_id).toBe('command:deal amount');
    expect(open.body.data.components.map((row: any) => row.components[0].custom_id)).toEqual(['deal', 'amount']);

    const setup = await env.post(fresh(chatInput({ guild }, 'deal', 'new', { name: 'Modal deal', company: 'Initech', amount: '1k' })));
    const pick = fresh(buttonClick({ guild }, buttonIn(setup.body, 'Initech')));
    await env.post(pick);
    await finished(pick['id']);
    const [deal] = await env.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceId(guild)));
    const submitted = await env.post(fresh(modalSubmit({ guild }, 'command:deal amount', { deal: `#${deal!.id}`, amount: '12 500 €' })));
    expect(submitted.body.type).toBe(4);
    expect(text(submitted.body)).toContain('€1,000 → €12,500');
  });

  it('opens the capture form of a message command as a modal', async () => {
    const guild = newGuild();
    const answer = await env.post(fresh(messageCommand({ guild }, { content: 'Call with Acme: budget confirmed' })));
    expect(answer.body.type).toBe(9);
    expect(text(answer.body.data)).toContain('budget confirmed');
  });

  it('answers autocomplete with type 8, without recording it', async () => {
    const guild = newGuild();
    const setup = await env.post(fresh(chatInput({ guild }, 'deal', 'new', { name: 'Globex expansion', company: 'Globex' })));
    const pick = fresh(buttonClick({ guild }, buttonIn(setup.body, 'Globex')));
    await env.post(pick);
    await finished(pick['id']);
    const typing = fresh(autocomplete({ guild }, 'deal', 'show', 'deal', 'glob'));
    const answer = await env.post(typing);
    expect(answer.body.type).toBe(8);
    expect(answer.body.data.choices[0].name).toMatch(/^#\d+ Globex expansion$/);
    expect(await inboxRow(typing['id'])).toBeUndefined();
  });

  it('does the work once when the same interaction is delivered twice', async () => {
    const guild = newGuild();
    await company(guild, 'Soylent');
    const once = fresh(chatInput({ guild }, 'log', undefined, { type: 'call', target: 'Soylent' }));
    const [first, second] = await Promise.all([env.post(once), env.post(once)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await finished(once['id']);
    await settle(100);
    expect(await activitiesIn(guild)).toHaveLength(2);
    // One of the two carries the answer; the other only a deferral.
    expect(text([first.body, second.body])).toContain('Call logged for Soylent');
    expect([first.body.type, second.body.type].sort()).toEqual([4, 5]);
  });

  it('defers a slow command and sends its reply through REST with the token', async () => {
    const guild = newGuild();
    env.stub = async (_event, respond) => {
      await settle(2_300);
      await respond({ blocks: [{ type: 'text', text: 'Slow but here' }], visibility: 'private', lang: 'en' });
      await respond({ blocks: [{ type: 'text', text: 'And one more' }], visibility: 'private', lang: 'en' });
    };
    try {
      const slow = fresh(chatInput({ guild }, 'help', undefined, {}));
      const started = Date.now();
      const answer = await env.post(slow);
      expect(Date.now() - started).toBeLessThan(2_900);
      expect(answer.body).toEqual({ type: 5, data: { flags: 64 } });
      await env.fake.waitFor(() => env.fake.callsFor(slow['token']).length >= 2);
      const [edit, followUp] = env.fake.callsFor(slow['token']);
      expect(edit).toMatchObject({ method: 'PATCH', path: `/api/v10/webhooks/${APPLICATION_ID}/${slow['token']}/messages/@original` });
      expect(edit!.body.content).toBe('Slow but here');
      expect(edit!.body.allowed_mentions).toEqual({ parse: [] });
      expect(followUp).toMatchObject({ method: 'POST', path: `/api/v10/webhooks/${APPLICATION_ID}/${slow['token']}` });
      expect(followUp!.body.flags).toBe(64);
      await finished(slow['id']);
    } finally {
      env.stub = undefined;
    }
  });

  it('replays an interaction a dead replica recorded but never finished: answered once, by follow-up', async () => {
    const guild = newGuild();
    await company(guild, 'Umbrella');
    const payload = fresh(chatInput({ guild }, 'log', undefined, { type: 'call', target: 'Umbrella' }));
    const checked = checkInteraction(payload);
    if (!checked.ok) throw new Error('fixture does not check');
    // The dead replica recorded it (and answered, or not) and died: it never beats again.
    const rowId = await recordDelivery(env.database.db, { platform: 'discord', key: `discord:interaction:${payload['id']}`, tenant: guild, body: checked.data, replyUrl: payload['token'] }, 'dead-replica:1', new Date());
    const other = await env.startReplica();
    // What the inbox does for an orphan (claimOrphans picks it, any platform's): claimed for this replica, worked with its replayer.
    const claim = async () => {
      const [row] = await env.database.db.update(inbox).set({ worker: other.inbox.worker, status: 'working' }).where(eq(inbox.id, rowId!)).returning();
      await other.inbox.work(row!, () => other.replayer()(row!, env.logger));
    };
    await claim();
    expect((await inboxRow(payload['id']))!.status).toBe('done');
    expect(await activitiesIn(guild)).toHaveLength(2);
    const calls = env.fake.callsFor(payload['token']);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', path: `/api/v10/webhooks/${APPLICATION_ID}/${payload['token']}` });
    expect(text(calls[0]!.body)).toContain('Call logged for Umbrella');
    // Done: only rows still working are taken over (claimOrphans), so no replica answers it again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await inboxRow(payload['id']))!.status).toBe('done');
    expect(await activitiesIn(guild)).toHaveLength(2);
    expect(env.fake.callsFor(payload['token'])).toHaveLength(1);
  });

  it('answers a replay in the DM once the token has expired, or when Discord refuses the follow-up', async () => {
    const guild = newGuild();
    const user = '567318203596800001';
    const dm = dmChannelOf(user);
    const replay = async (replicaNow: () => Date, receivedAt: Date, expire: boolean) => {
      const payload = fresh(chatInput({ guild }, 'help', undefined, {}));
      if (expire) env.fake.expireToken(payload['token']);
      const checked = checkInteraction(payload);
      if (!checked.ok) throw new Error('fixture does not check');
      const rowId = await recordDelivery(env.database.db, { platform: 'discord', key: `discord:interaction:${payload['id']}`, tenant: guild, body: checked.data, replyUrl: payload['token'] }, 'dead-replica:2', receivedAt);
      const other = await env.startReplica({ now: replicaNow });
      const [row] = await env.database.db.update(inbox).set({ worker: other.inbox.worker }).where(eq(inbox.id, rowId!)).returning();
      const before = env.fake.messagesIn(dm).length;
      await other.inbox.work(row!, () => other.replayer()(row!, env.logger));
      return { payload, sent: env.fake.messagesIn(dm).slice(before) };
    };
    // Received 20 minutes ago: no follow-up is even tried.
    const late = await replay(() => new Date(Date.now() + 20 * 60_000), new Date(), false);
    expect(env.fake.callsFor(late.payload['token'])).toEqual([]);
    expect(late.sent).toHaveLength(1);
    expect(text(late.sent[0]!.body)).toContain('Relance');
    expect(late.sent[0]!.body.allowed_mentions).toEqual({ parse: [] });
    expect(late.sent[0]!.body.flags ?? 0).toBe(0);
    // A token that was never acknowledged: the follow-up is refused (404 Unknown Webhook), the DM gets it.
    const refused = await replay(() => new Date(), new Date(), true);
    expect(env.fake.callsFor(refused.payload['token'])).toHaveLength(1);
    expect(refused.sent).toHaveLength(1);
    expect(env.fake.calls.some((call) => call.method === 'POST' && call.path.endsWith('/users/@me/channels') && call.body.recipient_id === user)).toBe(true);
  });

  it('sends reminders through REST: into a channel, and to a DM by user id', async () => {
    const channel = '1246372665753607777';
    await env.replica.adapter.send({ platform: 'discord', workspaceId: newGuild(), channelId: channel, userId: '1', isDM: false }, { blocks: [{ type: 'text', text: 'Relance @everyone' }], visibility: 'channel', lang: 'en' });
    const [posted] = env.fake.messagesIn(channel);
    expect(posted!.body.content).toBe('Relance @\u200beveryone');
    expect(posted!.body.allowed_mentions).toEqual({ parse: [] });
    const user = '567318203596800077';
    await env.replica.adapter.send({ platform: 'discord', workspaceId: `user:${user}`, channelId: user, userId: user, isDM: true }, { blocks: [{ type: 'text', text: 'Your day' }], visibility: 'private', lang: 'en' });
    expect(env.fake.messagesIn(dmChannelOf(user)).map((call) => call.body.content)).toEqual(['Your day']);
  });

  it('checks its token for readiness with GET /users/@me', async () => {
    expect(await env.replica.adapter.ready!()).toEqual({ ok: true, detail: `bot ${APPLICATION_ID}` });
    expect(env.fake.calls.some((call) => call.method === 'GET' && call.path === '/api/v10/users/@me')).toBe(true);
  });

  it('answers 120 signed malformed interactions (fixed seed) with 200 or 400, never 5xx, a crash or an error line', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const guild = newGuild();
      const bases = [
        chatInput({ guild }, 'help', undefined, {}),
        buttonClick({ guild }, 'dialog:cancel'),
        modalSubmit({ guild }, 'command:deal new', { name: 'Fuzz deal' }),
        autocomplete({ guild }, 'deal', 'show', 'deal', 'Fu'),
        messageCommand({ guild }, { content: 'Appel avec Acme : budget validé' }),
        userCommand({ guild }, '750324075724800001'),
      ].map(fresh);
      const logsBefore = env.logs.length;
      const statuses: number[] = [];
      for (const c of discordCases(bases, 120, 1_919_2026)) statuses.push((await env.post(c)).status);
      await settle(500);
      expect(statuses.filter((status) => status !== 200 && status !== 400)).toEqual([]);
      expect(statuses.filter((status) => status === 400).length).toBeGreaterThan(60);
      expect(unhandled).toEqual([]);
      const lines = env.logs.slice(logsBefore);
      expect(lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50).map((line) => line.slice(0, 300))).toEqual([]);
      expect(lines.filter((line) => line.length > 4_000).map((line) => line.slice(0, 200))).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('opens no websocket at all', () => {
    expect(env.fake.connections()).toBe(0);
    expect(env.fake.calls.some((call) => call.path.endsWith('/gateway/bot'))).toBe(false);
  });
});
