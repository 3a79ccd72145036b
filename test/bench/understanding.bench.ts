// Plain-language understanding (issue 17): the rules' scores on the committed fixtures, and
// their latency against a workspace of 10,000 deals (the fixture workspace plus seeded deals
// whose companies share its names: Garnier, Lefèvre, Lambert…), on PGlite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL. Target: p99 ≤ 5 ms.
// Measured: the rules alone (the vocabulary in memory, as the bot keeps it), and a sentence as
// the bot reads it (the vocabulary fingerprint query + the follow-up read + the rules), next to
// a bare `select 1` round trip on the same database as the baseline.
//
//   BENCH_UNDERSTAND_DEALS   deals in the workspace (default 10000)
//   BENCH_UNDERSTAND_ROUNDS  passes over the sentences (default 5)
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem, type } from 'node:os';
import { sql } from 'drizzle-orm';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { seedWorkspace } from '../../src/services/seed.service.ts';
import { loadTopic } from '../../src/understand/topic-store.ts';
import { understandSentence } from '../../src/understand/understand.ts';
import { dealVisibility, loadVocabulary } from '../../src/understand/vocabulary-loader.service.ts';
import { fixtureSentences, fixtureWorkspace, scoreFixture, type FixtureFile } from '../support/understanding-fixture.ts';
import { loadFixtureWorkspace } from '../support/understanding-workspace.ts';
import { intEnv } from './bench-env.ts';
import { writeReportSection } from './report-section.ts';

const DEALS = intEnv('BENCH_UNDERSTAND_DEALS', 10_000);
const ROUNDS = intEnv('BENCH_UNDERSTAND_ROUNDS', 5);
const registry = createDefaultRegistry();
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (n: number) => n.toFixed(3);

interface Latency {
  p50: number;
  p99: number;
  max: number;
}
async function measure(run: (text: string, lang: 'fr' | 'en') => unknown): Promise<Latency> {
  const sentences = [...fixtureSentences('sentences.jsonl'), ...fixtureSentences('holdout.jsonl')];
  for (const sentence of sentences) await run(sentence.text, sentence.lang); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const sentence of sentences) {
      const start = performance.now();
      await run(sentence.text, sentence.lang);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1) ?? 0 };
}

async function latencyOn(target: string, label: string): Promise<string[]> {
  const database: DatabaseHandle = await openDatabase({ target });
  try {
    const loaded = await loadFixtureWorkspace(database, `bench-understand-${randomUUID()}`);
    const fixture = fixtureWorkspace();
    const seedStart = performance.now();
    await seedWorkspace(database.db, loaded.workspace.id, { deals: DEALS - fixture.deals.length, activities: 0, now: new Date(fixture.now) });
    const seeded = ((performance.now() - seedStart) / 1000).toFixed(1);
    const coldStart = performance.now();
    const vocabulary = await loadVocabulary(database, loaded.workspace.id);
    const cold = performance.now() - coldStart;
    const now = new Date(fixture.now);
    const canSee = dealVisibility(loaded.speaker, vocabulary);
    const env = (lang: 'fr' | 'en') => ({ lang, now, timeZone: fixture.timeZone, currency: fixture.currency });
    const ref = { platform: 'console' as const, workspaceId: 'bench', channelId: 'terminal', userId: loaded.speaker.platformUserId, isDM: true };
    const rules = await measure((text, lang) => understandSentence({ sentence: text, registry, vocabulary, env: env(lang), speakerId: loaded.speaker.id, canSee }));
    const asTheBotReads = await measure(async (text, lang) => {
      const current = await loadVocabulary(database, loaded.workspace.id);
      const previous = await loadTopic(database.db, loaded.workspace.id, ref, now);
      return understandSentence({ sentence: text, registry, vocabulary: current, env: env(lang), speakerId: loaded.speaker.id, canSee, ...(previous ? { previous } : {}) });
    });
    const baseline = await measure(() => database.db.execute(sql`select 1`));
    return [
      `| ${label} | rules alone | ${ms(rules.p50)} | ${ms(rules.p99)} | ${ms(rules.max)} | ${rules.p99 <= 5 ? 'met' : 'not met'} |`,
      `| ${label} | as the bot reads (names check + follow-up read + rules) | ${ms(asTheBotReads.p50)} | ${ms(asTheBotReads.p99)} | ${ms(asTheBotReads.max)} | ${asTheBotReads.p99 <= 5 ? 'met' : 'not met'} |`,
      `| ${label} | baseline: \`select 1\` round trip | ${ms(baseline.p50)} | ${ms(baseline.p99)} | ${ms(baseline.max)} | — |`,
      `| ${label} | first read of the names (cold cache, ${vocabulary.deals.length} deals; seeding took ${seeded} s) | ${ms(cold)} | | | |`,
    ];
  } finally {
    await database.close();
  }
}

