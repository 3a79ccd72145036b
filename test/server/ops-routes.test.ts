// /healthz, /readyz and /metrics on the real HTTP server and the real database (PGlite, or
// PostgreSQL when TEST_DATABASE_URL is set): ready when the database answers and every migration
// is applied, 503 naming what failed (a platform whose check fails, pending migrations, the
// database closed, a shutdown under way); platform checks cached; Prometheus text with the
// command counts of the instrumented core handler and the backlog gauges.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import type { ChatAdapter, IncomingEvent, Reply } from '../../src/core/types.ts';
import { createDatabaseGauges } from '../../src/ops/database-gauges.ts';
import { commandLabel, instrumentHandler } from '../../src/ops/instrumented-handler.ts';
import { metricsRegistry } from '../../src/ops/metrics.ts';
import { createReadiness, migrationJournal, type ReadinessOptions } from '../../src/ops/readiness.ts';
import { createHttpServer, type HttpServer } from '../../src/server/http-server.ts';
import { createOpsRoutes } from '../../src/server/ops-routes.ts';
import { openHarness, type Harness } from '../support/chat-harness.ts';

const logger = pino({ level: 'silent' });
let h: Harness;
const servers: HttpServer[] = [];

beforeAll(async () => {
  h = await openHarness();
});

afterAll(async () => {
  for (const server of servers) await server.close(0);
  // The last test closes the database itself.
  await h.close().catch(() => {});
});

/** A platform adapter whose readiness the test decides, counting how often it is asked. */
function fakeAdapter(platform: 'slack' | 'discord', answer: () => Promise<{ ok: boolean; detail?: string }>): ChatAdapter & { asked: number } {
  const adapter = {
    platform,
    asked: 0,
    start: async () => {},
    stop: async () => {},
    send: async () => {},
    ready: async () => {
      adapter.asked += 1;
      return answer();
    },
  };
  return adapter;
}

async function opsServer(overrides: Partial<ReadinessOptions> = {}): Promise<{ base: string; state: { draining: boolean } }> {
  const state = { draining: false };
  const readiness = createReadiness({ database: h.database, adapters: [], draining: () => state.draining, logger, ...overrides });
  const gauges = createDatabaseGauges({ database: h.database, logger });
  const server = createHttpServer({ routes: createOpsRoutes({ readiness, gauges }), logger });
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  return { base: `http://127.0.0.1:${port}`, state };
}

const get = async (url: string): Promise<{ status: number; body: any; type: string | null }> => {
  const response = await fetch(url);
  const text = await response.text();
  const type = response.headers.get('content-type');
  return { status: response.status, type, body: type?.startsWith('application/json') ? JSON.parse(text) : text };
};

