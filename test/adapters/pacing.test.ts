// Reminders to 2,000 members through the real Slack adapter (Bolt's WebClient) against the fake
// Slack holding conversations.open and chat.postMessage to a rate limit, scaled down from
// Slack's (per minute) to per second so the test takes seconds. Paced to the same scaled
// limits, every reminder arrives and the fake answers (almost) no 429; unpaced, the same burst
// trips a 429 storm. A 429 that does come holds the key for Retry-After and is counted.
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import type { ConversationRef, Reply } from '../../src/core/types.ts';
import { Pacer, PacingDeadlineError } from '../../src/delivery/pacer.ts';
import { limitResolver, platformLimits } from '../../src/delivery/platform-limits.ts';
import { withOutboxSend } from '../../src/delivery/send-scope.ts';
import { setSharedPacer } from '../../src/delivery/shared-pacer.ts';
import { platformCallsTotal, rateLimitedTotal, rateLimitWaitSeconds } from '../../src/ops/metrics.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack-api.fake.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';

const logger = pino({ level: 'silent' });
const MEMBERS = 2_000;
/** The fake's limits: Slack's Tier 3 (conversations.open) and posting limits, per second instead of per minute. */
const FAKE_PER_SECOND = 400;
/**
 * The pacer keeps well below them: at most burst + rate × 1 s = 15 + 150 = 165 calls leave it
 * in any second, and the WebClient has at most 100 requests in flight, so even when a busy
 * machine delivers them to the fake in clumps, no second sees more than 265 of 400.
 */
const paced = { count: 150, intervalMs: 1_000, burst: 15 };

const reminder: Reply = { visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: '1 deal to follow up today' }] };
const memberRef = (team: string, i: number): ConversationRef => {
  const user = `U${String(i).padStart(8, '0')}`;
  return { platform: 'slack', workspaceId: team, channelId: user, userId: user, isDM: true };
};

const metric = async (counter: typeof platformCallsTotal | typeof rateLimitedTotal | typeof rateLimitWaitSeconds, labels: Record<string, string>): Promise<number> =>
  (await counter.get()).values.filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key as never] === value)).reduce((sum, v) => sum + v.value, 0);

/** Scaled-down limits for the pacer: the Slack keys a reminder uses. */
function scaledPacer(): Pacer {
  return new Pacer({
    limitFor: limitResolver(
      platformLimits({
        slack: { postPerWorkspace: paced, postPerChannel: { count: 10, intervalMs: 1_000, burst: 2 }, tiers: { 3: paced, 4: paced } },
      }),
    ),
  });
}

/** Resolves once `check` holds (polls). */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Runs `tasks` with at most `width` at a time (a sender's burst, several replicas' worth). */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<PromiseSettledResult<void>[]> {
  const results: PromiseSettledResult<void>[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        try {
          await task(items[index]!);
          results[index] = { status: 'fulfilled', value: undefined };
        } catch (reason) {
          results[index] = { status: 'rejected', reason };
        }
      }
    }),
  );
  return results;
}

