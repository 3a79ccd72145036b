// The `relance` command line: runs the bot (console adapter when no chat platform is configured),
// `relance seed` to fill a workspace with demo data, `relance import` / `relance export` for CSV.
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleAdapter } from '../adapters/console/console-adapter.ts';
import { ConfigError, databaseTarget, loadConfig } from './config.ts';
import { createDefaultRegistry } from './commands/index.ts';
import { isUserError } from './core/errors.ts';
import { translate } from './core/i18n/i18n.ts';
import { createLogger } from './core/logger.ts';
import type { Logger } from 'pino';
import type { Actor, ConversationRef } from './core/types.ts';
import { chatPlatformConfigured } from './runtime/platform-adapters.ts';
import { serve } from './runtime/serve.runtime.ts';
import { createRelance } from './main.ts';
import { isPostgresUrl } from './db/client.ts';
import { allJobs, startScheduler } from './jobs/scheduler.ts';
import { seedWorkspace } from './services/seed.service.ts';
import { csvKinds, isCsvKind } from './csv/csv-columns.schema.ts';
import { runExport, runImport } from './csv/csv.cli.ts';
import { ensureMember, ensureWorkspace, setMember } from './services/workspace.service.ts';
import { runUnderstand } from './understand/understand.cli.ts';

const USAGE = `Usage:
  relance [--json] [--user <id>] [--role rep|manager|admin] [--now <ISO date>] [--lang fr|en] [--db <url or path>]
  relance seed --deals <N> --activities <M> [--db <url or path>] [--user <id>]
  relance import <deals|contacts|companies|activities> <file.csv> [--dry-run] [--workspace <id>] [--user <id>] [--lang fr|en] [--db <url or path>]
  relance export <deals|contacts|companies|activities> [--out <file.csv>] [--lang fr|en] [--workspace <id>] [--user <id>] [--db <url or path>]
  relance understand [--user <id>] [--lang fr|en] [--now <ISO>] [--db <url or path>] ["sentence"]
  relance discord:register      register the slash commands with Discord (deploy step)
  relance migrate [--db <url or path>]   apply the database migrations and exit (deploy step; start-up applies them too)

Without Slack or Discord credentials, relance runs in this terminal: type /aide (or /help).
Piped input is read one command per line; the process exits at the end of input.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      user: { type: 'string' },
      role: { type: 'string' },
      now: { type: 'string' },
      lang: { type: 'string' },
      db: { type: 'string' },
      deals: { type: 'string' },
      activities: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      workspace: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals[0] === 'discord:register') return registerDiscord();
  if (positionals[0] === 'migrate') return migrateDatabase(values.db);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const fail = (message: string): number => {
    process.stderr.write(`relance: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  const nowText = values.now ?? config.RELANCE_NOW;
  if (nowText !== undefined && Number.isNaN(Date.parse(nowText))) return fail(`--now must be an ISO date, got "${nowText}"`);
  const role = values.role;
  if (role !== undefined && role !== 'rep' && role !== 'manager' && role !== 'admin') return fail(`--role must be rep, manager or admin, got "${role}"`);
  const lang = values.lang ?? config.RELANCE_LANG;
  if (lang !== undefined && lang !== 'fr' && lang !== 'en') return fail(`--lang must be fr or en, got "${lang}"`);

  // CSV import/export: arguments checked before the database is opened.
  const csvCommand = positionals[0] === 'import' || positionals[0] === 'export' ? positionals[0] : undefined;
  if (csvCommand) {
    const [, kind, file, ...extra] = positionals;
    if (kind === undefined || !isCsvKind(kind)) return fail(`${csvCommand} needs a kind: ${csvKinds.join(', ')}${kind ? ` (got "${kind}")` : ''}`);
    if (csvCommand === 'import' && file === undefined) return fail('import needs the CSV file to read');
    if (extra.length > 0 || (csvCommand === 'export' && file !== undefined)) return fail(`unexpected "${[...(csvCommand === 'export' ? [file] : []), ...extra].join(' ')}"`);
    // Rights come from the member's role in the workspace, never from the command line.
    if (role !== undefined) return fail(`--role does not apply to ${csvCommand}: the member's role in the workspace decides`);
  }
  if (positionals[0] === 'understand' && role !== undefined) return fail("--role does not apply to understand: the member's role in the workspace decides");

  const logger = createLogger(config.LOG_LEVEL);
  const fixed = nowText === undefined ? undefined : new Date(nowText);
  const userId = values.user ?? (safeUserName() || 'me');
  const actor: Actor = { id: userId, displayName: userId, ...(lang ? { locale: lang } : {}), timeZone: config.RELANCE_TIME_ZONE };
  const ref: ConversationRef = { platform: 'console', workspaceId: 'console', channelId: 'terminal', userId, isDM: true };

  const relance = await createRelance({
    databaseTarget: databaseTarget(config, values.db),
    logger,
    ...(fixed ? { now: () => fixed } : {}),
    workspaceDefaults: { name: 'Console', language: lang === 'en' ? 'en' : 'fr', timeZone: config.RELANCE_TIME_ZONE, currency: config.RELANCE_CURRENCY },
  });
  try {
    // The terminal user is trusted: `--role` sets their role before the first command.
    const consoleMember = () => relance.database.db.transaction(async (tx) => {
      const workspace = await ensureWorkspace(tx, ref, fixed ?? new Date(), { name: 'Console', timeZone: config.RELANCE_TIME_ZONE, currency: config.RELANCE_CURRENCY });
      const found = await ensureMember(tx, workspace, actor, fixed ?? new Date());
      return role ? setMember(tx, found, { role }) : found;
    });

    if (positionals[0] === 'seed') {
      const deals = Number(values.deals ?? 200);
      const activities = Number(values.activities ?? deals * 20);
      if (!Number.isInteger(deals) || deals < 0 || !Number.isInteger(activities) || activities < 0) return fail('--deals and --activities must be whole numbers');
      const member = await consoleMember();
      const result = await seedWorkspace(relance.database.db, member.workspaceId, { deals, activities, now: fixed ?? new Date() });
      process.stdout.write(`Seeded ${result.deals} deals, ${result.activities} activities, ${result.companies} companies, ${result.members} members.\n`);
      return 0;
    }
    if (csvCommand) {
      const [, kind, file] = positionals as [string, (typeof csvKinds)[number], string | undefined];
      const csvOptions = {
        kind,
        workspace: values.workspace ?? 'console',
        actor,
        lang: lang === 'fr' || lang === 'en' ? (lang as 'fr' | 'en') : undefined,
        now: fixed ?? new Date(),
        // As the console creates it: French unless a member chooses otherwise.
        defaults: { name: 'Console', timeZone: config.RELANCE_TIME_ZONE, currency: config.RELANCE_CURRENCY },
        stdout: process.stdout,
        stderr: process.stderr,
      };
      // Awaited here: the database closes in `finally`.
      return await (csvCommand === 'import'
        ? runImport(relance.database.db, { ...csvOptions, file: file!, dryRun: values['dry-run'] ?? false })
        : runExport(relance.database.db, { ...csvOptions, out: values.out }));
    }
    if (positionals[0] === 'understand') {
      // Reads only: the workspace and member must exist already (exit 2 otherwise).
      const sentence = positionals.length > 1 ? positionals.slice(1).join(' ') : undefined;
      return await runUnderstand(relance.database, {
        registry: createDefaultRegistry(),
        workspace: values.workspace ?? 'console',
        userId,
        lang: lang === 'fr' || lang === 'en' ? lang : undefined,
        timeZone: config.RELANCE_TIME_ZONE,
        now: fixed ?? new Date(),
        sentence,
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    if (positionals.length > 0) return fail(`unknown command "${positionals.join(' ')}"`);

    installProcessGuards(logger);
    if (chatPlatformConfigured(config)) {
      // Chat platforms configured: serve them (and the operations endpoints) until stopped, with
      // no terminal prompt; the database closes in `finally`, once the work in flight is done.
      return await serve({ config, logger, relance, databaseTarget: databaseTarget(config, values.db), ...(fixed ? { now: () => fixed } : {}) });
    }
    await consoleMember();
    const interactive = Boolean(process.stdin.isTTY);
    // Charts are written next to the embedded database (or under DATA_DIR with a server database).
    const target = databaseTarget(config, values.db);
    const chartDir = path.join(isPostgresUrl(target) || target.startsWith('memory://') ? config.DATA_DIR : target, 'charts');
    const adapter = createConsoleAdapter({ input: process.stdin, output: process.stdout, json: values.json, actor, workspaceId: 'console', interactive, chartDir });
    await relance.start([adapter]);
    // A person at the terminal sees the reminders and digests that would be sent; piped scripts
    // run without the scheduler so their output depends on their input only.
    const scheduler = interactive ? startScheduler({ jobs: await allJobs(), db: relance.database.db, adapters: [adapter], logger, ...(fixed ? { now: () => fixed } : {}) }) : undefined;
    if (interactive && !values.json) {
      process.stdout.write(`${translate(lang === 'en' ? 'en' : 'fr', 'help.intro')}\n${translate(lang === 'en' ? 'en' : 'fr', 'help.start')}\n\n`);
    }
    await new Promise<void>((resolve) => {
      void adapter.finished.then(resolve);
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await scheduler?.stop();
    return 0;
  } finally {
    await relance.stop();
  }
}

/** `relance migrate`: opens the database, which applies pending migrations, and exits. Compose runs
 * it once before the replicas start (they would also migrate, one at a time, under a lock). */
async function migrateDatabase(db: string | undefined): Promise<number> {
  const target = databaseTarget(loadConfig(), db);
  const { openDatabase } = await import('./db/client.ts');
  const database = await openDatabase({ target, migrate: true });
  await database.close();
  process.stdout.write(`Database migrated (${isPostgresUrl(target) ? 'PostgreSQL server' : `embedded, ${target}`}).\n`);
  return 0;
}

/** `relance discord:register`: a deploy step, never run at start-up (Discord limits creations per day). */
async function registerDiscord(): Promise<number> {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    process.stderr.write('relance: discord:register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one server)\n');
    return 2;
  }
  const { registerDiscordCommands } = await import('../adapters/discord/register-commands.ts');
  const count = await registerDiscordCommands(createDefaultRegistry(), {
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
  });
  process.stdout.write(`Registered ${count} commands ${config.DISCORD_GUILD_ID ? `in server ${config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)'}.\n`);
  return 0;
}

/** A bad payload or a bug in a listener is logged; it never takes the whole bot down. */
function installProcessGuards(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));
}

const safeUserName = (): string => {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`relance: ${error.message}\n`);
    else if (isUserError(error)) process.stderr.write(`relance: ${translate('en', `errors.${error.code}`, error.params)}\n`);
    else process.stderr.write(`relance: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
