// Reminder planning benchmark (`npm run bench`): time to scan a workspace's open deals and
// enqueue the day's reminders (nudges rows + one outbox message per member), the work of the
// morning slot, on PGlite and, with BENCH_DATABASE_URL or TEST_DATABASE_URL, on PostgreSQL.
// Target (issue 8): ≤ 2 s for 100,000 open deals on PostgreSQL.
//
// Environment: BENCH_NUDGE_DEALS (100000), BENCH_NUDGE_RUNS (5), BENCH_REPORT (docs/benchmarks.md, `-` to skip).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { deals, nudges, outbox } from '../../src/db/schema.ts';
import { planNudges } from '../../src/nudges/nudge-planner.service.ts';
import { seedWorkspace } from '../../src/services/seed.service.ts';
import { ensureMember, ensureWorkspace } from '../../src/services/workspace.service.ts';
import { intEnv } from './bench-env.ts';
import { writeReportSection } from './report-section.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEALS = intEnv('BENCH_NUDGE_DEALS', 100_000);
const RUNS = intEnv('BENCH_NUDGE_RUNS', 5);
const REPORT = process.env['BENCH_REPORT'] || path.join(ROOT, 'docs', 'benchmarks.md');
const POSTGRES = process.env['BENCH_DATABASE_URL'] || process.env['TEST_DATABASE_URL'] || undefined;
// Tuesday 24 November 2026, 10:00 in Paris: every seeded member is inside the reminder window.
const NOW = new Date('2026-11-24T09:00:00Z');
const TARGET_MS = 2000;

interface Figures {
  database: string;
  openDeals: number;
  nudges: number;
  messages: number;
  members: number;
  seedSeconds: number;
  runsMs: number[];
}

async function measure(label: string, target: string): Promise<Figures> {
  const handle: DatabaseHandle = await openDatabase({ target, maxConnections: 2 });
  try {
    const ref = { platform: 'console' as const, workspaceId: `bench-nudges-${randomUUID()}`, channelId: 'C', userId: 'bench-admin', isDM: false };
    const seedStart = performance.now();
    const workspaceId = await handle.db.transaction(async (tx) => {
      const ws = await ensureWorkspace(tx, ref, NOW);
      await ensureMember(tx, ws, { id: 'bench-admin', displayName: 'Bench' }, NOW);
      return ws.id;
    });
    await seedWorkspace(handle.db, workspaceId, { deals: DEALS, activities: Math.round(DEALS / 2), now: NOW });
    // Every deal open, so the scan covers DEALS open deals (the seed closes about a third).
    await handle.db.update(deals).set({ status: 'open', stage: 'proposal', probability: 60, wonAt: null, lostAt: null, lostReason: null }).where(eq(deals.workspaceId, workspaceId));
    await handle.db.execute(sql`analyze ${deals}`);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const [{ open } = { open: 0 }] = await handle.db.select({ open: sql<number>`count(*)::int` }).from(deals).where(and(eq(deals.workspaceId, workspaceId), eq(deals.status, 'open')));
    const runsMs: number[] = [];
    let result = { members: 0, nudges: 0, messages: 0 };
    for (let run = 0; run < RUNS + 1; run += 1) {
      await handle.db.delete(nudges).where(eq(nudges.workspaceId, workspaceId));
      await handle.db.delete(outbox).where(eq(outbox.workspaceId, workspaceId));
      const start = performance.now();
      result = await planNudges(handle.db, NOW, { workspaceId });
      const ms = performance.now() - start;
      if (run > 0) runsMs.push(ms); // the first run warms caches and plans
    }
    console.log(`${label}: ${open} open deals → ${result.nudges} reminders, ${result.messages} messages; runs ${runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    await handle.db.delete(nudges).where(eq(nudges.workspaceId, workspaceId));
    await handle.db.delete(outbox).where(eq(outbox.workspaceId, workspaceId));
    return { database: label, openDeals: Number(open), nudges: result.nudges, messages: result.messages, members: result.members, seedSeconds, runsMs };
  } finally {
    await handle.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const figures: Figures[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relance-nudge-bench-'));
  try {
    figures.push(await measure('PGlite', dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (POSTGRES) figures.push(await measure('PostgreSQL 15', POSTGRES));
  else console.log('PostgreSQL skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const rows = figures.map(
    (f) => `| ${f.database} | ${f.openDeals.toLocaleString('en')} | ${f.nudges.toLocaleString('en')} | ${f.messages} | ${median(f.runsMs).toFixed(0)} | ${Math.max(...f.runsMs).toFixed(0)} | ${f.seedSeconds.toFixed(0)} s |`,
  );
  const pg = figures.find((f) => f.database.startsWith('PostgreSQL'));
  const verdict = pg ? (Math.max(...pg.runsMs) <= TARGET_MS ? `met (worst run ${Math.max(...pg.runsMs).toFixed(0)} ms)` : `**not met** (worst run ${Math.max(...pg.runsMs).toFixed(0)} ms)`) : 'not measured (no PostgreSQL)';
  const markdown = `## Reminder planning (issue 8)

${new Date().toISOString().slice(0, 10)} · ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version} · \`tsx test/bench/nudge-scan.bench.ts\`

The morning slot's planning for one workspace: one \`INSERT … SELECT\` over its open deals
(stale per stage, next step overdue, close date passed, no next step; snoozed deals skipped)
into \`nudges\` (unique per deal and day), then one outbox row per member. All deals open,
${figures[0]?.members ?? 0} members in the reminder window (the seed's team); ${RUNS} measured runs after one warm-up, each starting from an
empty day. Target: ≤ ${TARGET_MS} ms on PostgreSQL — ${verdict}.

| database | open deals | reminders planned | messages | median ms | worst ms | seed |
|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`;
  if (REPORT !== '-') await writeReportSection(REPORT, 'nudge-scan', markdown);
  console.log(markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
