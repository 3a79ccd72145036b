// What a scheduled job is: a name, a cron expression and a run function that gets the
// database, the clock and a way to post to a stored conversation.
import type { Logger } from 'pino';
import type { ConversationRef, Reply } from '../core/types.ts';
import type { Database } from '../db/client.ts';

export interface JobContext {
  db: Database;
  now: Date;
  send(ref: ConversationRef, reply: Reply): Promise<void>;
  logger: Logger;
  /** This process's name in claims (host, pid, random), for leases and diagnostics. */
  worker: string;
}

export interface Job {
  name: string;
  /** node-cron expression (server time; jobs handle each workspace's local time themselves). */
  cron: string;
  /** One replica per slot, through the PostgreSQL run coordinator (`job_runs`). */
  distributed?: boolean;
  run(ctx: JobContext): Promise<void>;
}
