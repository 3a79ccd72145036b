// Core latency benchmark (`npm run bench`): end-to-end time of `bot.handle()` for `/log` and
// `/deal list` on a seeded workspace (10,000 deals, 200,000 activities by default), next to the
// same database work done with hand-written SQL through the same driver, on PGlite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL. Prints a table and rewrites
// docs/benchmarks.md. A script, not a vitest test: it exits non-zero when anything fails.
//
// Environment:
//   BENCH_DATABASE_URL / TEST_DATABASE_URL  postgres:// URL; PostgreSQL is skipped without one
//   BENCH_DEALS (10000), BENCH_ACTIVITIES (200000)  seeded data size
//   BENCH_ITERATIONS (500), BENCH_WARMUP (50)       measured / warm-up runs per scenario
//   BENCH_REPORT (docs/benchmarks.md)               where to write the report; `-` to skip
//   BENCH_KEEP=1                                    keep the PostgreSQL bench workspace afterwards
import { writeReportSection } from './report-section.ts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { and, asc, eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot, type Bot } from '../../src/core/bot.ts';
import type { Actor, Block, ConversationRef, IncomingEvent, Reply } from '../../src/core/types.ts';
import { openDatabase, type DatabaseHandle, type Executor } from '../../src/db/client.ts';
import { companies, contacts, deals, members, stages } from '../../src/db/schema.ts';
import { seedWorkspace } from '../../src/services/seed.service.ts';
import { ensureMember, ensureWorkspace, setMember } from '../../src/services/workspace.service.ts';
import { intEnv } from './bench-env.ts';

// ---------------------------------------------------------------------------------------------
// Configuration

const TARGET_P99_MS = 10;
const PAGE = 25; // rows shown by /deal list
const FIXED_NOW = new Date('2026-11-24T09:00:00Z');
const BENCH_TABLES = ['workspaces', 'members', 'stages', 'companies', 'contacts', 'deals', 'deal_stage_history', 'activities', 'processed_events', 'conversations'];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const config = {
  deals: intEnv('BENCH_DEALS', 10_000, 1),
  activities: intEnv('BENCH_ACTIVITIES', 200_000, 0),
  iterations: intEnv('BENCH_ITERATIONS', 500, 1),
  warmup: intEnv('BENCH_WARMUP', 50, 0),
  postgresUrl: process.env['BENCH_DATABASE_URL'] || process.env['TEST_DATABASE_URL'] || undefined,
  report: process.env['BENCH_REPORT'] || path.join(ROOT, 'docs', 'benchmarks.md'),
  keep: process.env['BENCH_KEEP'] === '1',
};

// ---------------------------------------------------------------------------------------------
// Measurement

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted samples. */
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/**
 * Runs `work` `warmup` times, then `iterations` times one after the other, timing each run.
 * `check` validates every result outside the timed region, so an error path is never measured.
 */
async function measure<T>(work: () => Promise<T>, check: (result: T, i: number) => void): Promise<Stats> {
  for (let i = 0; i < config.warmup; i += 1) check(await work(), -1 - i);
  const samples = new Array<number>(config.iterations);
  for (let i = 0; i < config.iterations; i += 1) {
    const start = performance.now();
    const result = await work();
    samples[i] = performance.now() - start;
    check(result, i);
  }
  return stats(samples);
}

// ---------------------------------------------------------------------------------------------
// Talking to the bot

function blockText(block: Block): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'section':
      return [block.title, block.text ?? ''].join('\n');
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'list':
      return [block.title ?? '', ...block.items].join('\n');
    case 'buttons':
      return block.buttons.map((b) => `[${b.label}]`).join(' ');
    case 'select':
      return `[${block.placeholder}: ${block.options.map((o) => o.label).join(' | ')}]`;
    default:
      return '';
  }
}

const repliesText = (replies: Reply[]): string => replies.flatMap((r) => r.blocks).map(blockText).join('\n');

class BenchFailure extends Error {}

function fail(scenario: string, i: number, message: string, replies?: Reply[]): never {
  const when = i < 0 ? `warm-up run ${-i}` : `run ${i + 1}`;
  throw new BenchFailure(`${scenario}: ${when}: ${message}${replies ? `\n--- replies ---\n${repliesText(replies)}` : ''}`);
}

