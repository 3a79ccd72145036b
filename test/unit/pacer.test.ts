// The pacer on a fake clock: spacing within a token bucket, first come first served per key,
// pauses after a 429, deadlines, idle keys dropped, queue depth. No real time passes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pacer, PacingDeadlineError, type RateLimit } from '../../src/delivery/pacer.ts';
import { limitResolver, platformLimits } from '../../src/delivery/platform-limits.ts';
import { withOutboxSend } from '../../src/delivery/send-scope.ts';
import { rateLimitedTotal, rateLimitWaitSeconds } from '../../src/ops/metrics.ts';

/** A clock whose sleeps resolve only when the test moves time on. */
class FakeClock {
  time = 1_000_000;
  private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  private seq = 0;
  now = (): number => this.time;
  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.time + ms, seq: this.seq++, resolve });
    });
  /** Lets every promise chain settle. */
  async settle(): Promise<void> {
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  }
  /** Fires timers in time order until none is left (or `until` is reached). */
  async run(until = Number.POSITIVE_INFINITY): Promise<void> {
    await this.settle();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.resolve();
      await this.settle();
    }
    if (until !== Number.POSITIVE_INFINITY) this.time = Math.max(this.time, until);
  }
}

const pacerWith = (clock: FakeClock, limits: Record<string, RateLimit>, sweepEveryMs = 1_000): Pacer =>
  new Pacer({ limitFor: (key) => limits[key] ?? limits[key.split(':').slice(0, 2).join(':')], now: clock.now, sleep: clock.sleep, sweepEveryMs });

/** Starts `count` calls on `keys` now; resolves with the clock time each call started, in call order. */
function fire(pacer: Pacer, clock: FakeClock, keys: string[], count: number, started: Array<{ index: number; at: number }>, tag = 0): Array<Promise<void>> {
  return Array.from({ length: count }, (_, i) =>
    pacer.run(keys, async () => {
      started.push({ index: tag + i, at: clock.now() });
    }),
  );
}

