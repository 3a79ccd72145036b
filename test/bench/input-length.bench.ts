// Input-length benchmark (`npm run bench`, issue 14 part 7): handling time against the length of
// what a member sends, from 100 to 100,000 characters. Two kinds of rows:
// - end to end: `bot.handle()` on a real database (PGlite in memory) with the reply rendered for
//   the platform, entering the way each adapter does (console line, Discord options turned into a
//   line by `commandLine`, Slack text read by `readSlackText`): notes, names, a record lookup and a
//   glossary lookup. Past the limits (src/core/limits.ts) the line is refused before it is read.
// - parts, without the entrance limit: tokenizer + argument reading of a /log line, the Discord
//   and Slack escapers and renderers, the console renderer, the glossary search.
// Checks: time per character stays within a constant factor from 6,000 characters up (linear),
// and a 6,000-character command is handled in under 20 ms on every platform. For reference, the
// discord.js escapeMarkdown it replaced is timed up to 20,000 characters. A script, not a vitest
// test: it exits non-zero when a check fails.
//
// Environment: BENCH_INPUT_RUNS (15) measured runs per size (median kept), BENCH_REPORT
// (docs/benchmarks.md; `-` to skip writing).
import { randomUUID } from 'node:crypto';
import { cpus, totalmem, type } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatInputCommandInteraction } from 'discord.js';
import { escapeMarkdown } from 'discord.js';
import { pino } from 'pino';
import { eq, asc } from 'drizzle-orm';
import { renderText } from '../../adapters/console/render-text.ts';
import { escapeDiscord } from '../../adapters/discord/discord-escape.ts';
import { commandLine } from '../../adapters/discord/discord-interactions.ts';
import { renderDiscordMessages } from '../../adapters/discord/discord-message.renderer.ts';
import { renderMessages } from '../../adapters/slack/block-kit.renderer.ts';
import { escapeMrkdwn, readSlackText } from '../../adapters/slack/slack-escape.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { dealAmountCommand } from '../../src/commands/deal/deal-amount.command.ts';
import { logCommand } from '../../src/commands/log.command.ts';
import { parseArgs } from '../../src/core/args.ts';
import { createBot } from '../../src/core/bot.ts';
import { UserError } from '../../src/core/errors.ts';
import { INPUT_LIMITS } from '../../src/core/limits.ts';
import type { Actor, ConversationRef, IncomingEvent, Reply } from '../../src/core/types.ts';
import { openDatabase } from '../../src/db/client.ts';
import { companies } from '../../src/db/schema.ts';
import { builtInGlossary } from '../../src/services/glossary.service.ts';
import { seedWorkspace } from '../../src/services/seed.service.ts';
import { ensureMember, ensureWorkspace, setMember } from '../../src/services/workspace.service.ts';
import { intEnv } from './bench-env.ts';
import { writeReportSection } from './report-section.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SIZES = [100, 1_000, 6_000, 20_000, 50_000, 100_000];
const RUNS = intEnv('BENCH_INPUT_RUNS', 15, 3);
const WARMUP = 3;
/** Time per character at any size ≥ 6,000 may be at most this many times that at 6,000 (quadratic: 16.7× at 100,000). */
const LINEAR_FACTOR = 5;
const BUDGET_6000_MS = 20;
const REFERENCE_MAX = 20_000;
const FIXED_NOW = new Date('2026-11-24T09:00:00Z');

/** Sales notes with every character that escapers and the tokenizer treat specially. */
const UNIT = 'Budget validé par l’acheteur, *remise* 5 % sur _snake_case_ ~~x~~ ||y|| `z` [a](b) #3 <@123> @here « devis » "ok" \n';
const textOf = (n: number): string => UNIT.repeat(Math.ceil(n / UNIT.length)).slice(0, n);
const wordsOf = (n: number): string => 'lorem ipsum dolor sit amet '.repeat(Math.ceil(n / 27)).slice(0, n).trim();

const median = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

interface Row {
  name: string;
  group: 'end to end' | 'part' | 'reference';
  /** Median ms per size (undefined: not run). */
  ms: Array<number | undefined>;
  /** Fastest run per size: the work itself, least disturbed by other processes (the linearity check uses it). */
  best: Array<number | undefined>;
  /** What the bot answered per size (end-to-end rows). */
  outcome: Array<string | undefined>;
}

