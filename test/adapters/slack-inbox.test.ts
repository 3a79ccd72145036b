// Nothing acknowledged is lost: Slack deliveries are recorded before their 200, a retry on
// another replica does no work, a replica that dies leaves its deliveries to another one, and
// replies committed but never sent go out once (by DM when response_url has expired).
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot } from '../../src/core/bot.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { inbox, processedEvents, spendEntries, workspaces } from '../../src/db/schema.ts';
import { createInbox, type Inbox } from '../../src/inbox/inbox-runtime.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack-api.fake.ts';
import { testDatabaseTarget } from '../support/chat-harness.ts';
import { postToSlackAdapter, SIGNING_SECRET, slashCommandBody } from '../support/slack-requests.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

const NOW = new Date('2026-11-24T09:00:00Z');
let fake: SlackFake;
let database: DatabaseHandle;
const logs: string[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
const replicas: Array<{ adapter: SlackAdapter; inbox: Inbox }> = [];

async function replica(name: string): Promise<{ adapter: SlackAdapter; inbox: Inbox }> {
  const bot = createBot({ database, registry: createDefaultRegistry(), logger, now: () => NOW });
  // Looks for orphans every 100 ms (5 s in production). The rows a dead replica leaves here have
  // a worker that never beat, so they are taken at once; live replicas of other test files on a
  // shared database keep theirs (their beats are fresher than 15 s).
  const box = createInbox({ db: database.db, logger, worker: `${name}:${randomUUID().slice(0, 6)}`, intervalMs: 100 });
  const adapter = createSlackAdapter({ botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, retries: 0, logger, inbox: box });
  await adapter.start(bot.handle);
  await box.start();
  const made = { adapter, inbox: box };
  replicas.push(made);
  return made;
}

beforeAll(async () => {
  fake = await startSlackFake();
  database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
});
afterAll(async () => {
  for (const { adapter, inbox: box } of replicas) {
    await adapter.stop();
    await box.stop();
  }
  await fake.close();
  await database.close();
});

const team = (): string => `T${randomUUID().replaceAll('-', '').slice(0, 9).toUpperCase()}`;
const trigger = (): string => `${Date.now()}.${randomUUID()}`;
const responses = (url: string) => fake.calls.filter((call) => call.method === 'response' && call.body['_url'] === new URL(url).pathname);

/** What a workspace recorded: one spend entry per command here (its note names it). */
async function dealsOf(teamId: string): Promise<Array<{ name: string | null }>> {
  const [ws] = await database.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.externalId, teamId));
  if (!ws) return [];
  return database.db.select({ name: spendEntries.note }).from(spendEntries).where(eq(spendEntries.workspaceId, ws.id));
}

/** A write with no question on the way: the first member of a new workspace is its admin. */
function newDeal(teamId: string, name: string, triggerId = trigger()) {
  const responseUrl = fake.responseUrl();
  const body = slashCommandBody({ command: '/spend', text: `12k month marketing "${name}"`, team: teamId, responseUrl, triggerId });
  return { body, responseUrl, triggerId, key: `slack:command:${triggerId}` };
}

/** The row a replica that died after its 200 would have left: recorded, working, its worker silent. */
async function leftByDeadReplica(body: string, key: string, receivedAt = new Date()): Promise<number> {
  const fields = Object.fromEntries(new URLSearchParams(body));
  const [row] = await database.db
    .insert(inbox)
    .values({ platform: 'slack', key, body: fields, worker: `dead:${randomUUID().slice(0, 6)}`, receivedAt, claimedAt: receivedAt, replyUrl: fields['response_url'] ?? null })
    .returning({ id: inbox.id });
  return row!.id;
}

const statusOf = async (id: number) => (await database.db.select({ status: inbox.status }).from(inbox).where(eq(inbox.id, id)))[0]?.status;

