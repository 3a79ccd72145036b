// The deployment's HTTP server on a real socket: exact routes, 404 and 405, request ids
// (a proxy's sane one kept, anything else replaced, echoed back), a failing handler answered
// 500 without details and logged with its request id, every log line of a request's work
// carrying that id (the logger's mixin, through awaits and timers), and a close that lets the
// work in flight finish and drops idle keep-alive connections.
import { request as httpRequest, Agent } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import { metricsRegistry } from '../../src/ops/metrics.ts';
import { currentRequestId } from '../../src/ops/request-context.ts';
import type { HttpRoute } from '../../src/server/http-route.ts';
import { createHttpServer, type HttpServer } from '../../src/server/http-server.ts';

/** A logger made like the process's (createLogger, with the mixin), writing JSON lines here. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    logger: createLogger('info', stream),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close(0);
});

async function start(routes: HttpRoute[], logger = capturedLogger().logger): Promise<string> {
  const server = createHttpServer({ routes, logger });
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

const hello: HttpRoute = {
  method: 'GET',
  path: '/hello',
  async handle(_req, res, context) {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${context.requestId}`);
  },
};

describe('routing', () => {
  it('answers a mounted route, 404 for an unknown path, 405 with Allow for a wrong method', async () => {
    const base = await start([hello, { ...hello, method: 'POST', async handle(_req, res) { res.end('posted'); } }, { ...hello, path: '/only-get' }]);
    const ok = await fetch(`${base}/hello?x=1`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^hello /);
    expect(await (await fetch(`${base}/hello`, { method: 'POST' })).text()).toBe('posted');
    const missing = await fetch(`${base}/hello/`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found' });
    const wrong = await fetch(`${base}/only-get`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    // HEAD is GET without the body (probes that use HEAD).
    const head = await fetch(`${base}/only-get`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses a path mounted twice for one method', () => {
    expect(() => createHttpServer({ routes: [hello, hello], logger: capturedLogger().logger })).toThrow(/mounted twice/);
  });

  it('counts requests by route, method and status, unknown paths under one label', async () => {
    const base = await start([hello]);
    await fetch(`${base}/hello`);
    await fetch(`${base}/random-${Date.now()}`);
    const text = await metricsRegistry.metrics();
    expect(text).toMatch(/relance_http_requests_total\{route="\/hello",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/relance_http_requests_total\{route="unmatched",method="GET",status="404"\} \d+/);
    expect(text).not.toContain('random-');
  });
});

describe('request ids', () => {
  it('keeps a sane x-request-id, replaces anything else, and echoes it', async () => {
    const base = await start([hello]);
    const kept = await fetch(`${base}/hello`, { headers: { 'x-request-id': 'lb-1234.abc_DEF' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-1234.abc_DEF');
    expect(await kept.text()).toBe('hello lb-1234.abc_DEF');
    for (const bad of ['a b', 'x'.repeat(65), '<script>', 'id\u00e9']) {
      const replaced = await fetch(`${base}/hello`, { headers: { 'x-request-id': encodeURI(bad) === bad ? bad : encodeURI(bad) } });
      const id = replaced.headers.get('x-request-id')!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await replaced.text()).toBe(`hello ${id}`);
    }
    const fresh = await fetch(`${base}/hello`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id on every log line of the work, whoever logs, after awaits and timers', async () => {
    const { logger, lines } = capturedLogger();
    // A module-level logger that knows nothing of requests, like the core's or Bolt's.
    const elsewhere = logger.child({ component: 'core' });
    const done: Array<() => void> = [];
    const finished = new Promise<void>((resolve) => done.push(resolve));
    const base = await start(
      [
        {
          method: 'POST',
          path: '/work',
          async handle(_req, res, context) {
            context.logger.info('acknowledging');
            res.writeHead(200).end();
            // Work after the answer, as Slack listeners do after ack().
            await new Promise((resolve) => setTimeout(resolve, 20));
            elsewhere.info({ seen: currentRequestId() }, 'core worked');
            setTimeout(() => {
              elsewhere.info('reply sent');
              done[0]!();
            }, 10);
          },
        },
      ],
      logger,
    );
    const response = await fetch(`${base}/work`, { method: 'POST', headers: { 'x-request-id': 'req-42' } });
    expect(response.status).toBe(200);
    await finished;
    elsewhere.info('outside any request');
    const byMessage = new Map(lines().map((line) => [line['msg'], line]));
    expect(byMessage.get('acknowledging')).toMatchObject({ reqId: 'req-42' });
    expect(byMessage.get('acknowledging')?.['receivedAt']).toEqual(expect.any(Number));
    expect(byMessage.get('core worked')).toMatchObject({ reqId: 'req-42', seen: 'req-42', component: 'core' });
    expect(byMessage.get('reply sent')).toMatchObject({ reqId: 'req-42' });
    expect(byMessage.get('outside any request')).not.toHaveProperty('reqId');
    // A child that binds reqId itself does not get it twice on one line.
    const raw = JSON.stringify(lines().find((line) => line['msg'] === 'acknowledging'));
    expect(raw.match(/"reqId"/g)).toHaveLength(1);
  });
});

describe('failures', () => {
  it('answers 500 with the request id and no details, and logs the error with it', async () => {
    const { logger, lines } = capturedLogger();
    const base = await start(
      [
        {
          method: 'GET',
          path: '/boom',
          async handle() {
            throw new Error('secret detail at /srv/app/boom.ts:12');
          },
        },
        {
          method: 'GET',
          path: '/sync-boom',
          handle() {
            throw new Error('thrown before any await');
          },
        },
      ],
      logger,
    );
    for (const path of ['/boom', '/sync-boom']) {
      const response = await fetch(`${base}${path}`, { headers: { 'x-request-id': `fail${path.replace('/', '-')}` } });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: 'internal error', requestId: `fail${path.replace('/', '-')}` });
      expect(text).not.toMatch(/secret|thrown|\.ts|at /);
    }
    const logged = lines().filter((line) => line['msg'] === 'http handler failed');
    expect(logged.map((line) => line['reqId'])).toEqual(['fail-boom', 'fail-sync-boom']);
    expect(JSON.stringify(logged[0]!['err'])).toContain('secret detail');
  });

  it('leaves an answer already sent alone when the handler fails afterwards', async () => {
    const base = await start([
      {
        method: 'GET',
        path: '/late',
        async handle(_req, res) {
          res.writeHead(200).end('done');
          throw new Error('after the answer');
        },
      },
    ]);
    const response = await fetch(`${base}/late`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('done');
  });
});

describe('close', () => {
  it('stops accepting, lets work in flight finish, and drops idle keep-alive connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let workFinished = false;
    const server = createHttpServer({
      routes: [
        hello,
        {
          method: 'POST',
          path: '/slow',
          async handle(_req, res) {
            res.writeHead(200).end('ack');
            await gate;
            workFinished = true;
          },
        },
      ],
      logger: capturedLogger().logger,
    });
    const port = await server.listen(0, '127.0.0.1');
    // A keep-alive connection left idle after its request: it must not hold close() open.
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      httpRequest({ port, host: '127.0.0.1', path: '/hello', agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
    expect((await fetch(`http://127.0.0.1:${port}/slow`, { method: 'POST' })).status).toBe(200);
    expect(server.inFlight()).toBe(1);
    const started = Date.now();
    const closing = server.close(5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // No new connection is accepted while the work finishes.
    await expect(fetch(`http://127.0.0.1:${port}/hello`)).rejects.toThrow();
    expect(workFinished).toBe(false);
    release();
    expect(await closing).toBe(true);
    expect(workFinished).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    agent.destroy();
  });

  it('gives up after the grace and closes every connection', async () => {
    const server = createHttpServer({
      routes: [
        {
          method: 'GET',
          path: '/never',
          async handle() {
            await new Promise(() => {});
          },
        },
      ],
      logger: capturedLogger().logger,
    });
    const port = await server.listen(0, '127.0.0.1');
    const pending = fetch(`http://127.0.0.1:${port}/never`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    expect(await server.close(200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await pending).toBeInstanceOf(Error);
  });
});
