// The real discord.js Client on a real database, connected to the local fake Discord.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/discord-adapter.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot } from '../../src/core/bot.ts';
import type { EventHandler } from '../../src/core/types.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { APPLICATION_ID, startDiscordFake, type DiscordCall, type DiscordFake } from '../fakes/discord-gateway.fake.ts';
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
  /** Announces a server with one text channel (GUILD_CREATE) and waits until discord.js has cached it: a server message needs it. */
  joinGuild(guildId: string, channelId: string): Promise<void>;
  close(): Promise<void>;
}

/** The bot's clock in this environment. */
export const DISCORD_NOW = new Date('2026-11-24T09:00:00Z');

export async function startDiscordEnvironment(): Promise<DiscordEnvironment> {
  const fake = await startDiscordFake();
  const database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const bot = createBot({ database, registry: createDefaultRegistry(), logger, now: () => DISCORD_NOW });
  const adapter = createDiscordAdapter({ token: 'FAKE.bot.token', apiUrl: fake.apiUrl, complete: bot.complete, logger });
  const env: DiscordEnvironment = {
    fake,
    database,
    adapter,
    logs,
    stub: undefined,
    async joinGuild(guildId, channelId) {
      if (adapter.client.channels.cache.get(channelId)?.isDMBased() === false) return;
      fake.dispatchGuild(guildId, channelId);
      const start = Date.now();
      while (!adapter.client.channels.cache.has(channelId)) {
        if (Date.now() - start > 5_000) throw new Error(`guild ${guildId} not cached`);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    },
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
  /** The server channel (the fixture's by default). */
  channel?: string;
}

function base(kind: string, who: InteractionIdentity): Record<string, any> {
  const payload = fixture(kind);
  const id = nextId();
  payload['id'] = id;
  payload['token'] = `tok_${id}`;
  payload['guild_id'] = who.guild;
  if (payload['guild']) payload['guild'] = { ...payload['guild'], id: who.guild };
  if (payload['channel']) payload['channel'] = { ...payload['channel'], guild_id: who.guild, ...(who.channel ? { id: who.channel } : {}) };
  if (who.channel) payload['channel_id'] = who.channel;
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

/** The message a context-menu test targets: its text, and optionally its id and author (a user id). */
export interface TargetMessage {
  content: string;
  id?: string;
  author?: string;
}

/** The message object of a message command's `resolved.messages`, shaped like message-command.json. */
function resolvedMessage(payload: Record<string, any>, target: TargetMessage): Record<string, any> {
  const template = Object.values(payload['data'].resolved.messages as Record<string, Record<string, any>>)[0]!;
  return {
    ...template,
    id: target.id ?? nextId(),
    channel_id: payload['channel_id'],
    content: target.content,
    ...(target.author ? { author: personOf(target.author) } : {}),
  };
}

/** « Log in Relance » (the MESSAGE context menu) on a server message, shaped like message-command.json. */
export function messageCommand(who: InteractionIdentity, target: TargetMessage): Record<string, any> {
  const payload = base('message-command.json', who);
  const message = resolvedMessage(payload, target);
  payload['data'] = { ...payload['data'], target_id: message['id'], resolved: { messages: { [message['id']]: message } } };
  return payload;
}

/** « Log in Relance » on a message of the member's DM with the bot. */
export function dmMessageCommand(user: string, target: TargetMessage, locale = 'en-US'): Record<string, any> {
  const payload = inDm(fixture('message-command.json'), user, locale);
  const message = resolvedMessage(payload, target);
  payload['data'] = { ...payload['data'], target_id: message['id'], resolved: { messages: { [message['id']]: message } } };
  return payload;
}

/** « Deals of this member » (the USER context menu) on a member, shaped like user-command.json. */
export function userCommand(who: InteractionIdentity, target: string): Record<string, any> {
  const payload = base('user-command.json', who);
  const member = Object.values(payload['data'].resolved.members as Record<string, Record<string, any>>)[0]!;
  payload['data'] = { ...payload['data'], target_id: target, resolved: { users: { [target]: personOf(target) }, members: { [target]: member } } };
  return payload;
}

/** The modal the bot opened for a token (an interaction callback of type 9), or undefined. */
export function modalFor(fake: DiscordFake, token: string): { custom_id: string; title: string; components: Array<{ type: number; components: Array<Record<string, any>> }> } | undefined {
  const call = fake.callsFor(token).find((c) => c.path.endsWith('/callback') && c.body?.type === 9);
  return call?.body.data;
}

/** The text inputs of a modal, by custom_id, in order. */
export function modalInputs(modal: NonNullable<ReturnType<typeof modalFor>>): Array<Record<string, any>> {
  return modal.components.flatMap((row) => row.components);
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

/** The fake names a member's DM channel with the bot 9 + their user id (POST /users/@me/channels). */
export const dmChannelOf = (user: string): string => `9${user}`;

/**
 * Who a user id is, so one person keeps one name whatever the event, as on Discord: the member of
 * the server fixtures (Camille), else the person of the DM fixtures (Hugo) under that id.
 */
const SERVER_PERSON = fixture('button-click.json')['member'].user as Record<string, unknown>;
const personOf = (id: string): Record<string, unknown> => ({ ...(id === SERVER_PERSON['id'] ? SERVER_PERSON : (fixture('dm-command.json')['user'] as Record<string, unknown>)), id });

/** An interaction in a member's DM with the bot, as Discord sends it: no server, `user`, a DM channel, context BotDM. */
function inDm(payload: Record<string, any>, user: string, locale: string): Record<string, any> {
  const who = personOf(user);
  for (const key of ['guild_id', 'guild', 'member', 'guild_locale']) delete payload[key];
  const id = nextId();
  const channel = dmChannelOf(user);
  return {
    ...payload,
    id,
    token: `tok_dm_${id}`,
    locale,
    user: who,
    channel_id: channel,
    channel: { id: channel, type: 1, flags: 0, last_message_id: null, recipients: [who] },
    context: 1,
    authorizing_integration_owners: { '0': '0' },
  };
}

/** `/command [sub] options…` typed in the member's DM with the bot (dm-command.json). */
export function dmChatInput(user: string, command: string, sub: string | undefined, options: Record<string, string | number>, locale = 'en-US'): Record<string, any> {
  const payload = inDm(fixture('dm-command.json'), user, locale);
  const leaf = Object.entries(options).map(([name, value]) => ({ type: typeof value === 'number' ? 4 : 3, name, value }));
  payload['data'] = { id: '1435206942720000001', name: command, type: 1, options: sub ? [{ type: 1, name: sub, options: leaf }] : leaf };
  return payload;
}

/** A click on a button of a message in the member's DM with the bot. */
export function dmButtonClick(user: string, customId: string, locale = 'en-US'): Record<string, any> {
  const payload = inDm(fixture('button-click.json'), user, locale);
  payload['data'] = { custom_id: customId, component_type: 2, id: 2 };
  payload['message'] = { ...payload['message'], id: nextId(), channel_id: payload['channel_id'], mentions: [] };
  return payload;
}

/** A sentence a member writes in their DM with the bot (MESSAGE_CREATE without a server). */
export function dmMessage(user: string, content: string): Record<string, any> {
  const payload = fixture('message-create-dm.json');
  return { ...payload, id: nextId(), channel_id: dmChannelOf(user), author: personOf(user), content };
}

/** A server message mentioning the bot (MESSAGE_CREATE with guild_id, the bot in `mentions`). */
export function guildMention(guild: string, channel: string, user: string, content: string): Record<string, any> {
  const payload = fixture('message-create-mention.json');
  return { ...payload, id: nextId(), guild_id: guild, channel_id: channel, author: personOf(user), content: `<@${APPLICATION_ID}> ${content}` };
}
