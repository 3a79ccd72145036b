// Sentences to the bot on Discord: the real discord.js Client against the local fake gateway,
// with a recording handler in place of the core. DMs and server messages that mention the bot
// become message events (addressed: quietIfIdle false); other chatter, bots and system messages
// do not; replies land in the DM, as a reply in the channel, or in the member's DM when private;
// malformed MESSAGE_CREATE packets are dropped without crashing anything. A click in the DM on a
// private reply to a server mention reaches the core in the server channel it answered.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/discord-adapter.ts';
import type { Block, IncomingEvent, Reply } from '../../src/core/types.ts';
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
const TEXT: Block[] = [{ type: 'text', text: 'Réponse du cœur' }];
let blocks: Block[] = TEXT;

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  fake = await startDiscordFake();
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  adapter = createDiscordAdapter({ token: 'FAKE.bot.token', apiUrl: fake.apiUrl, complete: async () => [], logger });
  await adapter.start(async (event, respond) => {
    events.push(event);
    await respond({ visibility, lang: 'fr', blocks });
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
  blocks = TEXT;
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

describe('Clicks in the DM on a private reply to a server mention', () => {
  const member = MENTION['author'] as Record<string, any>;
  /** The fake names a DM channel 9 + the member's id. */
  const dmChannel = `9${member['id']}`;
  /** A confirmation and a "which deal?" menu, as the core asks them. */
  const QUESTION: Block[] = [
    { type: 'text', text: 'Enregistrer l’appel ?' },
    {
      type: 'buttons',
      buttons: [
        { label: 'Enregistrer', actionId: 'answer:Ab3_x-9Zq1:confirm', value: 'yes', style: 'primary' },
        { label: 'Modifier', actionId: 'answer:Ab3_x-9Zq1:confirm', value: 'edit' },
        { label: 'Annuler', actionId: 'dialog:cancel:Ab3_x-9Zq1', value: 'cancel', style: 'danger' },
      ],
    },
    { type: 'select', actionId: 'answer:Ab3_x-9Zq1:match:deal', placeholder: 'Quelle affaire ?', options: [{ label: 'Dupont SA', value: 'deal:12' }] },
  ];
  const marked = (customId: string) => `o:${GUILD}:${CHANNEL}|${customId}`;
  const customIds = (body: any): string[] => (body?.components ?? []).flatMap((row: any) => row.components.map((c: any) => c.custom_id));

  /** Asks the question in the member's DM after a server mention; the DM message as posted. */
  async function askInDm(): Promise<any> {
    visibility = 'private';
    blocks = QUESTION;
    await deliver(message(MENTION));
    const [post] = fake.messagesIn(dmChannel);
    fake.calls.length = 0;
    events.length = 0;
    return post!.body;
  }

  let clicks = 0;
  /** A component interaction in the member's DM with the bot, shaped like Discord sends it (no guild, `user`, a DM channel). */
  function dmClick(customId: string, changes: { component_type?: 2 | 3; values?: string[]; context?: number | null; channel?: { id: string; type: number }; message?: any } = {}): Record<string, any> {
    const id = `14808578000000${String(++clicks).padStart(5, '0')}`;
    const click = fixture('button-click.json');
    for (const key of ['guild_id', 'guild', 'member', 'guild_locale', 'app_permissions']) delete click[key];
    return {
      ...click,
      id,
      token: `tok_dm_${id}`,
      user: { ...member },
      channel_id: changes.channel?.id ?? dmChannel,
      channel: { id: dmChannel, type: 1, ...changes.channel, flags: 0, last_message_id: null, recipients: [{ ...member }] },
      context: changes.context === undefined ? 1 : changes.context,
      authorizing_integration_owners: { '0': '0' },
      data: { custom_id: customId, component_type: changes.component_type ?? 2, id: 2, ...(changes.values ? { values: changes.values } : {}) },
      message: { ...click['message'], id: `14808577000000${String(clicks).padStart(5, '0')}`, channel_id: changes.channel?.id ?? dmChannel, mentions: [], content: 'Enregistrer l’appel ?', ...(changes.message ?? {}) },
    };
  }

  /** Dispatches a click and waits for the handler's event and the interaction's answer. */
  async function click(interaction: Record<string, any>): Promise<IncomingEvent> {
    const before = events.length;
    fake.dispatch(interaction);
    await until(() => events.length > before);
    await fake.waitFor(() => fake.callsFor(interaction['token']).length >= 1);
    return events.at(-1)!;
  }

  it('sends the buttons and menu of the private reply with the server channel in their custom_id', async () => {
    const body = await askInDm();
    expect(customIds(body)).toEqual([
      marked('answer:Ab3_x-9Zq1:confirm|yes'),
      marked('answer:Ab3_x-9Zq1:confirm|edit'),
      marked('dialog:cancel:Ab3_x-9Zq1|cancel'),
      marked('answer:Ab3_x-9Zq1:match:deal'),
    ]);
    expect(customIds(body).every((id) => id.length <= 100)).toBe(true);
    expect(fake.messagesIn(CHANNEL)).toEqual([]);
  });

  it('hands a button click in the DM to the core in the server channel, and answers it in the DM through the interaction', async () => {
    const [confirm] = customIds(await askInDm());
    const interaction = dmClick(confirm!);
    const event = await click(interaction);
    expect(event).toMatchObject({
      kind: 'action',
      actionId: 'answer:Ab3_x-9Zq1:confirm',
      value: 'yes',
      ref: { platform: 'discord', workspaceId: GUILD, channelId: CHANNEL, userId: member['id'], isDM: false },
      actor: { id: member['id'] },
      idempotencyKey: `discord:${interaction['id']}`,
    });
    // An answer replaces the question (type 7) through the interaction; nothing is posted anywhere else.
    const [callback] = fake.callsFor(interaction['token']);
    expect(callback!.path).toMatch(/\/callback$/);
    expect(callback!.body.type).toBe(7);
    expect(fake.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/messages'))).toEqual([]);
    // The next question of the flow carries the server channel too, so it is answered there as well.
    expect(customIds(callback!.body.data)[0]).toBe(marked('answer:Ab3_x-9Zq1:confirm|yes'));
  });

  it('hands a menu choice in the DM to the core in the server channel', async () => {
    const menu = customIds(await askInDm()).at(-1)!;
    const event = await click(dmClick(menu, { component_type: 3, values: ['deal:12'] }));
    expect(event).toMatchObject({
      kind: 'action',
      actionId: 'answer:Ab3_x-9Zq1:match:deal',
      value: 'deal:12',
      ref: { workspaceId: GUILD, channelId: CHANNEL, userId: member['id'], isDM: false },
    });
  });

  it('keeps a normal DM click in the DM', async () => {
    const event = await click(dmClick('answer:Ab3_x-9Zq1:confirm|yes'));
    expect(event).toMatchObject({
      kind: 'action',
      actionId: 'answer:Ab3_x-9Zq1:confirm',
      value: 'yes',
      ref: { workspaceId: `user:${member['id']}`, channelId: dmChannel, userId: member['id'], isDM: true },
    });
  });

  it('reads a malformed origin, or one outside a one-to-one DM with the bot, in the DM as it is', async () => {
    const dm = { workspaceId: `user:${member['id']}`, channelId: dmChannel, isDM: true };
    const malformed = [
      `o:${GUILD}x:${CHANNEL}|answer:Ab3_x-9Zq1:confirm|yes`,
      `o:${GUILD}|answer:Ab3_x-9Zq1:confirm|yes`,
      `o:${GUILD}:${CHANNEL}|`,
      `o:${'1'.repeat(21)}:${CHANNEL}|answer:Ab3_x-9Zq1:confirm|yes`,
      `o::${CHANNEL}|answer:Ab3_x-9Zq1:confirm|yes`,
      `o:-1:${CHANNEL}|answer:Ab3_x-9Zq1:confirm|yes`,
      `o:${GUILD}:${CHANNEL}:answer:Ab3_x-9Zq1:confirm|yes`,
    ];
    for (const customId of malformed) {
      const event = await click(dmClick(customId));
      expect(event, customId).toMatchObject({ kind: 'action', ref: dm, actionId: customId.slice(0, customId.indexOf('|') < 0 ? undefined : customId.indexOf('|')) });
    }
    // A well-formed origin clicked in a DM between two people (a user-installed app), or a group DM.
    const good = marked('answer:Ab3_x-9Zq1:confirm|yes');
    expect(await click(dmClick(good, { context: 2 }))).toMatchObject({ ref: dm, actionId: `o:${GUILD}:${CHANNEL}` });
    const group = '1467459462758400077';
    expect(await click(dmClick(good, { channel: { id: group, type: 3 } }))).toMatchObject({ ref: { workspaceId: `user:${member['id']}`, channelId: group, isDM: true } });
    // Payloads from before Discord said where a click happened come from bot DMs only.
    expect(await click(dmClick(good, { context: null }))).toMatchObject({ ref: { workspaceId: GUILD, channelId: CHANNEL, isDM: false } });
  });

  it('keeps a custom_id too long to carry its origin as it was, with a warning, and marks nothing in the channel or a DM', async () => {
    visibility = 'private';
    const long = `run|${'x'.repeat(60)}`;
    blocks = [{ type: 'buttons', buttons: [{ label: 'Long', actionId: 'run', value: 'x'.repeat(60) }, { label: 'Court', actionId: 'run', value: 'quiz' }] }];
    await deliver(message(MENTION));
    expect(customIds(fake.messagesIn(dmChannel)[0]!.body)).toEqual([long, marked('run|quiz')]);
    expect(logs.filter((line) => line.includes('custom_id too long to carry its server channel'))).toHaveLength(1);
    expect(logs.join('\n')).not.toContain('x'.repeat(60));

    // A reply for everyone in the server channel, and any reply to a DM, keep their custom_ids.
    fake.calls.length = 0;
    visibility = 'channel';
    await deliver(message(MENTION));
    expect(customIds(fake.messagesIn(CHANNEL)[0]!.body)).toEqual([long, 'run|quiz']);
    visibility = 'private';
    await deliver(message(DM));
    expect(customIds(fake.messagesIn(DM['channel_id'])[0]!.body)).toEqual([long, 'run|quiz']);
  });
});
