// The adapter's own HTTP server when it runs alone (`port` given: one process, tests) in OAuth
// mode: the same routes the deployment's server mounts (/slack/events, /slack/install,
// /slack/oauth_redirect), exact paths, 404 and 405 otherwise, a request id per request, and a
// bare 500 if a route fails before answering.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { HttpRoute } from '../../src/server/http-route.ts';

export function serveRoutes(routes: HttpRoute[], port: number, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    const receivedAt = Date.now();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const onPath = routes.filter((route) => route.path === path);
    const route = onPath.find((candidate) => candidate.method === req.method);
    if (!route) {
      res.writeHead(onPath.length > 0 ? 405 : 404, onPath.length > 0 ? { allow: onPath.map((r) => r.method).join(', ') } : {}).end();
      return;
    }
    const requestId = randomUUID();
    const log = logger.child({ reqId: requestId });
    route.handle(req, res, { requestId, logger: log, receivedAt }).catch((error: unknown) => {
      log.error({ err: error, path }, 'slack: request handling failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
