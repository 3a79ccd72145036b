// One replica's side of the inbox: records deliveries before they are acknowledged, works on
// them, beats so the others know it is alive, and takes over the rows of replicas that stopped
// (on start and every few seconds). Work in flight is counted, so a SIGTERM can wait for it.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import { inboxReplayedTotal, inFlightWork } from '../ops/metrics.ts';
import { within } from '../ops/within.ts';
import { newRequestId, runWithRequestId } from '../ops/request-context.ts';
import { beat, claimOrphans, deliveryId, failDelivery, finishDelivery, HEARTBEAT_MS, recordDeliveries, retire, type InboxRow, type IncomingDelivery } from './inbox.service.ts';

/** Works again on a delivery taken over from a stopped replica (the platform adapter knows how). */
export type Replayer = (row: InboxRow, logger: Logger) => Promise<void>;

export interface InboxOptions {
  db: Database;
  /**
   * Connections kept for the inserts an acknowledgement waits for (a small pool of their own on a
   * server), so acks never queue behind the work or the closing of rows; `db` by default.
   */
  ackDb?: Database;
  logger: Logger;
  /**
   * This replica's name (RELANCE_REPLICA_ID; host and pid by default). A random tail is added for
   * each start: a replica restarted under the same name must not look like the live owner of the
   * deliveries its previous life left unfinished (they would never be taken over).
   */
  worker?: string;
  /** The clock for received/claimed times (the bot's clock). */
  now?: () => Date;
  /** How often to beat and look for orphans (5 s). */
  intervalMs?: number;
  /** After how long without a beat a replica is dead (15 s). */
  deadAfterMs?: number;
}

export interface Inbox {
  readonly worker: string;
  /** Records a delivery before its acknowledgement: its row id, or undefined for a retry already recorded. */
  record(delivery: IncomingDelivery): Promise<number | undefined>;
  /**
   * Works on a recorded delivery and closes its row: done when `run` resolves, released for
   * another attempt (or given up) when it throws. Counted as in flight until then.
   */
  work(row: Pick<InboxRow, 'id' | 'attempts'>, run: () => Promise<void>): Promise<void>;
  /** How rows of this platform are replayed. */
  onReplay(platform: string, replayer: Replayer): void;
  /** Beats, takes over what stopped replicas left, and keeps doing so. */
  start(): Promise<void>;
  /** Work being done now. */
  inFlight(): number;
  /** Resolves true once nothing is in flight, false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Stops the timers and retires this replica (its unfinished rows are free for the others at once). */
  stop(): Promise<void>;
}

const workerId = (name = `${hostname()}:${process.pid}`): string => `${name}:${randomBytes(3).toString('hex')}`;

export function createInbox(options: InboxOptions): Inbox {
  const { db, logger } = options;
  const worker = workerId(options.worker);
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const replayers = new Map<string, Replayer>();
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  let stopped = false;

  // Group commit: at most two inserts on their way; deliveries that arrive meanwhile go together in
  // the next one. A burst of a hundred acks then costs a few round trips, not a hundred in a row.
  const waiting: Array<{ delivery: IncomingDelivery; resolve: (id: number | undefined) => void; reject: (error: unknown) => void }> = [];
  let inserting = 0;
  const flush = (): void => {
    while (inserting < 2 && waiting.length > 0) {
      const batch = waiting.splice(0, 500);
      // The same delivery twice in one batch: the first is recorded, the second is its retry.
      const seen = new Set<string>();
      const unique = batch.filter((entry) => {
        const id = deliveryId(entry.delivery);
        if (seen.has(id)) {
          entry.resolve(undefined);
          return false;
        }
        seen.add(id);
        return true;
      });
      inserting += 1;
      recordDeliveries(options.ackDb ?? db, unique.map((entry) => entry.delivery), worker, now())
        .then((ids) => unique.forEach((entry) => entry.resolve(ids.get(deliveryId(entry.delivery)))))
        .catch((error: unknown) => unique.forEach((entry) => entry.reject(error)))
        .finally(() => {
          inserting -= 1;
          flush();
        });
    }
  };

  const track = (promise: Promise<void>): Promise<void> => {
    running.add(promise);
    inFlightWork.inc();
    return promise.finally(() => {
      running.delete(promise);
      inFlightWork.dec();
    });
  };

  async function work(row: Pick<InboxRow, 'id' | 'attempts'>, run: () => Promise<void>): Promise<void> {
    await track(
      (async () => {
        try {
          await run();
        } catch (error) {
          const outcome = await failDelivery(db, { ...row, worker }, error instanceof Error ? error.message : String(error), now()).catch(() => 'unknown');
          logger.error({ err: error, inboxId: row.id, outcome }, 'delivery failed');
          return;
        }
        await finishDelivery(db, row.id, worker, now()).catch((error: unknown) => logger.error({ err: error, inboxId: row.id }, 'delivery done but not marked'));
      })(),
    );
  }

  async function sweep(): Promise<void> {
    await beat(db, worker, now(), startedAt);
    // Taken a batch at a time; each replay is worked like a live delivery.
    for (let round = 0; round < 50 && !stopped; round += 1) {
      const rows = await claimOrphans(db, worker, now(), { platforms: [...replayers.keys()], ...(options.deadAfterMs !== undefined ? { deadAfterMs: options.deadAfterMs } : {}) });
      if (rows.length === 0) return;
      await Promise.all(
        rows.map((row) => {
          const replayer = replayers.get(row.platform);
          // The replay's log lines carry the delivery's request id (a new one if it had none).
          const requestId = row.requestId ?? newRequestId();
          const rowLogger = logger.child({ reqId: requestId, inboxId: row.id, replay: true });
          if (!replayer) {
            // No adapter for it in this replica (configured elsewhere): left for one that has.
            return failDelivery(db, row, `no replayer for ${row.platform} here`, now()).then(() => undefined);
          }
          rowLogger.info({ platform: row.platform, key: row.key, attempts: row.attempts }, 'replaying an acknowledged delivery');
          return runWithRequestId(requestId, () => work(row, () => replayer(row, rowLogger))).then(() => inboxReplayedTotal.inc({ platform: row.platform, outcome: 'worked' }));
        }),
      );
    }
  }

  const tick = (): void => {
    if (sweeping || stopped) return;
    sweeping = sweep()
      .catch((error: unknown) => logger.warn({ err: error }, 'inbox sweep failed'))
      .finally(() => {
        sweeping = undefined;
      });
  };

  return {
    worker,
    record: (delivery) =>
      new Promise<number | undefined>((resolve, reject) => {
        waiting.push({ delivery, resolve, reject });
        flush();
      }),
    work,
    onReplay(platform, replayer) {
      replayers.set(platform, replayer);
    },
    async start() {
      // Alive before the first delivery is recorded under this name.
      await beat(db, worker, now(), startedAt);
      tick();
      timer = setInterval(tick, options.intervalMs ?? HEARTBEAT_MS);
      timer.unref();
    },
    inFlight: () => running.size,
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (running.size > 0 || sweeping) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await within(Promise.allSettled([...running, ...(sweeping ? [sweeping] : [])]), left);
      }
      return true;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await retire(db, worker).catch((error: unknown) => logger.warn({ err: error }, 'could not retire this replica'));
    },
  };
}
