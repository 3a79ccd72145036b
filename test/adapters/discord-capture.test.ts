// Issue 18 on Discord: the two context menus. « Log in Relance » on a message becomes a capture
// (the core answers with a form, opened as a modal prefilled from the message; its submission logs
// the activity with the message's link), « Deals of this member » on a member runs `deal list
// <@id>`. The real discord.js Client against the local fake Discord; first with a stand-in for the
// core (what the adapter hands over and shows), then end to end with the real core and database.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { renderDiscordModal } from '../../adapters/discord/discord-modal.renderer.ts';
import { InteractionResponder } from '../../adapters/discord/discord-responder.ts';
import { activities, deals } from '../../src/db/schema.ts';
import type { Block, FormField, IncomingEvent, Reply } from '../../src/core/types.ts';
import {
  buttonClick,
  buttonFor,
  chatInput,
  dmMessageCommand,
  messageCommand,
  modalFor,
  modalInputs,
  modalSubmit,
  sentFor,
  startDiscordEnvironment,
  textFor,
  userCommand,
  type DiscordEnvironment,
} from '../support/discord-environment.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let env: DiscordEnvironment;
beforeAll(async () => {
  env = await startDiscordEnvironment();
});
afterAll(async () => {
  await env.close();
});

let guilds = 0;
const newGuild = () => `8${String(Date.now()).slice(-9)}${String(++guilds).padStart(4, '0')}`;
/** A text channel of its own for each server (a channel belongs to one server in discord.js's cache). */
const channelOf = (guild: string) => `${guild.slice(0, -1)}7`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The default member of the server fixtures (Camille), and a second one. */
const CAMILLE = '567318203596800001';
const HUGO = '750324075724800001';

/** Dispatches an interaction and waits until the bot has answered it `count` times (5 s at most). */
async function run(interaction: Record<string, any>, count = 1): Promise<string> {
  env.fake.dispatch(interaction);
  await env.fake.waitFor(() => env.fake.callsFor(interaction['token']).length >= count, 5_000);
  await sleep(30);
  return textFor(env.fake, interaction['token']);
}

/** Answers events with `handler` instead of the core for the time of `body`, recording them. */
async function withStub(handler: (event: IncomingEvent, respond: (reply: Reply) => Promise<void>) => Promise<void>, body: (events: IncomingEvent[]) => Promise<void>): Promise<void> {
  const events: IncomingEvent[] = [];
  env.stub = async (event, respond) => {
    events.push(event);
    await handler(event, respond);
  };
  try {
    await body(events);
  } finally {
    env.stub = undefined;
  }
}

/** The form the core answers a capture with (issue 18): type, target, outcome, next step, notes first. */
const captureFields = (text: string): FormField[] => [
  { name: 'type', label: 'Activity type', kind: 'select', required: true, choices: [{ label: 'Call', value: 'call' }], initial: 'note' },
  { name: 'target', label: 'Deal, company or contact', kind: 'text', required: true },
  { name: 'outcome', label: 'Outcome', kind: 'select', required: false, choices: [{ label: 'Positive', value: 'positive' }] },
  { name: 'next', label: 'Next step', kind: 'text', required: false },
  { name: 'notes', label: 'Notes', kind: 'textarea', required: false, initial: text, maxLength: 4000 },
  { name: 'on', label: 'Activity date', kind: 'date', required: false },
];
const formReply = (formId: string, text: string): Reply => ({
  visibility: 'private',
  lang: 'en',
  blocks: [{ type: 'form', formId, title: 'Log this message', submitLabel: 'Log', fields: captureFields(text) } satisfies Block],
});
const say = (text: string): Reply => ({ visibility: 'private', lang: 'en', blocks: [{ type: 'text', text }] });

/** One log line per dropped packet: the adapter's own words. */
const droppedLines = (id: string) => env.logs.filter((line) => line.includes('discord: malformed interaction dropped') && line.includes(`"id":"${id}"`));

