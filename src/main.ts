// Composition root: opens the database, builds the bot from the registry and starts the
// adapters it is given. Nothing else wires modules together.
import type { Logger } from 'pino';
import { createDefaultRegistry } from './commands/index.ts';
import { createBot, type Bot } from './core/bot.ts';
import type { ChatAdapter } from './core/types.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import type { WorkspaceDefaults } from './services/workspace.service.ts';
import { createModelClient, type ModelClient } from './understand/model/model-client.ts';
import { createModelConfig } from './understand/model/model-config.ts';

export interface RelanceOptions {
  /** postgres:// URL, PGlite directory or `memory://`. */
  databaseTarget: string;
  logger: Logger;
  now?: () => Date;
  workspaceDefaults?: WorkspaceDefaults;
  /** Environment for the optional language model (RELANCE_LLM_URL…); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

export interface Relance {
  bot: Bot;
  database: DatabaseHandle;
  start(adapters: ChatAdapter[]): Promise<void>;
  stop(): Promise<void>;
}

export async function createRelance(options: RelanceOptions): Promise<Relance> {
  const database = await openDatabase({ target: options.databaseTarget });
  const registry = createDefaultRegistry();
  // Nothing is ever sent to a model unless RELANCE_LLM_URL is set.
  const modelConfig = createModelConfig(options.env ?? process.env);
  const model: ModelClient | undefined = modelConfig ? createModelClient({ ...modelConfig, registry, logger: options.logger }) : undefined;
  const bot = createBot({
    database,
    registry,
    logger: options.logger,
    ...(model ? { model } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.workspaceDefaults ? { workspaceDefaults: options.workspaceDefaults } : {}),
  });
  const started: ChatAdapter[] = [];
  let stopped = false;
  return {
    bot,
    database,
    async start(adapters) {
      for (const adapter of adapters) {
        await adapter.start(bot.handle);
        started.push(adapter);
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const adapter of started.reverse()) await adapter.stop().catch((error: unknown) => options.logger.error({ err: error }, 'adapter stop failed'));
      await database.close();
    },
  };
}
