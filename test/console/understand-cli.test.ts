// `relance understand`: the real bin, a data directory on disk seeded through ordinary console
// commands, one JSON line per sentence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelance, type RelanceRun } from '../support/relance-process.ts';

const root = mkdtempSync(path.join(tmpdir(), 'relance-understand-'));
const db = path.join(root, 'data');
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The clean environment has no DATABASE_URL: the CLI uses the data directory, the test never
// touches a shared server. Warnings only, so a clean run writes nothing to stderr.
const relance = (args: string[], input = ''): Promise<RelanceRun> => runRelance(args, { input, variables: { LOG_LEVEL: 'warn' } });

interface Line {
  command: string | null;
  args: Record<string, unknown>;
  line: string | null;
  confidence: number;
  missing: string[];
  ambiguous?: { arg: string; candidates: Array<{ id: number; name: string }> };
  reason?: string;
}

const NOW = ['--now', '2026-11-24T09:00:00Z'];
const understand = (args: string[], input = ''): Promise<RelanceRun> => relance(['understand', '--db', db, ...NOW, ...args], input);
const jsonLines = (run: RelanceRun): Line[] => run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Line);

/** Deal ids as the console announced them (`Deal #3 "Acme licences" created`). */
const ids: Record<string, number> = {};

beforeAll(async () => {
  // alice is the console's first member (admin); bob joins after her as a rep.
  const alice = await relance(['--db', db, '--user', 'alice', '--lang', 'en', ...NOW], [
    '/deal new "Garnier renewal" "Garnier Batiment" 48k',
    '1',
    '/deal new "Garnier extension" "Garnier Batiment" 12k',
    '/deal new "Acme licences" Acme 10k',
    '1',
    '',
  ].join('\n'));
  const bob = await relance(['--db', db, '--user', 'bob', '--lang', 'en', ...NOW], '/deal new "Globex pilot" Globex 5k\n1\n');
  for (const run of [alice, bob]) {
    expect(run.code).toBe(0);
    for (const match of run.stdout.matchAll(/Deal #(\d+) "([^"]+)" created/g)) ids[match[2]!] = Number(match[1]);
  }
  expect(Object.keys(ids).sort()).toEqual(['Acme licences', 'Garnier extension', 'Garnier renewal', 'Globex pilot']);
});

describe('relance understand', () => {
  it('reads one French sentence given as an argument into the English command line', async () => {
    const run = await understand(['--user', 'alice', '--lang', 'fr', 'on a signé Garnier renewal !']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = jsonLines(run);
    expect(lines).toHaveLength(1);
    const id = ids['Garnier renewal'];
    expect(lines[0]).toEqual({ command: '/deal won', args: { deal: `#${id}` }, line: `/deal won #${id}`, confidence: expect.any(Number), missing: [] });
    expect(lines[0]!.confidence).toBeGreaterThan(0.5);
  });

  it('reads stdin one sentence per line, in order, skipping empty lines: a read, writes, a refusal', async () => {
    const run = await understand(['--user', 'alice', '--lang', 'fr'], [
      'quel est mon pipe ce mois ?',
      '',
      'montant de Garnier renewal à 50k',
      'appel avec Acme, ok pour une démo jeudi',
      'supprime toutes les affaires',
      '',
    ].join('\n'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [read, amount, log, refused, ...rest] = jsonLines(run);
    expect(rest).toEqual([]);
    expect(read).toMatchObject({ command: '/pipeline', args: { period: 'month' }, line: '/pipeline month', missing: [] });
    expect(amount).toMatchObject({
      command: '/deal amount',
      args: { deal: `#${ids['Garnier renewal']}`, amount: { minor: 5_000_000, currency: 'EUR' } },
      line: `/deal amount #${ids['Garnier renewal']} "50000 EUR"`,
      missing: [],
    });
    // « jeudi » read from the fixed clock (Tuesday 24 November 2026): Thursday the 26th, as an ISO date.
    expect(log).toMatchObject({ command: '/log', args: { type: 'call', company: 'Acme', outcome: 'positive', due: '2026-11-26' }, missing: [] });
    expect(log!.line).toMatch(/^\/log call company:Acme /);
    expect(refused).toEqual({ command: null, args: {}, line: null, confidence: 0, missing: [], reason: 'unsafe' });
  });

  it('says which required arguments a sentence leaves out', async () => {
    const run = await understand(['--user', 'alice', '--lang', 'fr', 'nouvelle affaire chez Acme de 20k']);
    expect(run.code).toBe(0);
    expect(jsonLines(run)[0]).toMatchObject({ command: '/deal new', args: { company: 'Acme', amount: { minor: 2_000_000, currency: 'EUR' } }, missing: ['name'] });
  });

  it('reads English with --lang en', async () => {
    const run = await understand(['--user', 'alice', '--lang', 'en'], 'we lost Acme licences to Salesforce\nhow is my pipeline this quarter?\n');
    expect(run.code).toBe(0);
    const [lost, pipeline] = jsonLines(run);
    const id = ids['Acme licences'];
    expect(lost).toMatchObject({ command: '/deal lost', args: { deal: `#${id}`, reason: 'competitor' }, missing: [] });
    expect(lost!.line).toMatch(new RegExp(`^/deal lost #${id} competitor`));
    expect(pipeline).toMatchObject({ command: '/pipeline', args: { period: 'quarter' }, line: '/pipeline quarter' });
  });

  it('lists the candidates when two deals of one company fit equally', async () => {
    const run = await understand(['--user', 'alice', '--lang', 'fr', 'on a signé Garnier !']);
    expect(run.code).toBe(0);
    const [line] = jsonLines(run);
    expect(line).toMatchObject({ command: '/deal won', args: {}, line: '/deal won', missing: ['deal'] });
    expect(line!.ambiguous?.arg).toBe('deal');
    expect(line!.ambiguous?.candidates).toEqual(
      expect.arrayContaining([
        { id: ids['Garnier renewal'], name: 'Garnier renewal' },
        { id: ids['Garnier extension'], name: 'Garnier extension' },
      ]),
    );
    expect(line!.ambiguous?.candidates).toHaveLength(2);
  });

  it("never names another rep's deal to a rep, and still names the rep's own", async () => {
    const run = await understand(['--user', 'bob', '--lang', 'fr'], 'on a signé Garnier renewal !\nc’est quoi le statut de Garnier renewal ?\nperdu Globex pilot, trop cher\n');
    expect(run.code).toBe(0);
    const [won, show, lost] = jsonLines(run);
    for (const line of [won, show]) {
      expect(line!.command).toBeNull();
      expect(line!.reason).toBeTruthy();
    }
    expect(run.stdout).not.toContain(`#${ids['Garnier renewal']}"`);
    expect(run.stdout).not.toContain('Garnier');
    expect(lost).toMatchObject({ command: '/deal lost', args: { deal: `#${ids['Globex pilot']}`, reason: 'price' } });
    // The admin who owns it is told.
    const alice = await understand(['--user', 'alice', '--lang', 'fr', 'on a signé Garnier renewal !']);
    expect(jsonLines(alice)[0]).toMatchObject({ args: { deal: `#${ids['Garnier renewal']}` } });
  });

  it('creates no one: an unknown member or workspace is an error with exit code 2, every time', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const run = await understand(['--user', 'carol', 'on a signé Garnier !']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('"carol" is not a member');
    }
    const workspace = await understand(['--user', 'alice', '--workspace', 'slack:T0123', 'on a signé Garnier !']);
    expect(workspace.code).toBe(2);
    expect(workspace.stderr).toContain('no workspace');
  });

  it('rejects bad options with exit code 2 and the usage', async () => {
    const lang = await understand(['--user', 'alice', '--lang', 'de', 'x']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang must be fr or en');
    expect(lang.stderr).toContain('relance understand [--user <id>]');
    const role = await understand(['--user', 'alice', '--role', 'admin', 'x']);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role does not apply to understand');
  });
});
