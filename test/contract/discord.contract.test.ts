import { afterAll, beforeAll } from 'vitest';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { parseArgs } from '../../src/core/args.ts';
import { isGroup } from '../../src/core/registry.ts';
import { buttonClick, buttonFor, chatInput, startDiscordEnvironment, type DiscordEnvironment } from '../support/discord-environment.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

let env: DiscordEnvironment;
beforeAll(async () => {
  env = await startDiscordEnvironment();
});
afterAll(async () => {
  await env.close();
});

const registry = createDefaultRegistry();
const env0 = { lang: 'en' as const, timeZone: 'Europe/Paris', currency: 'EUR', now: new Date('2026-11-24T09:00:00Z') };

/** What a member would put in Discord's option fields for a typed line, read with the core's own parser. */
function toOptions(name: string, text: string): { command: string; sub?: string; options: Record<string, string> } {
  const entry = registry.find(name);
  if (!entry) return { command: name, options: {} };
  let command = entry;
  let rest = text;
  let sub: string | undefined;
  if (isGroup(entry)) {
    const [word = ''] = text.split(/\s+/);
    const found = registry.findSub(entry, word);
    if (!found) return { command: entry.name, options: {} };
    sub = found.name;
    command = found;
    rest = text.slice(word.length);
  }
  if (isGroup(command)) return { command: entry.name, options: {} };
  const options: Record<string, string> = {};
  // `amount:-5k` goes into the amount field as typed, even when the core will refuse it.
  rest = rest.replace(/(?:^|\s)(\w+):(\S+)/g, (whole, key: string, value: string) => {
    if (!command.args.some((a) => a.name === key)) return whole;
    options[key] = value;
    return ' ';
  });
  for (const [key, value] of Object.entries(parseArgs(command.args, rest, env0))) {
    const money = value as { minor?: number; currency?: string } | null;
    if (money && typeof money === 'object' && typeof money.minor === 'number') options[key] = `${money.minor / 100} ${money.currency ?? ''}`;
    else if (command.args.find((a) => a.name === key)?.kind === 'duration') options[key] = `${String(value)}min`;
    else options[key] = String(value);
  }
  return { command: entry.name, ...(sub ? { sub } : {}), options };
}

let guilds = 0;
adapterContract('discord', (): ContractDriver => {
  let guild = '';
  let lastToken = '';
  const run = async (interaction: Record<string, any>): Promise<string> => {
    env.fake.dispatch(interaction);
    await env.fake.waitFor(() => env.fake.callsFor(interaction['token']).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    lastToken = interaction['token'];
    return JSON.stringify(env.fake.callsFor(interaction['token']).map((c) => c.body)).replace(/\\"/g, '"');
  };
  return {
    newWorkspace() {
      guild = `8${String(Date.now()).slice(-9)}${String(++guilds).padStart(4, '0')}`;
    },
    command(name, text) {
      const { command, sub, options } = toOptions(name, text);
      return run(chatInput({ guild }, command, sub, options));
    },
    click(label) {
      return run(buttonClick({ guild }, buttonFor(env.fake, lastToken, label)));
    },
    say: (text) => run(chatInput({ guild }, 'answer', undefined, { text })),
    hold: (label) => buttonFor(env.fake, lastToken, label),
    press: (held) => run(buttonClick({ guild }, held as string)),
    oldMessages: true,
  };
});
