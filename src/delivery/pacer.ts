// Paces outgoing platform calls per key (a workspace's method, a channel, a bot's global
// budget): a token bucket per key, waiters served first come first served, so a burst of
// reminders leaves at the rate the platform documents instead of tripping a 429 storm. When
// the platform still answers 429, the keys it names are paused for Retry-After. Platform-neutral:
// keys start with the platform (`slack:…`, `discord:…`), limits come from a resolver
// (platform-limits.ts), and the clock and sleep are injectable so tests run on a fake clock.
import { rateLimitedTotal, rateLimitWaitSeconds } from '../ops/metrics.ts';
import { currentOutboxSend } from './send-scope.ts';

/** `count` calls per `intervalMs` on average, up to `burst` at once after a quiet spell. */
export interface RateLimit {
  count: number;
  intervalMs: number;
  burst: number;
}

/** A call that could not start before its deadline (a reminder whose working hours would be over). */
export class PacingDeadlineError extends Error {
  override readonly name = 'PacingDeadlineError';
  constructor(
    readonly key: string,
    /** When the call could have started at the earliest (ms since the epoch, pacer clock). */
    readonly earliestAt: number,
    readonly deadline: number,
  ) {
    super(`${key}: the call could not start before its deadline (${new Date(deadline).toISOString()}); sent later`);
  }
}

export interface PacerOptions {
  /** The limit of a key; undefined leaves the key unpaced. */
  limitFor: (key: string) => RateLimit | undefined;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** How often (at most) idle keys are looked for and dropped. */
  sweepEveryMs?: number;
}

export interface PaceOptions {
  /** Give up (PacingDeadlineError) rather than start after this instant (ms, pacer clock). Defaults to the deadline of the outbox send in progress (send-scope.ts). */
  deadline?: number;
  /** Give up (with the signal's reason) when aborted while waiting. */
  signal?: AbortSignal;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  deadline: number | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  enqueuedAt: number;
  /** Held by a pause after a 429 at some point (else only by the pacing). */
  paused: boolean;
}

interface KeyState {
  limit: RateLimit;
  tokens: number;
  /** When `tokens` was last brought up to date (may lie in the future during a pause). */
  refilledAt: number;
  pausedUntil: number;
  queue: Waiter[];
  draining: boolean;
}

/** Token counts are fractions: a hair under one token (float rounding) counts as one. */
const ONE = 1 - 1e-9;

const platformOf = (key: string): string => key.slice(0, Math.max(0, key.indexOf(':'))) || 'unknown';

