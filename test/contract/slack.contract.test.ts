import { afterAll, beforeAll } from 'vitest';
import type { RecordedCall } from '../fakes/slack-api.fake.ts';
import { findButton, startSlackEnvironment, type SlackEnvironment } from '../support/slack-environment.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

let env: SlackEnvironment;
beforeAll(async () => {
  env = await startSlackEnvironment();
  // Contract scenarios read English.
  env.fake.setUser('U0CONTRACT', { name: 'contract', locale: 'en-US' });
});
afterAll(async () => {
  await env.close();
});

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

let teams = 0;
adapterContract('slack', (): ContractDriver => {
  let team = '';
  let last: RecordedCall | undefined;
  return {
    newWorkspace() {
      team = `T0CONTRACT${++teams}${Date.now() % 100000}`;
    },
    async command(name, text) {
      const result = await env.slash(team, `/${name}`, text, { user: 'U0CONTRACT' });
      last = result.last();
      return readable(last);
    },
    async click(label) {
      last = await env.click(team, findButton(last, label), { user: 'U0CONTRACT' });
      return readable(last);
    },
    async say(text) {
      const replies = await env.message(team, text, { user: 'U0CONTRACT' });
      if (replies.length > 0) last = replies.at(-1);
      return replies.map(readable).join('\n');
    },
    hold: (label) => findButton(last, label),
    async press(held) {
      last = await env.click(team, held as { actionId: string; value: string }, { user: 'U0CONTRACT' });
      return readable(last);
    },
    oldMessages: true,
  };
});
