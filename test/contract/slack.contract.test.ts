import { afterAll, beforeAll } from 'vitest';
import type { RecordedCall } from '../fakes/slack-api.fake.ts';
import { findButton, SLACK_NOW, startSlackEnvironment, type ClickedMessage, type SlackEnvironment } from '../support/slack-environment.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

let env: SlackEnvironment;
beforeAll(async () => {
  env = await startSlackEnvironment();
  // Contract scenarios read English.
  env.fake.setUser(USER, { name: 'contract', locale: 'en-US' });
});
afterAll(async () => {
  await env.close();
});

const USER = 'U0CONTRACT';
/** The member's DM with the bot: the id the fake's conversations.open gives for this user. */
const DM = `D0${USER.slice(1, 9)}`;
/** The channel of the slash command fixture, where commands and mentions are made outside DMs. */
const CHANNEL = 'C0VENTES01';

/** Readable text of the blocks Slack was sent (mrkdwn, buttons, options), entities decoded. */
const readable = (call: RecordedCall | undefined): string => {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record['text'] === 'string') out.push(record['text']);
      Object.values(record).forEach(walk);
    }
  };
  walk(call?.body['blocks']);
  return out.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
};

/** A message the bot sent, and where it is (what a click on it tells Slack). */
interface Shown {
  call: RecordedCall;
  where: ClickedMessage;
}

const hasButtons = (call: RecordedCall): boolean => JSON.stringify(call.body['blocks'] ?? []).includes('"action_id"');

/** Waits until the fake has had no call for a moment: a reply may come in several messages. */
async function quiet(ms = 120): Promise<void> {
  let count = -1;
  while (count !== env.fake.calls.length) {
    count = env.fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

let responseTs = 0;
/** Messages a response URL or the Web API posted since `before`, placed: response URL replies are where the command or the clicked message was. */
function shownSince(before: number, origin: ClickedMessage): Shown[] {
  return env.fake.calls.slice(before).flatMap((call): Shown[] => {
    if (call.method === 'response') {
      const ephemeral = call.body['response_type'] !== 'in_channel';
      return [{ call, where: { ...origin, ephemeral, messageTs: `1773135000.${String(++responseTs).padStart(6, '0')}` } }];
    }
    if (call.method !== 'chat.postMessage' && call.method !== 'chat.postEphemeral') return [];
    const ts = String(call.answer?.['ts'] ?? call.answer?.['message_ts'] ?? '');
    const thread = call.body['thread_ts'] === undefined ? {} : { threadTs: String(call.body['thread_ts']) };
    return [{ call, where: { channel: String(call.body['channel']), messageTs: ts, ephemeral: call.method === 'chat.postEphemeral', ...thread } }];
  });
}

let teams = 0;
adapterContract('slack', (): ContractDriver => {
  let team = '';
  let direct = false;
  /** The last reply that had buttons, and the replies of the last step. */
  let withButtons: Shown | undefined;
  let latest: Shown[] = [];
  /** The thread the last mention opened. */
  let thread: string | undefined;
  const show = (replies: Shown[]): string => {
    latest = replies;
    withButtons = replies.filter((shown) => hasButtons(shown.call)).at(-1) ?? withButtons;
    return replies.map((shown) => readable(shown.call)).join('\n');
  };
  const clickOn = async (button: { actionId: string; value: string }, shown: Shown | undefined): Promise<string> => {
    const before = env.fake.calls.length;
    await env.click(team, button, { user: USER, ...shown?.where });
    await quiet();
    // Answers to a click stay where the clicked message was.
    return show(shownSince(before, { ...shown?.where }));
  };
  const held = (label: string) => ({ button: findButton(withButtons?.call, label), shown: withButtons });
  return {
    newWorkspace(options = {}) {
      team = `T0CONTRACT${++teams}${Date.now() % 100000}`;
      direct = options.direct ?? false;
      withButtons = undefined;
      thread = undefined;
    },
    async command(name, text) {
      const channel = direct ? DM : CHANNEL;
      const before = env.fake.calls.length;
      await env.slash(team, `/${name}`, text, { user: USER, channel });
      await quiet();
      return show(shownSince(before, { channel }));
    },
    click: (label) => clickOn(findButton(withButtons?.call, label), withButtons),
    async say(text) {
      const channel = direct ? DM : CHANNEL;
      const before = env.fake.calls.length;
      await env.message(team, text, { user: USER, channel });
      await quiet();
      return show(shownSince(before, { channel }));
    },
    hold: held,
    press(kept) {
      const { button, shown } = kept as ReturnType<typeof held>;
      return clickOn(button, shown);
    },
    oldMessages: true,
    async talk(text) {
      const before = env.fake.calls.length;
      await env.message(team, text, { user: USER, channel: DM });
      await quiet();
      return show(shownSince(before, { channel: DM }));
    },
    async mention(text) {
      const before = env.fake.calls.length;
      thread = (await env.mention(team, text, { user: USER, channel: CHANNEL })).ts;
      await quiet();
      return show(shownSince(before, { channel: CHANNEL }));
    },
    async followUp(text) {
      if (!thread) throw new Error('followUp() needs a mention() first');
      const before = env.fake.calls.length;
      await env.mention(team, text, { user: USER, channel: CHANNEL, thread });
      await quiet();
      return show(shownSince(before, { channel: CHANNEL }));
    },
    lastPrivate: () => latest.length > 0 && latest.every((shown) => shown.where.ephemeral || shown.where.channel?.startsWith('D')),
    now: SLACK_NOW,
  };
});
