// One Relance replica for test/core/nudges-processes.test.ts, run as its own process:
//   node --import tsx test/support/nudge-worker.ts <mode> <worker name> <postgres url> <now ISO> <record file>
// Modes:
//   schedule  opens the database, prints `ready`, waits for `go` on stdin, then runs the REAL
//             scheduler (startScheduler, PostgreSQL run coordinator) with the real nudges job on
//             a one-second cron and a fixed clock, until SIGTERM: scheduler.stop(), close, exit 0.
//   crash     plans, claims the due outbox rows (claimDue), prints them, then SIGKILLs itself
//             before sending anything: a replica dying between claim and send.
// Messages go to a recording adapter that appends one JSON line per message to the record file:
// { worker, ref, dealIds, at }. SEND_DELAY_MS makes each send take that long (a chat API call).
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import type { ChatAdapter, ConversationRef, Reply } from '../../src/core/types.ts';
import { openDatabase } from '../../src/db/client.ts';
import { nudgesJob } from '../../src/jobs/nudges.job.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import { planNudges } from '../../src/nudges/nudge-planner.service.ts';
import { claimDue } from '../../src/nudges/outbox.service.ts';

export interface RecordedSend {
  worker: string;
  ref: ConversationRef;
  dealIds: number[];
  at: string;
}

const [mode, worker, url, nowIso, recordFile] = process.argv.slice(2);
if (!mode || !worker || !url || !nowIso || !recordFile) {
  process.stderr.write('usage: nudge-worker.ts <schedule|crash> <worker> <postgres url> <now ISO> <record file>\n');
  process.exit(2);
}
const now = new Date(nowIso);
const sendDelay = Number(process.env['SEND_DELAY_MS'] ?? 0);
const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'warn', base: { worker } }, pino.destination(2));

/** The deal ids a reminder lists: its text blocks start with `#<deal id> <name>`. */
const dealIdsOf = (reply: Reply): number[] =>
  reply.blocks.flatMap((block) => {
    const match = block.type === 'text' ? /^#(\d+) /.exec(block.text) : null;
    return match ? [Number(match[1])] : [];
  });

const recorder: ChatAdapter = {
  platform: 'slack',
  start: async () => {},
  stop: async () => {},
  async send(ref, reply) {
    if (sendDelay > 0) await sleep(sendDelay);
    const line: RecordedSend = { worker: worker!, ref, dealIds: dealIdsOf(reply), at: new Date().toISOString() };
    appendFileSync(recordFile!, `${JSON.stringify(line)}\n`);
  },
};

const database = await openDatabase({ target: url, maxConnections: 4 });

if (mode === 'crash') {
  await planNudges(database.db, now);
  const claimed = await claimDue(database.db, now, worker);
  process.stdout.write(`${JSON.stringify({ claimed: claimed.map((row) => ({ id: row.id, claimedBy: row.claimedBy })) })}\n`);
  // Dies here: the claimed rows stay `sending` under this worker's name, nothing was sent.
  process.kill(process.pid, 'SIGKILL');
  await new Promise(() => {});
}

if (mode !== 'schedule') {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'go' && resolve()));

// The real job, only on a one-second cron so a few seconds hold several slots.
const scheduler = startScheduler({
  jobs: [{ ...nudgesJob, cron: '* * * * * *' }],
  db: database.db,
  adapters: [recorder],
  logger,
  now: () => now,
  worker,
});
process.stdout.write('started\n');

process.once('SIGTERM', () => {
  void (async () => {
    await scheduler.stop();
    await database.close();
    lines.close();
    process.exit(0);
  })().catch((error: unknown) => {
    process.stderr.write(`stop failed: ${String(error)}\n`);
    process.exit(1);
  });
});
