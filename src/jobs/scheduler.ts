// Runs the jobs on node-cron. Each job makes its own work safe across replicas (claims in
// PostgreSQL), so every replica may run the scheduler; `distributed` jobs also run each slot
// on one replica only, through the PostgreSQL run coordinator.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type RunCoordinator } from 'node-cron';
import type { Logger } from 'pino';
import type { ChatAdapter } from '../core/types.ts';
import type { Database } from '../db/client.ts';
import type { Job } from './job.ts';
import { postgresRunCoordinator } from './run-coordinator.ts';
import { typesetReply } from '../core/i18n/typography.ts';
import { jobRunsTotal } from '../ops/metrics.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

export const workerName = (): string => `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

export function startScheduler(options: { jobs: Job[]; db: Database; adapters: ChatAdapter[]; logger: Logger; now?: () => Date; worker?: string }): Scheduler {
  const byPlatform = new Map(options.adapters.map((adapter) => [adapter.platform, adapter]));
  const worker = options.worker ?? workerName();
  // Runs in progress: stop() waits for them, so a shutdown never closes the database under a
  // delivery (a message sent but not yet marked sent would go out again after its lease).
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>): Promise<void> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };
  // A distributed slot is in flight from its election to the coordinator's onComplete, which
  // node-cron calls after the run.
  const elections = postgresRunCoordinator(options.db, worker);
  const slotEnds = new Map<string, () => void>();
  const coordinator: RunCoordinator = {
    async shouldRun(key, ttlMs) {
      let end = () => {};
      void track(new Promise<void>((resolve) => (end = resolve)));
      try {
        const elected = await elections.shouldRun(key, ttlMs);
        if (elected) slotEnds.set(key, end);
        else end();
        return elected;
      } catch (error) {
        end();
        throw error;
      }
    },
    async onComplete(key) {
      try {
        await elections.onComplete?.(key);
      } finally {
        slotEnds.get(key)?.();
        slotEnds.delete(key);
      }
    },
  };
  const runJob = async (job: Job): Promise<void> => {
    try {
      await job.run({
        db: options.db,
        now: options.now?.() ?? new Date(),
        logger: options.logger.child({ job: job.name }),
        worker,
        send: async (ref, reply) => {
          const adapter = byPlatform.get(ref.platform);
          if (!adapter) throw new Error(`no ${ref.platform} adapter running`);
          // Scheduled messages get their language's typography like the core's replies.
          await adapter.send(ref, typesetReply(reply));
        },
      });
      jobRunsTotal.inc({ job: job.name, outcome: 'ok' });
    } catch (error) {
      jobRunsTotal.inc({ job: job.name, outcome: 'failed' });
      options.logger.error({ err: error, job: job.name }, 'job failed');
    }
  };
  const tasks = options.jobs.map((job) => {
    const task = cron.schedule(
      job.cron,
      () => track(runJob(job)),
      { name: job.name, noOverlap: true, ...(job.distributed ? { distributed: true, runCoordinator: coordinator } : {}) },
    );
    // Another replica ran the slot, or the previous run was still going.
    const skipped = () => jobRunsTotal.inc({ job: job.name, outcome: 'skipped' });
    task.on('execution:skipped', skipped);
    task.on('execution:overlap', skipped);
    return task;
  });
  return {
    /** Stops the timers, then waits for the runs in progress to finish. */
    async stop() {
      for (const task of tasks) await task.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}

export const allJobs = async (): Promise<Job[]> => [
  (await import('./term-of-the-day.job.ts')).termOfTheDayJob,
  (await import('./qualification-reminder.job.ts')).qualificationReminderJob,
  (await import('./nudges.job.ts')).nudgesJob,
  (await import('./housekeeping.job.ts')).housekeepingJob,
  (await import('./retention.job.ts')).retentionJob,
];
