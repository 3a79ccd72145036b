// node-cron's run coordinator on PostgreSQL: the first replica to insert the slot's row runs
// it; the others skip. Restarts keep the rows, so a slot never runs twice.
import { eq } from 'drizzle-orm';
import type { RunCoordinator } from 'node-cron';
import type { Database } from '../db/client.ts';
import { jobRuns } from '../db/schema.ts';

export function postgresRunCoordinator(db: Database, worker: string, now: () => Date = () => new Date()): RunCoordinator {
  return {
    async shouldRun(key) {
      const claimed = await db.insert(jobRuns).values({ key, claimedBy: worker, claimedAt: now() }).onConflictDoNothing().returning({ key: jobRuns.key });
      return claimed.length === 1;
    },
    async onComplete(key) {
      await db.update(jobRuns).set({ completedAt: now() }).where(eq(jobRuns.key, key));
    },
  };
}
