// The environment, parsed once with zod: a bad variable stops start-up with its name and why.
import { z } from 'zod';

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
  if ((slack.SLACK_SIGNING_SECRET || slack.SLACK_APP_TOKEN) && !slack.SLACK_BOT_TOKEN) {
    throw new ConfigError('Invalid configuration:\n  SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  }
  if (slack.SLACK_BOT_TOKEN && !slack.SLACK_SIGNING_SECRET && !slack.SLACK_APP_TOKEN) {
    throw new ConfigError('Invalid configuration:\n  SLACK_SIGNING_SECRET: required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (slack.DISCORD_TOKEN && !slack.DISCORD_APPLICATION_ID) {
    throw new ConfigError('Invalid configuration:\n  DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
  }
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

/** Slack is on when its bot token is set (validated above with a secret or an app token). */
export const slackEnabled = (config: Config): boolean => Boolean(config.SLACK_BOT_TOKEN);

/** Discord is on when its bot token is set. */
export const discordEnabled = (config: Config): boolean => Boolean(config.DISCORD_TOKEN);

/** Where the database lives: `--db` beats DATABASE_URL beats DATA_DIR. */
export const databaseTarget = (config: Config, override?: string): string => override ?? config.DATABASE_URL ?? config.DATA_DIR;
