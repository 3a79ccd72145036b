// `relance` (what `npm start` runs) connects to Discord when its variables are set.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, startDiscordFake, type DiscordFake } from '../fakes/discord-gateway.fake.ts';
import { chatInput, textFor } from '../support/discord-environment.ts';

const bin = fileURLToPath(new URL('../../bin/relance.mjs', import.meta.url));
let fake: DiscordFake;
let child: ChildProcess;
let dir: string;

beforeAll(async () => {
  fake = await startDiscordFake();
  dir = mkdtempSync(path.join(tmpdir(), 'relance-discord-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DISCORD_TOKEN: 'FAKE.bot.token.for-start-test', DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl, DATA_DIR: dir, LOG_LEVEL: 'info' };
  delete env['DATABASE_URL'];
  delete env['SLACK_BOT_TOKEN'];
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

describe('relance with Discord variables', () => {
  it('connects to the gateway and answers interactions', async () => {
    const interaction = chatInput({ guild: '1246372665753600001', locale: 'fr' }, 'help', undefined, {});
    fake.dispatch(interaction);
    await fake.waitFor(() => fake.callsFor(interaction['token']).length >= 1);
    expect(textFor(fake, interaction['token'])).toContain('Relance');
  });
});