/** The most calls started within any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

describe('pacer spacing', () => {
  it.each([
    { name: 'Slack channel: 1/s, burst 3', limit: { count: 1, intervalMs: 1_000, burst: 3 }, calls: 10, expected: [0, 0, 0, 1000, 2000, 3000, 4000, 5000, 6000, 7000] },
    { name: 'Tier 3: 50/min, burst 5', limit: { count: 50, intervalMs: 60_000, burst: 5 }, calls: 8, expected: [0, 0, 0, 0, 0, 1200, 2400, 3600] },
    { name: 'Discord channel: 5 per 5 s', limit: { count: 5, intervalMs: 5_000, burst: 5 }, calls: 7, expected: [0, 0, 0, 0, 0, 1000, 2000] },
    { name: 'no burst: 10/s', limit: { count: 10, intervalMs: 1_000, burst: 1 }, calls: 4, expected: [0, 100, 200, 300] },
  ])('$name', async ({ limit, calls, expected }) => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': limit });
    const started: Array<{ index: number; at: number }> = [];
    const all = Promise.all(fire(pacer, clock, ['slack:T1:m'], calls, started));
    await clock.run();
    await all;
    const t0 = 1_000_000;
    expect(started.map((s) => s.index)).toEqual([...Array(calls).keys()]);
    expect(started.map((s) => s.at - t0)).toEqual(expected);
  });

  it('keeps any window within burst + rate × window and serves each key first come first served (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ count: fc.integer({ min: 1, max: 20 }), intervalMs: fc.integer({ min: 100, max: 5_000 }), burst: fc.integer({ min: 1, max: 6 }) }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000 }), fc.constantFrom('a', 'b')), { minLength: 1, maxLength: 40 }),
        async (limit, arrivals) => {
          const clock = new FakeClock();
          const pacer = pacerWith(clock, { 'slack:T1': limit });
          const started: Record<string, Array<{ index: number; at: number }>> = { a: [], b: [] };
          const pending: Array<Promise<void>> = [];
          const ordered = arrivals.map(([at, key], index) => ({ at, key, index })).sort((x, y) => x.at - y.at || x.index - y.index);
          const t0 = clock.now();
          for (const arrival of ordered) {
            await clock.run(t0 + arrival.at);
            pending.push(pacer.run([`slack:T1:${arrival.key}`], async () => void started[arrival.key]!.push({ index: arrival.index, at: clock.now() })));
          }
          await clock.run();
          await Promise.all(pending);
          for (const key of ['a', 'b']) {
            const expectedOrder = ordered.filter((a) => a.key === key).map((a) => a.index);
            expect(started[key]!.map((s) => s.index)).toEqual(expectedOrder);
            // Over any window W the bucket lets through at most burst + W × rate calls.
            for (const windowMs of [limit.intervalMs, limit.intervalMs * 2]) {
              expect(busiestWindow(started[key]!.map((s) => s.at), windowMs)).toBeLessThanOrEqual(limit.burst + Math.ceil((windowMs * limit.count) / limit.intervalMs));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('paces keys independently, and a call on two keys waits for both', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:C': { count: 1, intervalMs: 1_000, burst: 1 }, 'slack:W': { count: 2, intervalMs: 1_000, burst: 1 } });
    const started: Array<{ index: number; at: number }> = [];
    const t0 = clock.now();
    const calls = [
      ...fire(pacer, clock, ['slack:C:one', 'slack:W'], 2, started, 0),
      ...fire(pacer, clock, ['slack:C:two', 'slack:W'], 2, started, 10),
      ...fire(pacer, clock, ['slack:C:three'], 1, started, 20),
    ];
    await clock.run();
    await Promise.all(calls);
    const at = Object.fromEntries(started.map((s) => [s.index, s.at - t0]));
    // Channel three shares nothing with the others; one and two take turns on the workspace (2/s).
    expect(at).toEqual({ 0: 0, 10: 500, 1: 1_000, 11: 1_500, 20: 0 });
  });

  it('lets unpaced keys through at once', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, {});
    let ran = 0;
    await Promise.all(Array.from({ length: 100 }, () => pacer.run(['other:x'], async () => void ran++)));
    expect(ran).toBe(100);
    expect(pacer.size).toBe(0);
  });
});

describe('pacer after a 429', () => {
  it('holds the key for Retry-After, counts the 429 and the time held, then restarts slowly', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': { count: 10, intervalMs: 1_000, burst: 5 } });
    const key = 'slack:T1:chat.postMessage';
    const before429 = (await rateLimitedTotal.get()).values.find((v) => v.labels.platform === 'slack')?.value ?? 0;
    const waitedBefore = (await rateLimitWaitSeconds.get()).values.find((v) => v.labels.platform === 'slack' && v.labels.reason === 'retry_after')?.value ?? 0;
    await pacer.run([key], async () => undefined);
    const t429 = clock.now();
    pacer.rateLimited('slack', [key], 3_000);
    const started: Array<{ index: number; at: number }> = [];
    const calls = fire(pacer, clock, [key], 3, started);
    await clock.run();
    await Promise.all(calls);
    // Nothing before Retry-After has passed; then the bucket refills from empty (10/s).
    expect(started.map((s) => s.at - t429)).toEqual([3_100, 3_200, 3_300]);
    const after429 = (await rateLimitedTotal.get()).values.find((v) => v.labels.platform === 'slack')?.value ?? 0;
    expect(after429 - before429).toBe(1);
    const waited = (await rateLimitWaitSeconds.get()).values.find((v) => v.labels.platform === 'slack' && v.labels.reason === 'retry_after')!.value - waitedBefore;
    // Three calls held for the 3 s pause.
    expect(waited).toBeGreaterThanOrEqual(9);
  });

  it('a shorter Retry-After does not shorten a pause in progress', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': { count: 100, intervalMs: 1_000, burst: 100 } });
    const key = 'slack:T1:conversations.open';
    const t0 = clock.now();
    pacer.rateLimited('slack', [key], 5_000);
    pacer.rateLimited('slack', [key], 1_000);
    const started: Array<{ index: number; at: number }> = [];
    const calls = fire(pacer, clock, [key], 1, started);
    await clock.run();
    await Promise.all(calls);
    expect(started[0]!.at - t0).toBeGreaterThanOrEqual(5_000);
  });
});

describe('pacer deadlines', () => {
  it('refuses at once a call that could not start before its deadline', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': { count: 1, intervalMs: 1_000, burst: 1 } });
    const key = 'slack:T1:chat.postMessage:C1';
    await pacer.run([key], async () => undefined);
    // The next slot is 1 s away: a deadline in 500 ms cannot be met.
    await expect(pacer.run([key], async () => 'sent', { deadline: clock.now() + 500 })).rejects.toBeInstanceOf(PacingDeadlineError);
    expect(pacer.depth()).toBe(0);
    const ok = pacer.run([key], async () => 'sent', { deadline: clock.now() + 1_500 });
    await clock.run();
    await expect(ok).resolves.toBe('sent');
  });

  it('drops a waiting call when a 429 pushes its start past the deadline', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': { count: 1, intervalMs: 1_000, burst: 1 } });
    const key = 'slack:T1:conversations.open';
    await pacer.run([key], async () => undefined);
    const late = pacer.run([key], async () => 'sent', { deadline: clock.now() + 2_000 });
    const patient = pacer.run([key], async () => 'sent');
    late.catch(() => undefined);
    await clock.settle();
    expect(pacer.depth('slack')).toBe(2);
    pacer.rateLimited('slack', [key], 10_000);
    await clock.run();
    await expect(late).rejects.toMatchObject({ name: 'PacingDeadlineError', key });
    await expect(patient).resolves.toBe('sent');
  });

  it('takes the deadline of the outbox send in progress', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': { count: 1, intervalMs: 60_000, burst: 1 } });
    const key = 'slack:T1:conversations.open';
    await pacer.run([key], async () => undefined);
    await expect(withOutboxSend({ deadline: clock.now() + 1_000 }, () => pacer.run([key], async () => 'sent'))).rejects.toBeInstanceOf(PacingDeadlineError);
  });

  it('gives up a waiting call when its signal aborts', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': { count: 1, intervalMs: 1_000, burst: 1 } });
    const key = 'slack:T1:x';
    await pacer.run([key], async () => undefined);
    const controller = new AbortController();
    const waiting = pacer.run([key], async () => 'sent', { signal: controller.signal });
    await clock.settle();
    expect(pacer.depth()).toBe(1);
    controller.abort(new Error('timeout'));
    await expect(waiting).rejects.toThrow('timeout');
    expect(pacer.depth()).toBe(0);
  });
});

describe('pacer memory', () => {
  it('forgets idle keys once their bucket is full again', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': { count: 1, intervalMs: 1_000, burst: 2 } }, 1_000);
    for (let i = 0; i < 500; i++) await pacer.run([`slack:T1:chat.postMessage:C${i}`], async () => undefined);
    expect(pacer.size).toBe(500);
    await clock.run(clock.now() + 1_500);
    // The next call sweeps: every channel's bucket is full again, nothing to remember.
    await pacer.run(['slack:T1:chat.postMessage:Cnew'], async () => undefined);
    expect(pacer.size).toBe(1);
  });

  it('keeps a paused key until its pause is over', async () => {
    const clock = new FakeClock();
    const pacer = pacerWith(clock, { 'slack:T1': { count: 10, intervalMs: 1_000, burst: 1 } }, 100);
    pacer.rateLimited('slack', ['slack:T1:conversations.open'], 5_000);
    await clock.run(clock.now() + 2_000);
    pacer.sweep(true);
    expect(pacer.size).toBe(1);
    await clock.run(clock.now() + 3_200);
    pacer.sweep(true);
    expect(pacer.size).toBe(0);
  });
});

describe('documented limits as keys', () => {
  const limitFor = limitResolver(platformLimits());

  it('maps Slack and Discord keys to their limits', () => {
    expect(limitFor('slack:T1:chat.postMessage:C1')).toEqual({ count: 1, intervalMs: 1_000, burst: 3 });
    expect(limitFor('slack:T1:chat.postMessage')?.count).toBe(300);
    expect(limitFor('slack:T1:conversations.open')).toMatchObject({ count: 50, intervalMs: 60_000 });
    expect(limitFor('slack:T1:chat.postEphemeral')).toMatchObject({ count: 100, intervalMs: 60_000 });
    expect(limitFor('slack:T1:some.unknownMethod')).toMatchObject({ count: 20, intervalMs: 60_000 });
    expect(limitFor('discord:global')).toMatchObject({ count: 50, intervalMs: 1_000 });
    expect(limitFor('discord:channel:123')).toMatchObject({ count: 5, intervalMs: 5_000 });
    expect(limitFor('console:x')).toBeUndefined();
  });

  it('divides the limits among replicas and takes overrides', () => {
    const shared = limitResolver(platformLimits({ slack: { postPerChannel: { count: 20, intervalMs: 1_000, burst: 4 } } }, { replicas: 4 }));
    expect(shared('slack:T1:chat.postMessage:C1')).toEqual({ count: 5, intervalMs: 1_000, burst: 1 });
    expect(shared('slack:T1:conversations.open')).toEqual({ count: 12.5, intervalMs: 60_000, burst: 1 });
    expect(shared('discord:global')).toEqual({ count: 12.5, intervalMs: 1_000, burst: 12 });
  });
});
