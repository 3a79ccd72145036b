// The plain-language fixture (test/fixtures/understanding): its workspace as vocabulary rows
// with ids in file order, its sentences, and the score of the rules against them — shared by
// the fixture test and the understanding benchmark.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Registry } from '../../src/core/registry.ts';
import { renderLine } from '../../src/understand/command-line.ts';
import { understandSentence } from '../../src/understand/understand.ts';
import { buildVocabulary, type Vocabulary, type VocabularyRows } from '../../src/understand/vocabulary.ts';

export interface FixtureWorkspace {
  now: string;
  timeZone: string;
  currency: string;
  speaker: string;
  members: Array<{ id: string; name: string; role: 'rep' | 'manager' | 'admin'; team?: string }>;
  companies: string[];
  contacts: Array<{ name: string; company: string }>;
  deals: Array<{ name: string; company: string; contact?: string; owner: string; stage: string; amount: number }>;
}

export interface FixtureSentence {
  id: string;
  lang: 'fr' | 'en';
  text: string;
  kind: 'write' | 'read' | 'refuse';
  expect: { command: string | null; args: Record<string, unknown>; ambiguous?: Record<string, string[]> };
}

const dir = new URL('../fixtures/understanding/', import.meta.url);

export const fixtureWorkspace = (): FixtureWorkspace => JSON.parse(readFileSync(new URL('workspace.json', dir), 'utf8')) as FixtureWorkspace;

/** `sentences.jsonl` (the rules were tuned on it) or a held-out file (written without seeing them, scored once, then learnt from). */
export type FixtureFile = 'sentences.jsonl' | 'holdout.jsonl' | 'holdout-2.jsonl' | 'holdout-3.jsonl' | 'holdout-4.jsonl' | 'holdout-5.jsonl' | 'holdout-6.jsonl' | 'holdout-7.jsonl';

export const fixtureSentences = (file: FixtureFile = 'sentences.jsonl'): FixtureSentence[] =>
  readFileSync(new URL(file, dir), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as FixtureSentence);

/** The workspace as vocabulary rows, ids in file order (1, 2, 3…), as a fresh database numbers them. */
export function fixtureRows(workspace: FixtureWorkspace): VocabularyRows & { memberIds: Map<string, number> } {
  const memberIds = new Map(workspace.members.map((member, index) => [member.id, index + 1]));
  const companies = workspace.companies.map((name, index) => ({ id: index + 1, name }));
  const companyId = (name: string | undefined): number | null => companies.find((row) => row.name === name)?.id ?? null;
  const contacts = workspace.contacts.map((contact, index) => ({ id: index + 1, name: contact.name, companyId: companyId(contact.company) }));
  const deals = workspace.deals.map((deal, index) => ({
    id: index + 1,
    name: deal.name,
    companyId: companyId(deal.company),
    contactId: contacts.find((row) => row.name === deal.contact)?.id ?? null,
    status: deal.stage === 'won' || deal.stage === 'lost' ? deal.stage : 'open',
    ownerId: memberIds.get(deal.owner) ?? 0,
  }));
  const members = workspace.members.map((member, index) => ({ id: index + 1, name: member.name }));
  return { companies, contacts, deals, members, memberIds };
}

/** `@<deal name>` → `#<id>`, the way the command line names deals. */
export function resolveExpected(value: unknown, dealId: (name: string) => number | undefined): unknown {
  if (typeof value === 'string' && value.startsWith('@')) {
    const id = dealId(value.slice(1));
    return id === undefined ? value : `#${id}`;
  }
  return value;
}

export interface SentenceResult {
  sentence: FixtureSentence;
  command: string | null;
  args: Record<string, unknown>;
  ambiguous?: { arg: string; candidates: string[] };
  line: string | null;
  exact: boolean;
  /** A write other than the expected one. */
  wrongWrite: boolean;
}

export interface FixtureScore {
  results: SentenceResult[];
  exact: number;
  total: number;
  wrongWrites: number;
  refuse: { total: number; safe: number };
}

/** Reads every sentence with the rules and compares with the expectation (free `notes` of /log only where expected). */
export function scoreFixture(registry: Registry, options: { vocabulary?: Vocabulary; file?: FixtureFile } = {}): FixtureScore {
  const workspace = fixtureWorkspace();
  const rows = fixtureRows(workspace);
  const vocabulary = options.vocabulary ?? buildVocabulary(rows);
  // Ids come from the vocabulary itself: file order for the pure one, the database's for a loaded one.
  const dealId = (name: string): number | undefined => vocabulary.deals.find((deal) => deal.name === name)?.id;
  const speakerName = workspace.members.find((member) => member.id === workspace.speaker)?.name;
  const speakerId = vocabulary.members.find((member) => member.name === speakerName)?.id ?? 0;
  const now = new Date(workspace.now);
  const results: SentenceResult[] = [];
  for (const sentence of fixtureSentences(options.file)) {
    const env = { lang: sentence.lang, now, timeZone: workspace.timeZone, currency: workspace.currency };
    const understanding = understandSentence({ sentence: sentence.text, registry, vocabulary, env, speakerId });
    let command: string | null = null;
    let args: Record<string, unknown> = {};
    let line: string | null = null;
    let readOnly = true;
    if (understanding.frame) {
      const rendered = renderLine(registry, understanding.frame, { ...env, lang: 'en' });
      command = `/${understanding.frame.path.join(' ')}`;
      args = rendered.values;
      line = rendered.line;
      const [head, sub] = understanding.frame.path;
      const entry = registry.find(head ?? '');
      const definition = entry && 'subcommands' in entry ? entry.subcommands.find((s) => s.name === sub) : entry;
      readOnly = Boolean(definition && 'readOnly' in definition && definition.readOnly);
    }
    const expectedArgs = Object.fromEntries(Object.entries(sentence.expect.args).map(([name, value]) => [name, resolveExpected(value, dealId)]));
    // Free notes are scored only where the sentence's expectation states them (a note's text).
    const gotArgs = { ...args };
    if (!('notes' in expectedArgs)) delete gotArgs['notes'];
    const ambiguous = understanding.ambiguous ? { arg: understanding.ambiguous.arg, candidates: understanding.ambiguous.candidates.map((c) => c.name).sort() } : undefined;
    const expectedAmbiguous = sentence.expect.ambiguous
      ? Object.entries(sentence.expect.ambiguous).map(([arg, names]) => ({ arg, candidates: names.map((name) => name.replace(/^@/, '')).sort() }))[0]
      : undefined;
    const exact = command === sentence.expect.command && isDeepStrictEqual(gotArgs, expectedArgs) && isDeepStrictEqual(ambiguous, expectedAmbiguous);
    const wrongWrite = command !== null && !readOnly && command !== sentence.expect.command;
    results.push({ sentence, command, args, ...(ambiguous ? { ambiguous } : {}), line, exact, wrongWrite });
  }
  const refuse = results.filter((result) => result.sentence.kind === 'refuse');
  return {
    results,
    exact: results.filter((result) => result.exact).length,
    total: results.length,
    wrongWrites: results.filter((result) => result.wrongWrite).length,
    refuse: { total: refuse.length, safe: refuse.filter((result) => !result.wrongWrite && (result.command === null || isRead(registry, result.command))).length },
  };
}

function isRead(registry: Registry, command: string): boolean {
  const [head, sub] = command.slice(1).split(' ');
  const entry = registry.find(head ?? '');
  const definition = entry && 'subcommands' in entry ? entry.subcommands.find((s) => s.name === sub) : entry;
  return Boolean(definition && 'readOnly' in definition && definition.readOnly);
}
