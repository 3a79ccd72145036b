// The deployment's one HTTP server: every route (Slack events and installs, Discord
// interactions, health, readiness, metrics) is mounted on it by exact method and path. Each
// request gets an id (a proxy's sane `x-request-id`, else a new one) that is echoed back and
// carried by every log line of its work; each answer is counted; a handler's failure is logged
// and answered 500 without details. close() lets the work in flight finish before it goes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { httpRequestDuration, httpRequestsTotal } from '../ops/metrics.ts';
import { requestIdFrom, runWithRequestId } from '../ops/request-context.ts';
import type { HttpRequestContext, HttpRoute } from './http-route.ts';

export interface HttpServerOptions {
  routes: HttpRoute[];
  logger: Logger;
}

export interface HttpServer {
  readonly server: Server;
  /** The port listened on, once listening. */
  readonly port: number | undefined;
  /** Listens on `port` (0 picks a free one); resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  /** Handlers still running (a route's work after its answer included). */
  inFlight(): number;
  /**
   * Stops accepting connections, lets the handlers in flight finish for up to `graceMs`, closes
   * idle keep-alive connections as they become idle, then drops whatever is left. Resolves true
   * when every handler finished in time.
   */
  close(graceMs?: number): Promise<boolean>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': JSON_TYPE, ...headers }).end(JSON.stringify(body));
};

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger } = options;
  // path → method → route; a path mounted twice is a wiring bug, caught at start-up.
  const table = new Map<string, Map<string, HttpRoute>>();
  for (const route of options.routes) {
    const byMethod = table.get(route.path) ?? new Map<string, HttpRoute>();
    if (byMethod.has(route.method)) throw new Error(`HTTP route ${route.method} ${route.path} is mounted twice`);
    byMethod.set(route.method, route);
    table.set(route.path, byMethod);
  }
  const running = new Set<Promise<void>>();
  let closing = false;

  const server = createServer((req, res) => {
    void dispatch(req, res);
  });
  // Load balancers keep connections open for up to 60 s (AWS ALB's default): a shorter idle
  // timeout here would close some just as they send a request, which they answer 502.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const started = performance.now();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    // A keep-alive client asking during shutdown is told to go elsewhere for its next request.
    if (closing) res.shouldKeepAlive = false;
    // Exact paths; the query string is the route's business.
    const path = (req.url ?? '/').split('?', 1)[0]!;
    const byMethod = table.get(path);
    // HEAD is answered as GET without the body (Node drops it), for probes that use HEAD.
    const route = byMethod?.get(req.method === 'HEAD' ? 'GET' : (req.method ?? ''));
    const label = byMethod ? path : 'unmatched';
    res.once('close', () => {
      httpRequestsTotal.inc({ route: label, method: req.method ?? 'unknown', status: res.writableFinished ? String(res.statusCode) : 'aborted' });
      httpRequestDuration.observe({ route: label }, (performance.now() - started) / 1000);
      // The answer that was in flight when close() began: its connection can go now.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    if (!byMethod) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    if (!route) {
      const allowed = [...byMethod.keys()];
      if (allowed.includes('GET')) allowed.push('HEAD');
      sendJson(res, 405, { error: 'method not allowed' }, { allow: allowed.join(', ') });
      return;
    }
    const context: HttpRequestContext = { requestId, logger: logger.child({ reqId: requestId, receivedAt }), receivedAt };
    // Everything the handler awaits or schedules runs with this request id (see request-context.ts).
    const work = runWithRequestId(requestId, async () => route.handle(req, res, context));
    running.add(work);
    try {
      await work;
    } catch (error) {
      context.logger.error({ err: error, route: path, method: req.method }, 'http handler failed');
      // The id lets whoever sees the 500 find the log line; the error itself stays in the log.
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', requestId });
      else if (!res.writableEnded) res.destroy();
    } finally {
      running.delete(work);
    }
  }

  return {
    server,
    get port() {
      const address = server.address();
      return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        const done = () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        };
        if (host === undefined) server.listen(port, done);
        else server.listen(port, host, done);
      });
    },
    inFlight: () => running.size,
    async close(graceMs = 10_000) {
      closing = true;
      const deadline = Date.now() + graceMs;
      const closed = new Promise<void>((resolve) => {
        // Not listening (never started, closed already): nothing to wait for.
        if (!server.listening) resolve();
        else server.close(() => resolve());
      });
      server.closeIdleConnections();
      // Requests still arriving on open keep-alive connections join `running`: wait for them too.
      let drained = true;
      while (drained && running.size > 0) drained = await settleWithin([...running], deadline);
      server.closeIdleConnections();
      // Connections busy past the grace (a slow client reading its answer) are dropped.
      if (!(await settleWithin([closed], deadline))) server.closeAllConnections();
      await closed;
      return drained;
    },
  };
}

/** Resolves true when every promise settled before `deadline`, false at the deadline. */
async function settleWithin(promises: Array<Promise<unknown>>, deadline: number): Promise<boolean> {
  if (promises.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const all = Promise.allSettled(promises).then(() => true);
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([all, late]);
  } finally {
    clearTimeout(timer);
  }
}