async function timeIt(work: () => unknown | Promise<unknown>, runs = RUNS, warmup = WARMUP): Promise<{ median: number; best: number }> {
  for (let i = 0; i < warmup; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return { median: median(samples), best: Math.min(...samples) };
}

// ---------------------------------------------------------------------------------------------
// The bot on a small seeded workspace

const database = await openDatabase({ target: 'memory://' });
const ref: ConversationRef = { platform: 'console', workspaceId: `bench-${randomUUID()}`, channelId: 'bench', userId: 'bench-admin', isDM: false };
const actor: Actor = { id: 'bench-admin', displayName: 'Bench Admin', locale: 'en-US' };
const admin = await database.db.transaction(async (tx) => {
  const workspace = await ensureWorkspace(tx, ref, FIXED_NOW);
  return setMember(tx, await ensureMember(tx, workspace, actor, FIXED_NOW), { role: 'admin' });
});
await seedWorkspace(database.db, admin.workspaceId, { deals: 400, activities: 0, now: FIXED_NOW });
const [company] = await database.db.select({ name: companies.name }).from(companies).where(eq(companies.workspaceId, admin.workspaceId)).orderBy(asc(companies.id)).limit(1);
if (!company) throw new Error('the seed created no company');
const bot = createBot({ database, registry: createDefaultRegistry(), logger: pino({ level: 'silent' }), now: () => FIXED_NOW });

type Platform = 'console' | 'discord' | 'slack';

/** One event in, replies rendered for the platform out (what the member waits for). */
async function handle(platform: Platform, name: string, text: string): Promise<Reply[]> {
  const replies: Reply[] = [];
  // The same workspace whatever the renderer (a Discord ref would be another workspace, without the seeded records).
  const event: IncomingEvent = { kind: 'command', name, text, ref, actor, idempotencyKey: randomUUID() };
  await bot.handle(event, async (reply) => {
    replies.push(reply);
    if (platform === 'discord') renderDiscordMessages(reply);
    else if (platform === 'slack') renderMessages(reply);
    else renderText(reply);
  });
  return replies;
}

/** A Discord chat-input interaction with string options, as discord.js hands it over. */
const discordLine = (command: string, options: Record<string, string>): { name: string; text: string } =>
  commandLine({
    commandName: command,
    options: { getSubcommand: () => null, data: Object.entries(options).map(([name, value]) => ({ name, type: 3, value })) },
  } as unknown as ChatInputCommandInteraction);

/** Slack sends `&`, `<` and `>` as entities: the text as it arrives, read back by the adapter. */
const slackText = (text: string): string => readSlackText(escapeMrkdwn(text));

/** What the reply says, in a word, so the table shows which path each size took. */
function outcome(replies: Reply[]): string {
  const all = replies.map((reply) => renderText(reply).text).join('\n');
  if (/something went wrong/.test(all)) throw new Error(`internal error in the reply:\n${all.slice(0, 500)}`);
  if (all.includes('This command is too long')) return 'refused (line)';
  if (/is too long: [\d,]+ characters/.test(all)) return 'refused (field)';
  if (all.includes('✅')) return 'done';
  if (/cannot find any deal|Did you mean/i.test(all)) return 'not found';
  return 'answered';
}

const rows: Row[] = [];

async function endToEnd(name: string, platform: Platform, line: (n: number) => { name: string; text: string }): Promise<void> {
  const row: Row = { name, group: 'end to end', ms: [], best: [], outcome: [] };
  for (const n of SIZES) {
    const { name: command, text } = line(n);
    row.outcome.push(outcome(await handle(platform, command, text)));
    const timed = await timeIt(() => handle(platform, command, text));
    row.ms.push(timed.median);
    row.best.push(timed.best);
    process.stdout.write(`${name} @${n}: ${row.ms.at(-1)!.toFixed(2)} ms (${row.outcome.at(-1)})\n`);
  }
  rows.push(row);
}

async function part(name: string, work: (n: number) => (() => unknown), group: Row['group'] = 'part', maxSize = Infinity, few = false): Promise<void> {
  const row: Row = { name, group, ms: [], best: [], outcome: [] };
  for (const n of SIZES) {
    if (n > maxSize) {
      row.ms.push(undefined);
      row.best.push(undefined);
      continue;
    }
    const timed = group === 'reference' || few ? await timeIt(work(n), 3, 1) : await timeIt(work(n));
    row.ms.push(timed.median);
    row.best.push(timed.best);
    process.stdout.write(`${name} @${n}: ${row.ms.at(-1)!.toFixed(3)} ms\n`);
  }
  rows.push(row);
}

const quoted = (text: string): string => `"${text.replace(/"/g, "'")}"`;

await endToEnd('`/log` notes (console)', 'console', (n) => ({ name: 'log', text: `note ${quoted(company.name)} ${textOf(n)}` }));
await endToEnd('`/log` notes (Discord option)', 'discord', (n) => discordLine('log', { type: 'note', target: company.name, notes: textOf(n) }));
await endToEnd('`/log` notes (Slack)', 'slack', (n) => ({ name: 'log', text: slackText(`note ${quoted(company.name)} ${textOf(n)}`) }));
await endToEnd('`/deal new` name (console)', 'console', (n) => ({ name: 'deal', text: `new ${quoted(wordsOf(n))} ${quoted(company.name)}` }));
await endToEnd('`/deal show` record lookup (Discord)', 'discord', (n) => ({ name: 'deal', text: `show ${quoted(`${wordsOf(n)}`)}` }));
await endToEnd('`/define` glossary lookup (Slack)', 'slack', (n) => ({ name: 'define', text: slackText(`taux de conversion ${wordsOf(n)}`) }));

const env = { lang: 'en' as const, timeZone: 'Europe/Paris', currency: 'EUR', now: FIXED_NOW };
const longReply = (n: number): Reply => ({ visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: textOf(n) }, { type: 'fields', fields: [{ label: 'Notes', value: textOf(n) }] }] });
const glossary = builtInGlossary();
await part('tokenize + read `/log` arguments', (n) => {
  const line = `call ${quoted(company.name)} outbound 20min ${textOf(n)}`;
  return () => parseArgs(logCommand.args, line, env);
});
// Amounts typed in groups (`15 000 €`) are glued back together token by token; a line of groups only is the worst case.
await part('tokenize + read `/deal amount` arguments (digit groups)', (n) => {
  const line = `#12 1 ${'000 '.repeat(Math.ceil(n / 4))}`.slice(0, n);
  return () => {
    try {
      parseArgs(dealAmountCommand.args, line, env);
    } catch (error) {
      // The glued amount is then refused as too long (a UserError): the gluing is what is timed.
      if (!(error instanceof UserError)) throw error;
    }
  };
}, 'part', Infinity, true);
await part('Discord: escapeDiscord', (n) => {
  const text = textOf(n);
  return () => escapeDiscord(text);
});
await part('Discord: escapeDiscord, text without spaces', (n) => {
  const text = 'ab*cd_ef'.repeat(Math.ceil(n / 8)).slice(0, n);
  return () => escapeDiscord(text);
});
await part('Discord: render a reply', (n) => {
  const reply = longReply(n);
  return () => renderDiscordMessages(reply);
});
await part('Slack: readSlackText + render a reply', (n) => {
  const text = escapeMrkdwn(textOf(n));
  const reply = longReply(n);
  return () => {
    readSlackText(text);
    renderMessages(reply);
  };
});
await part('console: render a reply', (n) => {
  const reply = longReply(n);
  return () => renderText(reply);
});
await part('glossary search', (n) => {
  const query = `what is ${wordsOf(n)}`;
  return () => glossary.search(query);
});
await part('discord.js escapeMarkdown (before)', (n) => {
  const text = textOf(n);
  return () => escapeMarkdown(text);
}, 'reference', REFERENCE_MAX);
await part('discord.js escapeMarkdown, text without spaces (before)', (n) => {
  const text = 'ab*cd_ef'.repeat(Math.ceil(n / 8)).slice(0, n);
  return () => escapeMarkdown(text);
}, 'reference', REFERENCE_MAX);
await database.close();

