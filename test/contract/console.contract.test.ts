import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { createConsoleAdapter, type ConsoleAdapter } from '../../adapters/console/console-adapter.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot, type Bot } from '../../src/core/bot.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { testDatabaseTarget } from '../support/chat-harness.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

/** The bot's clock, as in the Slack and Discord environments. */
const NOW = new Date('2026-11-24T09:00:00Z');
let database: DatabaseHandle;
let bot: Bot;
const adapters: ConsoleAdapter[] = [];

beforeAll(async () => {
  database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 2 });
  bot = createBot({ database, registry: createDefaultRegistry(), logger: pino({ level: 'silent' }), now: () => NOW });
});
afterAll(async () => {
  for (const adapter of adapters) await adapter.stop();
  await database.close();
});

adapterContract('console', (): ContractDriver => {
  let input = new PassThrough();
  let output = '';
  let adapter: ConsoleAdapter | undefined;
  let lastButtons: string[] = [];
  const exchange = async (line: string): Promise<string> => {
    if (!adapter) throw new Error('call newWorkspace() first');
    const before = output.length;
    input.write(`${line}\n`);
    // The line is read on the next tick; then wait for the adapter to finish it.
    await new Promise((resolve) => setImmediate(resolve));
    await adapter.drained();
    const text = output.slice(before);
    const buttons = [...text.matchAll(/\[(\d+)\] (.*)/g)].map((m) => m[2] ?? '');
    if (buttons.length > 0) lastButtons = buttons;
    return text;
  };
  return {
    newWorkspace() {
      input = new PassThrough();
      output = '';
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => (output += chunk.toString()));
      adapter = createConsoleAdapter({ input, output: sink, json: false, actor: { id: 'contract', displayName: 'contract', locale: 'en' }, workspaceId: `contract-${randomUUID()}`, interactive: false });
      adapters.push(adapter);
      void adapter.start(bot.handle);
    },
    command: (name, text) => exchange(`/${name} ${text}`),
    say: (text) => exchange(text),
    // A line without `/` is a sentence when no question waits (the terminal has no mentions).
    talk: (text) => exchange(text),
    now: NOW,
    hold(label) {
      const index = lastButtons.findIndex((button) => button.includes(label));
      if (index < 0) throw new Error(`no button "${label}" in ${JSON.stringify(lastButtons)}`);
      return index + 1;
    },
    press: (held) => exchange(String(held)),
    oldMessages: false,
    async click(label) {
      const index = lastButtons.findIndex((button) => button.includes(label));
      if (index < 0) throw new Error(`no button "${label}" in ${JSON.stringify(lastButtons)}`);
      return exchange(String(index + 1));
    },
  };
});
