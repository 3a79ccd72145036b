// Starts the real `relance` bin as `npm start` would, with chat-platform variables, on a
// throw-away data directory, and waits until it says it has started.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/relance.mjs', import.meta.url));

export interface RelanceProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startRelanceProcess(variables: Record<string, string>): Promise<RelanceProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relance-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ...variables, DATA_DIR: dir, LOG_LEVEL: 'info' };
  // Only the platform under test: no shared server, no other platform from the environment.
  for (const name of ['DATABASE_URL', 'SLACK_BOT_TOKEN', 'DISCORD_TOKEN']) if (!(name in variables)) delete env[name];
  const child = spawn(process.execPath, [bin], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('relance started')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
  return {
    child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
