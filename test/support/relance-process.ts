// The real `relance` bin in its own process, on a clean environment: either started as
// `npm start` would, with chat-platform variables, on a throw-away data directory, until it is
// stopped (startRelanceProcess); or run once as a command, input on stdin, until it exits
// (runRelance).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/relance.mjs', import.meta.url));

/** This process's environment with `variables`, and none of these unless `variables` has them:
 * no shared database server, no other chat platform, no fixed clock, language or model. */
export function relanceEnvironment(variables: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...variables };
  for (const name of ['DATABASE_URL', 'SLACK_BOT_TOKEN', 'DISCORD_TOKEN', 'RELANCE_NOW', 'RELANCE_LANG', 'RELANCE_LLM_URL']) if (!(name in variables)) delete env[name];
  return env;
}

export interface RelanceProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startRelanceProcess(variables: Record<string, string>): Promise<RelanceProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relance-start-'));
  const env = relanceEnvironment({ ...variables, DATA_DIR: dir, LOG_LEVEL: 'info' });
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

export interface RelanceRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `relance <args>` with `input` on stdin (then closed) and collects what it writes. */
export function runRelance(args: string[], options: { input?: string; variables?: Record<string, string> } = {}): Promise<RelanceRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: relanceEnvironment(options.variables ?? {}), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