async function send(bot: Bot, ref: ConversationRef, actor: Actor, name: string, text: string): Promise<Reply[]> {
  const replies: Reply[] = [];
  const event: IncomingEvent = { kind: 'command', name, text, ref: { ...ref, userId: actor.id }, actor, idempotencyKey: randomUUID() };
  await bot.handle(event, async (reply) => {
    replies.push(reply);
  });
  return replies;
}

/** The `/deal list` reply must be the list itself: a list block of `expected` items. */
function checkList(scenario: string, expected: number) {
  return (replies: Reply[], i: number): void => {
    const list = replies.flatMap((r) => r.blocks).find((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
    if (!list) fail(scenario, i, 'no list in the reply', replies);
    if (list.items.length !== expected) fail(scenario, i, `expected ${expected} deals listed, got ${list.items.length}`, replies);
  };
}

function checkLogged(scenario: string) {
  return (replies: Reply[], i: number): void => {
    if (!repliesText(replies).includes('✅')) fail(scenario, i, 'no ✅ in the reply (error or question instead of a logged activity)', replies);
  };
}

// ---------------------------------------------------------------------------------------------
// The same work in raw SQL

/** SELECT of the 25 listed deals (same joins, filter and order as the bot) and the totals aggregate. */
async function rawDealList(database: DatabaseHandle, workspaceId: number, ownerId: number | undefined): Promise<{ rows: number; total: number }> {
  const owner = ownerId === undefined ? sql`` : sql` and d.owner_id = ${ownerId}`;
  const rows = await database.rows(
    database.db,
    sql`select d.id, d.name, c.name as company_name, m.display_name as owner_name, d.stage, s.name_fr, s.name_en,
               d.probability, d.amount_minor, d.currency, d.expected_close_date, d.next_step, d.next_step_due
          from deals d
          join stages s on s.workspace_id = d.workspace_id and s.key = d.stage
          join members m on m.id = d.owner_id
          left join companies c on c.id = d.company_id
         where d.workspace_id = ${workspaceId} and s.outcome = 'open'${owner}
         order by d.expected_close_date asc nulls last, d.updated_at desc
         limit ${PAGE}`,
  );
  const sums = await database.rows<{ count: string | number }>(
    database.db,
    sql`select d.currency, count(*) as count, coalesce(sum(d.amount_minor), 0) as amount_minor,
               coalesce(sum(d.amount_minor * d.probability / 100), 0) as weighted_minor
          from deals d
          join stages s on s.workspace_id = d.workspace_id and s.key = d.stage
         where d.workspace_id = ${workspaceId} and s.outcome = 'open'${owner}
         group by d.currency`,
  );
  return { rows: rows.length, total: sums.reduce((acc, row) => acc + Number(row.count), 0) };
}

interface RawActivity {
  workspaceId: number;
  loggedBy: number;
  dealId: number | null;
  companyId: number | null;
  contactId: number | null;
}

/** INSERT of the activity and, on a deal, UPDATE of its last_activity_at, in one transaction. */
async function rawLog(database: DatabaseHandle, a: RawActivity): Promise<number> {
  const occurredAt = FIXED_NOW.toISOString();
  return database.db.transaction(async (tx: Executor) => {
    const [row] = await database.rows<{ id: number }>(
      tx,
      // created_at comes from the clock like every business timestamp (no column default since 0010).
      sql`insert into activities (workspace_id, logged_by, type, direction, outcome, duration_minutes, notes, deal_id, company_id, contact_id, occurred_at, created_at)
          values (${a.workspaceId}, ${a.loggedBy}, 'call', 'outbound', 'positive', 20, 'Budget confirmed', ${a.dealId}, ${a.companyId}, ${a.contactId}, ${occurredAt}::timestamptz, ${occurredAt}::timestamptz)
          returning id`,
    );
    if (a.dealId !== null) {
      await tx.execute(sql`update deals set last_activity_at = greatest(last_activity_at, ${occurredAt}::timestamptz), updated_at = ${occurredAt}::timestamptz
                            where workspace_id = ${a.workspaceId} and id = ${a.dealId}`);
    }
    return Number(row?.id ?? 0);
  });
}

// ---------------------------------------------------------------------------------------------
// One database

interface Scenario {
  name: string;
  bot: Stats;
  rawLabel: string;
  raw: Stats;
}

interface DatabaseResult {
  label: string;
  kind: DatabaseHandle['kind'];
  version: string;
  seedMs: number;
  seeded: { deals: number; activities: number; companies: number; members: number };
  openDeals: { all: number; rep: number };
  scenarios: Scenario[];
}

const ms = (value: number): string => value.toFixed(2);
const ratio = (bot: number, raw: number): string => (raw > 0 ? `${(bot / raw).toFixed(1)}×` : '–');

async function benchDatabase(label: string, target: string): Promise<DatabaseResult> {
  const started = performance.now();
  const database = await openDatabase({ target });
  console.log(`\n== ${label}: opened and migrated in ${ms(performance.now() - started)} ms`);
  let workspaceId: number | undefined;
  try {
    const [versionRow] = await database.rows<{ version: string }>(database.db, sql`select version() as version`);
    const version = (versionRow?.version ?? '?').split(/ on | \(|,/)[0]!.trim();

    // A workspace of its own (unique external id), an admin member, then the seeded data.
    const ref: ConversationRef = { platform: 'console', workspaceId: `bench-${randomUUID()}`, channelId: 'bench', userId: 'bench-admin', isDM: false };
    const admin: Actor = { id: 'bench-admin', displayName: 'Bench Admin', locale: 'en-US' };
    const adminMember = await database.db.transaction(async (tx) => {
      const workspace = await ensureWorkspace(tx, ref, FIXED_NOW);
      const member = await ensureMember(tx, workspace, admin, FIXED_NOW);
      return setMember(tx, member, { role: 'admin' });
    });
    workspaceId = adminMember.workspaceId;
    const wsId = workspaceId;

    console.log(`${label}: seeding ${config.deals} deals and ${config.activities} activities in workspace ${ref.workspaceId}…`);
    const seedStart = performance.now();
    const seeded = await seedWorkspace(database.db, wsId, { deals: config.deals, activities: config.activities, now: FIXED_NOW });
    const seedMs = performance.now() - seedStart;
    console.log(`${label}: seeded ${seeded.deals} deals, ${seeded.activities} activities, ${seeded.companies} companies, ${seeded.members} members in ${(seedMs / 1000).toFixed(1)} s`);
    // Steady state before measuring: statistics that know the seeded workspace and no autovacuum
    // left to run during the first scenario (it would compete for the CPU).
    const vacuumStart = performance.now();
    await database.db.execute(sql.raw(`vacuum (analyze) ${BENCH_TABLES.join(', ')}`));
    console.log(`${label}: vacuum analyze in ${((performance.now() - vacuumStart) / 1000).toFixed(1)} s`);

    // Fixtures picked from the seeded data.
    const [company] = await database.db.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.workspaceId, wsId)).orderBy(asc(companies.id)).limit(1);
    if (!company) throw new Error('the seed created no company');
    const [deal] = await database.db
      .select({ id: deals.id, companyId: deals.companyId, contactId: deals.contactId })
      .from(deals)
      .innerJoin(stages, and(eq(stages.workspaceId, deals.workspaceId), eq(stages.key, deals.stage)))
      // A contact who refused calls would make /log ask first (the opt-out confirmation): the
      // scenario measures a call logged straight away, so its deal's contact accepts calls.
      .leftJoin(contacts, and(eq(contacts.workspaceId, deals.workspaceId), eq(contacts.id, deals.contactId)))
      .where(and(eq(deals.workspaceId, wsId), eq(stages.outcome, 'open'), sql`coalesce(${contacts.optOutPhone}, false) = false`))
      .orderBy(asc(deals.id))
      .limit(1);
    if (!deal) throw new Error('the seed created no open deal');
    const [repMember] = await database.db.select().from(members).where(and(eq(members.workspaceId, wsId), eq(members.platformUserId, 'seed-rep-1'))).limit(1);
    if (!repMember) throw new Error('the seed created no member seed-rep-1');
    // The seeded display name, so ensureMember does not rename the member on every event.
    const rep: Actor = { id: repMember.platformUserId, displayName: repMember.displayName, locale: 'en-US' };

    const openAll = await rawDealList(database, wsId, undefined);
    const openRep = await rawDealList(database, wsId, repMember.id);
    if (openRep.total === 0) throw new Error('seed-rep-1 owns no open deal');
    const expectAll = Math.min(PAGE, openAll.total);
    const expectRep = Math.min(PAGE, openRep.total);
    console.log(`${label}: /log target company "${company.name}" (#${company.id}), deal #${deal.id}; open deals: ${openAll.total} in all, ${openRep.total} for ${rep.displayName}`);

    const bot = createBot({ database, registry: createDefaultRegistry(), logger: pino({ level: 'silent' }), now: () => FIXED_NOW });
    const scenarios: Scenario[] = [];
    const run = async <R>(
      name: string,
      botWork: () => Promise<Reply[]>,
      botCheck: (replies: Reply[], i: number) => void,
      rawLabel: string,
      rawWork: () => Promise<R>,
      rawCheck: (result: R, i: number) => void,
    ): Promise<void> => {
      process.stdout.write(`${label}: ${name} … `);
      const botStats = await measure(botWork, botCheck);
      const rawStats = await measure(rawWork, rawCheck);
      scenarios.push({ name, bot: botStats, rawLabel, raw: rawStats });
      console.log(`p50 ${ms(botStats.p50)} ms, p99 ${ms(botStats.p99)} ms (raw p50 ${ms(rawStats.p50)} ms, p99 ${ms(rawStats.p99)} ms)`);
    };

    const logText = (target: string) => `call ${target} outbound 20min positive Budget confirmed`;
    const insertedId = (scenario: string) => (id: number, i: number) => {
      if (!(id > 0)) fail(scenario, i, 'raw insert returned no id');
    };

    await run(
      `/log call "<company>"`,
      () => send(bot, ref, admin, 'log', logText(`"${company.name}"`)),
      checkLogged('/log company'),
      'INSERT activity (1 tx)',
      () => rawLog(database, { workspaceId: wsId, loggedBy: adminMember.id, dealId: null, companyId: company.id, contactId: null }),
      insertedId('raw /log company'),
    );
    await run(
      `/log call deal:#<id>`,
      () => send(bot, ref, admin, 'log', logText(`deal:#${deal.id}`)),
      checkLogged('/log deal'),
      'INSERT activity + UPDATE deal (1 tx)',
      () => rawLog(database, { workspaceId: wsId, loggedBy: adminMember.id, dealId: deal.id, companyId: deal.companyId, contactId: deal.contactId }),
      insertedId('raw /log deal'),
    );
    await run(
      `/deal list all (admin)`,
      () => send(bot, ref, admin, 'deal', 'list all'),
      checkList('/deal list all', expectAll),
      'SELECT 25 + aggregate',
      () => rawDealList(database, wsId, undefined),
      ((result: { rows: number; total: number }, i: number) => {
        if (result.rows !== expectAll) fail('raw /deal list all', i, `expected ${expectAll} rows, got ${result.rows}`);
      }),
    );
    await run(
      `/deal list (rep, own deals)`,
      () => send(bot, ref, rep, 'deal', 'list'),
      checkList('/deal list (rep)', expectRep),
      'SELECT 25 + aggregate',
      () => rawDealList(database, wsId, repMember.id),
      ((result: { rows: number; total: number }, i: number) => {
        if (result.rows !== expectRep) fail('raw /deal list (rep)', i, `expected ${expectRep} rows, got ${result.rows}`);
      }),
    );

    return { label, kind: database.kind, version, seedMs, seeded, openDeals: { all: openAll.total, rep: openRep.total }, scenarios };
  } finally {
    try {
      if (database.kind === 'postgres' && workspaceId !== undefined && !config.keep) await dropWorkspace(database, workspaceId, label);
    } finally {
      await database.close();
    }
  }
}

/**
 * Removes the bench workspace from a shared PostgreSQL database, children first, one autocommit
 * statement each. Deleting the workspace row alone would cascade row by row through foreign keys
 * whose columns have no index of their own (activities.deal_id, deal_stage_history.deal_id…), each
 * check scanning the whole table; vacuuming the emptied child tables first keeps those checks cheap.
 */
async function dropWorkspace(database: DatabaseHandle, workspaceId: number, label: string): Promise<void> {
  const start = performance.now();
  const clear = (table: string) => database.db.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`);
  try {
    for (const table of ['processed_events', 'conversations', 'activities', 'deal_stage_history']) await clear(table);
    await database.db.execute(sql.raw('vacuum activities, deal_stage_history, processed_events'));
    for (const table of ['deals', 'contacts', 'companies', 'stages', 'members']) await clear(table);
    await database.db.execute(sql`delete from workspaces where id = ${workspaceId}`);
    console.log(`${label}: bench workspace removed in ${((performance.now() - start) / 1000).toFixed(1)} s (BENCH_KEEP=1 keeps it)`);
  } catch (error) {
    console.error(`${label}: could not remove bench workspace ${workspaceId}: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()} (${os.arch()})`,
  };
}

function textTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function scenarioRows(result: DatabaseResult): string[][] {
  return result.scenarios.flatMap((s) => [
    [s.name, ms(s.bot.p50), ms(s.bot.p95), ms(s.bot.p99), ms(s.bot.max), ratio(s.bot.p50, s.raw.p50), ratio(s.bot.p99, s.raw.p99)],
    [`  raw SQL: ${s.rawLabel}`, ms(s.raw.p50), ms(s.raw.p95), ms(s.raw.p99), ms(s.raw.max), '', ''],
  ]);
}

const HEADERS = ['Scenario', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'bot/raw p50', 'bot/raw p99'];

function verdict(results: DatabaseResult[]): { met: boolean | undefined; text: string } {
  const pg = results.find((r) => r.kind === 'postgres');
  if (!pg) return { met: undefined, text: 'not assessed: PostgreSQL was not measured in this run (no BENCH_DATABASE_URL / TEST_DATABASE_URL).' };
  const over = pg.scenarios.filter((s) => s.bot.p99 > TARGET_P99_MS);
  if (over.length === 0) return { met: true, text: `**met** — every scenario has p99 ≤ ${TARGET_P99_MS} ms on PostgreSQL (worst: ${worst(pg)}).` };
  return {
    met: false,
    text: `**not met** — over ${TARGET_P99_MS} ms at p99 on PostgreSQL: ${over.map((s) => `\`${s.name}\` (${ms(s.bot.p99)} ms)`).join(', ')}.`,
  };
}

const worst = (r: DatabaseResult): string => {
  const s = [...r.scenarios].sort((a, b) => b.bot.p99 - a.bot.p99)[0];
  return s ? `\`${s.name}\` at ${ms(s.bot.p99)} ms` : 'n/a';
};