describe('pacing reminders on Slack', () => {
  let fake: SlackFake;
  let adapter: SlackAdapter;
  let unpaced: SlackAdapter;

  beforeAll(async () => {
    fake = await startSlackFake();
    adapter = createSlackAdapter({ botToken: 'xoxb-pacing', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, retries: 2, logger });
    // No retries: a 429 fails the send, so the storm shows.
    unpaced = createSlackAdapter({ botToken: 'xoxb-unpaced', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, retries: 0, logger });
  });

  afterEach(() => {
    setSharedPacer(undefined);
    fake.reset();
  });

  afterAll(async () => {
    await fake.close();
  });

  const limitFake = (): void => {
    fake.limitRate('conversations.open', { count: FAKE_PER_SECOND, windowMs: 1_000, retryAfter: 1 });
    fake.limitRate('chat.postMessage', { count: FAKE_PER_SECOND, windowMs: 1_000, retryAfter: 1 });
  };

  it('sends 2,000 reminders within the limits: all delivered, (almost) no 429', async () => {
    setSharedPacer(scaledPacer());
    limitFake();
    const team = 'T0PACING01';
    const calls = { before: await metric(platformCallsTotal, { platform: 'slack', method: 'chat.postMessage', outcome: 'ok' }) };
    const heldBefore = await metric(rateLimitWaitSeconds, { platform: 'slack', reason: 'pacing' });
    // 500 at a time: one outbox sender goes one by one, but several replicas, digests and
    // replies together do not; the pacer must hold the burst, whatever its source.
    const results = await pool([...Array(MEMBERS).keys()], 500, (i) => adapter.send(memberRef(team, i), reminder));
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toEqual([]);
    const posted = fake.callsTo('chat.postMessage').filter((c) => c.status !== 429);
    expect(new Set(posted.map((c) => c.body['channel'])).size).toBe(MEMBERS);
    const storms = fake.calls.filter((c) => c.status === 429).length;
    expect(storms).toBeLessThanOrEqual(5);
    expect(fake.callsTo('conversations.open').filter((c) => c.status !== 429)).toHaveLength(MEMBERS);
    expect((await metric(platformCallsTotal, { platform: 'slack', method: 'chat.postMessage', outcome: 'ok' })) - calls.before).toBe(MEMBERS);
    // The pacer did hold calls back (2,000 at once, 320 a second).
    expect((await metric(rateLimitWaitSeconds, { platform: 'slack', reason: 'pacing' })) - heldBefore).toBeGreaterThan(0);

    // A second reminder to the same members: their DMs are remembered, no conversations.open.
    fake.reset();
    await pool([...Array(200).keys()], 50, (i) => adapter.send(memberRef(team, i), reminder));
    expect(fake.callsTo('conversations.open')).toHaveLength(0);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(200);
  });

  it('without pacing, the same burst (1,000 members) trips a 429 storm: the test above can fail', async () => {
    setSharedPacer(new Pacer({ limitFor: () => undefined }));
    limitFake();
    const team = 'T0UNPACED1';
    const results = await pool([...Array(MEMBERS / 2).keys()], 500, (i) => unpaced.send(memberRef(team, i), reminder));
    const storms = fake.calls.filter((c) => c.status === 429).length;
    // 500 calls at once against 400 a second: the fake holds the key and answers 429 for a second.
    expect(storms).toBeGreaterThan(20);
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(20);
  });

  it('after a 429, waits Retry-After before calling that key again, and counts the 429', async () => {
    setSharedPacer(scaledPacer());
    const team = 'T0RETRY001';
    const limitedBefore = await metric(rateLimitedTotal, { platform: 'slack' });
    const heldBefore = await metric(rateLimitWaitSeconds, { platform: 'slack', reason: 'retry_after' });
    fake.failNext('conversations.open', { status: 429, retryAfter: 1 });
    const first = adapter.send(memberRef(team, 0), reminder);
    // Counted as soon as the client sees the 429, and the key is held from then on.
    await until(async () => (await metric(rateLimitedTotal, { platform: 'slack' })) > limitedBefore);
    await pool([...Array(19).keys()], 19, (i) => adapter.send(memberRef(team, i + 1), reminder));
    await first;
    const opens = fake.callsTo('conversations.open');
    expect(opens[0]!.status).toBe(429);
    // Every later opening (the retry included) came Retry-After after the 429 or later.
    expect(opens.slice(1).map((c) => c.at - opens[0]!.at >= 995)).toEqual(Array(20).fill(true));
    expect((await metric(rateLimitedTotal, { platform: 'slack' })) - limitedBefore).toBe(1);
    expect((await metric(rateLimitWaitSeconds, { platform: 'slack', reason: 'retry_after' })) - heldBefore).toBeGreaterThan(0);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.status !== 429)).toHaveLength(20);
  });

  it('gives up a reminder that could not leave before its deadline, with a typed error the outbox retries', async () => {
    setSharedPacer(scaledPacer());
    const team = 'T0DEADLINE';
    const limitedBefore = await metric(rateLimitedTotal, { platform: 'slack' });
    // A first send meets a 429: conversations.open is held for a second.
    fake.failNext('conversations.open', { status: 429, retryAfter: 1 });
    const first = adapter.send(memberRef(team, 1), reminder);
    await until(async () => (await metric(rateLimitedTotal, { platform: 'slack' })) > limitedBefore);
    const late = withOutboxSend({ deadline: Date.now() + 200 }, () => adapter.send(memberRef(team, 2), reminder));
    await expect(late).rejects.toBeInstanceOf(PacingDeadlineError);
    await first;
    expect(fake.callsTo('conversations.open').filter((c) => c.body['users'] === memberRef(team, 2).userId)).toHaveLength(0);
  });
});