describe('Discord context menus: what the adapter hands to the core and shows', () => {
  it('turns « Log in Relance » into a capture of the message with its source, and opens the form as a modal first', async () => {
    const guild = newGuild();
    const channel = channelOf(guild);
    // As on Discord, the server and its channels are known from GUILD_CREATE: the channel's name with them.
    await env.joinGuild(guild, channel);
    const text = 'Appel avec Mme Leroy : budget validé, démo la semaine prochaine.';
    const interaction = messageCommand({ guild, channel, locale: 'fr' }, { content: text, author: HUGO });
    await withStub(
      async (event, respond) => {
        if (event.kind === 'capture') await respond(formReply('capture:abc123', event.text));
      },
      async (events) => {
        await run(interaction);
        expect(events).toHaveLength(1);
        const event = events[0]!;
        const messageId = interaction['data'].target_id as string;
        expect(event).toMatchObject({
          kind: 'capture',
          text,
          source: {
            url: `https://discord.com/channels/${guild}/${interaction['channel_id']}/${messageId}`,
            authorId: HUGO,
            authorName: 'Hugo',
            channelId: interaction['channel_id'],
            channelName: '#ventes',
          },
          idempotencyKey: `discord:interaction:${interaction['id']}`,
          ref: { platform: 'discord', workspaceId: guild, channelId: interaction['channel_id'], userId: CAMILLE, isDM: false },
          actor: { id: CAMILLE, displayName: 'Camille', locale: 'fr' },
        });
        // The first and only answer is the modal (callback type 9): no deferral, no message before it.
        const calls = env.fake.callsFor(interaction['token']);
        expect(calls).toHaveLength(1);
        expect(calls[0]!.body.type).toBe(9);
        const modal = modalFor(env.fake, interaction['token'])!;
        expect(modal.custom_id).toBe('capture:abc123');
        const inputs = modalInputs(modal);
        // At most five inputs, in the core's order of priority.
        expect(inputs.map((input) => input['custom_id'])).toEqual(['type', 'target', 'outcome', 'next', 'notes']);
        expect(inputs.find((input) => input['custom_id'] === 'notes')).toMatchObject({ value: text, style: 2, max_length: 4000 });
      },
    );
  });

  it('leaves the channel name out when the channel is not known to the client', async () => {
    const guild = newGuild();
    const interaction = messageCommand({ guild, channel: channelOf(guild) }, { content: 'Devis envoyé' });
    await withStub(
      async (_event, respond) => respond(say('ok')),
      async (events) => {
        await run(interaction);
        expect(events[0]).toMatchObject({ kind: 'capture', text: 'Devis envoyé', source: { url: `https://discord.com/channels/${guild}/${channelOf(guild)}/${interaction['data'].target_id}`, authorName: 'Hugo' } });
        if (events[0]?.kind === 'capture') expect(events[0].source.channelName).toBeUndefined();
      },
    );
  });

  it('links a message of the DM with the bot through @me', async () => {
    const interaction = dmMessageCommand(HUGO, { content: 'Relancer Dupont SA vendredi' });
    await withStub(
      async (_event, respond) => respond(say('ok')),
      async (events) => {
        await run(interaction);
        const event = events[0]!;
        expect(event.kind).toBe('capture');
        if (event.kind !== 'capture') return;
        expect(event.source.url).toBe(`https://discord.com/channels/@me/${interaction['channel_id']}/${interaction['data'].target_id}`);
        expect(event.source.channelName).toBeUndefined();
        expect(event.ref).toMatchObject({ workspaceId: `user:${HUGO}`, isDM: true });
      },
    );
  });

  it('hands the modal back as a submission of capture:<id> with its values', async () => {
    const guild = newGuild();
    const submit = modalSubmit({ guild }, 'capture:abc123', { type: 'call', target: '#12', notes: 'Budget validé', next: '   ' });
    await withStub(
      async (_event, respond) => respond(say('logged')),
      async (events) => {
        await run(submit);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ kind: 'submission', formId: 'capture:abc123', values: { type: 'call', target: '#12', notes: 'Budget validé' } });
        // Empty fields are absent.
        expect(Object.keys((events[0] as Extract<IncomingEvent, { kind: 'submission' }>).values)).not.toContain('next');
      },
    );
  });

  it('turns « Deals of this member » into /deal list for that member', async () => {
    const guild = newGuild();
    const interaction = userCommand({ guild }, HUGO);
    await withStub(
      async (_event, respond) => respond(say('list')),
      async (events) => {
        await run(interaction);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ kind: 'command', name: 'deal', text: `list <@${HUGO}>`, ref: { workspaceId: guild, userId: CAMILLE } });
      },
    );
  });

  it('drops malformed context-menu interactions with one log line each, and hands nothing on', async () => {
    const guild = newGuild();
    const good = messageCommand({ guild }, { content: 'ok' });
    const withoutResolved = { ...good, id: '1480856489100000001', token: 'tok_malformed_1', data: { ...good['data'], resolved: {} } };
    const otherTarget = { ...good, id: '1480856489100000002', token: 'tok_malformed_2', data: { ...good['data'], target_id: '1480856480776100009' } };
    const noTarget = { ...good, id: '1480856489100000003', token: 'tok_malformed_3', data: { ...good['data'], target_id: undefined } };
    const message = Object.values(good['data'].resolved.messages as Record<string, Record<string, any>>)[0]!;
    const authorless = {
      ...good,
      id: '1480856489100000004',
      token: 'tok_malformed_4',
      data: { ...good['data'], resolved: { messages: { [message['id']]: { ...message, author: null } } } },
    };
    const user = userCommand({ guild }, HUGO);
    const memberWithoutUser = { ...user, id: '1480856489100000005', token: 'tok_malformed_5', data: { ...user['data'], resolved: { users: {}, members: user['data'].resolved.members } } };
    const unknownType = { ...good, id: '1480856489100000006', token: 'tok_malformed_6', data: { ...good['data'], type: 4 } };
    // discord.js builds a bit field from the author's flags, and throws on a string.
    const badFlags = {
      ...good,
      id: '1480856489100000007',
      token: 'tok_malformed_7',
      data: { ...good['data'], resolved: { messages: { [message['id']]: { ...message, author: { ...message['author'], public_flags: 'x'.repeat(300) } } } } },
    };
    const malformed = [withoutResolved, otherTarget, noTarget, authorless, memberWithoutUser, unknownType, badFlags];
    await withStub(
      async (_event, respond) => respond(say('help')),
      async (events) => {
        for (const packet of malformed) env.fake.dispatch(packet);
        // Delivered in order after them: once it is answered, they have all been read.
        const after = chatInput({ guild }, 'help', undefined, {});
        await run(after);
        expect(events.map((event) => event.kind)).toEqual(['command']);
        for (const packet of malformed) {
          expect(env.fake.callsFor(packet['token'])).toHaveLength(0);
          expect(droppedLines(packet['id']), packet['token']).toHaveLength(1);
        }
      },
    );
  });
});

