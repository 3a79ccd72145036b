// CSV import benchmark (`npm run bench`, or `tsx test/bench/csv-import.bench.ts`): wall time of
// `relance import activities` for a 100,000-line file, on PostgreSQL and on PGlite, through the
// same service the CLI calls (read, check every line, resolve references, write in one
// transaction). The file is generated as a French spreadsheet would write it (`;`, BOM,
// `31/12/2026 14:30` times read in the workspace's zone, `1h30` durations, labels such as
// `Appel`), its deals and contacts referenced by external id and imported beforehand from their
// own files. Target (issue): ≤ 20 s on PostgreSQL. A script, not a vitest test: it exits
// non-zero when anything fails, and rewrites its section of docs/benchmarks.md.
//
// Environment:
//   BENCH_DATABASE_URL or TEST_DATABASE_URL   the PostgreSQL server; the benchmark works in its own
//                                             database `relance_bench_csv` (dropped and created afresh:
//                                             the role has CREATEDB); `-` skips PostgreSQL
//   BENCH_CSV_DATABASES        `postgres,pglite` (default) or one of them
//   BENCH_CSV_ACTIVITIES (100000), BENCH_CSV_DEALS (10000), BENCH_CSV_CONTACTS (5000)
//   BENCH_REPORT (docs/benchmarks.md)   where to write the report; `-` to skip
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { readCsvFile } from '../../src/csv/csv-file.parser.ts';
import { knownHeaders, readHeader, recordValues } from '../../src/csv/csv-header.parser.ts';
import { importCsv, type ImportReport } from '../../src/csv/csv-import.service.ts';
import { renderIssue } from '../../src/csv/csv-issues.ts';
import { rowSchemas } from '../../src/csv/csv-rows.schema.ts';
import type { CsvKind } from '../../src/csv/csv-columns.schema.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { activities, deals, members } from '../../src/db/schema.ts';
import { ensureMember, ensureWorkspace } from '../../src/services/workspace.service.ts';
import { writeReportSection } from './report-section.ts';
import { intEnv } from './bench-env.ts';

const TARGET_SECONDS = 20;
const NOW = new Date('2026-11-24T09:00:00Z');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCH_DB = 'relance_bench_csv';

const databases = (process.env['BENCH_CSV_DATABASES'] || 'postgres,pglite').split(',').map((d) => d.trim());
const serverUrl = process.env['BENCH_DATABASE_URL'] || process.env['TEST_DATABASE_URL'] || 'postgres://relance:relance@127.0.0.1:5432/relance_test';
const config = {
  activities: intEnv('BENCH_CSV_ACTIVITIES', 100_000),
  deals: intEnv('BENCH_CSV_DEALS', 10_000),
  contacts: intEnv('BENCH_CSV_CONTACTS', 5_000),
  postgres: databases.includes('postgres') && serverUrl !== '-',
  pglite: databases.includes('pglite'),
  report: process.env['BENCH_REPORT'] || path.join(ROOT, 'docs', 'benchmarks.md'),
};

