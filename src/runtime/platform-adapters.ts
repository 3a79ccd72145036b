// The chat platforms whose credentials are set, each loaded only when configured: the terminal
// never loads Bolt or discord.js (about 2 s and hundreds of modules on a small machine).
import type { Logger } from 'pino';
import { discordEnabled, slackEnabled, type Config } from '../config.ts';
import type { Bot } from '../core/bot.ts';
import type { ChatAdapter } from '../core/types.ts';

export async function platformAdapters(config: Config, logger: Logger, bot: Bot): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (discordEnabled(config)) {
    const { createDiscordAdapter } = await import('../../adapters/discord/discord-adapter.ts');
    adapters.push(createDiscordAdapter({ token: config.DISCORD_TOKEN!, ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}), complete: bot.complete, logger }));
  }
  if (slackEnabled(config)) {
    const { createSlackAdapter } = await import('../../adapters/slack/slack-adapter.ts');
    adapters.push(
      createSlackAdapter({
        botToken: config.SLACK_BOT_TOKEN!,
        ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
        ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
        ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
        port: config.PORT,
        logger,
      }),
    );
  }
  return adapters;
}