describe('Discord modal renderer and captured text', () => {
  it('cuts a prefill longer than its input to the input’s limit', () => {
    const long = 'x'.repeat(5000);
    const modal = renderDiscordModal({
      type: 'form',
      formId: 'capture:long',
      title: 'Log this message',
      submitLabel: 'Log',
      fields: [
        { name: 'notes', label: 'Notes', kind: 'textarea', required: false, initial: long },
        { name: 'next', label: 'Next step', kind: 'text', required: false, initial: long, maxLength: 200 },
      ],
    });
    const [notes, next] = modal.components.map((row) => (row['components'] as Array<Record<string, any>>)[0]!);
    expect(notes!['value']).toHaveLength(4000);
    expect(notes!['max_length']).toBe(4000);
    expect(String(notes!['value']).endsWith('…')).toBe(true);
    expect(next!['value']).toHaveLength(200);
    expect(next!['max_length']).toBe(200);
  });
});

describe('Discord responder and capture forms', () => {
  it('opens a form only as the first answer; one that comes after a deferral is logged, not sent', async () => {
    const calls: string[] = [];
    const lines: string[] = [];
    const record = (name: string) => async () => {
      calls.push(name);
    };
    const responder = new InteractionResponder(
      { reply: record('reply'), deferReply: record('deferReply'), editReply: record('editReply'), deleteReply: record('deleteReply'), followUp: record('followUp'), showModal: record('showModal') },
      { replacesMessage: false, deferAfterMs: 10, logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }) },
    );
    await sleep(40);
    await responder.send(formReply('capture:late', 'text'));
    await responder.finish();
    expect(calls).toEqual(['deferReply']);
    expect(lines.filter((line) => line.includes('a form came after the first answer') && line.includes('capture:late'))).toHaveLength(1);
  });
});

