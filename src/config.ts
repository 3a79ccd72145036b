// The environment, parsed once with zod: a bad variable stops start-up with its name and why.
import { z } from 'zod';
import { parseKey, parseKeys } from './security/token-cipher.ts';

const schema = z.object({
  DATA_DIR: z.string().min(1).default('./.relance'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RELANCE_NOW: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date such as 2026-11-24T09:00:00Z')
    .optional(),
  RELANCE_LANG: z.enum(['fr', 'en']).optional(),
  RELANCE_TIME_ZONE: z.string().default('Europe/Paris'),
  RELANCE_CURRENCY: z.string().length(3).default('EUR'),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)').optional(),
  SLACK_API_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DISCORD_TOKEN: z.string().min(20, 'must be the bot token from the Developer Portal').optional(),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{15,25}$/, 'must be the numeric application id').optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d{15,25}$/, 'must be a numeric server (guild) id').optional(),
  DISCORD_API_URL: z.string().url().optional(),
  // Many teams (issue 19): Slack OAuth distribution, Discord HTTP interactions, operations.
  SLACK_CLIENT_ID: z.string().regex(/^\d+\.\d+$/, 'must be the app\'s client id (digits.digits)').optional(),
  SLACK_CLIENT_SECRET: z.string().min(16).optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'must be at least 16 random characters').optional(),
  /** 32 bytes, base64 or hex: seals Slack tokens at rest (AES-256-GCM). */
  RELANCE_ENCRYPTION_KEY: z.string().optional(),
  /** Earlier keys, comma-separated, still able to open tokens sealed before a rotation. */
  RELANCE_ENCRYPTION_KEYS_OLD: z.string().optional(),
  /** The application's Ed25519 public key (hex): turns on /discord/interactions. */
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64-hex-digit public key from the Developer Portal').optional(),
  /** `off`: no gateway websocket (HTTP interactions only; mentions and DMs are then not read). */
  DISCORD_GATEWAY: z.enum(['on', 'off']).default('on'),
  /** This process's name among the replicas (host name and pid by default). */
  RELANCE_REPLICA_ID: z.string().regex(/^[\w.:-]{1,64}$/).optional(),
  /** How many replicas share the platforms' rate limits: each paces its sends at its share. */
  RELANCE_REPLICAS: z.coerce.number().int().min(1).max(100).default(1),
  /** How long a SIGTERM waits for work in flight before closing the database. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset (a blank line in an .env file must not break start-up).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const slack = parsed.data;
  const invalid = (name: string, why: string): never => {
    throw new ConfigError(`Invalid configuration:\n  ${name}: ${why}`);
  };
  const oauth = Boolean(slack.SLACK_CLIENT_ID || slack.SLACK_CLIENT_SECRET);
  if (oauth) {
    // Distribution: one deployment for many workspaces, tokens from the installation store.
    if (!slack.SLACK_CLIENT_ID) invalid('SLACK_CLIENT_ID', 'required with SLACK_CLIENT_SECRET');
    if (!slack.SLACK_CLIENT_SECRET) invalid('SLACK_CLIENT_SECRET', 'required with SLACK_CLIENT_ID');
    if (!slack.SLACK_SIGNING_SECRET) invalid('SLACK_SIGNING_SECRET', 'required for OAuth installs (requests are signed)');
    if (!slack.SLACK_STATE_SECRET) invalid('SLACK_STATE_SECRET', 'required for OAuth installs (it signs the install state)');
    if (!slack.RELANCE_ENCRYPTION_KEY) invalid('RELANCE_ENCRYPTION_KEY', 'required for OAuth installs (tokens are encrypted at rest)');
    // A key that cannot be read stops start-up here, not at the first install.
    try {
      parseKey(slack.RELANCE_ENCRYPTION_KEY!);
      parseKeys(slack.RELANCE_ENCRYPTION_KEYS_OLD);
    } catch (error) {
      throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
    }
    if (slack.SLACK_BOT_TOKEN) invalid('SLACK_BOT_TOKEN', 'set either one bot token (one workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (installs), not both');
    if (slack.SLACK_APP_TOKEN) invalid('SLACK_APP_TOKEN', 'Socket Mode serves one workspace: unset it for OAuth installs');
  } else {
    if ((slack.SLACK_SIGNING_SECRET || slack.SLACK_APP_TOKEN) && !slack.SLACK_BOT_TOKEN) invalid('SLACK_BOT_TOKEN', 'required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
    if (slack.SLACK_BOT_TOKEN && !slack.SLACK_SIGNING_SECRET && !slack.SLACK_APP_TOKEN) invalid('SLACK_SIGNING_SECRET', 'required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (slack.DISCORD_TOKEN && !slack.DISCORD_APPLICATION_ID) invalid('DISCORD_APPLICATION_ID', 'required when DISCORD_TOKEN is set');
  // Follow-ups and reminders go through REST with the bot token, whatever receives the interactions.
  if (slack.DISCORD_PUBLIC_KEY && !slack.DISCORD_TOKEN) invalid('DISCORD_TOKEN', 'required with DISCORD_PUBLIC_KEY (replies and reminders are sent with it)');
  if (!isTimeZone(parsed.data.RELANCE_TIME_ZONE)) throw new ConfigError(`Invalid configuration:\n  RELANCE_TIME_ZONE: unknown IANA time zone`);
  return parsed.data;
}

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Slack is on with one bot token (one workspace) or with OAuth installs (many). */
export const slackEnabled = (config: Config): boolean => Boolean(config.SLACK_BOT_TOKEN || config.SLACK_CLIENT_ID);

/** Slack serves the workspaces installed through OAuth (tokens from the installation store). */
export const slackOAuthEnabled = (config: Config): boolean => Boolean(config.SLACK_CLIENT_ID);

/** Discord is on when its bot token is set. */
export const discordEnabled = (config: Config): boolean => Boolean(config.DISCORD_TOKEN);

/** Discord interactions arrive over HTTP at /discord/interactions (any number of replicas). */
export const discordHttpEnabled = (config: Config): boolean => Boolean(config.DISCORD_PUBLIC_KEY);

/** The gateway websocket (mentions, DMs): on unless HTTP interactions are on and it is turned off. */
export const discordGatewayEnabled = (config: Config): boolean => discordEnabled(config) && !(discordHttpEnabled(config) && config.DISCORD_GATEWAY === 'off');

/** Where the database lives: `--db` beats DATABASE_URL beats DATA_DIR. */
export const databaseTarget = (config: Config, override?: string): string => override ?? config.DATABASE_URL ?? config.DATA_DIR;
