// Scheduled jobs are counted by name and outcome, and the nightly housekeeping purges inbox
// deliveries finished more than a day ago (kept a day for support), on the real database.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox } from '../../src/db/schema.ts';
import { housekeepingJob } from '../../src/jobs/housekeeping.job.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import { finishDelivery, recordDelivery } from '../../src/inbox/inbox.service.ts';
import { metricsRegistry } from '../../src/ops/metrics.ts';
import { openHarness, type Harness } from '../support/chat-harness.ts';

const logger = pino({ level: 'silent' });
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

describe('job runs', () => {
  it('counts each run by job and outcome', async () => {
    const scheduler = startScheduler({
      db: h.database.db,
      adapters: [],
      logger,
      jobs: [
        { name: 'test-ok', cron: '* * * * * *', run: async () => {} },
        {
          name: 'test-failing',
          cron: '* * * * * *',
          run: async () => {
            throw new Error('job bug');
          },
        },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 2300));
    await scheduler.stop();
    const text = await metricsRegistry.metrics();
    expect(text).toMatch(/relance_job_runs_total\{job="test-ok",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/relance_job_runs_total\{job="test-failing",outcome="failed"\} [1-9]/);
  });
});

describe('housekeeping', () => {
  it('purges inbox deliveries finished more than a day ago and keeps the others', async () => {
    // Long ago, so the job's other clean-ups find nothing of the tests sharing this database.
    const now = new Date('2000-01-10T03:17:00Z');
    const worker = `test-${randomUUID()}`;
    const record = (key: string, at: Date) => recordDelivery(h.database.db, { platform: 'slack', key: `${key}-${worker}`, body: {} }, worker, at);
    const old = (await record('old', new Date(now.getTime() - 3 * 86_400_000)))!;
    const recent = (await record('recent', new Date(now.getTime() - 3_600_000)))!;
    const unfinished = (await record('unfinished', new Date(now.getTime() - 3 * 86_400_000)))!;
    await finishDelivery(h.database.db, old, worker, new Date(now.getTime() - 2 * 86_400_000));
    await finishDelivery(h.database.db, recent, worker, new Date(now.getTime() - 3_000_000));
    await housekeepingJob.run({ db: h.database.db, now, logger, worker, send: async () => {} });
    const left = await h.database.db.select({ id: inbox.id, status: inbox.status }).from(inbox).where(inArray(inbox.id, [old, recent, unfinished]));
    expect(left.map((row) => row.id).sort((a, b) => a - b)).toEqual([recent, unfinished].sort((a, b) => a - b));
    expect((await h.database.db.select().from(inbox).where(eq(inbox.id, unfinished)))[0]?.status).toBe('working');
  });
});
