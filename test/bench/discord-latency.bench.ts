// Discord: time from INTERACTION_CREATE on the (fake, local) gateway to the interaction
// callback POST, through the real discord.js Client, the bot and the database. Target from
// the issue: p99 ≤ 50 ms.
//   npm run bench   (PostgreSQL with BENCH_DATABASE_URL / TEST_DATABASE_URL, else PGlite in memory)
//   BENCH_DISCORD_ITERATIONS (300)
import { cpus, totalmem, type } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createDiscordAdapter } from '../../adapters/discord/discord-adapter.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot } from '../../src/core/bot.ts';
import { openDatabase } from '../../src/db/client.ts';
import { seedWorkspace } from '../../src/services/seed.service.ts';
import { ensureMember, ensureWorkspace, setMember } from '../../src/services/workspace.service.ts';
import { startDiscordFake } from '../fakes/discord-gateway.fake.ts';
import { chatInput } from '../support/discord-environment.ts';
import { writeReportSection } from './report-section.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const iterations = Number(process.env['BENCH_DISCORD_ITERATIONS'] ?? 300);
const dbTarget = process.env['BENCH_DATABASE_URL'] || process.env['TEST_DATABASE_URL'] || 'memory://';
const GUILD = `7${String(Date.now()).slice(-12)}`;
const USER = '567318203596800001';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main(): Promise<void> {
  const fake = await startDiscordFake();
  const database = await openDatabase({ target: dbTarget, maxConnections: 4 });
  const silent = pino({ level: 'silent' });
  const bot = createBot({ database, registry: createDefaultRegistry(), logger: silent });
  const adapter = createDiscordAdapter({ token: 'FAKE.bot.token', apiUrl: fake.apiUrl, complete: bot.complete, logger: silent });
  await adapter.start(bot.handle);
  try {
    // The member and a realistic pipeline: 2,000 deals with activities, companies to log against.
    const workspaceId = await database.db.transaction(async (tx) => {
      const ws = await ensureWorkspace(tx, { platform: 'discord', workspaceId: GUILD, channelId: 'c', userId: USER, isDM: false }, new Date());
      const member = await ensureMember(tx, ws, { id: USER, displayName: 'Camille' }, new Date());
      await setMember(tx, member, { role: 'admin' });
      return ws.id;
    });
    await seedWorkspace(database.db, workspaceId, { deals: 2000, activities: 20000, now: new Date() });
    const [{ name: company } = { name: 'Acme' }] = (await database.rows<{ name: string }>(
      database.db,
      (await import('drizzle-orm')).sql`select name from companies where workspace_id = ${workspaceId} order by id limit 1`,
    )) as Array<{ name: string }>;

    const measure = async (label: string, make: () => Record<string, any>) => {
      const times: number[] = [];
      for (let i = 0; i < iterations + 30; i += 1) {
        const interaction = make();
        const start = performance.now();
        fake.dispatch(interaction);
        await fake.waitFor(() => fake.callsFor(interaction['token']).some((call) => call.path.endsWith('/callback')), 10_000);
        const callback = fake.callsFor(interaction['token']).find((call) => call.path.endsWith('/callback'))!;
        if (!JSON.stringify(callback.body).match(/✅|\(\d+\)/)) throw new Error(`${label}: unexpected reply ${JSON.stringify(callback.body).slice(0, 300)}`);
        if (i >= 30) times.push(callback.at - start);
      }
      fake.calls.length = 0;
      times.sort((a, b) => a - b);
      return { label, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1) ?? 0 };
    };
    const who = { guild: GUILD, user: USER, locale: 'en-US' };
    const results = [
      await measure('/log call <company> outbound 20min', () => chatInput(who, 'log', undefined, { type: 'call', target: company, direction: 'outbound', duration: '20min' })),
      await measure('/deal list all', () => chatInput(who, 'deal', 'list', { who: 'all' })),
    ];
    const met = results.every((r) => r.p99 <= 50);
    const markdown = [
      '## Discord: interaction to callback',
      '',
      'Time from an INTERACTION_CREATE frame sent by the local fake gateway to the interaction callback POST received by the fake',
      'REST API, through the real discord.js Client, the bot and the database; sequential, after 30 warm-up interactions.',
      'Workspace seeded with 2,000 deals and 20,000 activities.',
      '',
      `- **Date:** ${new Date().toISOString()}`,
      `- **Machine:** ${cpus()[0]?.model.trim() ?? '?'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${type()}, Node ${process.version}`,
      `- **Database:** ${dbTarget.startsWith('postgres') ? 'PostgreSQL' : 'PGlite (in memory)'}; ${iterations} interactions per scenario`,
      `- **Target:** p99 ≤ 50 ms — ${met ? '**met**' : '**not met**'}`,
      '',
      '| Interaction | p50 ms | p95 ms | p99 ms | max ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...results.map((r) => `| \`${r.label}\` | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(2)} |`),
      '',
    ].join('\n');
    console.log(markdown);
    const report = process.env['BENCH_REPORT'] || path.join(ROOT, 'docs', 'benchmarks.md');
    if (report !== '-') await writeReportSection(report, 'discord', markdown);
  } finally {
    await adapter.stop();
    await fake.close();
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('discord benchmark failed:', error);
    process.exit(1);
  },
);
