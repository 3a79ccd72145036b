// `relance` (what `npm start` runs) picks Slack when its variables are set, and serves it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackFake, type SlackFake } from '../fakes/slack-api.fake.ts';
import { postToSlackAdapter, SIGNING_SECRET, slashCommandBody } from '../support/slack-requests.ts';

const bin = fileURLToPath(new URL('../../bin/relance.mjs', import.meta.url));
let fake: SlackFake;
let child: ChildProcess;
let port: number;
let dir: string;

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
  dir = mkdtempSync(path.join(tmpdir(), 'relance-slack-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SLACK_BOT_TOKEN: 'xoxb-start-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), DATA_DIR: dir, LOG_LEVEL: 'info' };
  delete env['DATABASE_URL'];
  child = spawn(process.execPath, [bin], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('relance started')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
});

afterAll(async () => {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
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
