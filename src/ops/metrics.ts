// Prometheus metrics (prom-client), one registry per process, served at /metrics. Names follow
// Prometheus conventions: `_total` counters, `_seconds` histograms, base units. Label values are
// bounded sets (command paths from the registry, platforms, outcomes), never user text.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const metricsRegistry = new Registry();
// prom-client's own names start with process_ or nodejs_: `relance_process_resident_memory_bytes`,
// `relance_nodejs_eventloop_lag_seconds`…
collectDefaultMetrics({ register: metricsRegistry, prefix: 'relance_' });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3];

export const commandsTotal = new Counter({
  name: 'relance_commands_total',
  help: 'Events handled by the core, by command path (or event kind) and outcome: ok (answered, refusals included) or failed (the core threw).',
  labelNames: ['command', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const commandDuration = new Histogram({
  name: 'relance_command_duration_seconds',
  help: 'Time the core spent on one event, replies included.',
  labelNames: ['command'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const acksTotal = new Counter({
  name: 'relance_acks_total',
  help: 'Platform deliveries answered over HTTP, by platform and outcome (recorded, duplicate, refused, malformed, failed).',
  labelNames: ['platform', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const ackDuration = new Histogram({
  name: 'relance_ack_duration_seconds',
  help: 'From the first byte of a delivery to its HTTP answer (Slack allows 3 s).',
  labelNames: ['platform'] as const,
  buckets: ACK_BUCKETS,
  registers: [metricsRegistry],
});

export const platformCallsTotal = new Counter({
  name: 'relance_platform_api_calls_total',
  help: 'Calls to the Slack Web API and the Discord REST API, by method and outcome (ok, error, rate_limited).',
  labelNames: ['platform', 'method', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const rateLimitedTotal = new Counter({
  name: 'relance_platform_rate_limited_total',
  help: 'HTTP 429 answers from a platform (Retry-After honoured).',
  labelNames: ['platform'] as const,
  registers: [metricsRegistry],
});

export const rateLimitWaitSeconds = new Counter({
  name: 'relance_platform_rate_limit_wait_seconds_total',
  help: 'Time spent waiting on Retry-After or on our own pacing before a platform call.',
  labelNames: ['platform', 'reason'] as const,
  registers: [metricsRegistry],
});

export const jobRunsTotal = new Counter({
  name: 'relance_job_runs_total',
  help: 'Scheduled job runs, by job and outcome (ok, failed, skipped).',
  labelNames: ['job', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const inboxReplayedTotal = new Counter({
  name: 'relance_inbox_replayed_total',
  help: 'Acknowledged deliveries taken over from a stopped replica (or a failed attempt) and worked again.',
  labelNames: ['platform', 'outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * Gauges read from the database at scrape time (outbox depth and age, inbox backlog, pool): the
 * server sets the probe once the database is open; a failed probe leaves the last values.
 */
export const outboxDepth = new Gauge({ name: 'relance_outbox_depth', help: 'Outbox messages waiting to be sent (pending or sending).', registers: [metricsRegistry] });
export const outboxOldestAge = new Gauge({ name: 'relance_outbox_oldest_age_seconds', help: 'Age of the oldest outbox message still waiting.', registers: [metricsRegistry] });
export const inboxDepth = new Gauge({ name: 'relance_inbox_depth', help: 'Acknowledged deliveries not finished yet.', registers: [metricsRegistry] });
export const inboxOldestAge = new Gauge({ name: 'relance_inbox_oldest_age_seconds', help: 'Age of the oldest acknowledged delivery not finished yet.', registers: [metricsRegistry] });
export const dbPoolSize = new Gauge({ name: 'relance_db_pool_max', help: 'Connections the database pool may open (1 for embedded PGlite).', registers: [metricsRegistry] });
export const dbQueriesInFlight = new Gauge({ name: 'relance_db_transactions_in_flight', help: 'Command transactions running now.', registers: [metricsRegistry] });
export const inFlightWork = new Gauge({ name: 'relance_work_in_flight', help: 'Deliveries being worked on by this process (what a graceful shutdown waits for).', registers: [metricsRegistry] });

// The deployment's HTTP server (src/server/http-server.ts): `route` is a mounted path or
// `unmatched`, never the requested URL, so a scan of random paths adds no series.
export const httpRequestsTotal = new Counter({
  name: 'relance_http_requests_total',
  help: 'HTTP requests answered, by route (mounted path or unmatched), method and status (aborted when the client went away first).',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpRequestDuration = new Histogram({
  name: 'relance_http_request_duration_seconds',
  help: 'From the request to the end of its response (work a route does after answering is not counted).',
  labelNames: ['route'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});
