// A SIGTERM while Slack commands are being worked on, with the real `relance` process (as
// `npm start` runs it) against the fake Slack API behind a proxy that makes every Web API call
// and response_url post slow: every command acknowledged before the signal is committed and
// answered, the process exits 0 by itself within a few seconds, and its log shows no pool
// closed under running work (CONNECTION_ENDED, a closed PGlite). On PostgreSQL when
// TEST_DATABASE_URL is set, on PGlite otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { inbox, processedEvents } from '../../src/db/schema.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack-api.fake.ts';
import { postToSlackAdapter, SIGNING_SECRET, slashCommandBody } from '../support/slack-requests.ts';

const bin = fileURLToPath(new URL('../../bin/relance.mjs', import.meta.url));
const postgresUrl = process.env['TEST_DATABASE_URL'];
const DELAY_MS = 700;
const COMMANDS = 8;

let fake: SlackFake;
let proxy: Server;
let proxyBase: string;
let dataDir: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Forwards to the fake after DELAY_MS: Slack answering slowly keeps the commands in flight. */
async function startSlowProxy(target: string): Promise<Server> {
  const server = createHttpServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name, value]) => typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
      const answer = await fetch(`${target}${req.url}`, { method: req.method ?? 'GET', headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
      const body = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(body);
    })().catch((error: unknown) => res.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

beforeAll(async () => {
  fake = await startSlackFake();
  proxy = await startSlowProxy(new URL(fake.apiUrl).origin);
  proxyBase = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'relance-graceful-'));
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  log: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startRelance(port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The sources as they are now, never a build in dist/ that could be older.
    RELANCE_DEV: '1',
    SLACK_BOT_TOKEN: 'xoxb-graceful-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${proxyBase}/api/`,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '20000',
    RELANCE_REPLICA_ID: `graceful-${randomBytes(3).toString('hex')}`,
  };
  for (const name of ['DATABASE_URL', 'DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'RELANCE_NOW']) delete env[name];
  if (postgresUrl) env['DATABASE_URL'] = postgresUrl;
  const child = spawn(process.execPath, [bin], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (log.includes('relance started')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`relance exited ${code} before starting:\n${log}`));
    });
  });
  return { child, log: () => log, exited };
}

describe('SIGTERM with commands in flight', () => {
  it('finishes every acknowledged command, closes the database last and exits 0 by itself', async () => {
    const port = await freePort();
    const relance = await startRelance(port);
    try {
      const run = randomBytes(4).toString('hex');
      const team = `T0GR${run}`.toUpperCase();
      const triggers = Array.from({ length: COMMANDS }, (_, i) => `86${Date.now()}${i}.1111111111.graceful${run}${i}`);
      const responseIds = triggers.map((_, i) => `graceful-${run}-${i}`);
      // Every command sets the member's language: a write, committed with its delivery key.
      const acks = await Promise.all(
        triggers.map((triggerId, i) =>
          postToSlackAdapter(
            port,
            slashCommandBody({ command: '/language', text: 'en', team, user: `U0GR${run}${i}`.toUpperCase(), responseUrl: `${proxyBase}/response/${responseIds[i]}`, triggerId }),
          ),
        ),
      );
      expect(acks.map((ack) => ack.status)).toEqual(triggers.map(() => 200));
      // The work is still going on (users.info and the answers take DELAY_MS each).
      expect(fake.calls.filter((call) => call.method === 'response' && String(call.body['_url']).includes(run))).toHaveLength(0);

      const signalledAt = Date.now();
      relance.child.kill('SIGTERM');
      // Once the shutdown began, a new request is not taken (the server stopped accepting).
      while (!relance.log().includes('shutting down') && relance.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 10));
      if (relance.child.exitCode === null) await expect(fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status)).rejects.toThrow();
      const exit = await Promise.race([relance.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000))]);
      expect(exit, relance.log()).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalledAt).toBeLessThan(10_000);

      // Every acknowledged command was answered…
      const answered = fake.calls.filter((call) => call.method === 'response').map((call) => String(call.body['_url']));
      for (const id of responseIds) expect(answered, relance.log()).toContain(`/response/${id}`);
      // …and committed, its inbox row closed.
      const database = await openDatabase({ target: postgresUrl ?? dataDir, migrate: false });
      try {
        const keys = triggers.map((trigger) => `slack:command:${trigger}`);
        const committed = await database.db.select({ key: processedEvents.key }).from(processedEvents).where(inArray(processedEvents.key, keys));
        expect(committed.map((row) => row.key).sort()).toEqual([...keys].sort());
        const deliveries = await database.db.select({ key: inbox.key, status: inbox.status }).from(inbox).where(inArray(inbox.key, keys));
        // Recorded before the acknowledgement, closed once worked: none left for another replica.
        expect(deliveries.map((row) => row.status)).toEqual(keys.map(() => 'done'));
      } finally {
        await database.close();
      }

      const log = relance.log();
      expect(log).toContain('shutting down: draining the work in flight');
      expect(log).toContain('work drained, adapters stopped: closing the database');
      expect(log).not.toMatch(/CONNECTION_ENDED|CONNECTION_DESTROYED|pool closed|PGlite is closed|grace period over|still running/i);
      const lines = log
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string; reqId?: string });
      // On a shared database the process may take over deliveries other runs left behind (that
      // is its job); their failures (a response_url of a fake long gone) are not this test's.
      const replayed = new Set(lines.filter((line) => line.msg === 'replaying an acknowledged delivery').map((line) => line.reqId));
      expect(lines.filter((line) => line.level >= 50 && !replayed.has(line.reqId))).toEqual([]);
    } finally {
      if (relance.child.exitCode === null && relance.child.signalCode === null) relance.child.kill('SIGKILL');
    }
  });

  it('exits at once with code 1 on a second signal during the drain', async () => {
    const port = await freePort();
    const relance = await startRelance(port);
    const run = randomBytes(4).toString('hex');
    const triggerId = `87${Date.now()}.1111111111.second${run}`;
    try {
      const body = slashCommandBody({ command: '/language', text: 'en', team: `T0GS${run}`.toUpperCase(), user: `U0GS${run}`.toUpperCase(), responseUrl: `${proxyBase}/response/second-${run}`, triggerId });
      expect((await postToSlackAdapter(port, body)).status).toBe(200);
      relance.child.kill('SIGTERM');
      while (!relance.log().includes('shutting down') && relance.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 10));
      relance.child.kill('SIGTERM');
      const exit = await Promise.race([relance.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5000))]);
      expect(exit, relance.log()).toEqual({ code: 1, signal: null });
      expect(relance.log()).toContain('second stop signal: exiting now');
    } finally {
      if (relance.child.exitCode === null && relance.child.signalCode === null) {
        relance.child.kill('SIGKILL');
        await relance.exited;
      }
      // The delivery it abandoned is closed here, so no later run (of any test sharing this
      // database) takes it over and answers a response_url that no longer exists.
      const database = await openDatabase({ target: postgresUrl ?? dataDir, migrate: false });
      try {
        await database.db.update(inbox).set({ status: 'failed', error: 'abandoned by the second-signal test' }).where(eq(inbox.key, `slack:command:${triggerId}`));
      } finally {
        await database.close();
      }
    }
  });
});