// ---------------------------------------------------------------------------------------------
// Checks and report

const at = (row: Row, n: number): number | undefined => row.ms[SIZES.indexOf(n)];
const perChar = (row: Row, n: number): number | undefined => {
  const ms = row.best[SIZES.indexOf(n)];
  return ms === undefined ? undefined : (ms * 1000) / n;
};
const failures: string[] = [];
const slopes = new Map<Row, number>();
for (const row of rows.filter((r) => r.group !== 'reference')) {
  const base = perChar(row, 6_000)!;
  const worst = Math.max(...SIZES.filter((n) => n >= 6_000).map((n) => perChar(row, n)!));
  const factor = worst / base;
  slopes.set(row, factor);
  if (factor > LINEAR_FACTOR) failures.push(`${row.name}: time per character grows ${factor.toFixed(1)}× from 6,000 to 100,000 characters (limit ${LINEAR_FACTOR}×)`);
  if (row.group === 'end to end' && at(row, 6_000)! > BUDGET_6000_MS) failures.push(`${row.name}: ${at(row, 6_000)!.toFixed(1)} ms at 6,000 characters (limit ${BUDGET_6000_MS} ms)`);
}

const fmt = (ms: number | undefined): string => (ms === undefined ? '—' : ms < 1 ? ms.toFixed(3) : ms.toFixed(2));
const header = `| Path | ${SIZES.map((n) => `${n.toLocaleString('en-US')}`).join(' | ')} | µs/char at 100,000 (best run) | worst µs/char ÷ at 6,000 (best runs) |`;
const table = (group: Row['group']): string[] =>
  rows
    .filter((row) => row.group === group)
    .map((row) => {
      const cells = row.ms.map((ms, i) => (row.outcome[i] ? `${fmt(ms)} (${row.outcome[i]})` : fmt(ms)));
      const slope = slopes.get(row);
      return `| ${row.name} | ${cells.join(' | ')} | ${perChar(row, 100_000) === undefined ? '—' : perChar(row, 100_000)!.toFixed(3)} | ${slope === undefined ? '—' : `${slope.toFixed(2)}×`} |`;
    });
