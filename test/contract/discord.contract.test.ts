import { afterAll, beforeAll } from 'vitest';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { parseArgs } from '../../src/core/args.ts';
import { isGroup } from '../../src/core/registry.ts';
import type { DiscordCall } from '../fakes/discord-gateway.fake.ts';
import {
  buttonClick,
  chatInput,
  DISCORD_NOW,
  dmButtonClick,
  dmChannelOf,
  dmChatInput,
  dmMessage,
  guildMention,
  sentFor,
  startDiscordEnvironment,
  type DiscordEnvironment,
} from '../support/discord-environment.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

let env: DiscordEnvironment;
beforeAll(async () => {
  env = await startDiscordEnvironment();
});
afterAll(async () => {
  await env.close();
});

const registry = createDefaultRegistry();
const env0 = { lang: 'en' as const, timeZone: 'Europe/Paris', currency: 'EUR', now: DISCORD_NOW };
/** The member of server interactions (the fixtures' default user). */
const MEMBER = '567318203596800001';

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

/** A message body the bot sent, and where a click on it comes from: the member's DM, or a server channel (undefined: the fixtures' channel). */
interface Shown {
  body: any;
  place: { dm: true } | { dm: false; channel: string | undefined };
}

const hasButtons = (body: any): boolean => (body?.components ?? []).some((row: any) => (row.components ?? []).some((c: any) => c.type === 2));
const readable = (shown: Shown[]): string => JSON.stringify(shown.map((s) => s.body)).replace(/\\"/g, '"');

/** Waits until the fake has had no call for a moment: a reply may come in several messages. */
async function quiet(ms = 120): Promise<void> {
  let count = -1;
  while (count !== env.fake.calls.length) {
    count = env.fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/** Messages posted since `before` into a server channel (replies to a mention) or a DM channel. */
function postedSince(before: number, channel: string | undefined, dm: string): Shown[] {
  const posted = (call: DiscordCall, id: string) => call.method === 'POST' && call.path.endsWith(`/channels/${id}/messages`);
  return env.fake.calls.slice(before).flatMap((call): Shown[] => {
    if (posted(call, dm)) return [{ body: call.body, place: { dm: true } }];
    if (channel && posted(call, channel)) return [{ body: call.body, place: { dm: false, channel } }];
    return [];
  });
}

let guilds = 0;
adapterContract('discord', (): ContractDriver => {
  let guild = '';
  /** The server channel mentions are made in (announced to discord.js before the first one). */
  let channel = '';
  let user = MEMBER;
  let direct = false;
  let withButtons: Shown[] = [];
  let latest: Shown[] = [];
  const show = (replies: Shown[]): string => {
    latest = replies;
    if (replies.some((shown) => hasButtons(shown.body))) withButtons = replies;
    return readable(replies);
  };
  /** Dispatches an interaction; its answers (callback, edits, follow-ups) are where it was made. */
  const run = async (interaction: Record<string, any>, place: Shown['place']): Promise<string> => {
    const before = env.fake.calls.length;
    env.fake.dispatch(interaction);
    await env.fake.waitFor(() => env.fake.callsFor(interaction['token']).length >= 1);
    await quiet();
    const answers = sentFor(env.fake, interaction['token']).map(({ data }): Shown => ({ body: data, place }));
    return show([...answers, ...postedSince(before, undefined, dmChannelOf(user))]);
  };
  /** Sends a message to the bot and collects what it posted in the channel and the member's DM. */
  const send = async (message: Record<string, any>, where: string | undefined): Promise<string> => {
    const before = env.fake.calls.length;
    const replies = () => postedSince(before, where, dmChannelOf(user));
    env.fake.dispatchMessage(message);
    await env.fake.waitFor(() => replies().length > 0);
    await quiet();
    return show(replies());
  };
  const here = (): Shown['place'] => (direct ? { dm: true } : { dm: false, channel: undefined });
  const held = (label: string): { customId: string; place: Shown['place'] } => {
    for (const { body, place } of withButtons) {
      for (const row of body?.components ?? []) {
        for (const component of row.components ?? []) {
          if (component.type === 2 && String(component.label).includes(label)) return { customId: component.custom_id, place };
        }
      }
    }
    throw new Error(`no button "${label}" in ${readable(withButtons)}`);
  };
  // A click is made where its message is: in the DM (its custom_id may carry the server channel it answers), or in the server.
  const clickOn = ({ customId, place }: ReturnType<typeof held>) =>
    run(place.dm ? dmButtonClick(user, customId) : buttonClick({ guild, ...(place.channel ? { channel: place.channel } : {}) }, customId), place);
  return {
    newWorkspace(options = {}) {
      guild = `8${String(Date.now()).slice(-9)}${String(++guilds).padStart(4, '0')}`;
      channel = `7${guild.slice(1)}`;
      direct = options.direct ?? false;
      // A DM is the member's own workspace on Discord: a fresh one needs a fresh member.
      user = direct ? `6${guild.slice(1)}0001` : MEMBER;
      withButtons = [];
    },
    command(name, text) {
      const { command, sub, options } = toOptions(name, text);
      return run(direct ? dmChatInput(user, command, sub, options) : chatInput({ guild }, command, sub, options), here());
    },
    click: (label) => clickOn(held(label)),
    // The bot reads no server chatter: typed answers go through /answer there, and as messages in the DM.
    say: (text) => (direct ? send(dmMessage(user, text), undefined) : run(chatInput({ guild }, 'answer', undefined, { text }), here())),
    hold: held,
    press: (kept) => clickOn(kept as ReturnType<typeof held>),
    oldMessages: true,
    talk(text) {
      if (!direct) throw new Error('on Discord a DM is the member’s own workspace: talk() needs newWorkspace({ direct: true })');
      return send(dmMessage(user, text), undefined);
    },
    async mention(text) {
      await env.joinGuild(guild, channel);
      return send(guildMention(guild, channel, user, text), channel);
    },
    lastPrivate: () => latest.length > 0 && latest.every((shown) => shown.place.dm),
    now: DISCORD_NOW,
  };
});
