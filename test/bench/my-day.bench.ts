// "My day" benchmark (issue 18): time to build /today for one member — the service's queries and
// the view, in one read-only transaction, as the command does — in a workspace of 100,000 deals
// where that member owns 500 open deals, their next steps due over the month around today. Next
// to it, in the same run and on the same database handle, the baseline: one bare
// `select count(*) from deals where owner_id = $1 and status = 'open'`; and, for information,
// "my day" of the seeded manager, whose team part reads every open deal of the workspace.
// Target: p99 ≤ 50 ms for the member on PostgreSQL. Runs on PostgreSQL (BENCH_DATABASE_URL or
// TEST_DATABASE_URL; the bench workspace is removed afterwards) and on PGlite (in memory).
//
// Environment:
//   BENCH_MY_DAY_DEALS (100000), BENCH_MY_DAY_ACTIVITIES (1000000)   PostgreSQL workspace size
//   BENCH_MY_DAY_PGLITE_DEALS (100000), BENCH_MY_DAY_PGLITE_ACTIVITIES (1000000)   PGlite size
//   BENCH_MY_DAY_DATABASES (postgres,pglite)   which to measure
//   BENCH_MY_DAY_RUNS (200), BENCH_MY_DAY_WARMUP (20)   measured and warm-up runs per scenario
//   BENCH_REPORT (docs/benchmarks.md; `-` prints only)
import { randomUUID } from 'node:crypto';
import { cpus, totalmem, type } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { myDayReply, MY_DAY_MAX_BLOCKS } from '../../src/commands/shared/my-day-view.ts';
import type { MemberRow } from '../../src/core/context.ts';
import type { Reply } from '../../src/core/types.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { members, objectives, workspaces } from '../../src/db/schema.ts';
import { loadMyDay } from '../../src/services/my-day.service.ts';
import { seedWorkspace } from '../../src/services/seed.service.ts';
import { ensureMember, ensureWorkspace, setMember } from '../../src/services/workspace.service.ts';
import { intEnv } from './bench-env.ts';
import { writeReportSection } from './report-section.ts';

// Tuesday 24 November 2026, 10:00 in Paris (the tests' clock).
const NOW = new Date('2026-11-24T09:00:00Z');
const TODAY = '2026-11-24';
const TIME_ZONE = 'Europe/Paris';
const TARGET_P99_MS = 50;
const MEMBER_DEALS = 500;
const TABLES = ['workspaces', 'members', 'stages', 'companies', 'contacts', 'deals', 'deal_stage_history', 'activities', 'qualifications', 'customer_events', 'objectives'];

const RUNS = intEnv('BENCH_MY_DAY_RUNS', 200);
const WARMUP = intEnv('BENCH_MY_DAY_WARMUP', 20, 0);
const databases = (process.env['BENCH_MY_DAY_DATABASES'] || 'postgres,pglite').split(',').map((d) => d.trim());
const POSTGRES = databases.includes('postgres') ? process.env['BENCH_DATABASE_URL'] || process.env['TEST_DATABASE_URL'] || undefined : undefined;
const sizes = {
  postgres: { deals: intEnv('BENCH_MY_DAY_DEALS', 100_000), activities: intEnv('BENCH_MY_DAY_ACTIVITIES', 1_000_000, 0) },
  pglite: { deals: intEnv('BENCH_MY_DAY_PGLITE_DEALS', 100_000), activities: intEnv('BENCH_MY_DAY_PGLITE_ACTIVITIES', 1_000_000, 0) },
};

interface Stats {
  p50: number;
  p99: number;
  max: number;
}
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const stats = (samples: number[]): Stats => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
};
const ms = (n: number): string => n.toFixed(2);

/** Warm-up, then RUNS rounds of each work in turn, so all meet the same background load. */
async function interleaved(works: Array<() => Promise<unknown>>): Promise<Stats[]> {
  for (let i = 0; i < WARMUP; i += 1) for (const work of works) await work();
  const samples = works.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i += 1) {
    for (const [k, work] of works.entries()) {
      const start = performance.now();
      await work();
      samples[k]!.push(performance.now() - start);
    }
  }
  return samples.map(stats);
}

interface Result {
  label: string;
  deals: number;
  activities: number;
  seedSeconds: number;
  member: Stats;
  baseline: Stats;
  manager: Stats;
  shape: string;
  managerShape: string;
  /** Deals in the whole table (every workspace of the database), which the baseline reads. */
  tableDeals: number;
}

