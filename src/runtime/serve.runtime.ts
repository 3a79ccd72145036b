// Server mode: the configured chat platforms, their HTTP routes and the operations endpoints on
// one server on PORT, the scheduler, and a graceful shutdown.
//
// On SIGTERM or SIGINT: /readyz answers 503 at once (draining), the server stops accepting, the
// requests, inbox deliveries and core events in flight are awaited (at most SHUTDOWN_GRACE_MS),
// the scheduler stops (a running job finishes), the adapters stop, this replica retires from the
// inbox, and only then is the database closed (by the caller). Closing the pool under running
// work is what produced thousands of CONNECTION_ENDED errors; an open handle left behind is what
// kept a process alive long after SIGTERM. A second signal exits at once.
import type { Logger } from 'pino';
import { createDefaultRegistry } from '../commands/index.ts';
import type { Config } from '../config.ts';
import type { ChatAdapter } from '../core/types.ts';
import { createInbox } from '../inbox/inbox-runtime.ts';
import { isPostgresUrl, openDatabase } from '../db/client.ts';
import { Pacer } from '../delivery/pacer.ts';
import { limitResolver, platformLimits } from '../delivery/platform-limits.ts';
import { setSharedPacer } from '../delivery/shared-pacer.ts';
import { allJobs, startScheduler } from '../jobs/scheduler.ts';
import type { Relance } from '../main.ts';
import { createDatabaseGauges } from '../ops/database-gauges.ts';
import { instrumentHandler } from '../ops/instrumented-handler.ts';
import { createReadiness } from '../ops/readiness.ts';
import { within } from '../ops/within.ts';
import { isHttpChatAdapter } from '../server/http-route.ts';
import { createHttpServer, type HttpServer } from '../server/http-server.ts';
import { createOpsRoutes } from '../server/ops-routes.ts';
import { platformAdapters } from './platform-adapters.ts';

export interface ServeOptions {
  config: Config;
  logger: Logger;
  /** The opened database and bot; the caller closes the database after serve() resolves. */
  relance: Relance;
  /** The bot's clock for scheduled jobs (`--now`, RELANCE_NOW). */
  now?: () => Date;
  /** The database's URL or path (`--db` or DATABASE_URL): the inbox gets connections of its own on a server. */
  databaseTarget?: string;
  /** Where the stop signals come from (the process). */
  signals?: NodeJS.EventEmitter;
  /** Exits the process (second signal, lingering handles); process.exit by default. */
  exit?: (code: number) => void;
}

/** After a clean shutdown, the process should have nothing left to wait for; if it does, this says what and exits. */
const LINGER_LIMIT_MS = 10_000;

