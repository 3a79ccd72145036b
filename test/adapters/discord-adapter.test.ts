// The real discord.js Client against a local fake gateway and REST API, fed interactions shaped
// like test/fixtures/discord/, with the real bot and database behind it.
import { readFileSync } from 'node:fs';
import { eq, and } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, deals } from '../../src/db/schema.ts';
import { autocomplete, buttonClick, buttonFor, chatInput, modalSubmit, sentFor, startDiscordEnvironment, textFor, type DiscordEnvironment } from '../support/discord-environment.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let env: DiscordEnvironment;
beforeAll(async () => {
  env = await startDiscordEnvironment();
});
afterAll(async () => {
  await env.close();
});

let guilds = 0;
const newGuild = () => `9${String(Date.now()).slice(-9)}${String(++guilds).padStart(4, '0')}`;

/** Dispatches an interaction and waits until the bot has answered it `count` times. */
async function run(interaction: Record<string, any>, count = 1): Promise<string> {
  env.fake.dispatch(interaction);
  await env.fake.waitFor(() => env.fake.callsFor(interaction['token']).length >= count);
  await new Promise((resolve) => setTimeout(resolve, 30));
  return textFor(env.fake, interaction['token']);
}

const wsId = (guild: string): Promise<number> => workspaceIdOf(env.database, { platform: 'discord', workspaceId: guild });

