// The Dockerfile's two stages, performed without a container runtime: the files its COPY lines
// name are copied from this working tree (uncommitted changes included, as `docker build .`
// would see them) into a temporary build directory, compiled there with `npm run build`; the
// runtime directory gets package.json and the lock file, `npm ci --omit=dev`, and dist/ and bin/
// from the build. Then the compiled code runs with no tsx and no TypeScript installed: the CLI,
// the console (no chat SDK loaded), `relance migrate`, and a server replica that answers
// /healthz and /readyz and exits on SIGTERM, on a fresh PostgreSQL database when
// TEST_DATABASE_URL is set (created and dropped here), else on PGlite in a temporary DATA_DIR.
//
// Two differences from `docker build`, for time: the build stage's `npm ci` (with the development
// dependencies) is this repository's own node_modules, linked, since CI installed it from the same
// lock file a moment ago; and `npm run build` runs with `--no-check` (the same JavaScript without
// the type check, which CI runs on its own: npm run typecheck). The runtime stage's
// `npm ci --omit=dev` is real (from npm's cache).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAT_SDK, moduleRecorder } from './module-recorder.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'relance-production-'));
const stageDirs: Record<string, string> = {};
const children = new Set<ChildProcess>();
let fakePlatform: Server | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await new Promise<void>((resolve) => (fakePlatform ? fakePlatform.close(() => resolve()) : resolve()));
  await dropDatabase?.();
  rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the Dockerfile, read

interface Stage {
  name: string;
  /** COPY instructions: sources (context paths, or paths in another stage) and destination. */
  copies: { from: string | undefined; sources: string[]; destination: string }[];
  runs: string[];
  cmd: string | undefined;
}

function readDockerfile(): Stage[] {
  const text = readFileSync(path.join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stages: Stage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [instruction = '', ...rest] = line.split(/\s+/);
    const keyword = instruction.toUpperCase();
    if (keyword === 'FROM') stages.push({ name: /\bAS\s+(\S+)/i.exec(line)?.[1] ?? String(stages.length), copies: [], runs: [], cmd: undefined });
    const stage = stages.at(-1);
    if (!stage) continue;
    if (keyword === 'COPY') {
      const from = rest.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = rest.filter((word) => !word.startsWith('--'));
      stage.copies.push({ from, sources: paths.slice(0, -1), destination: paths.at(-1)! });
    }
    if (keyword === 'RUN') stage.runs.push(rest.join(' '));
    if (keyword === 'CMD') stage.cmd = rest.join(' ');
  }
  return stages;
}

/** A COPY into a stage directory (WORKDIR /app): from the working tree, or from an earlier stage. */
function performCopy(copy: Stage['copies'][number], into: string): void {
  const source = (name: string): string => (copy.from ? path.join(stageDirs[copy.from]!, name.replace(/^\/app\/?/, '')) : path.join(root, name));
  for (const name of copy.sources) {
    const target = copy.destination.endsWith('/') && copy.sources.length > 1 ? path.join(into, copy.destination, path.basename(name)) : path.join(into, copy.destination);
    const from = source(name);
    cpSync(from, target, {
      recursive: true,
      // What .dockerignore keeps out of the context inside the copied folders.
      filter: (file) => copy.from !== undefined || !/(^|\/)(node_modules|dist|\.relance|\.cache)(\/|$)|\.log$/.test(path.relative(from, file)),
    });
  }
}

// ---------------------------------------------------------------- processes

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment of a production host: none of this machine's chat, database or npm settings. */
const productionEnv = (variables: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^(SLACK_|DISCORD_|RELANCE_|npm_|NODE_OPTIONS$|DATABASE_URL$|TEST_DATABASE_URL$|VITEST)/i.test(name)) delete env[name];
  return { ...env, NODE_ENV: 'production', LOG_LEVEL: 'warn', npm_config_update_notifier: 'false', ...variables };
};

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? productionEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
    child.stdin.end(options.input ?? '');
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * The platforms' APIs as far as a replica's start-up and readiness go: Slack's Web API at /api/
 * (auth.test; every other method says ok) and Discord's REST API at /api/v10/ (the bot user and
 * the application), should a Discord HTTP-interactions replica be checked too (DISCORD_API_URL
 * = this URL without the trailing slash).
 */