export class Pacer {
  private readonly keys = new Map<string, KeyState>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly sweepEveryMs: number;
  private lastSweep: number;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.sweepEveryMs = options.sweepEveryMs ?? 30_000;
    this.lastSweep = this.now();
  }

  /**
   * Waits for a slot on every key in turn (narrowest first is best: a channel before its
   * workspace), then runs the call. Each key serves its waiters in arrival order.
   */
  async run<T>(keys: readonly string[], call: () => Promise<T>, options: PaceOptions = {}): Promise<T> {
    const deadline = options.deadline ?? currentOutboxSend()?.deadline;
    for (const key of keys) await this.acquire(key, { ...options, ...(deadline !== undefined ? { deadline } : {}) });
    return call();
  }

  /** Takes one slot on a key, waiting for it if needed. */
  acquire(key: string, options: PaceOptions = {}): Promise<void> {
    this.sweep();
    const limit = this.options.limitFor(key);
    if (!limit) return Promise.resolve();
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const state = this.state(key, limit);
    const now = this.now();
    this.refill(state, now);
    if (state.queue.length === 0 && now >= state.pausedUntil && state.tokens >= ONE) {
      state.tokens = Math.max(0, state.tokens - 1);
      return Promise.resolve();
    }
    const earliest = this.earliestStart(state, state.queue.length, now);
    if (options.deadline !== undefined && earliest > options.deadline) return Promise.reject(new PacingDeadlineError(key, earliest, options.deadline));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, deadline: options.deadline, signal: options.signal, onAbort: undefined, enqueuedAt: now, paused: now < state.pausedUntil };
      if (options.signal) {
        const signal = options.signal;
        waiter.onAbort = () => {
          const index = state.queue.indexOf(waiter);
          if (index >= 0) state.queue.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      state.queue.push(waiter);
      void this.drain(key, state);
    });
  }

  /**
   * The platform answered 429 for a call on these keys: counts it and holds every key for
   * Retry-After. The bucket restarts empty after the pause, so the calls held back do not all
   * leave at its end.
   */
  rateLimited(platform: string, keys: readonly string[], retryAfterMs: number): void {
    rateLimitedTotal.inc({ platform });
    const until = this.now() + Math.max(0, retryAfterMs);
    for (const key of keys) {
      const limit = this.options.limitFor(key);
      if (!limit) continue;
      const state = this.state(key, limit);
      if (until <= state.pausedUntil) continue;
      state.pausedUntil = until;
      for (const waiter of state.queue) waiter.paused = true;
      state.tokens = 0;
      state.refilledAt = until;
    }
  }

  /** Calls waiting now, all keys together or for one platform (`slack`, `discord`). */
  depth(platform?: string): number {
    let total = 0;
    for (const [key, state] of this.keys) if (platform === undefined || platformOf(key) === platform) total += state.queue.length;
    return total;
  }

  /** Keys with state in memory (idle keys are dropped): for tests and debugging. */
  get size(): number {
    return this.keys.size;
  }

  /** Forgets keys that hold nothing a fresh key would not: no waiter, no pause, a full bucket. */
  sweep(force = false): void {
    const now = this.now();
    if (!force && now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    for (const [key, state] of this.keys) {
      if (state.queue.length > 0 || state.draining || now < state.pausedUntil) continue;
      this.refill(state, now);
      if (state.tokens >= state.limit.burst - 1e-9) this.keys.delete(key);
    }
  }

  private state(key: string, limit: RateLimit): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { limit, tokens: limit.burst, refilledAt: this.now(), pausedUntil: 0, queue: [], draining: false };
      this.keys.set(key, state);
    }
    return state;
  }

  private rate(limit: RateLimit): number {
    return limit.count / limit.intervalMs;
  }

  private refill(state: KeyState, now: number): void {
    if (now <= state.refilledAt) return;
    state.tokens = Math.min(state.limit.burst, state.tokens + (now - state.refilledAt) * this.rate(state.limit));
    state.refilledAt = now;
  }

  /** When the waiter at `position` (0 = head) could start at the earliest, nothing else changing. */
  private earliestStart(state: KeyState, position: number, now: number): number {
    const from = Math.max(now, state.pausedUntil, state.refilledAt);
    const tokensThen = Math.min(state.limit.burst, state.tokens + Math.max(0, from - Math.max(now, state.refilledAt)) * this.rate(state.limit));
    const missing = position + 1 - tokensThen;
    return missing <= 0 ? from : from + missing / this.rate(state.limit);
  }

  /** Serves a key's waiters in order, sleeping until its next slot; one drain per key at a time. */
  private async drain(key: string, state: KeyState): Promise<void> {
    if (state.draining) return;
    state.draining = true;
    const platform = platformOf(key);
    try {
      while (state.queue.length > 0) {
        const now = this.now();
        this.refill(state, now);
        this.dropLate(key, state, now);
        if (state.queue.length === 0) break;
        if (now >= state.pausedUntil && state.tokens >= ONE) {
          state.tokens = Math.max(0, state.tokens - 1);
          const waiter = state.queue.shift()!;
          if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
          // Summed over calls: the time each one waited before it could go.
          rateLimitWaitSeconds.inc({ platform, reason: waiter.paused ? 'retry_after' : 'pacing' }, (now - waiter.enqueuedAt) / 1000);
          waiter.resolve();
          continue;
        }
        await this.sleep(Math.max(1, Math.ceil(this.earliestStart(state, 0, now) - now)));
      }
    } finally {
      state.draining = false;
    }
  }

  /** Rejects the waiters that could not start before their deadline any more (a pause came). */
  private dropLate(key: string, state: KeyState, now: number): void {
    if (!state.queue.some((waiter) => waiter.deadline !== undefined)) return;
    const kept: Waiter[] = [];
    for (const waiter of state.queue) {
      const earliest = this.earliestStart(state, kept.length, now);
      if (waiter.deadline !== undefined && earliest > waiter.deadline) {
        if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.reject(new PacingDeadlineError(key, earliest, waiter.deadline));
      } else {
        kept.push(waiter);
      }
    }
    state.queue.splice(0, state.queue.length, ...kept);
  }
}