async function measure(label: string, target: string, size: { deals: number; activities: number }): Promise<Result> {
  const database: DatabaseHandle = await openDatabase({ target, maxConnections: 2 });
  let workspaceId: number | undefined;
  try {
    const ref = { platform: 'console' as const, workspaceId: `bench-my-day-${randomUUID()}`, channelId: 'bench', userId: 'bench-admin', isDM: false };
    const workspace = await database.db.transaction(async (tx) => {
      const ws = await ensureWorkspace(tx, ref, NOW, { timeZone: TIME_ZONE, currency: 'EUR', language: 'fr' });
      await ensureMember(tx, ws, { id: 'bench-admin', displayName: 'Bench Admin' }, NOW);
      return ws;
    });
    workspaceId = workspace.id;
    console.log(`${label}: seeding ${size.deals} deals and ${size.activities} activities…`);
    const seedStart = performance.now();
    await seedWorkspace(database.db, workspace.id, { deals: size.deals, activities: size.activities, now: NOW });

    // The member: a rep who gets 500 open deals, next steps due from 15 days ago to 15 days ahead
    // (one in ten with none), and the activities logged on them; objectives for the week and month.
    const rep = await database.db.transaction(async (tx) => {
      const member = await ensureMember(tx, workspace, { id: 'bench-rep', displayName: 'Bench Rep' }, NOW);
      return setMember(tx, member, { role: 'rep', team: 'Paris', timeZone: TIME_ZONE });
    });
    await database.db.execute(sql`
      with chosen as (
        select id, row_number() over (order by md5(id::text)) as n
        from deals where workspace_id = ${workspace.id} and status = 'open'
        order by md5(id::text) limit ${MEMBER_DEALS})
      update deals d set owner_id = ${rep.id},
        next_step = case when chosen.n % 10 = 0 then null else 'Relancer pour le devis' end,
        next_step_due = case when chosen.n % 10 = 0 then null else ${TODAY}::date + ((chosen.n % 31)::int - 15) end
      from chosen where d.id = chosen.id`);
    await database.db.execute(sql`
      update activities set logged_by = ${rep.id}
      where workspace_id = ${workspace.id} and deal_id in (select id from deals where workspace_id = ${workspace.id} and owner_id = ${rep.id})`);
    await database.db.insert(objectives).values([
      { workspaceId: workspace.id, metric: 'activities', subject: `member:${rep.id}`, memberId: rep.id, periodFrom: '2026-11-23', periodTo: '2026-11-30', target: 40, createdAt: NOW },
      { workspaceId: workspace.id, metric: 'revenue', subject: `member:${rep.id}`, memberId: rep.id, periodFrom: '2026-11-01', periodTo: '2026-12-01', target: 5_000_000, createdAt: NOW },
    ]);
    await database.db.execute(sql.raw(`vacuum (analyze) ${TABLES.join(', ')}`));
    const seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(`${label}: ready in ${seedSeconds.toFixed(1)} s`);

    const [ws] = await database.db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    const [manager] = await database.db.select().from(members).where(and(eq(members.workspaceId, workspace.id), eq(members.platformUserId, 'seed-manager')));
    // Exactly what the command does: the service and the view, in one read-only transaction.
    const myDay = (member: MemberRow): Promise<Reply> =>
      database.db.transaction(async (tx) => myDayReply(await loadMyDay(tx, { workspace: ws!, member, timeZone: TIME_ZONE, now: NOW }), 'fr'), { accessMode: 'read only' });
    const baseline = () => database.db.execute(sql`select count(*) from deals where owner_id = ${rep.id} and status = 'open'`);

    // What the member's reply holds (checked once, outside the timings).
    const day = await database.db.transaction((tx) => loadMyDay(tx, { workspace: ws!, member: rep, timeZone: TIME_ZONE, now: NOW }));
    const reply = myDayReply(day, 'fr');
    const shape = `${day.followUps.total} deals to follow up, ${day.overdue.total} overdue next steps, ${day.closing.total} closing this month, ${reply.blocks.length} blocks`;
    if (day.followUps.total < 10 || day.overdue.total < 10 || reply.blocks.length > MY_DAY_MAX_BLOCKS) throw new Error(`${label}: unexpected reply: ${shape}`);
    const managerDay = await database.db.transaction((tx) => loadMyDay(tx, { workspace: ws!, member: manager!, timeZone: TIME_ZONE, now: NOW }));
    const managerShape = `${managerDay.team?.stale.totalDeals ?? 0} stale deals over ${managerDay.team?.stale.totalOwners ?? 0} owners, ${myDayReply(managerDay, 'fr').blocks.length} blocks`;
    console.log(`${label}: member — ${shape}; manager — ${managerShape}`);

    const [table] = await database.rows<{ n: string }>(database.db, sql`select count(*) as n from deals`);
    const [memberStats, baselineStats, managerStats] = await interleaved([() => myDay(rep), baseline, () => myDay(manager!)]);
    return { label, deals: size.deals, activities: size.activities, seedSeconds, member: memberStats!, baseline: baselineStats!, manager: managerStats!, shape, managerShape, tableDeals: Number(table?.n ?? 0) };
  } finally {
    if (workspaceId !== undefined && database.kind === 'postgres') await dropWorkspace(database, workspaceId, label);
    await database.close();
  }
}

