// Reminders across real processes on real PostgreSQL (PGlite is single-process, so this file
// only runs with TEST_DATABASE_URL). Each worker process (test/support/nudge-worker.ts) runs the
// real scheduler, run coordinator and nudges job on a one-second cron with a fixed clock, and
// records what it sends. Two replicas on one database for several slots send each reminder
// exactly once; a replica killed between claim and send has its messages sent once by another
// after the lease, never before; a replica stopped by SIGTERM during a delivery finishes it
// first. Each test gets its own fresh database on the TEST_DATABASE_URL server, dropped at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { deals, jobRuns, members, nudges, outbox } from '../../src/db/schema.ts';
import { normalizeKey } from '../../src/core/parse/tokenize.parser.ts';
import { ensureWorkspace } from '../../src/services/workspace.service.ts';
import type { RecordedSend } from '../support/nudge-worker.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const root = fileURLToPath(new URL('../..', import.meta.url));
const workerScript = fileURLToPath(new URL('../support/nudge-worker.ts', import.meta.url));
// Record files of the workers (created on first use: nothing is made when the file is skipped).
let scratch: string | undefined;
const scratchDir = (): string => (scratch ??= mkdtempSync(path.join(tmpdir(), 'relance-nudges-')));

// Monday 30 November 2026, 10:00 UTC: 11:00 in Paris, 10:00 in London, 15:30 in Kolkata (all
// inside 09:00–18:00), 05:00 in New York (too early: no reminder).
const NOW = new Date('2026-11-30T10:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

// ---------------------------------------------------------------- databases

const created: Array<{ name: string; handle: DatabaseHandle }> = [];

async function freshDatabase(): Promise<{ url: string; handle: DatabaseHandle }> {
  const name = `relance_nudges_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  // Migrations run on open, here, before any worker starts.
  const handle = await openDatabase({ target: url.toString(), maxConnections: 2 });
  created.push({ name, handle });
  return { url: url.toString(), handle };
}

afterAll(async () => {
  for (const w of running) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  if (created.length > 0) {
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    try {
      for (const { name, handle } of created) {
        await handle.close().catch(() => {});
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      }
    } finally {
      await admin.end({ timeout: 5 });
    }
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// ---------------------------------------------------------------- data

interface World {
  workspaceId: number;
  /** Member platform id → the deal ids their one reminder must list (sorted). */
  expected: Map<string, number[]>;
  /** Members with due deals who must get nothing (window closed, reminders off). */
  quiet: string[];
}

/**
 * One Slack workspace with reps in Paris, London and Kolkata (window open at NOW), each owning
 * one to three due deals (stale, or next step overdue) and one fine deal; plus reps in New York
 * (too early) and reps who switched reminders off, with due deals too.
 */
async function seed(db: DatabaseHandle['db'], perZone: number): Promise<World> {
  const ws = await ensureWorkspace(db, { platform: 'slack', workspaceId: 'T-NUDGES', channelId: 'C1', userId: 'U-admin', isDM: false }, daysAgo(60), { timeZone: 'Europe/Paris', language: 'en' });
  const people: Array<{ userId: string; timeZone: string; nudgesEnabled: boolean; due: number }> = [];
  for (const [tag, timeZone] of [['par', 'Europe/Paris'], ['lon', 'Europe/London'], ['kol', 'Asia/Kolkata']] as const) {
    for (let i = 0; i < perZone; i++) people.push({ userId: `U-${tag}-${i}`, timeZone, nudgesEnabled: true, due: 1 + (i % 3) });
  }
  for (let i = 0; i < 3; i++) people.push({ userId: `U-nyc-${i}`, timeZone: 'America/New_York', nudgesEnabled: true, due: 2 });
  for (let i = 0; i < 3; i++) people.push({ userId: `U-off-${i}`, timeZone: 'Europe/Paris', nudgesEnabled: false, due: 2 });
  const rows = await db
    .insert(members)
    .values(people.map((p, i) => ({ workspaceId: ws.id, platformUserId: p.userId, displayName: p.userId, role: i === 0 ? ('admin' as const) : ('rep' as const), timeZone: p.timeZone, locale: 'en-US', nudgesEnabled: p.nudgesEnabled, createdAt: daysAgo(60) })))
    .returning({ id: members.id, userId: members.platformUserId });
  const idOf = new Map(rows.map((r) => [r.userId, r.id]));
  const dealRows: Array<typeof deals.$inferInsert> = [];
  const base = { workspaceId: ws.id, stage: 'demo', status: 'open' as const, probability: 50, currency: 'EUR', amountMinor: 1_000_000, createdAt: daysAgo(30), updatedAt: daysAgo(30) };
  for (const p of people) {
    for (let d = 0; d < p.due; d++) {
      const name = `${p.userId} due ${d}`;
      // Alternately stale (no activity for 20 days) and with a next step overdue.
      const due = d % 2 === 0 ? { lastActivityAt: daysAgo(20), nextStep: 'Call back', nextStepDue: '2026-12-15' } : { lastActivityAt: daysAgo(2), nextStep: 'Send the quote', nextStepDue: '2026-11-20' };
      dealRows.push({ ...base, name, nameKey: normalizeKey(name), ownerId: idOf.get(p.userId)!, ...due });
    }
    const fine = `${p.userId} fine`;
    dealRows.push({ ...base, name: fine, nameKey: normalizeKey(fine), ownerId: idOf.get(p.userId)!, lastActivityAt: daysAgo(1), nextStep: 'Demo', nextStepDue: '2026-12-10' });
  }
  const inserted = await db.insert(deals).values(dealRows).returning({ id: deals.id, name: deals.name, ownerId: deals.ownerId });
  const expected = new Map<string, number[]>();
  const quiet: string[] = [];
  for (const p of people) {
    const open = p.nudgesEnabled && !p.userId.startsWith('U-nyc');
    if (!open) {
      quiet.push(p.userId);
      continue;
    }
    const ids = inserted.filter((d) => d.ownerId === idOf.get(p.userId) && d.name.includes(' due ')).map((d) => d.id);
    expected.set(p.userId, ids.sort((a, b) => a - b));
  }
  return { workspaceId: ws.id, expected, quiet };
}

// ---------------------------------------------------------------- worker processes

interface Worker {
  name: string;
  child: ChildProcess;
  record: string;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Worker[] = [];

function spawnWorker(mode: 'schedule' | 'crash', name: string, url: string, now: Date, env: Record<string, string> = {}): Worker {
  const record = path.join(scratchDir(), `${name}-${randomBytes(3).toString('hex')}.jsonl`);
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript, mode, name, url, now.toISOString(), record], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const worker: Worker = {
    name,
    child,
    record,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on('data', (chunk: Buffer) => (worker.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (worker.stderr += chunk.toString()));
  running.push(worker);
  return worker;
}

/** What the workers said, for failure messages. */
const report = (workers: Worker[]) =>
  workers.map((w) => `--- ${w.name} (exit ${w.child.exitCode ?? w.child.signalCode ?? 'running'})\nstdout: ${w.stdout.trim()}\nstderr: ${w.stderr.trim() || '(empty)'}`).join('\n');

async function waitFor(what: string, check: () => boolean | Promise<boolean>, workers: Worker[], timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    const dead = workers.find((w) => w.child.exitCode !== null || w.child.signalCode !== null);
    if (dead) throw new Error(`worker ${dead.name} exited while waiting for ${what}\n${report(workers)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${report(workers)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Starts scheduler workers together: each opens the database, then all get `go` at once. */
async function startSchedulers(workers: Worker[]): Promise<void> {
  await waitFor('the workers to open the database', () => workers.every((w) => w.stdout.includes('ready')), workers, 30_000);
  for (const w of workers) w.child.stdin!.write('go\n');
  await waitFor('the schedulers to start', () => workers.every((w) => w.stdout.includes('started')), workers);
}

/** SIGTERM, as a deployment would: the worker stops its scheduler, closes and exits 0. */
async function stopSchedulers(workers: Worker[]): Promise<void> {
  for (const w of workers) w.child.kill('SIGTERM');
  const exits = await Promise.all(workers.map((w) => w.exit));
  exits.forEach((exit, i) => expect(exit, `${workers[i]!.name} exit\n${report(workers)}`).toEqual({ code: 0, signal: null }));
}

const sendsOf = (w: Worker): RecordedSend[] =>
  existsSync(w.record)
    ? readFileSync(w.record, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RecordedSend)
    : [];

async function completedSlots(db: DatabaseHandle['db'], workers: string[]): Promise<Array<{ claimedBy: string }>> {
  return db.select({ claimedBy: jobRuns.claimedBy }).from(jobRuns).where(and(isNotNull(jobRuns.completedAt), inArray(jobRuns.claimedBy, workers)));
}

/** Each expected member got exactly one message listing exactly their due deals; nobody else got any. */
function expectEachMemberOnce(sends: RecordedSend[], world: World, diagnostics: string): void {
  const byUser = new Map<string, RecordedSend[]>();
  for (const s of sends) byUser.set(s.ref.userId, [...(byUser.get(s.ref.userId) ?? []), s]);
  const duplicates = [...byUser].filter(([, list]) => list.length > 1).map(([user, list]) => `${user} ×${list.length} by ${list.map((s) => s.worker).join(', ')}`);
  expect(duplicates, `members reminded more than once\n${diagnostics}`).toEqual([]);
  expect([...byUser.keys()].sort(), diagnostics).toEqual([...world.expected.keys()].sort());
  for (const [user, ids] of world.expected) {
    const message = byUser.get(user)![0]!;
    expect(message.ref, user).toMatchObject({ platform: 'slack', workspaceId: 'T-NUDGES', userId: user, isDM: true });
    expect([...message.dealIds].sort((a, b) => a - b), user).toEqual(ids);
  }
  for (const user of world.quiet) expect(byUser.has(user), user).toBe(false);
  // Across messages, no deal is listed twice.
  const listed = sends.flatMap((s) => s.dealIds);
  expect(new Set(listed).size).toBe(listed.length);
}

// ---------------------------------------------------------------- tests

describe.skipIf(!serverUrl)('reminders across processes on PostgreSQL', () => {
  it('two scheduler replicas on one database send each reminder exactly once over several slots', async () => {
    const { url, handle } = await freshDatabase();
    const db = handle.db;
    // 90 reminders: more than one claim batch (50), so both replicas have work to share.
    const world = await seed(db, 30);
    const expectedDeals = [...world.expected.values()].flat().sort((a, b) => a - b);
    // Each send takes 50 ms, like a chat API call: a slot's delivery outlasts the one-second
    // cron, so the next slot goes to the other replica (node-cron's noOverlap on the busy one)
    // while the first is still sending.
    const workers = [spawnWorker('schedule', 'alpha', url, NOW, { SEND_DELAY_MS: '50' }), spawnWorker('schedule', 'beta', url, NOW, { SEND_DELAY_MS: '50' })];
    onTestFailed(() => console.error(report(workers)));
    await startSchedulers(workers);
    // Run until everything is delivered and at least six slots have run (the later ones idle:
    // planning again and claiming again must find nothing new).
    await waitFor(
      'all reminders sent and six slots run',
      async () => {
        const open = await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.status, ['pending', 'sending']));
        const all = await db.select({ id: outbox.id }).from(outbox);
        const slots = await completedSlots(db, ['alpha', 'beta']);
        return all.length === world.expected.size && open.length === 0 && slots.length >= 6;
      },
      workers,
    );
    await stopSchedulers(workers);

    const sends = workers.flatMap(sendsOf);
    const diagnostics = `sends by worker: ${workers.map((w) => `${w.name}=${sendsOf(w).length}`).join(', ')}\n${report(workers)}`;
    expectEachMemberOnce(sends, world, diagnostics);

    // Every planned reminder (one per due deal and day) was sent, once.
    const planned = await db.select().from(nudges).where(eq(nudges.workspaceId, world.workspaceId));
    expect(planned.map((n) => n.dealId).sort((a, b) => a - b)).toEqual(expectedDeals);
    expect(planned.every((n) => n.status === 'sent' && n.window === '2026-11-30')).toBe(true);
    expect(sends.flatMap((s) => s.dealIds).sort((a, b) => a - b)).toEqual(expectedDeals);

    // One outbox row per member, sent on its first and only claim, by the replica that recorded it.
    const rows = await db.select().from(outbox).where(eq(outbox.workspaceId, world.workspaceId));
    expect(rows).toHaveLength(world.expected.size);
    expect(rows.filter((r) => r.status !== 'sent' || r.attempts !== 1), 'rows not sent on the first claim').toEqual([]);
    const memberIds = new Map((await db.select({ id: members.id, userId: members.platformUserId }).from(members)).map((m) => [m.id, m.userId]));
    for (const row of rows) {
      const sentBy = sends.find((s) => s.ref.userId === memberIds.get(row.memberId!))!.worker;
      expect(row.claimedBy, `outbox ${row.key}`).toBe(sentBy);
    }

    // Both replicas ran slots, and both delivered part of the reminders.
    const slots = await completedSlots(db, ['alpha', 'beta']);
    expect(new Set(slots.map((s) => s.claimedBy)), diagnostics).toEqual(new Set(['alpha', 'beta']));
    expect(new Set(rows.map((r) => r.claimedBy)), diagnostics).toEqual(new Set(['alpha', 'beta']));
    // node-cron's slots are one per second and the coordinator gives each to one replica.
    const keys = (await db.select({ key: jobRuns.key }).from(jobRuns)).map((r) => r.key);
    expect(keys.every((k) => /^nudges:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/.test(k))).toBe(true);
  });

  it('a replica killed between claim and send: nobody sends before the lease ends, then exactly once', async () => {
    const { url, handle } = await freshDatabase();
    const db = handle.db;
    const world = await seed(db, 4);
    const rowsOf = () => db.select().from(outbox).where(eq(outbox.workspaceId, world.workspaceId));
    // Process start-up is the slow part: each process is started ahead of its turn, while the
    // previous one runs, and its scheduler waits for `go`.
    const doomed = spawnWorker('crash', 'doomed', url, NOW);
    const early = spawnWorker('schedule', 'early', url, at(1));
    const workers = [doomed, early];
    onTestFailed(() => console.error(report(workers)));

    // 1. `doomed` plans, claims every due row, and is SIGKILLed before sending.
    expect(await doomed.exit, report(workers)).toEqual({ code: null, signal: 'SIGKILL' });
    const claimed = (JSON.parse(doomed.stdout.trim().split('\n').at(-1)!) as { claimed: Array<{ id: number; claimedBy: string }> }).claimed;
    expect(claimed).toHaveLength(world.expected.size);
    expect(sendsOf(doomed)).toEqual([]);
    let rows = await rowsOf();
    expect(rows).toHaveLength(world.expected.size);
    expect(rows.every((r) => r.status === 'sending' && r.claimedBy === 'doomed' && r.attempts === 1 && r.claimedAt?.getTime() === NOW.getTime())).toBe(true);
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(claimed.map((c) => c.id).sort((a, b) => a - b));

    // 2. A minute later the claim is still fresh: a scheduler runs several slots and sends nothing.
    await startSchedulers([early]);
    const late = [spawnWorker('schedule', 'late-a', url, at(3)), spawnWorker('schedule', 'late-b', url, at(3))];
    const again = spawnWorker('schedule', 'again', url, at(10));
    workers.push(...late, again);
    await waitFor('three slots of `early`', async () => (await completedSlots(db, ['early'])).length >= 3, [early]);
    await stopSchedulers([early]);
    expect(sendsOf(early)).toEqual([]);
    rows = await rowsOf();
    expect(rows.every((r) => r.status === 'sending' && r.claimedBy === 'doomed' && r.attempts === 1)).toBe(true);

    // 3. Three minutes after the claim the lease (2 minutes) is over: two replicas race for the
    //    abandoned rows and each message goes out exactly once.
    await startSchedulers(late);
    await waitFor(
      'the abandoned rows sent and three slots run',
      async () => (await rowsOf()).every((r) => r.status === 'sent') && (await completedSlots(db, ['late-a', 'late-b'])).length >= 3,
      late,
    );
    await stopSchedulers(late);
    const sends = late.flatMap(sendsOf);
    expectEachMemberOnce(sends, world, report(workers));
    rows = await rowsOf();
    expect(rows.filter((r) => r.status !== 'sent' || r.attempts !== 2 || !['late-a', 'late-b'].includes(r.claimedBy ?? '') || r.sentAt?.getTime() !== at(3).getTime())).toEqual([]);
    const planned = await db.select().from(nudges).where(eq(nudges.workspaceId, world.workspaceId));
    expect(planned.every((n) => n.status === 'sent')).toBe(true);
    expect(planned).toHaveLength([...world.expected.values()].flat().length);

    // 4. One more replica later that morning: nothing left to send, nothing sent again.
    await startSchedulers([again]);
    await waitFor('two slots of `again`', async () => (await completedSlots(db, ['again'])).length >= 2, [again]);
    await stopSchedulers([again]);
    expect(sendsOf(again)).toEqual([]);
    expect((await rowsOf()).every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
  });

  it('a replica stopped (SIGTERM) in the middle of a delivery finishes it before exiting', async () => {
    const { url, handle } = await freshDatabase();
    const db = handle.db;
    const world = await seed(db, 4);
    const rowsOf = () => db.select().from(outbox).where(eq(outbox.workspaceId, world.workspaceId));
    // Slow sends (200 ms each): the 12 messages take seconds, and the stop lands in between.
    const leaving = spawnWorker('schedule', 'leaving', url, NOW, { SEND_DELAY_MS: '200' });
    const next = spawnWorker('schedule', 'next', url, at(3));
    const workers = [leaving, next];
    onTestFailed(() => console.error(report(workers)));
    await startSchedulers([leaving]);
    await waitFor('the first messages', () => sendsOf(leaving).length >= 2, [leaving]);
    leaving.child.kill('SIGTERM');
    const sentBeforeStop = sendsOf(leaving).length;
    expect(sentBeforeStop, 'the stop must land in the middle of the delivery').toBeLessThan(world.expected.size);
    expect(await leaving.exit, report(workers)).toEqual({ code: 0, signal: null });
    // Everything it had claimed went out and was recorded as sent before the process ended:
    // nothing is left `sending` for another replica to send again after the lease.
    const left = (await rowsOf()).filter((r) => r.status !== 'sent' || r.claimedBy !== 'leaving' || r.attempts !== 1);
    expect(left.map((r) => `${r.key} ${r.status} ${r.claimedBy}`), 'rows not sent by the stopped replica').toEqual([]);
    expectEachMemberOnce(sendsOf(leaving), world, report(workers));
    // Its slot was closed too (the coordinator's onComplete ran before the database closed).
    const slots = await db.select().from(jobRuns).where(eq(jobRuns.claimedBy, 'leaving'));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.filter((s) => s.completedAt === null)).toEqual([]);

    // A replica after the lease finds nothing to send again.
    await startSchedulers([next]);
    await waitFor('two slots of `next`', async () => (await completedSlots(db, ['next'])).length >= 2, [next]);
    await stopSchedulers([next]);
    expect(sendsOf(next)).toEqual([]);
  });
});
