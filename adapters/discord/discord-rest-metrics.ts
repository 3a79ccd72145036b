// Counts Discord REST calls and 429s, and paces messages posted into a channel. For the gateway
// adapter's client.rest and the HTTP adapter's REST alike: instrumentDiscordRest(rest), once per
// REST instance (idempotent).
//
// @discordjs/rest already follows Discord's limits: the per-route buckets announced in the
// X-RateLimit-* headers, the global 50 requests a second, and Retry-After on a 429 (it waits and
// retries). Messages the outbox sends into a channel (reminders and digests, `POST
// /channels/{id}/messages` inside an outbox send, send-scope.ts) also take a turn in the
// pacer (5 per 5 s per channel, 50/s overall): a job knows no channel's bucket before its first
// answer, and its sends give up at their deadline; the pacer holds them after a 429 too.
// Replies to members stay with @discordjs/rest's buckets alone (Discord asks apps to follow
// the headers, not numbers of their own).
// Counted: every answer in relance_platform_api_calls_total{platform="discord", method="POST
// /channels/:id/messages", outcome}, every 429 in relance_platform_rate_limited_total, and
// @discordjs/rest's own waits (its `rateLimited` event, emitted before it waits on a bucket or
// the global limit, 429 or not) in relance_platform_rate_limit_wait_seconds_total{reason="bucket"|"global"}.
import { RESTEvents, type REST } from '@discordjs/rest';
import type { Pacer } from '../../src/delivery/pacer.ts';
import { currentOutboxSend } from '../../src/delivery/send-scope.ts';
import { sharedPacer } from '../../src/delivery/shared-pacer.ts';
import { platformCallsTotal, rateLimitedTotal, rateLimitWaitSeconds } from '../../src/ops/metrics.ts';

const PLATFORM = 'discord';
const CHANNEL_MESSAGES = /\/channels\/(\d+)\/messages$/;
const CHANNEL_PATH = /^\/channels\/(\d+)/;

const instrumented = new WeakSet<object>();

/** `POST /channels/:id/messages`: the route with every id and token replaced, a bounded label. */
export function discordRouteLabel(method: string, route: string): string {
  return `${method.toUpperCase()} ${route.replace(/\d{5,}/g, ':id').split('?')[0]!.slice(0, 80)}`;
}

export interface DiscordInstrumentOptions {
  /** The pacer for outbox messages (the process's by default); false: count only, no pacing. */
  pacer?: Pacer | false;
}

export function instrumentDiscordRest(rest: REST, options: DiscordInstrumentOptions = {}): REST {
  if (instrumented.has(rest)) return rest;
  instrumented.add(rest);
  const pacer = (): Pacer | undefined => (options.pacer === false ? undefined : (options.pacer ?? sharedPacer()));

  rest.on(RESTEvents.Response, (request, response) => {
    const status = response.status;
    platformCallsTotal.inc({ platform: PLATFORM, method: discordRouteLabel(request.method, request.route), outcome: status === 429 ? 'rate_limited' : status >= 400 ? 'error' : 'ok' });
    if (status !== 429) return;
    // Retry-After is in seconds (with decimals); a global 429 holds every call of the bot.
    const retryAfterMs = Math.max(0, Number(response.headers.get('retry-after')) || 0) * 1000;
    const global = response.headers.get('x-ratelimit-global') !== null || response.headers.get('x-ratelimit-scope') === 'global';
    const channel = CHANNEL_PATH.exec(String(request.path))?.[1];
    const keys = global ? ['discord:global'] : channel ? [`discord:channel:${channel}`] : [];
    const paced = pacer();
    if (paced) paced.rateLimited(PLATFORM, keys, retryAfterMs);
    else rateLimitedTotal.inc({ platform: PLATFORM });
  });

  rest.on(RESTEvents.RateLimited, (info) => {
    rateLimitWaitSeconds.inc({ platform: PLATFORM, reason: info.global ? 'global' : 'bucket' }, Math.max(0, info.timeToReset) / 1000);
  });

  // The request itself goes through makeRequest: an outbox message waits for its turn there.
  // The REST timeout (15 s) aborts init.signal; the wait gives up with it and @discordjs/rest
  // tries again, at most `retries` times, as for a network timeout.
  const makeRequest = rest.options.makeRequest;
  rest.options.makeRequest = (url, init) => {
    const paced = currentOutboxSend() ? pacer() : undefined;
    const channel = (init.method ?? 'GET').toUpperCase() === 'POST' ? CHANNEL_MESSAGES.exec(new URL(url).pathname)?.[1] : undefined;
    if (!paced || !channel) return makeRequest(url, init);
    const signal = (init.signal ?? undefined) as AbortSignal | undefined;
    return paced.run([`discord:channel:${channel}`, 'discord:global'], () => makeRequest(url, init), signal ? { signal } : {});
  };
  return rest;
}