describe('Discord adapter', () => {
  it('answers /help with an ephemeral reply', async () => {
    const guild = newGuild();
    const interaction = chatInput({ guild }, 'help', undefined, {});
    const text = await run(interaction);
    expect(text).toContain('Relance');
    const [first] = sentFor(env.fake, interaction['token']);
    expect(first!.call.path).toMatch(/\/interactions\/\d+\/tok_\d+\/callback$/);
    expect(first!.call.body.type).toBe(4);
    expect(first!.data.flags & 64).toBe(64);
  });

  it('runs /log end to end: question, button click, activity logged, question replaced', async () => {
    const guild = newGuild();
    const ask = chatInput({ guild }, 'log', undefined, { type: 'call', target: 'Acme Corp', notes: 'Budget confirmed' });
    expect(await run(ask)).toContain('Create company');
    const click = buttonClick({ guild }, buttonFor(env.fake, ask['token'], 'Create company'));
    const done = await run(click);
    expect(done).toContain('Call logged for Acme Corp');
    // The click updates the question message (type 7), so its buttons are gone.
    expect(sentFor(env.fake, click['token'])[0]!.call.body.type).toBe(7);
    expect(await env.database.db.select().from(activities).where(eq(activities.workspaceId, await wsId(guild)))).toHaveLength(1);
  });

  it('speaks French to a French client', async () => {
    const guild = newGuild();
    expect(await run(chatInput({ guild, locale: 'fr' }, 'deal', 'list', {}))).toContain('Aucune affaire');
  });

  it('opens a modal when a command misses arguments, and the submission continues the command', async () => {
    const guild = newGuild();
    const open = chatInput({ guild }, 'deal', 'amount', {});
    env.fake.dispatch(open);
    await env.fake.waitFor(() => env.fake.callsFor(open['token']).length >= 1);
    const modal = env.fake.callsFor(open['token'])[0]!.body;
    expect(modal.type).toBe(9);
    expect(modal.data.custom_id).toBe('command:deal amount');
    expect(modal.data.components.map((row: any) => row.components[0].custom_id)).toEqual(['deal', 'amount']);

    const setup = chatInput({ guild }, 'deal', 'new', { name: 'Modal deal', company: 'Initech', amount: '1k' });
    await run(setup);
    await run(buttonClick({ guild }, buttonFor(env.fake, setup['token'], 'Initech')));
    const [deal] = await env.database.db.select().from(deals).where(eq(deals.workspaceId, await wsId(guild)));
    const submit = modalSubmit({ guild }, 'command:deal amount', { deal: `#${deal!.id}`, amount: '12 500 €' });
    expect(await run(submit)).toContain('€1,000 → €12,500');
  });

  it('answers autocomplete with deal names the member can see', async () => {
    const guild = newGuild();
    const setup = chatInput({ guild }, 'deal', 'new', { name: 'Globex expansion', company: 'Globex' });
    await run(setup);
    await run(buttonClick({ guild }, buttonFor(env.fake, setup['token'], 'Globex')));
    const typing = autocomplete({ guild }, 'deal', 'show', 'deal', 'glob');
    env.fake.dispatch(typing);
    await env.fake.waitFor(() => env.fake.callsFor(typing['token']).length >= 1);
    const answer = env.fake.callsFor(typing['token'])[0]!.body;
    expect(answer.type).toBe(8);
    expect(answer.data.choices[0].name).toMatch(/^#\d+ Globex expansion$/);
  });

  it('posts a won deal publicly and keeps lists ephemeral', async () => {
    const guild = newGuild();
    const setup = chatInput({ guild }, 'deal', 'new', { name: 'Public win', company: 'Hooli' });
    await run(setup);
    await run(buttonClick({ guild }, buttonFor(env.fake, setup['token'], 'Hooli')));
    const [deal] = await env.database.db.select().from(deals).where(eq(deals.workspaceId, await wsId(guild)));
    const won = chatInput({ guild }, 'deal', 'won', { deal: `#${deal!.id}` });
    await run(won);
    expect(sentFor(env.fake, won['token'])[0]!.data.flags ?? 0).toBe(0);
    const list = chatInput({ guild }, 'deal', 'list', { who: 'all' });
    await run(list);
    expect(sentFor(env.fake, list['token'])[0]!.data.flags & 64).toBe(64);
  });

  it('does the work once when the same interaction is delivered twice', async () => {
    const guild = newGuild();
    const setup = chatInput({ guild }, 'log', undefined, { type: 'note', target: 'Soylent' });
    await run(setup);
    await run(buttonClick({ guild }, buttonFor(env.fake, setup['token'], 'Create company')));
    const once = chatInput({ guild }, 'log', undefined, { type: 'call', target: 'Soylent' });
    env.fake.dispatch(once);
    env.fake.dispatch(once);
    await env.fake.waitFor(() => env.fake.callsFor(once['token']).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await env.database.db.select().from(activities).where(eq(activities.workspaceId, await wsId(guild)))).toHaveLength(2);
  });

  it('never pings: @everyone in a deal name is escaped and mentions are disabled', async () => {
    const guild = newGuild();
    const setup = chatInput({ guild }, 'deal', 'new', { name: '@everyone <@&123456789012345678> deal', company: 'Umbrella' });
    await run(setup);
    const created = await run(buttonClick({ guild }, buttonFor(env.fake, setup['token'], 'Umbrella')));
    expect(created).not.toContain('@everyone');
    expect(created).toContain('@\u200beveryone');
    const sent = sentFor(env.fake, setup['token'])[0]!.data;
    expect(sent.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps a flow in its server channel when a private question goes to the DM after a mention, and through clicks there', async () => {
    const guild = newGuild();
    const channel = `${guild.slice(0, -1)}7`;
    const mention = JSON.parse(readFileSync(new URL('../fixtures/discord/message-create-mention.json', import.meta.url), 'utf8')) as Record<string, any>;
    const member = mention['author'] as Record<string, any>;
    const dm = `9${member['id']}`;
    const inChannel = <T extends Record<string, any>>(payload: T): T => Object.assign(payload, { channel_id: channel, channel: { ...payload['channel'], id: channel } });
    env.fake.dispatchGuild(guild, channel);
    await env.fake.waitFor(() => env.adapter.client.channels.cache.has(channel));
    const setup = inChannel(chatInput({ guild, user: member['id'] }, 'deal', 'new', { name: 'DM flow', company: 'Initech' }));
    await run(setup);
    await run(inChannel(buttonClick({ guild, user: member['id'] }, buttonFor(env.fake, setup['token'], 'Initech'))));
    const [deal] = await env.database.db.select().from(deals).where(eq(deals.workspaceId, await wsId(guild)));
    // The first question in the channel (ephemeral), answered by mentioning the bot there.
    await run(inChannel(chatInput({ guild, user: member['id'] }, 'qualify', undefined, { deal: `#${deal!.id}` })));
    const before = env.fake.messagesIn(dm).length;
    env.fake.dispatchMessage({ ...mention, id: `${guild.slice(0, -1)}5`, guild_id: guild, channel_id: channel, content: `<@${mention['mentions'][0].id}> 1` });
    // The next question is private: it goes to the member's DM, its buttons carrying the server channel.
    await env.fake.waitFor(() => env.fake.messagesIn(dm).length > before);
    const customIds = (body: any): string[] => body.components.flatMap((row: any) => row.components.map((c: any) => c.custom_id));
    const asked = customIds(env.fake.messagesIn(dm).at(-1)!.body);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((id) => id.startsWith(`o:${guild}:${channel}|answer:`) || id.startsWith(`o:${guild}:${channel}|dialog:cancel:`))).toBe(true);

    /** A click in the member's DM with the bot, as Discord sends it: no guild, `user`, a DM channel. */
    const dmClick = (customId: string) => {
      const click = buttonClick({ guild }, customId);
      for (const key of ['guild_id', 'guild', 'member']) delete click[key];
      Object.assign(click, { user: member, channel_id: dm, channel: { id: dm, type: 1, recipients: [member] }, context: 1, authorizing_integration_owners: { '0': '0' } });
      click['message'] = { ...click['message'], channel_id: dm, mentions: [] };
      return click;
    };
    // Without its origin the same button would look in the member's DM workspace, where nothing waits.
    expect(await run(dmClick(asked[0]!.slice(asked[0]!.indexOf('|') + 1)))).toContain('This question is closed');
    // With it, the flow is found in the server's workspace: the next question replaces this one in
    // the DM (type 7), carrying the server channel too, and a click on it goes on in the same flow.
    const second = dmClick(asked[0]!);
    expect(await run(second)).toContain('BANT 2/4');
    expect(sentFor(env.fake, second['token'])[0]!.call.body.type).toBe(7);
    const next = customIds(sentFor(env.fake, second['token'])[0]!.data);
    expect(next[0]).toMatch(new RegExp(`^o:${guild}:${channel}\\|answer:[\\w-]{10}:q:authority\\|confirmed$`));
    expect(await run(dmClick(next[0]!))).toContain('Who is the decision maker?');
  });

  it('survives malformed INTERACTION_CREATE payloads', async () => {
    env.fake.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: 999, d: { id: '1', type: 2 } });
    env.fake.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: 1000, d: { id: '2', type: 2, token: 't', application_id: 'a', member: { user: { id: 'u' } } } });
    env.fake.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: 1001, d: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await run(chatInput({ guild: newGuild() }, 'help', undefined, {}))).toContain('Relance');
  });
});
