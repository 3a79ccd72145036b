// Issue 16, area A: the wording of deals, activity logging, questions and help, through the real
// bot in French and in English. Activity kinds agree in gender (« Note enregistrée », « Démo
// enregistrée », « Appel enregistré »), closed stages are « Gagnée » / « Perdue » (and migration
// 0013 renames only the old defaults), a question has one way out, help shows each `key:` once
// and no example that repeats the command, counts go through plural (0, 1, many).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/client.ts';
import { t } from '../../src/core/i18n/i18n.ts';
import { openHarness, testDatabaseTarget, type Harness, type Session } from '../support/chat-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

/** Narrow and ordinary no-break spaces as plain spaces, to compare words. */
const loose = (text: string): string => text.replace(/[\u00a0\u202f]/gu, ' ');

async function dealIn(s: Session, fr: boolean): Promise<string> {
  await s.send(fr ? '/affaire nouvelle "Acme renouvellement" Acme 15k' : '/deal new "Acme renewal" Acme 15k');
  const created = await s.click(1);
  return /#(\d+)/u.exec(created)![1]!;
}

describe('an activity is logged in one sentence agreeing with its kind', () => {
  it('in French: Appel enregistré, E-mail enregistré, Rendez-vous enregistré, Démo enregistrée, Note enregistrée', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    const id = await dealIn(s, true);
    expect(loose(await s.send(`/journal note affaire:#${id} Budget validé`))).toContain('✅ Note enregistrée pour Acme renouvellement.');
    expect(loose(await s.send(`/journal demo affaire:#${id} sortant positif 20min`))).toContain('✅ Démo enregistrée pour Acme renouvellement : sortante, positive et 20 min.');
    expect(loose(await s.send(`/journal rdv affaire:#${id} absent`))).toContain('✅ Rendez-vous enregistré pour Acme renouvellement : non honoré.');
    expect(loose(await s.send(`/journal appel affaire:#${id} sortant messagerie`))).toContain('✅ Appel enregistré pour Acme renouvellement : sortant et messagerie.');
    expect(loose(await s.send(`/journal email affaire:#${id} entrant`))).toContain('✅ E-mail enregistré pour Acme renouvellement : entrant.');
    const card = loose(await s.send(`/affaire voir #${id}`));
    expect(card).toContain('Démo : sortante, positive et 20 min');
    expect(card).toContain('Note (');
    expect(card).not.toMatch(/Note enregistré\b|Démo enregistré\b/u);
  });

  it('in English', async () => {
    const s = await h.session();
    const id = await dealIn(s, false);
    expect(await s.send(`/log note deal:#${id} Budget confirmed`)).toContain('✅ Note logged for Acme renewal.');
    expect(await s.send(`/log demo deal:#${id} outbound positive 20min`)).toContain('✅ Demo logged for Acme renewal: outbound, positive, 20 min.');
    expect(await s.send(`/log meeting deal:#${id} no-show`)).toContain('✅ Meeting logged for Acme renewal: no-show.');
    expect(await s.send(`/deal show #${id}`)).toContain('Demo: outbound, positive, 20 min');
  });
});

describe('closed stages agree with « affaire »', () => {
  it('are « Gagnée » and « Perdue » in French, and the old masculine names are still understood', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    const stages = loose(await s.send('/etapes liste'));
    expect(stages).toContain('7. Gagnée (won) — 100 % — étape finale (gagnée)');
    expect(stages).toContain('8. Perdue (lost) — 0 % — étape finale (perdue)');
    expect(stages).not.toMatch(/Gagné |Perdu /u);
    const id = await dealIn(s, true);
    expect(loose(await s.send(`/affaire etape #${id} gagne`))).toContain(`#${id} « Acme renouvellement » : Lead → Gagnée. Bravo !`);
  });

  it('are Won and Lost in English', async () => {
    const s = await h.session();
    expect(await s.send('/stages list')).toContain('7. Won (won) — 100% — final stage (won)');
  });

  it('migration 0013 renames the old default names only', async () => {
    if (testDatabaseTarget() !== 'memory://') return; // the PGlite run covers the SQL
    const dir = mkdtempSync(path.join(tmpdir(), 'relance-0013-'));
    mkdirSync(path.join(dir, 'meta'));
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    const cut = journal.entries.findIndex((e) => e.tag === '0013_stage_names');
    expect(cut).toBeGreaterThan(0);
    const before = { ...journal, entries: journal.entries.slice(0, cut) };
    writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(before));
    for (const file of readdirSync(migrationsFolder)) if (before.entries.some((e) => `${e.tag}.sql` === file)) copyFileSync(path.join(migrationsFolder, file), path.join(dir, file));
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: dir });
    await client.exec(`INSERT INTO workspaces (platform, external_id, name, created_at) VALUES ('console', 'old', 'Old', now()), ('console', 'custom', 'Custom', now())`);
    const ids = (await client.query<{ id: number; external_id: string }>('SELECT id, external_id FROM workspaces')).rows;
    const [old, custom] = [ids.find((r) => r.external_id === 'old')!.id, ids.find((r) => r.external_id === 'custom')!.id];
    await client.exec(`INSERT INTO stages (workspace_id, key, name_fr, name_en, position, probability, outcome) VALUES
      (${old}, 'won', 'Gagné', 'Won', 7, 100, 'won'), (${old}, 'lost', 'Perdu', 'Lost', 8, 0, 'lost'),
      (${custom}, 'won', 'Signé', 'Signed', 7, 100, 'won'), (${custom}, 'lost', 'Perdu', 'Lost', 8, 0, 'lost')`);
    await migrate(db, { migrationsFolder });
    const rows = (await client.query<{ workspace_id: number; key: string; name_fr: string }>('SELECT workspace_id, key, name_fr FROM stages ORDER BY workspace_id, key')).rows;
    expect(rows.map((r) => [r.workspace_id === old ? 'old' : 'custom', r.key, r.name_fr])).toEqual([
      ['old', 'lost', 'Perdue'],
      ['old', 'won', 'Gagnée'],
      ['custom', 'lost', 'Perdue'],
      ['custom', 'won', 'Signé'],
    ]);
    await client.close();
  });
});