const align = `| --- | ${SIZES.map(() => '---:').join(' | ')} | ---: | ---: |`;
const e2e6000 = rows.filter((row) => row.group === 'end to end').map((row) => at(row, 6_000)!);
const ref20k = rows.find((row) => row.name.startsWith('discord.js escapeMarkdown, text without spaces'));
const ours20k = rows.find((row) => row.name === 'Discord: escapeDiscord, text without spaces');

const markdown = [
  '## Input length: handling time against the length of what a member sends',
  '',
  'Median time of one event (or one call) by input length, from 100 to 100,000 characters. **End to end**: `bot.handle()` on PGlite',
  '(in memory, a workspace seeded with 400 deals) with every reply rendered for its platform, entering as each adapter does: a',
  'console line, a Discord chat-input option turned into a line by `commandLine`, Slack text read back by `readSlackText`. Past the',
  `limits of \`src/core/limits.ts\` (whole line ${INPUT_LIMITS.line.toLocaleString('en-US')} characters, names ${INPUT_LIMITS.name}, other values ${INPUT_LIMITS.value}) the text is refused before`,
  'it is read, so those rows flatten out. **Parts**: the same steps without the entrance limit, on the whole text.',
  '',
  `- **Date:** ${new Date().toISOString()}`,
  `- **Machine:** ${cpus()[0]?.model.trim() ?? '?'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${type()}, Node ${process.version}`,
  `- **Runs:** ${WARMUP} warm-up + ${RUNS} measured per size (median); the discord.js reference 1 + 3 runs, up to ${REFERENCE_MAX.toLocaleString('en-US')} characters`,
  `- **Checks:** time per character (fastest run of each size, the least disturbed by other processes) at any size ≥ 6,000 within ${LINEAR_FACTOR}× of that at 6,000 (quadratic work would be 16.7× at 100,000) — ${
    failures.some((f) => f.includes('per character')) ? '**not met**' : '**met**'
  }; a 6,000-character command under ${BUDGET_6000_MS} ms (median) on every platform — ${e2e6000.every((ms) => ms <= BUDGET_6000_MS) ? '**met**' : '**not met**'} (slowest ${Math.max(...e2e6000).toFixed(2)} ms)`,
  '',
  '### End to end (ms; what the bot answered)',
  '',
  header,
  align,
  ...table('end to end'),
  '',
  '### Parts, without the entrance limit (ms)',
  '',
  header,
  align,
  ...table('part'),
  ...table('reference'),
  '',
  `Before this change a Discord reply quoting the member's text went through discord.js \`escapeMarkdown\`, whose look-behinds rescan the`,
  `whole run of non-space characters before each \`*\` and \`_\`: on text without spaces, ${ref20k && ours20k ? `${fmt(at(ref20k, 20_000))} ms at 20,000 characters against ${fmt(at(ours20k, 20_000))} ms for \`escapeDiscord\`` : ''};`,
  'the issue measured 52 s for one 100,000-character option. Error replies now quote at most 80 characters of the input.',
  '',
].join('\n');
console.log(`\n${markdown}`);
const report = process.env['BENCH_REPORT'] || path.join(ROOT, 'docs', 'benchmarks.md');
if (report !== '-') await writeReportSection(report, 'input-length', markdown);
if (failures.length > 0) {
  console.error(`\nFAILED:\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
}
