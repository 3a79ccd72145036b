// Counts a WebClient's calls and 429s, and tells the pacer about each 429. Call
// instrumentSlackClient on every WebClient (the adapter's, the home client, per-installation
// clients); it is idempotent, and the reply and file senders call it on the clients they use.
//
// Every HTTP call goes through the client's fetch function (@slack/web-api 8): wrapping it
// counts them all, whichever code made them, in relance_platform_api_calls_total{platform,
// method, outcome}. A 429 is announced by the client's `rate_limited` event (WebClientEvent.
// RATE_LIMITED) with Retry-After in seconds: the client itself then waits that long and retries
// (or rejects at once with rejectRateLimitedCalls); the pacer holds the same keys meanwhile.
import { webApi } from '@slack/bolt';
import type { Pacer } from '../../src/delivery/pacer.ts';
import { sharedPacer } from '../../src/delivery/shared-pacer.ts';
import { platformCallsTotal } from '../../src/ops/metrics.ts';
import { slackPacingKeys, slackScope } from './slack-pacing.ts';

type WebClient = webApi.WebClient;
type FetchLike = webApi.FetchFunction;
type FetchResponse = Awaited<ReturnType<FetchLike>>;

const instrumented = new WeakSet<object>();

/** The method a URL calls (`chat.postMessage`), `file_upload` for an upload URL, `other` for anything odd: a bounded label. */
export function slackMethodOf(client: WebClient, url: string): string {
  const base = client.slackApiUrl;
  if (!url.startsWith(base)) return 'file_upload';
  const method = url.slice(base.length).split('?')[0] ?? '';
  return /^[a-zA-Z]+(\.[a-zA-Z0-9]+)+$/.test(method) ? method : 'other';
}

async function outcomeOf(response: FetchResponse): Promise<'ok' | 'error' | 'rate_limited'> {
  if (response.status === 429) return 'rate_limited';
  if (response.status !== 200) return 'error';
  const copy = (response as Partial<Response>).clone?.();
  if (!copy || !(response.headers.get('content-type') ?? '').includes('application/json')) return 'ok';
  try {
    // A Web API error (`not_in_channel`…) comes as 200 with ok: false.
    const body = (await copy.json()) as { ok?: boolean };
    return body.ok === false ? 'error' : 'ok';
  } catch {
    return 'error';
  }
}

export interface SlackInstrumentOptions {
  /** The pacer to tell about 429s (the process's by default). */
  pacer?: Pacer;
}

export function instrumentSlackClient(client: WebClient, platformLabel = 'slack', options: SlackInstrumentOptions = {}): WebClient {
  if (instrumented.has(client)) return client;
  instrumented.add(client);
  const platform = platformLabel;

  client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, request?: { url?: string; body?: Record<string, unknown> }) => {
    const method = request?.url ? slackMethodOf(client, request.url) : 'other';
    const channel = request?.body?.['channel'] ?? request?.body?.['channel_id'];
    const keys = slackPacingKeys(slackScope(client), method, typeof channel === 'string' ? channel : undefined);
    (options.pacer ?? sharedPacer()).rateLimited(platform, keys, Math.max(0, Number(retryAfterSeconds) || 0) * 1000);
  });

  // fetchFn is the client's own field (private in the typings): when a later version drops it,
  // calls are not counted, and nothing else changes.
  const target = client as unknown as { fetchFn?: FetchLike };
  const original = target.fetchFn;
  if (typeof original === 'function') {
    target.fetchFn = async (input, init) => {
      const method = slackMethodOf(client, String(input));
      let response: FetchResponse;
      try {
        response = await original(input, init);
      } catch (error) {
        platformCallsTotal.inc({ platform, method, outcome: 'error' });
        throw error;
      }
      void outcomeOf(response).then((outcome) => platformCallsTotal.inc({ platform, method, outcome }));
      return response;
    };
  }
  return client;
}
