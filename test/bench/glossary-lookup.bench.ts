// Glossary lookup latency in process: every query of test/fixtures/glossary-queries.json through
// the real search (fillers, exact map, fuse.js), against a plain Map lookup of the same names in
// the same run. Target from the issue: p99 ≤ 1 ms.
import { readFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeKey } from '../../src/core/parse/tokenize.parser.ts';
import { builtInGlossary } from '../../src/services/glossary.service.ts';
import { writeReportSection } from './report-section.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const rounds = Number(process.env['BENCH_GLOSSARY_ROUNDS'] ?? 50);
const queries = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/glossary-queries.json'), 'utf8')) as Array<{ query: string; expected: string }>;

const index = builtInGlossary();
const map = new Map<string, string>();
for (const entry of index.entries.values()) for (const name of [entry.fr.name, entry.en.name, ...entry.fr.aliases, ...entry.en.aliases]) map.set(normalizeKey(name), entry.id);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
function time(run: (query: string) => unknown): { p50: number; p99: number; max: number } {
  for (const q of queries) run(q.query); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const q of queries) {
      const start = performance.now();
      run(q.query);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1) ?? 0 };
}

const ours = time((query) => index.search(query));
const baseline = time((query) => map.get(normalizeKey(query)));
const hits = queries.filter((q) => index.search(q.query).best?.id === q.expected).length;
const exactHits = queries.filter((q) => map.get(normalizeKey(q.query)) === q.expected).length;
const f = (n: number) => n.toFixed(4);
const markdown = [
  '## Glossary: lookup latency',
  '',
  `Every query of \`test/fixtures/glossary-queries.json\` (${queries.length} realistic queries: misspellings, missing accents, English names,`,
  `acronyms, questions), ${rounds} rounds, in process. Baseline: a \`Map\` of the same normalised names and aliases (exact match only).`,
  '',
  `- **Date:** ${new Date().toISOString()}`,
  `- **Machine:** ${cpus()[0]?.model.trim() ?? '?'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${type()}, Node ${process.version}`,
  `- **Terms:** ${index.entries.size}`,
  `- **Target:** p99 ≤ 1 ms — ${ours.p99 <= 1 ? '**met**' : '**not met**'}`,
  '',
  '| Lookup | p50 ms | p99 ms | max ms | right term (top 1) |',
  '| --- | ---: | ---: | ---: | ---: |',
  `| \`/define\` search (fillers, Map, fuse.js) | ${f(ours.p50)} | ${f(ours.p99)} | ${f(ours.max)} | ${hits}/${queries.length} (${((100 * hits) / queries.length).toFixed(1)} %) |`,
  `| exact \`Map\` lookup | ${f(baseline.p50)} | ${f(baseline.p99)} | ${f(baseline.max)} | ${exactHits}/${queries.length} (${((100 * exactHits) / queries.length).toFixed(1)} %) |`,
  '',
  `Ratio at p99: ${(ours.p99 / Math.max(baseline.p99, 0.0001)).toFixed(0)}×; the search pays for typo tolerance only when the exact map misses.`,
  '',
].join('\n');
console.log(markdown);
const report = process.env['BENCH_REPORT'] || path.join(ROOT, 'docs', 'benchmarks.md');
if (report !== '-') await writeReportSection(report, 'glossary', markdown);
