// `relance` (what `npm start` runs) picks Slack when its variables are set, and serves it.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackFake, type SlackFake } from '../fakes/slack-api.fake.ts';
import { startRelanceProcess, type RelanceProcess } from '../support/relance-process.ts';
import { postToSlackAdapter, SIGNING_SECRET, slashCommandBody } from '../support/slack-requests.ts';

let fake: SlackFake;
let relance: RelanceProcess;
let port: number;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  fake = await startSlackFake();
  port = await freePort();
  relance = await startRelanceProcess({ SLACK_BOT_TOKEN: 'xoxb-start-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port) });
});

afterAll(async () => {
  await relance.stop();
  await fake.close();
});

describe('relance with Slack variables', () => {
  it('serves Slack over HTTP instead of the terminal', async () => {
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({ command: '/aide', text: '', responseUrl });
    const { status } = await postToSlackAdapter(port, body);
    expect(status).toBe(200);
    await fake.waitFor((calls) => calls.some((call) => call.method === 'response'));
    expect(JSON.stringify(fake.calls.find((call) => call.method === 'response')?.body)).toContain('Relance');
  });
});