async function startFakePlatform(): Promise<string> {
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const route = (req.url ?? '').split('?')[0] ?? '';
      const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (route === '/api/v10/users/@me') return json({ id: '100000000000000001', username: 'relance', discriminator: '0', global_name: 'Relance', avatar: null, bot: true });
      if (route === '/api/v10/applications/@me') return json({ id: '100000000000000002', name: 'Relance', description: '', flags: 0, bot_public: true, bot_require_code_grant: false, verify_key: '0'.repeat(64) });
      if (route.startsWith('/api/v10/')) return json({});
      if (route === '/api/auth.test') return json({ ok: true, url: 'https://deploy-test.slack.com/', team: 'Deploy test', user: 'relance', team_id: 'T0DEPLOY', user_id: 'U0RELANCE', bot_id: 'B0RELANCE' });
      return json({ ok: true });
    });
  });
  fakePlatform = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/api/`;
}

/** A database of its own on the test server (created here, dropped after), or a PGlite directory. */
async function productionDatabase(): Promise<Record<string, string>> {
  const testUrl = process.env['TEST_DATABASE_URL'];
  if (!testUrl) return { DATA_DIR: path.join(work, 'data') };
  const name = `relance_deploy_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(testUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

async function poll(url: string, until: (status: number) => boolean, limitMs: number, server: { exited: () => string | undefined }): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  let last = 'no answer';
  while (performance.now() - started < limitMs) {
    const exited = server.exited();
    if (exited !== undefined) throw new Error(`the server exited while waiting for ${url}: ${exited}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (until(response.status)) return { status: response.status, body, ms: performance.now() - started };
      last = `${response.status} ${body}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer as expected within ${limitMs / 1000} s (last: ${last})`);
}

// ---------------------------------------------------------------- the test

describe('production install (the Dockerfile without Docker)', () => {
  const stages = readDockerfile();
  const build = stages.find((stage) => stage.name === 'build')!;
  const runtime = stages.at(-1)!;
  const app = (): string => stageDirs[runtime.name]!;

  it('the Dockerfile builds in a stage with the development dependencies and runs dist/ with production ones only', () => {
    expect(build, 'a stage named "build"').toBeDefined();
    expect(build.runs).toContain('npm ci --no-audit --no-fund');
    expect(build.runs).toContain('npm run build');
    expect(runtime.name).not.toBe('build');
    expect(runtime.runs.some((command) => command.startsWith('npm ci --omit=dev'))).toBe(true);
    expect(runtime.copies).toContainEqual({ from: 'build', sources: ['/app/dist'], destination: './dist' });
    expect(runtime.cmd).toBe('["node", "dist/src/cli.js"]');
  });

  it('builds dist/ and installs the production dependencies, as the two stages do', { timeout: 240_000 }, async () => {
    for (const stage of [build, runtime]) {
      stageDirs[stage.name] = path.join(work, stage.name);
      mkdirSync(stageDirs[stage.name]!, { recursive: true });
    }
    // Build stage: its COPY lines, the development dependencies (linked, see the top), npm run build.
    for (const copy of build.copies) performCopy(copy, stageDirs['build']!);
    symlinkSync(path.join(root, 'node_modules'), path.join(stageDirs['build']!, 'node_modules'), 'dir');
    // Runtime stage: the COPY lines from the context first (package.json and the lock file), npm ci
    // --omit=dev while the build runs (BuildKit runs independent stages side by side too).
    for (const copy of runtime.copies.filter((c) => !c.from && c.sources.every((s) => s.startsWith('package')))) performCopy(copy, app());
    const [built, installed] = await Promise.all([
      run(process.execPath, ['scripts/build.mjs', '--no-check'], { cwd: stageDirs['build']! }),
      run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app() }),
    ]);
    console.log(`npm run build: ${seconds(built.ms)} (${built.stdout.trim()}); npm ci --omit=dev: ${seconds(installed.ms)} (${installed.stdout.trim()})`);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(installed.code, installed.stderr).toBe(0);
    // The rest of the runtime stage's COPY lines: dist/ from the build, bin/ from the context.
    for (const copy of runtime.copies.filter((c) => c.from || !c.sources.every((s) => s.startsWith('package')))) performCopy(copy, app());

    const dist = path.join(app(), 'dist');
    for (const file of ['src/cli.js', 'src/db/client.js', 'migrations/meta/_journal.json', 'adapters/discord/commands.json', 'adapters/slack/manifest.json', 'build-info.json']) {
      expect(existsSync(path.join(dist, file)), `dist/${file}`).toBe(true);
    }
    const migrations = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.sql')).sort();
    expect(migrations(path.join(dist, 'migrations'))).toEqual(migrations(path.join(root, 'migrations')));
    const glossary = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
    expect(glossary(path.join(dist, 'src/glossary/data'))).toEqual(glossary(path.join(root, 'src/glossary/data')));
    const typescriptLeft = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    expect(typescriptLeft).toEqual([]);
    // Production dependencies only: no tsx, no TypeScript, no test tools.
    for (const dev of ['tsx', 'typescript', 'vitest', 'drizzle-kit', 'esbuild']) expect(existsSync(path.join(app(), 'node_modules', dev)), dev).toBe(false);
    for (const prod of ['postgres', '@electric-sql/pglite', 'drizzle-orm', '@slack/bolt', 'discord.js']) expect(existsSync(path.join(app(), 'node_modules', prod)), prod).toBe(true);
  });

  it('runs the compiled CLI and console with no tsx: /help loads no chat SDK', { timeout: 120_000 }, async () => {
    const help = await run(process.execPath, ['dist/src/cli.js', '--help'], { cwd: app() });
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('relance migrate');

    const recorder = moduleRecorder(path.join(work, 'console-modules'));
    const console_ = await run(process.execPath, [...recorder.nodeArgs, 'bin/relance.mjs', '--db', 'memory://', '--lang', 'en'], { cwd: app(), input: '/help\n' });
    expect(console_.stderr).toBe('');
    expect(console_.code).toBe(0);
    expect(console_.stdout).toContain('/log');
    const loaded = recorder.read();
    expect(loaded.all).toContain(path.join(app(), 'dist/src/cli.js'));
    expect(loaded.all.filter((file) => file.endsWith('.ts'))).toEqual([]);
    expect(loaded.packages.filter((file) => /^(tsx|esbuild|typescript|get-tsconfig)\//.test(file))).toEqual([]);
    expect(loaded.packages.filter((file) => CHAT_SDK.test(file))).toEqual([]);
    console.log(`compiled console /help (PGlite in memory): ${loaded.all.length} modules (${loaded.packages.length} from node_modules), exit after ${seconds(console_.ms)}`);
  });

  it('without a build, bin/relance.mjs in a production install says to run npm run build', { timeout: 60_000 }, async () => {
    const dist = path.join(app(), 'dist');
    renameSync(dist, `${dist}.away`);
    try {
      const started = await run(process.execPath, ['bin/relance.mjs', '--help'], { cwd: app() });
      expect(started.code).toBe(1);
      expect(started.stderr).toContain('npm run build');
      expect(started.stdout).toBe('');
    } finally {
      renameSync(`${dist}.away`, dist);
    }
  });

  it('migrates, then a replica answers /healthz and /readyz and exits on SIGTERM', { timeout: 180_000 }, async () => {
    const database = await productionDatabase();
    const migrated = await run(process.execPath, ['dist/src/cli.js', 'migrate'], { cwd: app(), env: productionEnv(database) });
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^Database migrated/);

    const port = await freePort();
    const apiUrl = await startFakePlatform();
    const recorder = moduleRecorder(path.join(work, 'server-modules'));
    const env = productionEnv({
      ...database,
      PORT: String(port),
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '2000',
      SLACK_BOT_TOKEN: 'xoxb-production-install',
      SLACK_SIGNING_SECRET: 'production-install-signing-secret',
      SLACK_API_URL: apiUrl,
    });
    const started = performance.now();
    const server = spawn(process.execPath, [...recorder.nodeArgs, 'dist/src/cli.js'], { cwd: app(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(server);
    let log = '';
    server.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const exited = new Promise<void>((resolve) =>
      server.on('exit', (code, signal) => {
        exit = { code, signal };
        children.delete(server);
        resolve();
      }),
    );
    const state = { exited: () => (exit ? `code ${exit.code} signal ${exit.signal}\n${log.slice(-3000)}` : undefined) };

    const health = await poll(`http://127.0.0.1:${port}/healthz`, (status) => status === 200, 60_000, state);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    const ready = await poll(`http://127.0.0.1:${port}/readyz`, (status) => status === 200, 60_000, state);
    const readyAfter = performance.now() - started;
    // The start-up's last word (the stop signals are handled from then on).
    await poll(`http://127.0.0.1:${port}/healthz`, () => log.includes('relance started'), 30_000, state);

    server.kill('SIGTERM');
    const stopping = performance.now();
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000))]);
    expect(stopped, `still running 30 s after SIGTERM:\n${log.slice(-3000)}`).toBe(true);
    expect(exit, log.slice(-3000)).toEqual({ code: 0, signal: null });

    const loaded = recorder.read();
    // The configured platform was loaded from the production install, through the compiled import.
    expect(loaded.packages.some((file) => file.startsWith('@slack/bolt/'))).toBe(true);
    expect(loaded.all.some((file) => file.endsWith('/dist/adapters/slack/slack-adapter.js'))).toBe(true);
    expect(loaded.packages.filter((file) => /^(tsx|esbuild|typescript)\//.test(file))).toEqual([]);
    console.log(
      `replica on ${database['DATABASE_URL'] ? 'PostgreSQL (fresh database)' : 'PGlite'}: migrate ${seconds(migrated.ms)}, /healthz after ${seconds(health.ms)}, ` +
        `/readyz 200 after ${seconds(readyAfter)} (${ready.body}), exited ${seconds(performance.now() - stopping)} after SIGTERM; ${loaded.all.length} modules`,
    );
  });
});