describe('Discord context menus end to end (real core)', () => {
  /** A server and its text channel, announced to the client as Discord does after READY. */
  interface Place {
    guild: string;
    channel: string;
  }
  async function newPlace(): Promise<Place> {
    const guild = newGuild();
    const place = { guild, channel: channelOf(guild) };
    await env.joinGuild(place.guild, place.channel);
    return place;
  }

  const wsId = (guild: string): Promise<number> => workspaceIdOf(env.database, { platform: 'discord', workspaceId: guild });

  /** A deal created by `user` (the server's first member is its admin, the others reps). */
  async function dealIn(place: Place, name: string, company: string, user = CAMILLE): Promise<number> {
    const setup = chatInput({ ...place, user }, 'deal', 'new', { name, company });
    await run(setup);
    // A new company is confirmed with a button first.
    await run(buttonClick({ ...place, user }, buttonFor(env.fake, setup['token'], company)));
    const rows = await env.database.db.select().from(deals).where(eq(deals.workspaceId, await wsId(place.guild)));
    const deal = rows.find((row) => row.name === name);
    if (!deal) throw new Error(`deal ${name} not created: ${textFor(env.fake, setup['token'])}`);
    return deal.id;
  }

  /** Opens « Log in Relance » on Hugo's message and returns the modal the core answered with. */
  async function openCapture(place: Place, content: string) {
    const interaction = messageCommand(place, { content, author: HUGO });
    env.fake.dispatch(interaction);
    await env.fake.waitFor(() => env.fake.callsFor(interaction['token']).length >= 1, 5_000).catch(() => {
      throw new Error(`the core answered nothing to a capture within 5 s (does it handle kind 'capture' yet?); logs: ${env.logs.slice(-3).join(' ')}`);
    });
    await sleep(30);
    const modal = modalFor(env.fake, interaction['token']);
    if (!modal) throw new Error(`no modal for the capture, the bot sent: ${textFor(env.fake, interaction['token'])}`);
    return { interaction, modal };
  }

  /** What the member submits: the modal's prefilled values, with their own answers on top. */
  const filled = (modal: NonNullable<ReturnType<typeof modalFor>>, answers: Record<string, string>): Record<string, string> => {
    const values: Record<string, string> = {};
    for (const input of modalInputs(modal)) if (typeof input['value'] === 'string' && input['value']) values[input['custom_id']] = input['value'];
    return { ...values, ...answers };
  };

  it('opens a modal prefilled from the message: notes hold its text, up to the 4,000-character limit', async () => {
    const place = await newPlace();
    const text = 'Appel avec Mme Leroy (Dupont SA) : budget validé, 45 000 €. Démo technique à caler.';
    const { interaction, modal } = await openCapture(place, text);
    // The modal is the first and only answer.
    expect(env.fake.callsFor(interaction['token']).map((call) => call.body?.type)).toEqual([9]);
    expect(modal.custom_id).toMatch(/^capture:\S+$/);
    const inputs = modalInputs(modal);
    expect(inputs.map((input) => input['custom_id'])).toEqual(['type', 'target', 'outcome', 'next', 'notes']);
    expect(inputs.find((input) => input['custom_id'] === 'notes')!['value']).toBe(text);

    // A message of Discord's largest size (4,000 characters with Nitro) fits the notes whole.
    const longest = `${'Compte rendu détaillé de la réunion. '.repeat(120).slice(0, 3999)}.`;
    const long = await openCapture(place, longest);
    const notes = modalInputs(long.modal).find((input) => input['custom_id'] === 'notes')!;
    expect(notes['max_length']).toBe(4000);
    expect(notes['value']).toBe(longest);
  });

  it('logs the activity once with the message’s link, however often the same submission arrives', async () => {
    const place = await newPlace();
    const dealId = await dealIn(place, 'Capture deal', 'Initech');
    const text = 'Budget validé par Mme Leroy, très positif.';
    const { interaction, modal } = await openCapture(place, text);
    const submit = modalSubmit(place, modal.custom_id, filled(modal, { type: 'call', target: `#${dealId}` }));
    expect(await run(submit)).toContain('Capture deal');
    // The same interaction delivered again: nothing more is logged.
    env.fake.dispatch(submit);
    await sleep(400);
    const logged = await env.database.db.select().from(activities).where(and(eq(activities.workspaceId, await wsId(place.guild)), eq(activities.dealId, dealId)));
    expect(logged).toHaveLength(1);
    expect(logged[0]!).toMatchObject({
      type: 'call',
      notes: text,
      sourceUrl: `https://discord.com/channels/${place.guild}/${place.channel}/${interaction['data'].target_id}`,
      sourceLabel: 'Hugo · #ventes',
    });
    // And through a command: the deal shows the activity with those notes.
    const show = await run(chatInput(place, 'deal', 'show', { deal: `#${dealId}` }));
    expect(show).toContain('Budget validé par Mme Leroy');
  });

  it('shows hostile message text escaped and pings nobody', async () => {
    const place = await newPlace();
    const dealId = await dealIn(place, 'Hostile deal', 'Umbrella');
    const hostile = '@everyone <@123456789012345678> <@&123456789012345678> budget ok';
    const { modal } = await openCapture(place, hostile);
    const submit = modalSubmit(place, modal.custom_id, filled(modal, { type: 'note', target: `#${dealId}` }));
    await run(submit);
    const show = chatInput(place, 'deal', 'show', { deal: `#${dealId}` });
    const shown = await run(show);
    for (const token of [submit['token'], show['token']]) {
      const text = textFor(env.fake, token);
      expect(text).not.toContain('@everyone');
      expect(text).not.toContain('<@123456789012345678>');
      expect(text).not.toContain('<@&123456789012345678>');
      for (const { data } of sentFor(env.fake, token)) expect(data.allowed_mentions).toEqual({ parse: [] });
    }
    expect(shown).toContain('@\u200beveryone');
    expect(shown).toContain('<@\u200b123456789012345678>');
  });

  it('lists a member’s deals for a manager, and refuses reps with the core’s own words', async () => {
    const place = await newPlace();
    // Camille came first (the server's admin); Hugo joins as a rep and opens a deal.
    await dealIn(place, 'Manager deal', 'Globex', CAMILLE);
    await dealIn(place, 'Rep deal', 'Hooli', HUGO);
    const forManager = await run(userCommand({ ...place, user: CAMILLE }, HUGO));
    expect(forManager).toContain('Rep deal');
    expect(forManager).not.toContain('Manager deal');
    const forRep = await run(userCommand({ ...place, user: HUGO }, CAMILLE));
    expect(forRep).toContain('As a sales rep, you see your own deals only.');
    expect(forRep).not.toContain('Manager deal');
  });
});