describe('/healthz', () => {
  it('answers ok while the process runs', async () => {
    const { base } = await opsServer();
    expect(await get(`${base}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});

describe('/readyz', () => {
  it('is ready when the database answers, every migration is applied and the platforms accept our credentials', async () => {
    const slack = fakeAdapter('slack', async () => ({ ok: true }));
    const { base } = await opsServer({ adapters: [slack] });
    const ready = await get(`${base}/readyz`);
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', checks: { process: 'ok', database: 'ok', migrations: 'ok', 'platform:slack': 'ok' } } });
    // The platform is asked once a minute at most, not on every probe.
    await get(`${base}/readyz`);
    await get(`${base}/readyz`);
    expect(slack.asked).toBe(1);
  });

  it('answers 503 naming a platform that refuses us, without its secrets', async () => {
    const discord = fakeAdapter('discord', async () => ({ ok: false, detail: 'invalid_auth for xoxb-123-456-secret' }));
    const thrower = fakeAdapter('slack', async () => {
      throw new Error('connect ECONNREFUSED with Bot abc.def.ghi');
    });
    const { base } = await opsServer({ adapters: [discord, thrower] });
    const answer = await get(`${base}/readyz`);
    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe('not ready');
    expect(answer.body.failed).toEqual(['platform:discord', 'platform:slack']);
    expect(answer.body.checks).toMatchObject({ database: 'ok', 'platform:discord': 'not ready: invalid_auth for [token]', 'platform:slack': 'not ready: check failed' });
    expect(JSON.stringify(answer.body)).not.toMatch(/xoxb-1|abc\.def/);
  });

  it('does not wait on a slow platform: it answers with the last known state, or says it timed out', async () => {
    let slow = false;
    const slack = fakeAdapter('slack', () => (slow ? new Promise(() => {}) : Promise.resolve({ ok: true })));
    const { base } = await opsServer({ adapters: [slack], adapterCacheMs: 0, adapterTimeoutMs: 100 });
    expect((await get(`${base}/readyz`)).status).toBe(200);
    slow = true;
    const started = Date.now();
    expect((await get(`${base}/readyz`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    const fresh = await opsServer({ adapters: [fakeAdapter('slack', () => new Promise(() => {}))], adapterTimeoutMs: 100 });
    expect((await get(`${fresh.base}/readyz`)).body.checks['platform:slack']).toBe('timed out');
  });

  it('answers 503 while migrations this code expects are not applied', async () => {
    const journal = [...migrationJournal(), { tag: '9999_from_the_future', when: 4_102_444_800_000 }];
    const { base } = await opsServer({ journal });
    const answer = await get(`${base}/readyz`);
    expect(answer).toMatchObject({ status: 503, body: { failed: ['migrations'], checks: { migrations: 'pending: 9999_from_the_future' } } });
  });

  it('answers 503 at once while the process drains', async () => {
    const { base, state } = await opsServer();
    state.draining = true;
    expect(await get(`${base}/readyz`)).toMatchObject({ status: 503, body: { status: 'draining', failed: ['process'] } });
    // Alive all the same: a liveness probe must not kill a draining replica.
    expect((await get(`${base}/healthz`)).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('serves Prometheus text with the command counts and the backlog gauges', async () => {
    const handler = instrumentHandler(h.bot.handle, { registry: createDefaultRegistry() });
    const session = await h.session();
    const replies: Reply[] = [];
    const event = (name: string, text = ''): IncomingEvent => ({ kind: 'command', name, text, ref: session.ref, actor: session.actor, idempotencyKey: randomUUID() });
    await handler(event('help'), async (reply) => void replies.push(reply));
    await handler(event('aide'), async () => {});
    expect(replies.length).toBeGreaterThan(0);
    const { base } = await opsServer();
    const answer = await get(`${base}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(metricsRegistry.contentType);
    // Aliases count under the command's name.
    expect(answer.body).toMatch(/relance_commands_total\{command="help",outcome="ok"\} [2-9]/);
    expect(answer.body).toMatch(/relance_command_duration_seconds_count\{command="help"\} [2-9]/);
    expect(answer.body).toMatch(/^relance_outbox_depth \d+$/m);
    expect(answer.body).toMatch(/^relance_inbox_depth \d+$/m);
    expect(answer.body).toMatch(new RegExp(`^relance_db_pool_max ${h.database.kind === 'pglite' ? 1 : 4}$`, 'm'));
    expect(answer.body).toContain('relance_process_resident_memory_bytes');
  });

  it('counts a core that throws as failed, and keeps labels bounded', async () => {
    const registry = createDefaultRegistry();
    const failing = instrumentHandler(async () => {
      throw new Error('bug');
    }, { registry });
    const session = await h.session();
    const base = { ref: session.ref, actor: session.actor, idempotencyKey: 'k' };
    await expect(failing({ kind: 'command', name: 'deal', text: 'new Acme', ...base }, async () => {})).rejects.toThrow('bug');
    expect(await metricsRegistry.metrics()).toMatch(/relance_commands_total\{command="deal new",outcome="failed"\} [1-9]/);
    expect(commandLabel({ kind: 'command', name: 'rm -rf /', text: '', ...base }, registry)).toBe('unknown');
    expect(commandLabel({ kind: 'command', name: 'deal', text: 'whatever', ...base }, registry)).toBe('deal');
    expect(commandLabel({ kind: 'action', actionId: 'x:1', value: 'v', ...base }, registry)).toBe('action');
  });

  it('answers in time with the last values when the database does not answer', async () => {
    // A transaction holding the outbox: PostgreSQL makes the reading wait on the lock, PGlite
    // (one connection) makes every other query wait for the transaction.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const transaction = h.database.db.transaction(async (tx) => {
      await tx.execute(sql`lock table outbox in access exclusive mode`);
      locked();
      await gate;
    });
    await holding;
    try {
      const gauges = createDatabaseGauges({ database: h.database, logger, timeoutMs: 100 });
      const started = Date.now();
      await gauges.refresh();
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      release();
      await transaction;
    }
  });
});

describe('/readyz after the database closed', () => {
  it('answers 503 naming the database', async () => {
    const { base } = await opsServer();
    expect((await get(`${base}/readyz`)).status).toBe(200);
    await h.database.close();
    const answer = await get(`${base}/readyz`);
    expect(answer).toMatchObject({ status: 503, body: { status: 'not ready', failed: expect.arrayContaining(['database']) } });
    expect(['unreachable', 'timed out']).toContain(answer.body.checks.database);
    // Still alive: /healthz never touches the database.
    expect((await get(`${base}/healthz`)).status).toBe(200);
  });
});
