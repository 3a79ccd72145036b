// The replica's recorder under a burst: deliveries that arrive while an insert is on its way go
// together in the next one, and each still learns whether it is new or a retry.
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { inbox } from '../../src/db/schema.ts';
import { createInbox } from '../../src/inbox/inbox-runtime.ts';
import { testDatabaseTarget } from '../support/chat-harness.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
});
afterAll(async () => {
  await database.close();
});

describe('recording a burst', () => {
  it('records each of 300 deliveries once, whatever arrives twice in the same batch or later', async () => {
    const box = createInbox({ db: database.db, logger: pino({ level: 'silent' }), worker: 'burst' });
    const keys = Array.from({ length: 300 }, () => randomUUID());
    const delivery = (key: string) => ({ platform: 'test-burst', key, body: { key } });
    // Each key once, then a third of them again in the same burst (retries on another replica).
    const first = keys.map((key) => box.record(delivery(key)));
    const again = keys.slice(0, 100).map((key) => box.record(delivery(key)));
    const ids = await Promise.all(first);
    const retries = await Promise.all(again);
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    expect(new Set(ids).size).toBe(300);
    expect(retries).toEqual(Array(100).fill(undefined));
    // And later, one by one.
    expect(await box.record(delivery(keys[7]!))).toBeUndefined();
    const rows = await database.db.select({ key: inbox.key, worker: inbox.worker }).from(inbox).where(inArray(inbox.key, keys));
    expect(rows).toHaveLength(300);
    expect(rows.every((row) => row.worker === box.worker)).toBe(true);
    await database.db.delete(inbox).where(inArray(inbox.key, keys));
  });
});
