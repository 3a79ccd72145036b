// The real discord.js Client against a local fake gateway and REST API, fed interactions shaped
// like test/fixtures/discord/, with the real bot and database behind it.
import { eq, and } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, deals, workspaces } from '../../src/db/schema.ts';
import { autocomplete, buttonClick, buttonFor, chatInput, modalSubmit, sentFor, startDiscordEnvironment, textFor, type DiscordEnvironment } from '../support/discord-environment.ts';

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

async function wsId(guild: string): Promise<number> {
  const [ws] = await env.database.db.select().from(workspaces).where(and(eq(workspaces.platform, 'discord'), eq(workspaces.externalId, guild)));
  return ws!.id;
}

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

  it('survives malformed INTERACTION_CREATE payloads', async () => {
    env.fake.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: 999, d: { id: '1', type: 2 } });
    env.fake.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: 1000, d: { id: '2', type: 2, token: 't', application_id: 'a', member: { user: { id: 'u' } } } });
    env.fake.sendRaw({ op: 0, t: 'INTERACTION_CREATE', s: 1001, d: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await run(chatInput({ guild: newGuild() }, 'help', undefined, {}))).toContain('Relance');
  });
});
