// The console never loads a chat SDK: the real `relance` bin (as `npm start` runs it), no chat
// platform configured, `/help` piped, every module the process loads recorded (test/deploy/
// module-recorder.ts). A second child loading Bolt and discord.js on purpose shows the recorder
// sees them. Module counts and times are printed for the record, never asserted.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAT_SDK, moduleRecorder, type LoadedModules } from '../deploy/module-recorder.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin', 'relance.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** No chat platform, no server database: the console on a throw-away PGlite. */
const consoleEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of Object.keys(env)) if (/^(SLACK_|DISCORD_)|^DATABASE_URL$|^RELANCE_NOW$/.test(name)) delete env[name];
  return env;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  firstOutputMs: number | undefined;
  loaded: LoadedModules;
}

function runRecorded(args: string[], input: string): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relance-modules-'));
  dirs.push(dir);
  const recorder = moduleRecorder(dir);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...recorder.nodeArgs, ...args], { cwd: root, env: consoleEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let firstOutputMs: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      firstOutputMs ??= performance.now() - started;
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started, firstOutputMs, loaded: recorder.read() }));
    child.stdin.end(input);
  });
}

const topPackages = (loaded: LoadedModules): string =>
  Object.entries(
    loaded.packages.reduce<Record<string, number>>((counts, file) => {
      const name = file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/');
      counts[name] = (counts[name] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');

describe('the console loads no chat SDK', () => {
  it('answers /help without loading @slack/*, discord.js, @discordjs/* or discord-api-types', { timeout: 120_000 }, async () => {
    const run = await runRecorded([bin, '--db', 'memory://', '--lang', 'en'], '/help\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('/log');
    // The recorder saw the run: the CLI itself (sources or build) and the embedded database.
    expect(run.loaded.all.some((file) => /\/(src\/cli\.ts|dist\/src\/cli\.js)$/.test(file))).toBe(true);
    expect(run.loaded.packages.some((file) => file.startsWith('@electric-sql/pglite/'))).toBe(true);
    expect(run.loaded.packages.filter((file) => CHAT_SDK.test(file))).toEqual([]);
    const compiled = run.loaded.all.some((file) => file.endsWith('/dist/src/cli.js'));
    console.log(
      `console /help (${compiled ? 'compiled dist/' : 'TypeScript through tsx'}, PGlite in memory): ${run.loaded.all.length} modules ` +
        `(${run.loaded.packages.length} from node_modules: ${topPackages(run.loaded)}), first output after ${Math.round(run.firstOutputMs ?? -1)} ms, exit after ${Math.round(run.ms)} ms`,
    );
  });

  it('would see them: loading Bolt and discord.js on purpose is recorded', async () => {
    const run = await runRecorded(['--input-type=module', '-e', "await import('@slack/bolt'); await import('discord.js');"], '');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sdk = run.loaded.packages.filter((file) => CHAT_SDK.test(file));
    expect(sdk.some((file) => file.startsWith('@slack/bolt/'))).toBe(true);
    expect(sdk.some((file) => file.startsWith('discord.js/'))).toBe(true);
    console.log(`Bolt + discord.js alone: ${run.loaded.all.length} modules (${sdk.length} from the SDKs' own packages: ${topPackages(run.loaded)}), ${Math.round(run.ms)} ms`);
  });
});
