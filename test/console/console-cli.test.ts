// The console as a new user meets it: the real `relance` bin, stdin piped, a data directory
// on disk, restarts in between.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { relanceEnvironment, runRelance } from '../support/relance-process.ts';

const bin = fileURLToPath(new URL('../../bin/relance.mjs', import.meta.url));
const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relance-cli-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'data');
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Without DATABASE_URL the CLI uses the data directory (runRelance drops it): the test never
// touches a shared server.
const relance = (args: string[], input: string): Promise<Run> => runRelance(args, { input, variables: { LOG_LEVEL: 'warn' } });

const NOW = ['--now', '2026-11-24T09:00:00Z'];

describe('relance console (piped stdin)', () => {
  it('logs three kinds of activity, wins a deal, and finds it all again after a restart', async () => {
    const db = freshDir();
    const first = await relance(['--db', db, '--user', 'alice', '--lang', 'en', ...NOW], [
      '/deal new "Acme renewal" Acme 15k€ close:"end of month"',
      '1',
      '/log call "Acme renewal" outbound 20min positive Budget confirmed',
      '/log email deal:#1 inbound Asked for a discount next:"send the quote" due:friday',
      '/log meeting Acme no-show',
      '/deal stage #1 proposal',
      '/deal won #1',
      '',
    ].join('\n'));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Deal #1 "Acme renewal" created for Acme — €15,000');
    expect(first.stdout).toContain('✅ Call logged for Acme renewal: outbound, positive, 20 min.');
    expect(first.stdout).toContain('Next step: send the quote, due Fri, 27 Nov 2026');
    expect(first.stdout).toContain('✅ Meeting logged for Acme: no-show.');
    expect(first.stdout).toContain('Deal won: #1 "Acme renewal" (€15,000) by alice');

    const second = await relance(['--db', db, '--user', 'alice', '--lang', 'en', ...NOW], '/deal show #1\n/deal list won\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Stage\s+Won \(100%\)/);
    expect(second.stdout).toContain('Lead → Proposal');
    expect(second.stdout).toContain('Email: inbound (alice) — Asked for a discount');
    expect(second.stdout).toContain('Call: outbound, positive, 20 min (alice) — Budget confirmed');
    expect(second.stdout).toContain('#1 Acme renewal · Acme · €15,000 · Won');
  });

  it('answers bad input clearly in French: empty command, unknown stage, negative amount, 31/02', async () => {
    const db = freshDir();
    const run = await relance(['--db', db, '--user', 'bob', ...NOW], [
      '/affaire nouvelle "Globex pilote" Globex 5k',
      '1',
      '/',
      '/journal',
      'annuler',
      '/affaire etape #1 signature-imminente',
      '/affaire montant #1 -5k',
      '/affaire cloture #1 31/02',
      '',
    ].join('\n'));
    expect(run.code).toBe(0);
    // French typography: a no-break space before ":" and narrow ones before "?" and inside « ».
    const NBSP = '\u00a0';
    const NNBSP = '\u202f';
    expect(run.stdout).toContain(`Il manque la commande après «${NNBSP}/${NNBSP}»`);
    expect(run.stdout).toContain(`Quel type d’activité${NNBSP}?`);
    expect(run.stdout).toContain(`Annulé${NBSP}: rien n’a été enregistré.`);
    expect(run.stdout).toContain(`Je ne connais pas l’étape «${NNBSP}signature-imminente${NNBSP}». Étapes${NBSP}: Lead, Qualifié`);
    expect(run.stdout).toContain(`Un montant ne peut pas être négatif («${NNBSP}-5k${NNBSP}»).`);
    expect(run.stdout).toContain(`«${NNBSP}31/02${NNBSP}» n’existe pas dans le calendrier.`);
    expect(run.stdout).toContain(`Exemple${NBSP}: /affaire cloture #12`);
    expect(run.stdout).not.toMatch(/at .*\.ts:\d+/);
  });

  it('prints one JSON Reply per line with --json', async () => {
    const run = await relance(['--db', freshDir(), '--json', '--lang', 'en', ...NOW], '/help\n/deal list\n');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const replies = lines.map((line) => JSON.parse(line) as Reply);
    expect(replies[0]!.blocks[0]).toMatchObject({ type: 'section', title: 'Relance — your commands' });
    expect(replies[1]).toMatchObject({ visibility: 'private', blocks: [{ type: 'text' }] });
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const db = freshDir();
    const holder = spawn(process.execPath, [bin, '--db', db, '--lang', 'en'], { env: relanceEnvironment({ LOG_LEVEL: 'warn' }), stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      // Wait until the first process has answered, so it surely holds the directory.
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('No deals here')) resolve();
        });
        holder.on('close', () => reject(new Error('holder exited early')));
        holder.stdin.write('/deal list\n');
      });
      const second = await relance(['--db', db], '/deal list\n');
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('is already open in another Relance process');
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.on('close', resolve));
    }
  });

  it('rejects a bad option with the usage', async () => {
    const run = await relance(['--role', 'boss'], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--role must be rep, manager or admin');
  });
});
