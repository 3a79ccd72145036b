// instrumentDiscordRest on a real @discordjs/rest REST against a tiny local server: calls and
// 429s counted with bounded labels, channel messages taken through the pacer, and a 429 holding
// the channel for Retry-After.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from '@discordjs/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordRouteLabel, instrumentDiscordRest } from '../../adapters/discord/discord-rest-metrics.ts';
import { Pacer } from '../../src/delivery/pacer.ts';
import { limitResolver, platformLimits } from '../../src/delivery/platform-limits.ts';
import { withOutboxSend } from '../../src/delivery/send-scope.ts';
import { platformCallsTotal, rateLimitedTotal } from '../../src/ops/metrics.ts';

const CHANNEL = '123456789012345678';
const OTHER = '223456789012345678';

interface Hit {
  method: string;
  path: string;
  at: number;
}

let server: Server;
let api: string;
const hits: Hit[] = [];
/** Paths answered 429 (Retry-After in seconds) on their next call. */
const limited = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = (request.url ?? '').replace(/^\/api\/v10/, '');
      hits.push({ method: request.method ?? 'GET', path, at: Date.now() });
      const retryAfter = limited.get(path);
      if (retryAfter !== undefined) {
        limited.delete(path);
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' }).end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: false }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '1', channel_id: CHANNEL, content: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const count = async (metric: typeof platformCallsTotal | typeof rateLimitedTotal, labels: Record<string, string>): Promise<number> =>
  (await metric.get()).values.filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key as never] === value)).reduce((sum, v) => sum + v.value, 0);

/** A pacer that records which keys each call waited on. */
function recordingPacer(): { pacer: Pacer; runs: string[][] } {
  const runs: string[][] = [];
  const pacer = new Pacer({ limitFor: limitResolver(platformLimits()) });
  const run = pacer.run.bind(pacer);
  pacer.run = (keys, call, options) => {
    runs.push([...keys]);
    return run(keys, call, options);
  };
  return { pacer, runs };
}

describe('instrumentDiscordRest', () => {
  it('labels routes without ids or tokens', () => {
    expect(discordRouteLabel('post', '/channels/:id/messages')).toBe('POST /channels/:id/messages');
    expect(discordRouteLabel('patch', '/webhooks/:id/:token/messages/@original')).toBe('PATCH /webhooks/:id/:token/messages/@original');
    expect(discordRouteLabel('get', `/users/${CHANNEL}`)).toBe('GET /users/:id');
  });

  it('paces the outbox’s channel messages only, and counts every call', async () => {
    const { pacer, runs } = recordingPacer();
    const rest = instrumentDiscordRest(new REST({ api, retries: 0 }).setToken('FAKE.bot.token'), { pacer });
    // Idempotent: a second call adds no second set of listeners or pacing.
    instrumentDiscordRest(rest, { pacer });
    const okBefore = await count(platformCallsTotal, { platform: 'discord', method: 'POST /channels/:id/messages', outcome: 'ok' });
    await withOutboxSend({}, async () => {
      await rest.post(`/channels/${CHANNEL}/messages`, { body: { content: 'Rappel' } });
      await rest.post(`/channels/${OTHER}/messages`, { body: { content: 'Rappel' } });
      await rest.get(`/channels/${CHANNEL}`);
    });
    // A reply (no outbox send in progress) is left to @discordjs/rest's buckets.
    await rest.post(`/channels/${CHANNEL}/messages`, { body: { content: 'Réponse' } });
    expect(runs).toEqual([
      [`discord:channel:${CHANNEL}`, 'discord:global'],
      [`discord:channel:${OTHER}`, 'discord:global'],
    ]);
    expect((await count(platformCallsTotal, { platform: 'discord', method: 'POST /channels/:id/messages', outcome: 'ok' })) - okBefore).toBe(3);
    expect(await count(platformCallsTotal, { platform: 'discord', method: 'GET /channels/:id', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
  });

  it('counts a 429, holds the channel for Retry-After, and the message still goes', async () => {
    const pacer = new Pacer({ limitFor: limitResolver(platformLimits()) });
    const rest = instrumentDiscordRest(new REST({ api, retries: 1, offset: 0 }).setToken('FAKE.bot.token'), { pacer });
    const limitedBefore = await count(rateLimitedTotal, { platform: 'discord' });
    const path = `/channels/${OTHER}/messages`;
    limited.set(path, 0.4);
    const from = hits.length;
    await withOutboxSend({}, () => rest.post(path, { body: { content: 'Rappel' } }));
    const posts = hits.slice(from).filter((hit) => hit.method === 'POST' && hit.path === path);
    expect(posts).toHaveLength(2);
    // The second try reached the server no sooner than Retry-After after the 429 left it.
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(400);
    expect((await count(rateLimitedTotal, { platform: 'discord' })) - limitedBefore).toBe(1);
    expect(await count(platformCallsTotal, { platform: 'discord', method: 'POST /channels/:id/messages', outcome: 'rate_limited' })).toBeGreaterThanOrEqual(1);
  });
});