// ---------------------------------------------------------------------------------------------
// The files

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAM = ['Claire Martin', 'Julien Petit', 'Sophie Durand', 'Hugo Leroy'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Dupuis', 'Martel', 'Lefèvre', 'Garnier'];
const TYPES = ['Appel', 'E-mail', 'Rendez-vous', 'Démo', 'Note'];
const DIRECTIONS = ['Sortant', 'Entrant'];
const OUTCOMES = ['Fait', 'Pas de réponse', 'Messagerie', 'Positif', 'Négatif', 'Reporté'];
const DURATIONS = ['20', '5min', '1h30', '45', '1h', ''];
const NOTES = ['Budget confirmé pour le T1', 'Demande une remise de 10 %', 'Décideur absent; rappeler', 'Très intéressé par la démo', '"Compare" avec un concurrent', ''];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
/** A `;` cell: quoted when it holds `;` or `"`, as a spreadsheet writes it. */
const cell = (value: string): string => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const line = (values: string[]): string => values.map(cell).join(';');
const BOM = '\uFEFF';

interface Files {
  contacts: Buffer;
  deals: Buffer;
  activities: Buffer;
}

function generate(): Files {
  const random = prng(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const contactLines = [line(['id_externe', 'nom', 'societe', 'email', 'telephone', 'fonction'])];
  for (let i = 1; i <= config.contacts; i += 1) {
    contactLines.push(line([`CT-${pad(i, 6)}`, `Contact ${i}`, `${pick(COMPANIES)} ${1 + (i % 500)}`, `contact${i}@example.fr`, `06 ${pad(i % 100)} ${pad((i * 7) % 100)} ${pad((i * 13) % 100)} ${pad((i * 31) % 100)}`, 'Acheteur']));
  }
  const dealLines = [line(['id_externe', 'nom', 'societe', 'proprietaire', 'montant', 'etape', 'date_signature', 'cree_le'])];
  for (let i = 1; i <= config.deals; i += 1) {
    const created = new Date(NOW.getTime() - random() * 300 * 86_400_000);
    dealLines.push(
      line([`DL-${pad(i, 6)}`, `Affaire ${i}`, `${pick(COMPANIES)} ${1 + (i % 500)}`, pick(TEAM), `${Math.floor(2 + random() * 148)} ${pad(Math.floor(random() * 1000), 3)},${pad(Math.floor(random() * 100))}`, pick(['Lead', 'Qualifié', 'Découverte', 'Démo', 'Proposition']), `${pad(1 + Math.floor(random() * 28))}/${pad(1 + Math.floor(random() * 12))}/2027`, `${pad(created.getUTCDate())}/${pad(created.getUTCMonth() + 1)}/${created.getUTCFullYear()}`]),
    );
  }
  const activityLines = [line(['id_externe', 'type', 'affaire', 'contact', 'sens', 'resultat', 'duree', 'date', 'auteur', 'notes'])];
  for (let i = 1; i <= config.activities; i += 1) {
    const at = new Date(NOW.getTime() - random() * 365 * 86_400_000);
    activityLines.push(
      line([
        `AC-${pad(i, 7)}`,
        pick(TYPES),
        `DL-${pad(1 + Math.floor(random() * config.deals), 6)}`,
        `CT-${pad(1 + Math.floor(random() * config.contacts), 6)}`,
        pick(DIRECTIONS),
        pick(OUTCOMES),
        pick(DURATIONS),
        `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()} ${pad(8 + (i % 10))}:${pad(at.getUTCMinutes())}`,
        pick(TEAM),
        pick(NOTES),
      ]),
    );
  }
  const file = (lines: string[]) => Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
  return { contacts: file(contactLines), deals: file(dealLines), activities: file(activityLines) };
}

// ---------------------------------------------------------------------------------------------
// Measurement

interface Step {
  name: string;
  rows: number;
  seconds: number;
}

interface DatabaseResult {
  label: string;
  version: string;
  steps: Step[];
  activitiesSeconds: number;
}

class BenchFailure extends Error {}

/** Reading and checking the file alone (no database), to show where the time goes. */
function parseOnly(kind: CsvKind, bytes: Buffer): number {
  const start = performance.now();
  const read = readCsvFile(bytes, knownHeaders(kind));
  if (!read.file || read.issues.length > 0) throw new BenchFailure(`${kind}: the generated file does not read`);
  const header = readHeader(kind, read.file.header, 'fr');
  const schema = rowSchemas[kind]({ convention: 'fr', currency: 'EUR', timeZone: 'Europe/Paris', lang: 'fr' });
  for (const record of read.file.records) {
    if (!schema.safeParse(recordValues(header.map, record.cells)).success) throw new BenchFailure(`${kind}: line ${record.line} does not pass its schema`);
  }
  return (performance.now() - start) / 1000;
}

async function benchDatabase(label: string, database: DatabaseHandle, files: Files): Promise<DatabaseResult> {
  const db = database.db;
  const version = String(((await database.rows<{ v: string }>(db, sql`select current_setting('server_version') as v`))[0]?.v) ?? '?');
  const { workspace, member } = await db.transaction(async (tx) => {
    const ws = await ensureWorkspace(tx, { platform: 'console', workspaceId: `bench-csv-${Date.now()}`, channelId: 'bench', userId: 'bench-admin', isDM: true }, NOW, { timeZone: 'Europe/Paris', currency: 'EUR' });
    const admin = await ensureMember(tx, ws, { id: 'bench-admin', displayName: 'Bench Admin' }, NOW);
    await tx.insert(members).values(TEAM.map((name, i) => ({ workspaceId: ws.id, platformUserId: `bench-rep-${i}`, displayName: name, role: 'rep' as const, createdAt: NOW })));
    return { workspace: ws, member: admin };
  });
  const steps: Step[] = [];
  const run = async (name: string, kind: CsvKind, bytes: Buffer, expect: (r: ImportReport) => boolean, dryRun = false): Promise<number> => {
    const start = performance.now();
    const report = await importCsv(db, { kind, bytes, fileName: `${kind}.csv`, dryRun, workspace, member, now: NOW, lang: 'fr' });
    const seconds = (performance.now() - start) / 1000;
    if (report.outcome !== 'ok' || !expect(report)) {
      throw new BenchFailure(`${label} ${name}: ${report.outcome} ${JSON.stringify({ ...report, issues: report.issues.slice(0, 5).map((i) => renderIssue(i, 'en')) })}`);
    }
    steps.push({ name, rows: report.lines, seconds });
    console.log(`${label}: ${name} — ${report.lines} lines in ${seconds.toFixed(2)} s (${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged)`);
    return seconds;
  };
  await run('contacts (imported first)', 'contacts', files.contacts, (r) => r.created === config.contacts);
  await run('deals (imported first)', 'deals', files.deals, (r) => r.created === config.deals);
  const activitiesSeconds = await run('**activities**', 'activities', files.activities, (r) => r.created === config.activities);
  await run('activities again (every line unchanged)', 'activities', files.activities, (r) => r.unchanged === config.activities && r.created === 0);
  await run('activities, dry run (every line unchanged)', 'activities', files.activities, (r) => r.unchanged === config.activities, true);

  // Checked outside the timings: every activity stored, every deal with activities touched.
  const [stored] = await db.select({ n: count() }).from(activities).where(eq(activities.workspaceId, workspace.id));
  if (Number(stored?.n) !== config.activities) throw new BenchFailure(`${label}: ${stored?.n} activities stored`);
  const [untouched] = await db.select({ n: count() }).from(deals).where(and(eq(deals.workspaceId, workspace.id), isNull(deals.lastActivityAt)));
  console.log(`${label}: ${untouched?.n} deals without activity after the import`);
  return { label, version, steps, activitiesSeconds };
}

/** The benchmark's own database, dropped and created afresh so every run starts empty. */
async function freshPostgresDatabase(url: string): Promise<string> {
  const target = new URL(url);
  target.pathname = `/${BENCH_DB}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const maintenance = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await maintenance.unsafe(`drop database if exists "${BENCH_DB}"`);
    await maintenance.unsafe(`create database "${BENCH_DB}"`);
  } finally {
    await maintenance.end({ timeout: 5 });
  }
  return target.toString();
}

// ---------------------------------------------------------------------------------------------
// Output

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()} (${os.arch()})`,
    load: os.loadavg().map((l) => l.toFixed(1)).join(' / '),
  };
}

const fmt = (n: number): string => n.toLocaleString('en-US');

function markdown(results: DatabaseResult[], files: Files, date: Date, m: ReturnType<typeof machine>, parseSeconds: number, notes: string[]): string {
  const pg = results.find((r) => r.label === 'PostgreSQL');
  const verdict = pg ? `${pg.activitiesSeconds.toFixed(1)} s on PostgreSQL — **${pg.activitiesSeconds <= TARGET_SECONDS ? 'met' : 'not met'}**` : 'PostgreSQL not measured in this run';
  const rows = results.flatMap((r) => r.steps.map((s, i) => [i === 0 ? `${r.label} (${r.version})` : '', s.name, fmt(s.rows), s.seconds.toFixed(2), fmt(Math.round(s.rows / s.seconds))]));
  return [
    `## CSV import: ${fmt(config.activities)} activities`,
    '',
    'Wall time of `importCsv` (what `relance import activities <file>` runs): decode and parse the file (csv-parse), check every line',
    'against its zod schema, resolve deals, contacts and members with a handful of set-based queries, then write in one',
    'transaction with multi-row `INSERT … ON CONFLICT (workspace_id, external_id) DO UPDATE` statements of 10,000 rows (one JSON',
    'parameter each), and recompute each touched deal\'s last activity time in one `UPDATE`. No audit row here (the CLI adds one).',
    '',
    `- **Date:** ${date.toISOString()}`,
    `- **Machine:** ${m.cpu}, ${m.cores} cores (nproc), ${m.memoryGiB.toFixed(1)} GiB RAM, ${m.platform}, Node ${m.node}; load average at the start ${m.load}`,
    `- **File:** ${fmt(config.activities)} lines, ${(files.activities.length / 1024 ** 2).toFixed(1)} MiB, French conventions (\`;\`, BOM, \`31/12/2026 14:30\` times in Europe/Paris, \`1h30\` durations, labels such as \`Rendez-vous\`), each line naming a deal and a contact by external id among ${fmt(config.deals)} deals and ${fmt(config.contacts)} contacts imported beforehand from their own files`,
    `- **Reading and checking the file alone** (no database): ${parseSeconds.toFixed(2)} s`,
    `- **Target (issue):** ≤ ${TARGET_SECONDS} s on PostgreSQL — ${verdict}`,
    ...notes.map((n) => `- ${n}`),
    '',
    '| Database | Import | Lines | Seconds | Lines/s |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    'Each database starts empty (PostgreSQL: a dedicated `relance_bench_csv` database, dropped and created; PGlite: a new',
    'directory). "Again" imports the same file a second time: every line is found by its external id and compared, nothing is',
    'written. The dry run does the whole import and rolls it back.',
  ].join('\n');
}

async function main(): Promise<void> {
  const m = machine();
  console.log(`Relance CSV import — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}, load ${m.load}`);
  const date = new Date();
  const files = generate();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relance-csv-bench-'));
  const notes: string[] = [];
  try {
    // The files on disk too, to try the CLI by hand: relance import activities <dir>/activities.csv
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, `${name}.csv`), bytes);
    console.log(`Files in ${dir}: activities.csv ${(files.activities.length / 1024 ** 2).toFixed(1)} MiB`);
    const parseSeconds = parseOnly('activities', files.activities);
    console.log(`Reading and checking ${config.activities} lines (no database): ${parseSeconds.toFixed(2)} s`);
    const results: DatabaseResult[] = [];
    if (config.postgres) {
      const url = await freshPostgresDatabase(serverUrl);
      const database = await openDatabase({ target: url });
      try {
        results.push(await benchDatabase('PostgreSQL', database, files));
      } finally {
        await database.close();
      }
    } else notes.push('PostgreSQL skipped in this run (BENCH_CSV_DATABASES / BENCH_DATABASE_URL=-).');
    if (config.pglite) {
      const database = await openDatabase({ target: path.join(dir, 'pglite') });
      try {
        results.push(await benchDatabase('PGlite', database, files));
      } finally {
        await database.close();
      }
    } else notes.push('PGlite skipped in this run (BENCH_CSV_DATABASES).');
    if (config.report !== '-') {
      await writeReportSection(config.report, 'csv-import', markdown(results, files, date, m, parseSeconds, notes));
      console.log(`\nWrote the csv-import section of ${config.report}`);
    }
    const pg = results.find((r) => r.label === 'PostgreSQL');
    if (pg && pg.activitiesSeconds > TARGET_SECONDS) console.log(`\nTarget not met: ${pg.activitiesSeconds.toFixed(1)} s > ${TARGET_SECONDS} s on PostgreSQL`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