describe('a Slack delivery with the inbox', () => {
  it('is recorded before its 200 and closed once its work is done', async () => {
    const a = await replica('a');
    const teamId = team();
    const { body, responseUrl, key } = newDeal(teamId, 'Garnier');
    const ack = await postToSlackAdapter(a.adapter.port!, body);
    expect(ack.status).toBe(200);
    await fake.waitFor(() => responses(responseUrl).length >= 1);
    const [row] = await database.db.select().from(inbox).where(and(eq(inbox.platform, 'slack'), eq(inbox.key, key)));
    expect(row).toMatchObject({ tenant: teamId, replyUrl: responseUrl });
    await expect.poll(() => statusOf(row!.id)).toBe('done');
    expect(await dealsOf(teamId)).toEqual([{ name: 'Garnier' }]);
  });

  it('acknowledges a second delivery of the same request on another replica without doing it again', async () => {
    const [a, b] = [replicas[0] ?? (await replica('a')), await replica('b')];
    const teamId = team();
    const request = newDeal(teamId, 'Martin');
    expect((await postToSlackAdapter(a.adapter.port!, request.body)).status).toBe(200);
    expect((await postToSlackAdapter(b.adapter.port!, request.body)).status).toBe(200);
    await fake.waitFor(() => responses(request.responseUrl).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(responses(request.responseUrl)).toHaveLength(1);
    expect(await dealsOf(teamId)).toHaveLength(1);
  });

  it('is worked by another replica when the one that acknowledged it died', async () => {
    const b = replicas[1] ?? (await replica('b'));
    const teamId = team();
    const request = newDeal(teamId, 'Dupont');
    const id = await leftByDeadReplica(request.body, request.key);
    await fake.waitFor(() => responses(request.responseUrl).length >= 1);
    expect(JSON.stringify(responses(request.responseUrl)[0]!.body)).toMatch(/12/);
    await expect.poll(() => statusOf(id)).toBe('done');
    expect(await dealsOf(teamId)).toEqual([{ name: 'Dupont' }]);
    expect(logs.some((line) => line.includes('replaying an acknowledged delivery'))).toBe(true);
  });

  it('sends once the confirmation of work committed before the replica died, and does nothing again', async () => {
    const teamId = team();
    const request = newDeal(teamId, 'Bernard');
    // The work and its replies committed, then the process died before the reply left.
    const dropped = await replica('doomed');
    const silentBot = createBot({ database, registry: createDefaultRegistry(), logger, now: () => NOW });
    await dropped.adapter.stop();
    const doomed = createSlackAdapter({ botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, retries: 0, logger, inbox: dropped.inbox });
    await doomed.start((event, _respond) => silentBot.handle(event, async () => {}));
    expect((await postToSlackAdapter(doomed.port!, request.body)).status).toBe(200);
    await expect.poll(async () => (await dealsOf(teamId)).length).toBe(1);
    await doomed.stop();
    // Dead: it neither beats nor takes anything over any more.
    await dropped.inbox.stop();
    const ws = await workspaceIdOf(database, { platform: 'slack', workspaceId: teamId });
    await expect.poll(async () => (await database.db.select().from(processedEvents).where(and(eq(processedEvents.workspaceId, ws), eq(processedEvents.key, request.key))))[0]?.repliedAt).not.toBeUndefined();
    // As if it had died between commit and reply: replies owed, delivery not finished.
    await database.db.update(processedEvents).set({ repliedAt: null }).where(and(eq(processedEvents.workspaceId, ws), eq(processedEvents.key, request.key)));
    await database.db.update(inbox).set({ status: 'working', worker: `dead:${randomUUID().slice(0, 6)}`, doneAt: null }).where(and(eq(inbox.platform, 'slack'), eq(inbox.key, request.key)));
    expect(responses(request.responseUrl)).toHaveLength(0);
    await fake.waitFor(() => responses(request.responseUrl).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(responses(request.responseUrl)).toHaveLength(1);
    expect(JSON.stringify(responses(request.responseUrl)[0]!.body)).toMatch(/12/);
    expect(await dealsOf(teamId)).toHaveLength(1);
  });

  it('records a delivery carrying U+0000 (PostgreSQL refuses it in jsonb) without the character', async () => {
    const a = replicas[0]!;
    const teamId = team();
    const request = newDeal(teamId, 'Nul\u0000lement');
    expect((await postToSlackAdapter(a.adapter.port!, request.body)).status).toBe(200);
    await fake.waitFor(() => responses(request.responseUrl).length >= 1);
    await expect.poll(async () => (await dealsOf(teamId)).map((row) => row.name)).toEqual(['Nullement']);
  });

  it('answers by DM a delivery replayed after response_url expired (30 minutes)', async () => {
    const teamId = team();
    const request = newDeal(teamId, 'Lefebvre');
    const dmsBefore = fake.callsTo('chat.postMessage').length;
    await leftByDeadReplica(request.body, request.key, new Date(Date.now() - 31 * 60 * 1000));
    const dms = () => fake.callsTo('chat.postMessage').slice(dmsBefore).filter((call) => String(call.body['channel']).startsWith('D'));
    await fake.waitFor(() => dms().length >= 1);
    expect(responses(request.responseUrl)).toHaveLength(0);
    expect(JSON.stringify(dms()[0]!.body)).toMatch(/12/);
    expect(await dealsOf(teamId)).toEqual([{ name: 'Lefebvre' }]);
  });
});
