// Opens the database: embedded PGlite (a directory) by default, PostgreSQL through
// postgres.js when given a postgres:// URL. Both are exposed as one drizzle type so no
// other module knows which driver runs.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.ts';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.ts';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction, or the database itself: services accept either. */
export type Executor = Database | PgTransaction<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Rows of a raw SQL query, whatever the driver returns (`{rows}` on PGlite, an array on postgres.js). */
  rows<T extends Record<string, unknown>>(executor: Executor, query: ReturnType<typeof sql>): Promise<T[]>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

export const queryRows = async <T extends Record<string, unknown>>(executor: Executor, query: ReturnType<typeof sql>): Promise<T[]> => {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
};

export interface OpenOptions {
  /** A postgres:// URL, a directory for PGlite, or `memory://` for a throw-away PGlite. */
  target: string;
  /** Apply migrations on open (true at start-up). */
  migrate?: boolean;
  /** postgres.js pool size. */
  maxConnections?: number;
  /** Called with each SQL statement sent to a PostgreSQL server (diagnostics and benchmarks). */
  onQuery?: (query: string) => void;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const { target } = options;
  if (isPostgresUrl(target)) {
    const onQuery = options.onQuery;
    const client = postgres(target, { max: options.maxConnections ?? 10, onnotice: () => {}, ...(onQuery ? { debug: (_connection: number, query: string) => onQuery(query) } : {}) });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    if (options.migrate !== false) await migrateWithLock(db, () => migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder }));
    return { db, kind: 'postgres', rows: queryRows, close: () => client.end({ timeout: 5 }) };
  }

  let lock: DirectoryLock | undefined;
  let client: PGlite;
  if (target === 'memory://') {
    client = new PGlite();
  } else {
    const dir = path.resolve(target);
    mkdirSync(dir, { recursive: true });
    // Two processes on one PGlite directory silently lose writes: refuse the second one.
    lock = acquireDirectoryLock(dir);
    try {
      client = new PGlite(path.join(dir, 'pgdata'));
      await client.waitReady;
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  if (options.migrate !== false) await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
  return {
    db,
    kind: 'pglite',
    rows: queryRows,
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

// Several replicas may start together on one server: a session advisory lock makes the
// migrations run one at a time (the others then find nothing left to apply).
async function migrateWithLock(db: Database, run: () => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7265616)`);
    await run();
  });
}
