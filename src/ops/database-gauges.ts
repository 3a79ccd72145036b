// The gauges /metrics reads from the database at scrape time: outbox and inbox backlogs and the
// pool's size. A slow database must not hang the scrape: the reading gets a short time, and when
// it runs out the gauges keep their last values (and the next scrape joins the same reading
// rather than queueing another).
import { inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import { inboxBacklog } from '../inbox/inbox.service.ts';
import { dbPoolSize, inboxDepth, inboxOldestAge, outboxDepth, outboxOldestAge } from './metrics.ts';
import { within } from './within.ts';

export interface DatabaseGauges {
  /** Reads the backlogs into the gauges; resolves within the time allowed whatever the database does. */
  refresh(): Promise<void>;
}

/** Connections the pool may open: postgres.js's `max`, 1 for embedded PGlite. */
export const poolMax = (database: DatabaseHandle): number => {
  if (database.kind === 'pglite') return 1;
  const client = (database.db as unknown as { $client?: { options?: { max?: number } } }).$client;
  return client?.options?.max ?? 0;
};

export function createDatabaseGauges(options: { database: DatabaseHandle; logger: Logger; timeoutMs?: number; now?: () => Date }): DatabaseGauges {
  const { database, logger } = options;
  const now = options.now ?? (() => new Date());
  let reading: Promise<void> | undefined;

  async function read(): Promise<void> {
    const at = now();
    const [outboxRow] = await database.db
      .select({ depth: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${outbox.createdAt})` })
      .from(outbox)
      .where(inArray(outbox.status, ['pending', 'sending']));
    const inbox = await inboxBacklog(database.db, at);
    const oldest = outboxRow?.oldest ? new Date(outboxRow.oldest).getTime() : undefined;
    outboxDepth.set(Number(outboxRow?.depth ?? 0));
    outboxOldestAge.set(oldest === undefined ? 0 : Math.max(0, (at.getTime() - oldest) / 1000));
    inboxDepth.set(inbox.depth);
    inboxOldestAge.set(inbox.oldestAgeSeconds);
  }

  return {
    async refresh() {
      dbPoolSize.set(poolMax(database));
      reading ??= read().finally(() => {
        reading = undefined;
      });
      const outcome = await within(reading, options.timeoutMs ?? 500);
      if (outcome === 'timeout') logger.warn('metrics: the database did not answer in time; backlog gauges keep their last values');
      else if (outcome instanceof Error) logger.warn({ err: outcome }, 'metrics: could not read the backlogs');
    },
  };
}
