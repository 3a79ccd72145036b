// The chat platforms whose credentials are set, each loaded only when configured: the terminal
// never loads Bolt or discord.js (about 2 s and hundreds of modules on a small machine).
import type { Logger } from 'pino';
import { discordEnabled, discordGatewayEnabled, discordHttpEnabled, slackEnabled, type Config } from '../config.ts';
import type { Bot } from '../core/bot.ts';
import type { ChatAdapter } from '../core/types.ts';
import type { DatabaseHandle } from '../db/client.ts';
import type { Inbox } from '../inbox/inbox-runtime.ts';

export interface PlatformAdapterOptions {
  config: Config;
  logger: Logger;
  bot: Bot;
  /** The database and this replica's inbox, for adapters that record deliveries before acknowledging them. */
  database?: DatabaseHandle;
  inbox?: Inbox;
}

/** Whether any chat platform is configured (else relance runs in the terminal). */
export const chatPlatformConfigured = (config: Config): boolean => slackEnabled(config) || discordEnabled(config);

export async function platformAdapters(options: PlatformAdapterOptions): Promise<ChatAdapter[]> {
  const { config, logger, bot } = options;
  const adapters: ChatAdapter[] = [];
  if (discordHttpEnabled(config) && options.inbox) {
    // Interactions over HTTP: any number of replicas behind a load balancer, no websocket.
    const { createDiscordHttpAdapter } = await import('../../adapters/discord/discord-http-adapter.ts');
    const { instrumentDiscordRest } = await import('../../adapters/discord/discord-rest-metrics.ts');
    const http = createDiscordHttpAdapter({
      token: config.DISCORD_TOKEN!,
      applicationId: config.DISCORD_APPLICATION_ID!,
      publicKey: config.DISCORD_PUBLIC_KEY!,
      ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
      complete: bot.complete,
      inbox: options.inbox,
      logger,
    });
    instrumentDiscordRest(http.rest);
    adapters.push(http);
  }
  if (discordGatewayEnabled(config)) {
    // The gateway reads mentions and DMs (and interactions when no endpoint URL is set).
    const { createDiscordAdapter } = await import('../../adapters/discord/discord-adapter.ts');
    adapters.push(createDiscordAdapter({ token: config.DISCORD_TOKEN!, ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}), complete: bot.complete, logger }));
  }
  if (slackEnabled(config)) {
    const { createSlackAdapter } = await import('../../adapters/slack/slack-adapter.ts');
    const { slackOAuthOptionsFrom } = await import('../../adapters/slack/slack-oauth.ts');
    // Many workspaces through OAuth installs, or one through its bot token.
    const oauth = options.database ? slackOAuthOptionsFrom(config, options.database.db) : undefined;
    // No port: its routes are mounted on the deployment's one server (src/runtime/serve.runtime.ts).
    const slack = createSlackAdapter({
      ...(oauth ? { oauth } : { botToken: config.SLACK_BOT_TOKEN! }),
      ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
      ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
      ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
      ...(options.inbox ? { inbox: options.inbox } : {}),
      logger,
    });
    adapters.push(slack);
  }
  return adapters;
}
