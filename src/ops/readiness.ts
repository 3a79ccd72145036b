// What /readyz answers: whether this replica should get traffic. It should when the database
// answers, every migration this code expects is applied, each platform says our credentials are
// good, and the process is not shutting down. The platform checks are cached, so a load balancer
// probing every few seconds does not call Slack or Discord every time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { ChatAdapter } from '../core/types.ts';
import { migrationsFolder, type DatabaseHandle } from '../db/client.ts';
import { within } from './within.ts';

export interface ReadinessOptions {
  database: DatabaseHandle;
  /** Adapters with a `ready()` are asked; the others count as ready once started. */
  adapters: ChatAdapter[];
  /** True once a shutdown began: the replica leaves the load balancer at once. */
  draining: () => boolean;
  logger: Logger;
  /** How long `select 1` may take (1 s). */
  databaseTimeoutMs?: number;
  /** How long a platform's good answer is kept (60 s); a bad one is asked again sooner (15 s). */
  adapterCacheMs?: number;
  failedAdapterCacheMs?: number;
  /** How long a platform check may take (3 s); meanwhile an earlier answer is used if there is one. */
  adapterTimeoutMs?: number;
  /** Migrations journal to compare with (this code's). */
  journal?: MigrationEntry[];
}

export interface ReadinessReport {
  ready: boolean;
  /** Names of the checks that failed. */
  failed: string[];
  /** Each check's state in a word or a short phrase: never an error message that could hold a secret. */
  checks: Record<string, string>;
}

export interface MigrationEntry {
  tag: string;
  /** drizzle's `folderMillis`, stored as `created_at` in drizzle.__drizzle_migrations. */
  when: number;
}

export const migrationJournal = (folder = migrationsFolder): MigrationEntry[] =>
  (JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: MigrationEntry[] }).entries.map(({ tag, when }) => ({ tag, when }));

type AdapterState = { ok: boolean; detail?: string; at: number };

export interface Readiness {
  check(): Promise<ReadinessReport>;
}

export function createReadiness(options: ReadinessOptions): Readiness {
  const { database, logger } = options;
  const journal = options.journal ?? migrationJournal();
  const databaseTimeoutMs = options.databaseTimeoutMs ?? 1000;
  const okCacheMs = options.adapterCacheMs ?? 60_000;
  const failedCacheMs = options.failedAdapterCacheMs ?? 15_000;
  const adapterTimeoutMs = options.adapterTimeoutMs ?? 3000;
  // Migrations are never undone under a running process: once all applied, not read again.
  let migrationsApplied = false;
  // One ping at a time: probes during a database outage share it instead of queueing more.
  let ping: Promise<void> | undefined;
  const adapterStates = new Map<ChatAdapter, AdapterState>();
  const adapterChecks = new Map<ChatAdapter, Promise<AdapterState>>();

  const pingDatabase = (): Promise<void> => {
    ping ??= database.db.execute(sql`select 1`).then(
      () => {
        ping = undefined;
      },
      (error: unknown) => {
        ping = undefined;
        throw error;
      },
    );
    return ping;
  };

  async function databaseState(): Promise<string> {
    const outcome = await within(pingDatabase(), databaseTimeoutMs);
    if (outcome === 'timeout') return 'timed out';
    if (outcome instanceof Error) {
      logger.warn({ err: outcome }, 'readiness: the database does not answer');
      return 'unreachable';
    }
    return 'ok';
  }

  async function migrationState(): Promise<string> {
    if (migrationsApplied) return 'ok';
    const last = journal.at(-1);
    if (!last) return 'ok';
    try {
      // drizzle applies every journal entry newer than the newest `created_at` it recorded.
      const [row] = await database.rows<{ last: string | number | null }>(database.db, sql`select max(created_at) as last from drizzle.__drizzle_migrations`);
      const applied = Number(row?.last ?? 0);
      const pending = journal.filter((entry) => entry.when > applied).map((entry) => entry.tag);
      if (pending.length === 0) {
        migrationsApplied = true;
        return 'ok';
      }
      return `pending: ${pending.join(', ')}`;
    } catch (error) {
      logger.warn({ err: error }, 'readiness: could not read the applied migrations');
      return 'unknown';
    }
  }

  function askAdapter(adapter: ChatAdapter & { ready: () => Promise<{ ok: boolean; detail?: string }> }): Promise<AdapterState> {
    let running = adapterChecks.get(adapter);
    if (!running) {
      running = adapter
        .ready()
        .then(
          (answer) => ({ ok: answer.ok, ...(answer.detail ? { detail: answer.detail } : {}), at: Date.now() }),
          (error: unknown) => {
            logger.warn({ err: error, platform: adapter.platform }, 'readiness: platform check failed');
            return { ok: false, detail: 'check failed', at: Date.now() };
          },
        )
        .then((state) => {
          adapterStates.set(adapter, state);
          adapterChecks.delete(adapter);
          return state;
        });
      adapterChecks.set(adapter, running);
    }
    return running;
  }

  async function adapterState(adapter: ChatAdapter): Promise<string> {
    const ready = (adapter as { ready?: () => Promise<{ ok: boolean; detail?: string }> }).ready;
    if (typeof ready !== 'function') return 'ok';
    const withReady = adapter as ChatAdapter & { ready: () => Promise<{ ok: boolean; detail?: string }> };
    const cached = adapterStates.get(adapter);
    const fresh = cached && Date.now() - cached.at < (cached.ok ? okCacheMs : failedCacheMs);
    let state = cached;
    if (!fresh) {
      const asked = askAdapter(withReady);
      // A slow platform does not hold the probe: the earlier answer stands until the new one comes.
      const outcome = await within(asked, adapterTimeoutMs);
      if (outcome !== 'timeout' && !(outcome instanceof Error)) state = outcome;
      else if (!state) return 'timed out';
    }
    return state!.ok ? 'ok' : `not ready${state!.detail ? `: ${safeDetail(state!.detail)}` : ''}`;
  }

  return {
    async check() {
      if (options.draining()) return { ready: false, failed: ['process'], checks: { process: 'draining' } };
      const checks: Record<string, string> = { process: 'ok' };
      checks['database'] = await databaseState();
      checks['migrations'] = checks['database'] === 'ok' ? await migrationState() : 'unknown';
      const states = await Promise.all(options.adapters.map(async (adapter) => [`platform:${adapter.platform}`, await adapterState(adapter)] as const));
      // Two adapters of one platform (Discord's HTTP interactions and its gateway) both show.
      for (const [name, state] of states) checks[name in checks ? `${name}#${Object.keys(checks).filter((key) => key.startsWith(name)).length + 1}` : name] = state;
      // A shutdown that began while the checks ran wins.
      if (options.draining()) checks['process'] = 'draining';
      const failed = Object.entries(checks)
        .filter(([, state]) => state !== 'ok')
        .map(([name]) => name);
      return { ready: failed.length === 0, failed, checks };
    },
  };
}

/** An adapter's reason, short and with anything shaped like a token blanked out. */
const safeDetail = (detail: string): string =>
  detail
    .replace(/xox[a-z]-[\w-]+/gi, '[token]')
    .replace(/(Bot|Bearer)\s+\S+/g, '$1 [token]')
    .slice(0, 200);
