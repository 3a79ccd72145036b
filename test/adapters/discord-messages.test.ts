// Sentences to the bot on Discord: the real discord.js Client against the local fake gateway,
// with a recording handler in place of the core. DMs and server messages that mention the bot
// become message events (addressed: quietIfIdle false); other chatter, bots and system messages
// do not; replies land in the DM, as a reply in the channel, or in the member's DM when private;
// malformed MESSAGE_CREATE packets are dropped without crashing anything.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/discord-adapter.ts';
import type { IncomingEvent, Reply } from '../../src/core/types.ts';
import { APPLICATION_ID, startDiscordFake, type DiscordFake } from '../fakes/discord-gateway.fake.ts';

const fixture = (name: string): Record<string, any> => {
  const data = JSON.parse(readFileSync(new URL(`../fixtures/discord/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('_')));
};
const MENTION = fixture('message-create-mention.json');
const DM = fixture('message-create-dm.json');
const BOT = APPLICATION_ID;
const GUILD = MENTION['guild_id'] as string;
const CHANNEL = MENTION['channel_id'] as string;

let fake: DiscordFake;
let adapter: DiscordAdapter;
const events: IncomingEvent[] = [];
const logs: string[] = [];
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
let visibility: Reply['visibility'] = 'channel';

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  fake = await startDiscordFake();
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  adapter = createDiscordAdapter({ token: 'FAKE.bot.token', apiUrl: fake.apiUrl, complete: async () => [], logger });
  await adapter.start(async (event, respond) => {
    events.push(event);
    await respond({ visibility, lang: 'fr', blocks: [{ type: 'text', text: 'Réponse du cœur' }] });
  });
  // Discord announces each server after READY; discord.js builds a server message only then.
  fake.dispatchGuild(GUILD, CHANNEL);
  await until(() => adapter.client.channels.cache.has(CHANNEL));
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

beforeEach(() => {
  events.length = 0;
  logs.length = 0;
  fake.calls.length = 0;
  visibility = 'channel';
});

async function until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

let ids = 0;
/** A fresh copy of a fixture message (new id: discord.js ignores a message id it has cached). */
const message = (base: Record<string, any>, changes: Record<string, unknown> = {}): Record<string, any> => ({
  ...structuredClone(base),
  id: `14808565000000${String(++ids).padStart(5, '0')}`,
  ...changes,
});
const botUser = MENTION['mentions'][0];

/** Sends a message and waits until the handler has seen it and the bot has posted its reply. */
async function deliver(data: Record<string, any>, posts = 1): Promise<IncomingEvent> {
  const before = events.length;
  fake.dispatchMessage(data);
  await until(() => events.length > before);
  await fake.waitFor((calls) => calls.filter((call) => call.method === 'POST' && call.path.endsWith('/messages')).length >= posts);
  return events.at(-1)!;
}

/** Sends messages that must not reach the handler, then one that must: it arrives alone. */
async function ignored(...messages: Array<Record<string, any>>): Promise<void> {
  for (const data of messages) fake.dispatchMessage(data);
  const marker = message(DM, { content: 'marqueur' });
  fake.dispatchMessage(marker);
  await until(() => events.some((event) => event.idempotencyKey === `discord:message:${marker['id']}`));
  expect(events.map((event) => event.idempotencyKey)).toEqual([`discord:message:${marker['id']}`]);
}

describe('Discord messages to the bot', () => {
  it('hands a DM to the core as an addressed message and answers in the DM', async () => {
    const dm = message(DM);
    const event = await deliver(dm);
    expect(event).toMatchObject({
      kind: 'message',
      text: "j'ai appelé Dupont SA, 20 min, positif",
      quietIfIdle: false,
      // The DM tenant rule of interactions: one workspace per person outside servers.
      ref: { platform: 'discord', workspaceId: `user:${DM['author'].id}`, channelId: DM['channel_id'], userId: DM['author'].id, isDM: true },
      actor: { id: DM['author'].id, displayName: 'Hugo' },
      idempotencyKey: `discord:message:${dm['id']}`,
    });
    const [post] = fake.messagesIn(DM['channel_id']);
    expect(post!.body).toMatchObject({ content: 'Réponse du cœur', allowed_mentions: { parse: [] } });
    expect(post!.body['message_reference']).toBeUndefined();
  });

  it('answers a private reply in the DM too', async () => {
    visibility = 'private';
    await deliver(message(DM));
    expect(fake.messagesIn(DM['channel_id'])).toHaveLength(1);
    expect(fake.calls.filter((call) => call.path.endsWith('/users/@me/channels'))).toEqual([]);
  });

  it('hands a server mention to the core without the mention, and replies to it in the channel, pinging nobody', async () => {
    const mention = message(MENTION);
    const event = await deliver(mention);
    expect(event).toMatchObject({
      kind: 'message',
      text: 'où en est le deal Dupont SA ?',
      quietIfIdle: false,
      ref: { platform: 'discord', workspaceId: GUILD, channelId: CHANNEL, userId: MENTION['author'].id, isDM: false },
      actor: { id: MENTION['author'].id, displayName: 'Camille (ventes)' },
      idempotencyKey: `discord:message:${mention['id']}`,
    });
    const [post] = fake.messagesIn(CHANNEL);
    expect(post!.body).toMatchObject({
      content: 'Réponse du cœur',
      message_reference: { message_id: mention['id'], fail_if_not_exists: false },
      allowed_mentions: { parse: [], replied_user: false },
    });
  });

  it('sends a private reply to a server mention to the member’s DM, not the channel', async () => {
    visibility = 'private';
    await deliver(message(MENTION));
    const opened = fake.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/users/@me/channels'));
    expect(opened.map((call) => call.body)).toEqual([{ recipient_id: MENTION['author'].id }]);
    // The fake names a DM channel 9 + the member's id.
    const [post] = fake.messagesIn(`9${MENTION['author'].id}`);
    expect(post!.body).toMatchObject({ content: 'Réponse du cœur', allowed_mentions: { parse: [] } });
    expect(fake.messagesIn(CHANNEL)).toEqual([]);
  });

  it('removes every mention of the bot (both forms) and keeps other mentions; a bare mention is still handed on', async () => {
    const hugo = { ...DM['author'], member: MENTION['mentions'][0].member };
    const middle = await deliver(message(MENTION, { content: `dis <@!${BOT}>, donne l’affaire à <@${hugo.id}>  <@${BOT}>`, mentions: [botUser, hugo] }));
    expect(middle).toMatchObject({ kind: 'message', text: `dis , donne l’affaire à <@${hugo.id}>` });
    fake.calls.length = 0;
    const bare = await deliver(message(MENTION, { content: `<@${BOT}>` }));
    expect(bare).toMatchObject({ kind: 'message', text: '', quietIfIdle: false });
  });

  it('ignores server chatter, @everyone, role mentions, bots, the bot itself and system messages', async () => {
    const chatter = { content: '', mentions: [] };
    await ignored(
      message(MENTION, chatter),
      message(MENTION, { ...chatter, mention_everyone: true }),
      message(MENTION, { ...chatter, mention_roles: ['1246372665753600009'] }),
      message(MENTION, { author: { ...MENTION['author'], id: '567318203596800077', bot: true } }),
      message(DM, { author: { ...DM['author'], id: '567318203596800078', bot: true } }),
      message(MENTION, { author: { ...botUser } }),
      // A member joining (type 7) is a system message.
      message(MENTION, { type: 7 }),
    );
    // The only answer is the marker's, in its DM.
    await fake.waitFor(() => fake.messagesIn(DM['channel_id']).length === 1);
    expect(fake.calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('keeps the same idempotency key for a resent message, which discord.js does not emit twice', async () => {
    const dm = message(DM);
    await deliver(dm);
    events.length = 0;
    fake.dispatchMessage(dm);
    await ignored();
  });

  it('drops malformed MESSAGE_CREATE packets without crashing, and still serves the next message', async () => {
    const bad: unknown[] = [
      null,
      'x',
      [],
      {},
      message(DM, { author: undefined }),
      message(DM, { author: null }),
      message(DM, { author: { username: 'sans id' } }),
      message(DM, { content: 42 }),
      message(DM, { content: { text: 'objet' } }),
      message(DM, { content: 'a'.repeat(100_000) }),
      message(DM, { channel_id: undefined }),
      message(MENTION, { mentions: 'x' }),
      message(MENTION, { mentions: [null] }),
      message(MENTION, { member: 'x' }),
      message(MENTION, { mention_roles: 5 }),
      message(DM, { embeds: 'x' }),
      message(DM, { attachments: [null] }),
      message(DM, { components: [null] }),
      message(DM, { sticker_items: [null] }),
      message(DM, { reactions: [null] }),
      message(DM, { message_snapshots: [null] }),
      message(DM, { poll: 'x' }),
      message(MENTION, { thread: 'x' }),
      message(DM, { application: 'x' }),
      message(DM, { interaction_metadata: { id: '1' } }),
      message(MENTION, { type: 19, message_reference: { message_id: '1' }, referenced_message: { id: '3', author: null } }),
    ];
    for (const [index, d] of bad.entries()) fake.sendRaw({ op: 0, t: 'MESSAGE_CREATE', s: 10_000 + index, d });
    const good = await deliver(message(DM, { content: 'toujours là ?' }));
    expect(good).toMatchObject({ kind: 'message', text: 'toujours là ?' });
    expect(events).toHaveLength(1);
    expect(uncaught.map(String)).toEqual([]);
    // One bounded line per dropped packet, before discord.js read it.
    const dropped = logs.filter((line) => line.includes('discord: malformed message dropped'));
    expect(dropped).toHaveLength(bad.length);
    expect(logs.filter((line) => line.length > 2_000)).toEqual([]);
  });
});
