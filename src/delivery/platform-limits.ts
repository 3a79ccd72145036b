// The platforms' rate limits as data, for the pacer (pacer.ts). Numbers are the documented
// floors; where a platform documents no number, the choice is ours and says so. Everything can
// be overridden (tests use tiny limits) and divided among replicas: each process paces alone,
// so N replicas sending for the same workspace together send N times the rate.
import type { RateLimit } from './pacer.ts';

export type SlackTier = 1 | 2 | 3 | 4;

export interface PlatformLimits {
  slack: {
    /**
     * chat.postMessage into one channel. Slack: "Posting messages: 1 per second [per channel].
     * Short bursts >1 allowed" (https://docs.slack.dev/apis/web-api/rate-limits, "Special tier").
     */
    postPerChannel: RateLimit;
    /**
     * chat.postMessage across a workspace. Slack documents "a workspace-wide limit" for the
     * special tier without a number (same page): 300 a minute is our choice, below what large
     * Slack apps report sending, and overridable.
     */
    postPerWorkspace: RateLimit;
    /**
     * Web API tiers, "per API method per workspace per app" (same page): Tier 1 1+/min, Tier 2
     * 20+/min, Tier 3 50+/min, Tier 4 100+/min, "occasional" / "sporadic" / "generous" bursts.
     * The bursts below are ours (a tenth of a minute's calls).
     */
    tiers: Record<SlackTier, RateLimit>;
    /**
     * The tier of each method Relance calls, from each method's reference page ("Facts: Rate
     * limiting"), e.g. https://api.slack.com/methods/conversations.open (Tier 3); the same table
     * is kept in Slack's Java SDK (MethodsRateLimits.java). `files.uploadV2` is the SDK's helper:
     * it calls files.getUploadURLExternal per file and files.completeUploadExternal (Tier 4).
     */
    methodTiers: Record<string, SlackTier>;
    /** Methods missing from the table: "most methods allow at least 20 requests per minute". */
    defaultTier: SlackTier;
  };
  discord: {
    /**
     * Every request of a bot: "All bots can make up to 50 requests per second to our API"
     * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit).
     * @discordjs/rest enforces it too (globalRequestsPerSecond: 50); Discord asks apps to follow
     * the X-RateLimit-* headers rather than hard-coded numbers, which @discordjs/rest does.
     */
    global: RateLimit;
    /**
     * Messages into one channel: Discord reports per-route buckets in headers (X-RateLimit-*)
     * rather than documenting numbers; posting into a channel is known to be 5 per 5 seconds.
     */
    perChannel: RateLimit;
  };
}

const perMinute = (count: number, burst: number): RateLimit => ({ count, intervalMs: 60_000, burst });

export const DOCUMENTED_LIMITS: PlatformLimits = {
  slack: {
    postPerChannel: { count: 1, intervalMs: 1_000, burst: 3 },
    postPerWorkspace: perMinute(300, 20),
    tiers: { 1: perMinute(1, 1), 2: perMinute(20, 2), 3: perMinute(50, 5), 4: perMinute(100, 10) },
    methodTiers: {
      'chat.postEphemeral': 4,
      'conversations.open': 3,
      'files.uploadV2': 4,
      'files.getUploadURLExternal': 4,
      'files.completeUploadExternal': 4,
      'views.open': 4,
      'views.publish': 4,
      'views.update': 4,
      'users.info': 4,
      'chat.update': 3,
      'chat.delete': 3,
      'chat.getPermalink': 4,
    },
    defaultTier: 2,
  },
  discord: {
    global: { count: 50, intervalMs: 1_000, burst: 50 },
    perChannel: { count: 5, intervalMs: 5_000, burst: 5 },
  },
};

export interface LimitOverrides {
  slack?: Partial<Omit<PlatformLimits['slack'], 'tiers' | 'methodTiers'>> & { tiers?: Partial<Record<SlackTier, RateLimit>>; methodTiers?: Record<string, SlackTier> };
  discord?: Partial<PlatformLimits['discord']>;
}

/** Shares a limit among replicas: the rate and the burst are split, never below one call. */
const share = (limit: RateLimit, replicas: number): RateLimit =>
  replicas <= 1 ? limit : { count: limit.count / replicas, intervalMs: limit.intervalMs, burst: Math.max(1, Math.floor(limit.burst / replicas)) };

/** The documented limits with overrides, each divided among `replicas` processes. */
export function platformLimits(overrides: LimitOverrides = {}, options: { replicas?: number } = {}): PlatformLimits {
  const replicas = Math.max(1, Math.floor(options.replicas ?? 1));
  const base = DOCUMENTED_LIMITS;
  const tiers = { ...base.slack.tiers, ...(overrides.slack?.tiers ?? {}) };
  return {
    slack: {
      postPerChannel: share(overrides.slack?.postPerChannel ?? base.slack.postPerChannel, replicas),
      postPerWorkspace: share(overrides.slack?.postPerWorkspace ?? base.slack.postPerWorkspace, replicas),
      tiers: { 1: share(tiers[1], replicas), 2: share(tiers[2], replicas), 3: share(tiers[3], replicas), 4: share(tiers[4], replicas) },
      methodTiers: { ...base.slack.methodTiers, ...(overrides.slack?.methodTiers ?? {}) },
      defaultTier: overrides.slack?.defaultTier ?? base.slack.defaultTier,
    },
    discord: {
      global: share(overrides.discord?.global ?? base.discord.global, replicas),
      perChannel: share(overrides.discord?.perChannel ?? base.discord.perChannel, replicas),
    },
  };
}

/**
 * The limit of a pacer key:
 * `slack:<workspace>:chat.postMessage:<channel>`, `slack:<workspace>:chat.postMessage`,
 * `slack:<workspace>:<method>` (its tier), `discord:global`, `discord:channel:<id>`.
 * Other keys are not paced.
 */
export function limitResolver(limits: PlatformLimits): (key: string) => RateLimit | undefined {
  return (key) => {
    const parts = key.split(':');
    if (parts[0] === 'slack' && parts.length >= 3) {
      const method = parts[2]!;
      if (method === 'chat.postMessage') return parts.length >= 4 ? limits.slack.postPerChannel : limits.slack.postPerWorkspace;
      return limits.slack.tiers[limits.slack.methodTiers[method] ?? limits.slack.defaultTier];
    }
    if (parts[0] === 'discord') {
      if (parts[1] === 'global') return limits.discord.global;
      if (parts[1] === 'channel' && parts[2]) return limits.discord.perChannel;
    }
    return undefined;
  };
}
