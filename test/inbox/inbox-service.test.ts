// The inbox on a real database: a delivery recorded once whatever the retries, rows of a live
// replica left alone, rows of a dead one taken over once, failures tried again then given up.
// Rows here are of platform `test`, and only those are claimed: the database may be shared with
// other test files whose replicas work on real platforms' rows.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { inbox } from '../../src/db/schema.ts';
import { beat, claimOrphans, failDelivery, finishDelivery, inboxBacklog, MAX_INBOX_ATTEMPTS, purgeInbox, recordDelivery } from '../../src/inbox/inbox.service.ts';
import { testDatabaseTarget } from '../support/chat-harness.ts';

let database: DatabaseHandle;
const t0 = new Date('2026-11-24T09:00:00Z');
const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
const worker = (name: string): string => `${name}:${randomUUID().slice(0, 8)}`;
const delivery = (key = randomUUID()) => ({ platform: 'test', key, tenant: 'T1', body: { text: '/log call' }, replyUrl: 'https://hooks.example/1' });
const rowsOf = (ids: number[]) => database.db.select().from(inbox).where(inArray(inbox.id, ids));

beforeAll(async () => {
  database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
});
afterAll(async () => {
  await database.close();
});

describe('recording a delivery', () => {
  it('records it once: the same key again, from any replica, is a retry', async () => {
    const one = delivery();
    const id = await recordDelivery(database.db, one, worker('a'), at(0));
    expect(id).toBeTypeOf('number');
    expect(await recordDelivery(database.db, one, worker('b'), at(1))).toBeUndefined();
    const [row] = await rowsOf([id!]);
    expect(row).toMatchObject({ status: 'working', attempts: 1, tenant: 'T1', replyUrl: 'https://hooks.example/1', body: { text: '/log call' } });
    expect(row!.receivedAt.toISOString()).toBe(at(0).toISOString());
  });

  it('keeps the same key of two platforms apart', async () => {
    const key = randomUUID();
    expect(await recordDelivery(database.db, { ...delivery(key), platform: 'test-slack' }, worker('a'), at(0))).toBeTypeOf('number');
    expect(await recordDelivery(database.db, { ...delivery(key), platform: 'test-discord' }, worker('a'), at(0))).toBeTypeOf('number');
  });
});

describe('taking over', () => {
  it('takes only the platforms it can replay', async () => {
    const id = await recordDelivery(database.db, { ...delivery(), platform: 'test-other' }, worker('gone'), at(0));
    expect((await claimOrphans(database.db, worker('x'), at(60), { limit: 1000, platforms: ['test'] })).map((row) => row.id)).not.toContain(id);
    expect(await claimOrphans(database.db, worker('x'), at(60), { platforms: [] })).toEqual([]);
    await database.db.delete(inbox).where(eq(inbox.id, id!));
  });

  it('leaves the rows of a replica that beats, takes those of one that stopped, once', async () => {
    const alive = worker('alive');
    const dead = worker('dead');
    await beat(database.db, alive, at(0), at(0));
    await beat(database.db, dead, at(0), at(0));
    const mine = await recordDelivery(database.db, delivery(), alive, at(1));
    const orphan = await recordDelivery(database.db, delivery(), dead, at(1));
    // 20 s later: `alive` beat again, `dead` did not.
    await beat(database.db, alive, at(20), at(0));
    const first = worker('first');
    const second = worker('second');
    const [a, b] = await Promise.all([claimOrphans(database.db, first, at(21), { limit: 1000, platforms: ['test'] }), claimOrphans(database.db, second, at(21), { limit: 1000, platforms: ['test'] })]);
    const taken = [...a, ...b].filter((row) => row.id === orphan || row.id === mine);
    expect(taken.map((row) => row.id)).toEqual([orphan]);
    expect(taken[0]).toMatchObject({ attempts: 2 });
    const [row] = await rowsOf([mine!]);
    expect(row!.worker).toBe(alive);
  });

  it('does not take a dead replica’s rows before it has been silent 15 seconds', async () => {
    const quiet = worker('quiet');
    await beat(database.db, quiet, at(0), at(0));
    const id = await recordDelivery(database.db, delivery(), quiet, at(0));
    expect((await claimOrphans(database.db, worker('x'), at(10), { limit: 1000, platforms: ['test'] })).map((row) => row.id)).not.toContain(id);
    expect((await claimOrphans(database.db, worker('x'), at(16), { limit: 1000, platforms: ['test'] })).map((row) => row.id)).toContain(id);
  });
});

describe('failures', () => {
  it('releases a failed delivery for another attempt after a pause, then gives it up', async () => {
    const me = worker('me');
    await beat(database.db, me, at(0), at(0));
    const id = (await recordDelivery(database.db, delivery(), me, at(0)))!;
    expect(await failDelivery(database.db, { id, attempts: 1, worker: me }, 'connection ended', at(1))).toBe('retry');
    // Released at 1 s, first retry after 10 s × attempts.
    expect((await claimOrphans(database.db, me, at(5), { limit: 1000, platforms: ['test'] })).map((row) => row.id)).not.toContain(id);
    const [again] = (await claimOrphans(database.db, me, at(12), { limit: 1000, platforms: ['test'] })).filter((row) => row.id === id);
    expect(again).toMatchObject({ attempts: 2, error: 'connection ended' });
    expect(await failDelivery(database.db, again!, 'still broken', at(13))).toBe('retry');
    const [third] = (await claimOrphans(database.db, me, at(40), { limit: 1000, platforms: ['test'] })).filter((row) => row.id === id);
    expect(third!.attempts).toBe(MAX_INBOX_ATTEMPTS);
    expect(await failDelivery(database.db, third!, 'a bug', at(41))).toBe('failed');
    const [row] = await rowsOf([id]);
    expect(row).toMatchObject({ status: 'failed', error: 'a bug' });
  });

  it('only the holder closes a row', async () => {
    const holder = worker('holder');
    const id = (await recordDelivery(database.db, delivery(), holder, at(0)))!;
    await finishDelivery(database.db, id, worker('other'), at(1));
    expect((await rowsOf([id]))[0]!.status).toBe('working');
    await finishDelivery(database.db, id, holder, at(1));
    expect((await rowsOf([id]))[0]).toMatchObject({ status: 'done' });
  });
});

describe('housekeeping and metrics', () => {
  it('counts what is not finished and purges what finished long ago', async () => {
    const me = worker('metrics');
    const open = (await recordDelivery(database.db, delivery(), me, at(0)))!;
    const closed = (await recordDelivery(database.db, delivery(), me, at(0)))!;
    await finishDelivery(database.db, closed, me, at(1));
    const backlog = await inboxBacklog(database.db, at(30));
    expect(backlog.depth).toBeGreaterThanOrEqual(1);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(30);
    await purgeInbox(database.db, at(2));
    const left = await rowsOf([open, closed]);
    expect(left.map((row) => row.id)).toEqual([open]);
    await database.db.delete(inbox).where(eq(inbox.id, open));
  });
});