/** Serves until a stop signal, then shuts down gracefully; resolves with the exit code. */
export async function serve(options: ServeOptions): Promise<number> {
  const { config, logger, relance } = options;
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const database = relance.database;
  let draining = false;

  // Listened for before anything starts: a SIGTERM while the server is coming up (a deploy
  // rolled back at once) is kept and honoured as soon as it is up, never a hard kill.
  let requestStop: (name: string) => void = () => {};
  const stopRequested = new Promise<string>((resolve) => (requestStop = resolve));
  let received = false;
  const onSignal = (name: string): void => {
    if (!received) {
      received = true;
      requestStop(name);
      return;
    }
    logger.error({ signal: name }, 'second stop signal: exiting now, work in flight is left to the other replicas');
    exit(1);
  };
  signals.on('SIGTERM', () => onSignal('SIGTERM'));
  signals.on('SIGINT', () => onSignal('SIGINT'));

  // Slack's and Discord's limits are per workspace, channel or bot, whoever sends: N replicas
  // each pace at 1/N of them (RELANCE_REPLICAS), so together they stay within.
  if (config.RELANCE_REPLICAS > 1) setSharedPacer(new Pacer({ limitFor: limitResolver(platformLimits({}, { replicas: config.RELANCE_REPLICAS })) }));

  // The inbox's heartbeats and take-overs run on real time even under a fixed `--now`: a fixed
  // clock would make a dead replica look alive for ever.
  // Acknowledgements must not queue behind the work they let in: on a PostgreSQL server the
  // inbox's inserts (what an ack waits for) have two connections of their own; closing rows and
  // take-overs use the main pool. PGlite runs one statement at a time anyway.
  const inboxDatabase = options.databaseTarget && isPostgresUrl(options.databaseTarget) ? await openDatabase({ target: options.databaseTarget, migrate: false, maxConnections: 2 }) : undefined;
  const inbox = createInbox({ db: database.db, ...(inboxDatabase ? { ackDb: inboxDatabase.db } : {}), logger, ...(config.RELANCE_REPLICA_ID ? { worker: config.RELANCE_REPLICA_ID } : {}) });
  // The adapters say how to replay their platform's deliveries before the inbox starts taking
  // over what stopped replicas left (a row taken with no replayer would be failed).
  const adapters = await platformAdapters({ config, logger, bot: relance.bot, database, inbox });
  await inbox.start();
  const handler = instrumentHandler(relance.bot.handle, { registry: createDefaultRegistry() });
  const started: ChatAdapter[] = [];
  const stopAdapters = async (): Promise<void> => {
    for (const adapter of started.reverse()) await adapter.stop().catch((error: unknown) => logger.error({ err: error, platform: adapter.platform }, 'adapter stop failed'));
    started.length = 0;
  };

  let server: HttpServer | undefined;
  let scheduler: Awaited<ReturnType<typeof startScheduler>> | undefined;
  try {
    for (const adapter of adapters) {
      await adapter.start(handler);
      started.push(adapter);
    }
    const readiness = createReadiness({ database, adapters, draining: () => draining, logger });
    const gauges = createDatabaseGauges({ database, logger });
    const routes = [...adapters.filter(isHttpChatAdapter).flatMap((adapter) => adapter.routes()), ...createOpsRoutes({ readiness, gauges })];
    server = createHttpServer({ routes, logger });
    await server.listen(config.PORT);
    // The platforms' checks are started now, so the first probe finds an answer waiting.
    void readiness.check().catch(() => {});
    scheduler = startScheduler({ jobs: await allJobs(), db: database.db, adapters: started, logger, worker: inbox.worker, ...(options.now ? { now: options.now } : {}) });
  } catch (error) {
    // Nothing half-started is left behind: the caller closes the database next.
    await server?.close(0);
    await stopAdapters();
    await inbox.stop();
    await inboxDatabase?.close();
    throw error;
  }

  logger.info({ port: server.port, adapters: adapters.map((adapter) => adapter.platform), replica: inbox.worker }, 'relance started');

  const signal = await stopRequested;

  draining = true;
  const graceMs = config.SHUTDOWN_GRACE_MS;
  const deadline = Date.now() + graceMs;
  const left = (): number => Math.max(0, deadline - Date.now());
  logger.info({ signal, graceMs, inFlight: { requests: server.inFlight(), inbox: inbox.inFlight(), events: handler.inFlight() } }, 'shutting down: draining the work in flight');
  // The timers stop now, so no job starts during the drain; a job already running finishes.
  const schedulerStopped = scheduler.stop();
  const requestsDone = await server.close(left());
  const inboxDone = await inbox.drain(left());
  const eventsDone = await handler.drain(left());
  const jobsDone = (await within(schedulerStopped, left())) !== 'timeout';
  if (!(requestsDone && inboxDone && eventsDone && jobsDone)) {
    // Past the grace the platform may kill us anyway; this replica retires below, so another
    // one takes over its unfinished inbox rows at once.
    logger.warn({ graceMs, requests: server.inFlight(), inbox: inbox.inFlight(), events: handler.inFlight(), jobRunning: !jobsDone }, 'grace period over with work still running');
  }
  await stopAdapters();
  await inbox.stop();
  await inboxDatabase?.close();
  // Whatever still holds the process open after the caller closes the database is named, then cut.
  setTimeout(() => {
    logger.error({ resources: process.getActiveResourcesInfo() }, `still running ${LINGER_LIMIT_MS / 1000} s after shutdown: exiting`);
    exit(0);
  }, LINGER_LIMIT_MS).unref();
  logger.info('work drained, adapters stopped: closing the database');
  return 0;
}