/** Children first, one statement each (a cascade from the workspace row checks every foreign key row by row). */
async function dropWorkspace(database: DatabaseHandle, workspaceId: number, label: string): Promise<void> {
  const clear = (table: string) => database.db.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`);
  try {
    for (const table of ['processed_events', 'conversations', 'nudges', 'activities', 'deal_stage_history', 'qualifications', 'customer_events', 'survey_responses', 'spend_entries', 'objectives', 'deals', 'contacts', 'companies', 'stages', 'members']) await clear(table);
    await database.db.execute(sql`delete from workspaces where id = ${workspaceId}`);
    await database.db.execute(sql.raw('vacuum deals, activities, contacts, companies, members, deal_stage_history'));
  } catch (error) {
    console.error(`${label}: could not remove bench workspace ${workspaceId}: ${(error as Error).message}`);
  }
}

const results: Result[] = [];
if (POSTGRES) results.push(await measure('PostgreSQL', POSTGRES, sizes.postgres));
if (databases.includes('pglite')) results.push(await measure('PGlite', 'memory://', sizes.pglite));

const row = (r: Result, what: string, s: Stats, target: boolean) =>
  `| ${r.label} | ${r.deals.toLocaleString('en-US')} | ${what} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${target ? (s.p99 <= TARGET_P99_MS ? 'met' : 'not met') : '—'} |`;
const markdown = [
  '## My day (issue 18)',
  '',
  `- **Date:** ${new Date().toISOString()}`,
  `- **Machine:** ${cpus()[0]?.model.trim() ?? '?'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${type()}, Node ${process.version}`,
  `- **What is measured:** building /today for one rep who owns ${MEMBER_DEALS} open deals (next steps due from 15 days ago to 15 days ahead, one in ten without one) in a seeded workspace: \`loadMyDay\` (every query) and \`myDayReply\` (the blocks) in one read-only transaction, as the command does, ${RUNS} runs after ${WARMUP} warm-up runs, interleaved with the baseline — one bare \`select count(*) from deals where owner_id = $1 and status = 'open'\` on the same database handle. The seeded manager's /today (its team part reads every open deal of the workspace) is shown for information.`,
  `- **Target:** p99 ≤ ${TARGET_P99_MS} ms for the rep on PostgreSQL.`,
  '',
  '| database | deals | what | p50 (ms) | p99 (ms) | max (ms) | p99 ≤ 50 ms |',
  '|---|---|---|---|---|---|---|',
  ...results.flatMap((r) => [row(r, 'rep: my day', r.member, true), row(r, 'baseline: count of the rep’s open deals', r.baseline, false), row(r, 'manager: my day with the team part', r.manager, false)]),
  '',
  ...results.map(
    (r) =>
      `- ${r.label}: ${r.activities.toLocaleString('en-US')} activities; seeding and setting up took ${r.seedSeconds.toFixed(0)} s. The rep's reply: ${r.shape}. The manager's team part: ${r.managerShape}. The \`deals\` table held ${r.tableDeals.toLocaleString('en-US')} deals in all.`,
  ),
  '- The baseline names no workspace, and no index starts with `owner_id` (every index of `deals` starts with `workspace_id`, as every query of the bot gives it): it reads the whole `deals` table, every workspace of the database included, so it costs more where the database holds more than the bench workspace (the shared test database on PostgreSQL). /today reads the rep\'s deals through `deals_owner_list_idx` (workspace, owner, status, close date).',
].join('\n');

const report = process.env['BENCH_REPORT'] ?? fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
if (report !== '-') await writeReportSection(report, 'my-day', markdown);
console.log(markdown);