describe('a question has one way to cancel', () => {
  it('a choice question: its Cancel button, and no hint line', async () => {
    for (const [locale, line, cancel] of [['fr-FR', '/journal', 'Annuler'], ['en-GB', '/log', 'Cancel']] as const) {
      const s = await h.session({ locale });
      await s.send(line);
      const texts = s.replies.flatMap((r) => r.blocks).flatMap((b) => (b.type === 'text' ? [b.text] : []));
      expect(texts.join('\n')).not.toMatch(/annuler|cancel|give up|abandonner/iu);
      const buttons = s.replies.flatMap((r) => r.blocks).flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.label) : []));
      expect(buttons.filter((label) => label === cancel)).toHaveLength(1);
    }
  });

  it('a yes/no question: its own no, no Cancel beside it', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    const id = await dealIn(s, true);
    await s.send(`/affaire gagnee #${id}`);
    await s.send(`/affaire etape #${id} proposition`);
    const buttons = s.replies.flatMap((r) => r.blocks).flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.label) : []));
    expect(buttons).toEqual(['Rouvrir l’affaire', 'Ne rien changer']);
  });
});

describe('help', () => {
  it('shows each key once, never "(value:…)", and no example that only repeats the command', async () => {
    for (const [locale, overview, one, bad] of [['fr-FR', '/aide', '/aide affaire nouvelle', /\((?:[a-z_-]+):…\)/u], ['en-GB', '/help', '/help deal new', /\((?:[a-z_-]+):…\)/u]] as const) {
      const s = await h.session({ locale });
      const text = await s.send(one);
      expect(text).not.toMatch(bad);
      expect(text).not.toContain('value:');
      expect(text).toContain(locale === 'fr-FR' ? 'ex. contact:"Marie Dupont"' : 'e.g. owner:@marie');
      const list = await s.send(overview);
      expect(list).not.toMatch(/^\s*• (\/\S+(?: \S+)?) — .* · \1$/mu);
    }
    const fr = await h.session({ locale: 'fr-FR' });
    expect(await fr.send('/aide journal')).toContain('Échéance de la prochaine étape · ex. pour:vendredi');
    const en = await h.session();
    expect(await en.send('/help log')).toContain('Next step due date · e.g. due:friday');
  });
});

describe('counts go through plural', () => {
  it('the deal list heading and the "more" line, 0, 1 and many', () => {
    expect(loose(t('fr', 'deal.list_more', { shown: 1, total: 1 }))).toMatch(/^1 affaire affichée sur 1\./u);
    expect(loose(t('fr', 'deal.list_more', { shown: 25, total: 40 }))).toMatch(/^25 affaires affichées sur 40\./u);
    expect(t('en', 'deal.list_more', { shown: 1, total: 1 })).toMatch(/^Showing 1 of 1 deal\./u);
    expect(t('en', 'deal.list_more', { shown: 25, total: 40 })).toMatch(/^Showing 25 of 40 deals\./u);
    expect(t('fr', 'deal.list_heading', { scope: 'mine', name: '', status: 'open', stage: '', total: 0 })).toBe('Mes affaires en cours (0)');
    expect(t('en', 'deal.list_heading', { scope: 'member', name: 'Marie', status: 'stage', stage: 'Proposal', total: 3 })).toBe('Marie’s deals at stage Proposal (3)');
    expect(t('fr', 'dialog.reminder', { count: 1, list: '1' })).toContain('Répondez par 1, ou');
    expect(t('en', 'dialog.reminder', { count: 2, list: '1 or 2' })).toContain('Reply with a number (1 or 2)');
  });

  it('the deal list through the bot', async () => {
    const fr = await h.session({ locale: 'fr-FR' });
    expect(loose(await fr.send('/affaire liste'))).toContain('Aucune affaire ici.');
    await dealIn(fr, true);
    expect(loose(await fr.send('/affaire liste'))).toContain('Mes affaires en cours (1)');
    const en = await h.session();
    await dealIn(en, false);
    expect(await en.send('/deal list')).toContain('My open deals (1)');
  });
});