function markdown(results: DatabaseResult[], date: Date, skipped: string | undefined): string {
  const m = machine();
  const v = verdict(results);
  const mdRow = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out: string[] = [
    '## Core latency: `/log` and `/deal list`',
    '',
    'End-to-end time of one `bot.handle()` call, from the incoming event to the last reply: scope',
    'resolution (workspace and member), idempotency key, argument parsing, record resolution, the',
    'command transaction and the reply. Each scenario runs sequentially on one connection, after a',
    'warm-up; times come from `performance.now()`. The raw SQL baseline does the same database work',
    'with hand-written statements through the same driver, without the bot; `bot/raw` is the ratio',
    'of the two at the same percentile.',
    '',
    `- **Date:** ${date.toISOString()}`,
    `- **Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB RAM, ${m.platform}, Node ${m.node}`,
    `- **Data:** one workspace seeded by \`seedWorkspace\`: ${results[0]?.seeded.deals ?? config.deals} deals, ${results[0]?.seeded.activities ?? config.activities} activities, ${results[0]?.seeded.companies ?? '?'} companies, ${results[0]?.seeded.members ?? '?'} seeded members (+ the admin)`,
    `- **Runs:** ${config.warmup} warm-up + ${config.iterations} measured per scenario and per baseline`,
    `- **Target (issue):** p99 ≤ ${TARGET_P99_MS} ms on PostgreSQL — ${v.text}`,
    '',
  ];
  for (const r of results) {
    out.push(
      `### ${r.label} (${r.version})`,
      '',
      `Seeding took ${(r.seedMs / 1000).toFixed(1)} s. Open deals: ${r.openDeals.all} in the workspace, ${r.openDeals.rep} owned by the rep.`,
      '',
      mdRow(HEADERS),
      mdRow(HEADERS.map((_, i) => (i === 0 ? '---' : '---:'))),
      ...scenarioRows(r).map((row) => mdRow(row.map((cell, i) => (i === 0 ? (cell.startsWith('  raw SQL: ') ? `↳ raw SQL: ${cell.slice(11)}` : `\`${cell}\``) : cell)))),
      '',
    );
  }
  if (skipped) out.push(`> ${skipped}`, '');
  out.push(
    '### Scenarios',
    '',
    '- `/log call "<company>"` — the admin logs `call "<exact name of a seeded company>" outbound 20min positive Budget confirmed`:',
    '  an exact match, so no question is asked. Raw equivalent: `INSERT` of the activity in a transaction (a company has no deal to update).',
    '- `/log call deal:#<id>` — the same on an open deal by id. Raw equivalent: `INSERT` of the activity and `UPDATE deals set last_activity_at` in one transaction.',
    '- `/deal list all (admin)` — everyone\'s open deals, 25 shown, with totals. Raw equivalent: the same `SELECT` (joins on stages, members, companies;',
    '  ordered by expected close date, limit 25) and the same per-currency aggregate.',
    '- `/deal list (rep, own deals)` — a seeded rep (`seed-rep-1`) lists their own open deals. Same raw equivalent, filtered on the owner.',
    '',
    'Every reply is checked (a `✅` for `/log`, a list of the expected length for `/deal list`), so error paths are never timed.',
    'The raw baseline leaves out what only the bot does: finding the workspace and member, the idempotency row, the pending-question cleanup and',
    'the name resolution.',
    '',
    '## How to run',
    '',
    '```sh',
    'npm run bench                                               # PGlite only (temporary directory)',
    'BENCH_DATABASE_URL=postgres://user:pass@host:5432/db npm run bench   # PGlite and PostgreSQL',
    '```',
    '',
    '`TEST_DATABASE_URL` is used when `BENCH_DATABASE_URL` is not set. The PostgreSQL run uses a workspace of its own (unique external id)',
    'and removes it at the end (`BENCH_KEEP=1` keeps it). Other settings: `BENCH_DEALS` (10000), `BENCH_ACTIVITIES` (200000),',
    '`BENCH_ITERATIONS` (500), `BENCH_WARMUP` (50), `BENCH_REPORT` (this file; `-` to skip writing it). Seeding takes most of the run',
    '(see the seed times above); a full run with PostgreSQL takes about five minutes on the machine above. Each run rewrites this section only.',
    '',
  );
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const m = machine();
  console.log(`Relance core latency — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}`);
  console.log(`${config.deals} deals, ${config.activities} activities, ${config.warmup} warm-up + ${config.iterations} runs per scenario`);
  const date = new Date();
  const results: DatabaseResult[] = [];

  const dir = mkdtempSync(path.join(os.tmpdir(), 'relance-bench-'));
  try {
    results.push(await benchDatabase('PGlite', dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  let skipped: string | undefined;
  if (config.postgresUrl) {
    results.push(await benchDatabase('PostgreSQL', config.postgresUrl));
  } else {
    skipped = 'PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a postgres:// URL to measure it.';
    console.log(`\n${skipped}`);
  }

  for (const r of results) {
    console.log(`\n${r.label} (${r.version}) — seed ${(r.seedMs / 1000).toFixed(1)} s\n`);
    console.log(textTable(HEADERS, scenarioRows(r)));
  }
  const v = verdict(results);
  console.log(`\nTarget p99 ≤ ${TARGET_P99_MS} ms on PostgreSQL: ${v.text.replace(/\*\*|`/g, '')}`);

  if (config.report !== '-') {
    await writeReportSection(config.report, 'core', markdown(results, date, skipped));
    console.log(`\nWrote ${path.relative(process.cwd(), config.report) || config.report}`);
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error(`\nbenchmark failed: ${error instanceof BenchFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
