// Runs the jobs on node-cron. Each job makes its own work safe across replicas (claims in
// PostgreSQL), so every replica may run the scheduler; `distributed` jobs also run each slot
// on one replica only, through the PostgreSQL run coordinator.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { ChatAdapter } from '../core/types.ts';
import type { Database } from '../db/client.ts';
import type { Job } from './job.ts';
import { postgresRunCoordinator } from './run-coordinator.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

export const workerName = (): string => `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

export function startScheduler(options: { jobs: Job[]; db: Database; adapters: ChatAdapter[]; logger: Logger; now?: () => Date; worker?: string }): Scheduler {
  const byPlatform = new Map(options.adapters.map((adapter) => [adapter.platform, adapter]));
  const worker = options.worker ?? workerName();
  const coordinator = postgresRunCoordinator(options.db, worker);
  const tasks = options.jobs.map((job) =>
    cron.schedule(
      job.cron,
      async () => {
        try {
          await job.run({
            db: options.db,
            now: options.now?.() ?? new Date(),
            logger: options.logger.child({ job: job.name }),
            worker,
            send: async (ref, reply) => {
              const adapter = byPlatform.get(ref.platform);
              if (!adapter) throw new Error(`no ${ref.platform} adapter running`);
              await adapter.send(ref, reply);
            },
          });
        } catch (error) {
          options.logger.error({ err: error, job: job.name }, 'job failed');
        }
      },
      { name: job.name, noOverlap: true, ...(job.distributed ? { distributed: true, runCoordinator: coordinator } : {}) },
    ),
  );
  return {
    async stop() {
      for (const task of tasks) await task.stop();
    },
  };
}

export const allJobs = async (): Promise<Job[]> => [
  (await import('./term-of-the-day.job.ts')).termOfTheDayJob,
  (await import('./qualification-reminder.job.ts')).qualificationReminderJob,
  (await import('./nudges.job.ts')).nudgesJob,
  (await import('./housekeeping.job.ts')).housekeepingJob,
];
