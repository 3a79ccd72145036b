import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { loadVocabulary } from '../../src/understand/vocabulary-loader.service.ts';
import { fixtureSentences, scoreFixture, type FixtureFile } from '../support/understanding-fixture.ts';
import { testDatabaseTarget } from '../support/chat-harness.ts';
import { loadFixtureWorkspace } from '../support/understanding-workspace.ts';

// The rules against the committed sentences (issue 17's targets): at least 90 % understood
// exactly (command and every argument), no sentence turned into a write other than the one
// expected, and at least 95 % of those that must not write answered "not understood" or with a
// read. sentences.jsonl tuned the rules; each holdout file was written later without seeing them,
// scored once untouched (docs/benchmarks.md keeps those first scores), then used to widen the
// lexicon: here they guard what was learnt from them.

const registry = createDefaultRegistry();

describe.each<FixtureFile>(['sentences.jsonl', 'holdout.jsonl', 'holdout-2.jsonl', 'holdout-3.jsonl', 'holdout-4.jsonl', 'holdout-5.jsonl', 'holdout-6.jsonl', 'holdout-7.jsonl'])('%s', (file) => {
  const score = scoreFixture(registry, { file });

  it('is a real corpus: French first, English too, with sentences that must not write', () => {
    const sentences = fixtureSentences(file);
    const french = sentences.filter((sentence) => sentence.lang === 'fr').length;
    expect(french / sentences.length).toBeGreaterThanOrEqual(0.6);
    if (file === 'sentences.jsonl') {
      expect(sentences.length).toBeGreaterThanOrEqual(400);
      expect(sentences.filter((sentence) => sentence.kind === 'refuse').length).toBeGreaterThanOrEqual(40);
    }
  });

  it('understands at least 90 % exactly', () => {
    const misses = score.results.filter((result) => !result.exact).map((result) => `${result.sentence.id} ${result.sentence.text} → ${result.line ?? 'null'}`);
    expect(score.exact / score.total, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('never turns a sentence into a write other than the expected one', () => {
    expect(score.results.filter((result) => result.wrongWrite).map((result) => `${result.sentence.id} ${result.sentence.text} → ${result.line}`)).toEqual([]);
  });

  it('answers at least 95 % of the sentences that must not write with "not understood" or a read', () => {
    expect(score.refuse.safe / score.refuse.total).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the same rules on names read from the database', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 2 });
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives the same results with the workspace loaded through the services', async () => {
    const loaded = await loadFixtureWorkspace(database, `understanding-${randomUUID()}`);
    const vocabulary = await loadVocabulary(database, loaded.workspace.id);
    const fromFile = scoreFixture(registry);
    const fromDatabase = scoreFixture(registry, { vocabulary });
    expect(fromDatabase.exact).toBe(fromFile.exact);
    expect(fromDatabase.wrongWrites).toBe(0);
    // The same vocabulary object comes back while nothing changed (one fingerprint read).
    expect(await loadVocabulary(database, loaded.workspace.id)).toBe(vocabulary);
  });
});
