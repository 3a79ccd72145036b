// Registers the commands with Discord (a deploy step: `relance discord:register`), as guild
// commands when a guild id is given (instant, for testing) or global commands otherwise.
import { REST, Routes } from 'discord.js';
import type { Registry } from '../../src/core/registry.ts';
import { buildDiscordCommands } from './discord-commands.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
}

export async function registerDiscordCommands(registry: Registry, options: RegisterOptions): Promise<number> {
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  // PUT replaces the whole set: commands removed from the registry disappear from Discord too.
  const created = (await rest.put(route, { body: buildDiscordCommands(registry) })) as unknown[];
  return created.length;
}