function scoreLine(file: FixtureFile): string {
  const score = scoreFixture(registry, { file });
  const byLang = (lang: 'fr' | 'en') => {
    const results = score.results.filter((result) => result.sentence.lang === lang);
    return `${results.filter((result) => result.exact).length}/${results.length}`;
  };
  return `| \`${file}\` | ${score.exact}/${score.total} = ${((100 * score.exact) / score.total).toFixed(1)} % | ${byLang('fr')} | ${byLang('en')} | ${score.wrongWrites} | ${score.refuse.safe}/${score.refuse.total} = ${((100 * score.refuse.safe) / score.refuse.total).toFixed(1)} % |`;
}

const files: FixtureFile[] = ['sentences.jsonl', 'holdout.jsonl', 'holdout-2.jsonl', 'holdout-3.jsonl', 'holdout-4.jsonl', 'holdout-5.jsonl', 'holdout-6.jsonl', 'holdout-7.jsonl'];
// Latency first: scoring six fixtures leaves garbage whose collection would land in the timings.
const rows = await latencyOn('memory://', 'PGlite');
const postgres = process.env['BENCH_DATABASE_URL'] || process.env['TEST_DATABASE_URL'];
if (postgres) rows.push(...(await latencyOn(postgres, 'PostgreSQL')));
const scores = files.map(scoreLine);

const markdown = [
  '## Plain-language understanding (issue 17)',
  '',
  `- **Date:** ${new Date().toISOString()}`,
  `- **Machine:** ${cpus()[0]?.model.trim() ?? '?'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${type()}, Node ${process.version}`,
  '- **Targets:** ≥ 90 % exact (command and every argument), 0 sentences turned into a write other than the expected one, ≥ 95 % of the must-not-write ones answered "not understood" or with a read; p99 ≤ 5 ms at 10,000 deals.',
  '',
  '### Rules alone on the fixtures',
  '',
  '| fixture | exact | French | English | wrong writes | must-not-write answered safely |',
  '|---|---|---|---|---|---|',
  ...scores,
  '',
  '`sentences.jsonl` was written first and the rules were tuned on it. `holdout.jsonl` was written afterwards by someone who had not seen the rules: its first run, before any change, scored **128/160 = 80.0 %** exact, **2** wrong writes, 21/22 must-not-write answered safely (rules at commit f09c5ff, 2026-12-07). The lexicon was then widened from its misses, so its figure above is no longer independent.',
  '',
  '`holdout-2.jsonl` was then written, again without seeing the rules, and scored once: **97/120 = 80.8 %** exact, **0** wrong writes, 20/20 must-not-write answered safely (commit aa6b528, 2026-12-07). Its misses were first read for bugs only; a later session widened the rules from them too.',
  '',
  'Each later file was written by someone who saw neither the rules nor the other held-out files, scored once as it came, and only then used to widen the rules. The first score of each is the honest figure for sentences nobody tuned on:',
  '',
  '| fixture (written 2026-12-07) | rules at | exact at first run | wrong writes | must-not-write answered safely |',
  '|---|---|---|---|---|',
  '| `holdout-3.jsonl`, 160 sentences | 990a463 | 126/160 = 78.8 % | 5 | 23/27 = 85.2 % |',
  '| `holdout-4.jsonl`, 140 sentences | 0361a2f | 121/140 = 86.4 % | 2 | 25/26 = 96.2 % |',
  '| `holdout-5.jsonl`, 120 sentences | e80836b | 101/120 = 84.2 % | 2 | 23/24 = 95.8 % |',
  '| `holdout-6.jsonl`, 120 sentences | 9c0c23d | 109/120 = 90.8 % | 0 | 24/24 = 100.0 % |',
  '| `holdout-7.jsonl`, 120 sentences | e145355 | 112/120 = 93.3 % | 1 | 23/23 = 100.0 % |',
  '',
  'So on fresh sentences the rules read 78.8 % to 93.3 % exactly, rising as each round was learnt from; the 90 % target was met at first run by the last two files. The wrong writes at first run were never silent: every write waits for « Enregistrer ». They were questions read as wins (« Lambert a signé ? »), a booked demo read as one held, a no-show read as a stage, and requests Relance cannot carry out (« ajoute X sur LinkedIn », "set up a Zoom"); each class, not only the sentence, is now handled and tested through the bot (test/core/talk-safety.test.ts).',
  '',
  `### Latency at ${DEALS.toLocaleString('en-US')} deals (${ROUNDS} passes over the first two fixtures, ms)`,
  '',
  '| database | what | p50 | p99 | max | p99 ≤ 5 ms |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  'The rules run in process on the names kept in memory; the bot reads one fingerprint row (counts, newest change, a hash of the names) at most every 2 s and reads the names again only when it differs (or after its own writes), and reads the thread\'s last question (follow-ups) for every sentence. Latency is measured before the fixtures are scored: scored first, six fixtures leave garbage whose collection landed in the timings (p99 7.5 ms on PGlite on 2026-12-07, 1.6 ms in this order).',
].join('\n');

// BENCH_REPORT=- prints only; by default the section of docs/benchmarks.md is replaced.
const report = process.env['BENCH_REPORT'] ?? fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
if (report !== '-') await writeReportSection(report, 'understanding', markdown);
console.log(markdown);
