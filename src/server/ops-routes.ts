// Health, readiness and metrics on the deployment's server:
// - GET /healthz: the process runs (no database access: a liveness probe must not restart a
//   replica because the database is slow);
// - GET /readyz: this replica should get traffic (src/ops/readiness.ts), else 503 naming why;
// - GET /metrics: Prometheus text, backlog gauges read from the database first (bounded time).
import type { ServerResponse } from 'node:http';
import { metricsRegistry } from '../ops/metrics.ts';
import type { DatabaseGauges } from '../ops/database-gauges.ts';
import type { Readiness } from '../ops/readiness.ts';
import type { HttpRoute } from './http-route.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

// Probes and scrapers must never see a cached answer.
const answer = (res: ServerResponse, status: number, type: string, body: string): void => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
};

export function createOpsRoutes(options: { readiness: Readiness; gauges: DatabaseGauges }): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      async handle(_req, res) {
        answer(res, 200, JSON_TYPE, JSON.stringify({ status: 'ok' }));
      },
    },
    {
      method: 'GET',
      path: '/readyz',
      async handle(_req, res) {
        const report = await options.readiness.check();
        const status = report.ready ? 'ready' : report.checks['process'] === 'draining' ? 'draining' : 'not ready';
        answer(res, report.ready ? 200 : 503, JSON_TYPE, JSON.stringify({ status, ...(report.ready ? {} : { failed: report.failed }), checks: report.checks }));
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      async handle(_req, res) {
        await options.gauges.refresh();
        answer(res, 200, metricsRegistry.contentType, await metricsRegistry.metrics());
      },
    },
  ];
}
