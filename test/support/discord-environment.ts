// The real discord.js Client on a real database, connected to the local fake Discord.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/discord-adapter.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot } from '../../src/core/bot.ts';
import type { EventHandler } from '../../src/core/types.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { startDiscordFake, type DiscordCall, type DiscordFake } from '../fakes/discord-gateway.fake.ts';
import { testDatabaseTarget } from './chat-harness.ts';

const fixture = (name: string): Record<string, any> => {
  const data = JSON.parse(readFileSync(new URL(`../fixtures/discord/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('_')));
};

export interface DiscordEnvironment {
  fake: DiscordFake;
  database: DatabaseHandle;
  adapter: DiscordAdapter;
  logs: string[];
  /** Set to answer events with this handler instead of the bot (replies the core cannot make yet). */
  stub: EventHandler | undefined;
  close(): Promise<void>;
}

export async function startDiscordEnvironment(): Promise<DiscordEnvironment> {
  const fake = await startDiscordFake();
  const database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const bot = createBot({ database, registry: createDefaultRegistry(), logger, now: () => new Date('2026-11-24T09:00:00Z') });
  const adapter = createDiscordAdapter({ token: 'FAKE.bot.token', apiUrl: fake.apiUrl, complete: bot.complete, logger });
  const env: DiscordEnvironment = {
    fake,
    database,
    adapter,
    logs,
    stub: undefined,
    async close() {
      await adapter.stop();
      await fake.close();
      await database.close();
    },
  };
  await adapter.start((event, respond) => (env.stub ?? bot.handle)(event, respond));
  return env;
}

let counter = 0;
const nextId = () => `14808564891648${String(++counter).padStart(5, '0')}`;

export interface InteractionIdentity {
  guild: string;
  user?: string;
  locale?: string;
}

function base(kind: string, who: InteractionIdentity): Record<string, any> {
  const payload = fixture(kind);
  const id = nextId();
  payload['id'] = id;
  payload['token'] = `tok_${id}`;
  payload['guild_id'] = who.guild;
  if (payload['guild']) payload['guild'] = { ...payload['guild'], id: who.guild };
  if (payload['channel']) payload['channel'] = { ...payload['channel'], guild_id: who.guild };
  payload['locale'] = who.locale ?? 'en-US';
  payload['authorizing_integration_owners'] = { '0': who.guild };
  // One default member across all fixture kinds (the fixtures were captured from different people).
  const user = who.user ?? '567318203596800001';
  if (payload['member']?.user) payload['member'] = { ...payload['member'], user: { ...payload['member'].user, id: user } };
  if (payload['user']) payload['user'] = { ...payload['user'], id: user };
  return payload;
}

/** A chat-input interaction for `/command [sub] options…`, shaped like the fixture. */
export function chatInput(who: InteractionIdentity, command: string, sub: string | undefined, options: Record<string, string | number>): Record<string, any> {
  const payload = base('chat-input-command.json', who);
  const leaf = Object.entries(options).map(([name, value]) => ({ type: typeof value === 'number' ? 4 : 3, name, value }));
  payload['data'] = { id: '1435206942720000001', name: command, type: 1, options: sub ? [{ type: 1, name: sub, options: leaf }] : leaf };
  return payload;
}

export function buttonClick(who: InteractionIdentity, customId: string): Record<string, any> {
  const payload = base('button-click.json', who);
  payload['data'] = { ...payload['data'], custom_id: customId, component_type: 2 };
  return payload;
}

export function modalSubmit(who: InteractionIdentity, customId: string, values: Record<string, string>): Record<string, any> {
  const payload = base('modal-submit.json', who);
  payload['data'] = {
    custom_id: customId,
    components: Object.entries(values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })),
  };
  return payload;
}

export function autocomplete(who: InteractionIdentity, command: string, sub: string | undefined, option: string, partial: string): Record<string, any> {
  const payload = base('autocomplete.json', who);
  const leaf = [{ type: 3, name: option, value: partial, focused: true }];
  payload['data'] = { id: '1435206942720000001', name: command, type: 1, options: sub ? [{ type: 1, name: sub, options: leaf }] : leaf };
  return payload;
}

/** The message bodies the bot sent for an interaction token (callback data, edits, follow-ups). */
export function sentFor(fake: DiscordFake, token: string): Array<{ call: DiscordCall; data: any }> {
  return fake.callsFor(token).map((call) => ({ call, data: call.path.endsWith('/callback') ? call.body?.data : call.body }));
}

/** Text of everything sent for a token: content, embed titles/descriptions/fields, component labels. */
export function textFor(fake: DiscordFake, token: string): string {
  return JSON.stringify(sentFor(fake, token).map((s) => s.data));
}

/** custom_id of the button whose label contains `label`, in what was sent for a token. */
export function buttonFor(fake: DiscordFake, token: string, label: string): string {
  for (const { data } of sentFor(fake, token)) {
    for (const row of data?.components ?? []) {
      for (const component of row.components ?? []) {
        if (component.type === 2 && String(component.label).includes(label)) return component.custom_id;
      }
    }
  }
  throw new Error(`no button "${label}" in ${textFor(fake, token)}`);
}
