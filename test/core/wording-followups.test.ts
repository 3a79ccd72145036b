// Issue 16, area C: the corrected wording of reminders, the digest, the reminder rules, contacts
// and data protection, the audit log, retention and CSV, in French and in English, with 0, 1 and
// many where a count applies. No "(s)" hacks, buttons are verbs, audit lines are words, amounts
// come from Intl. French sources carry their own no-break spaces (U+00A0 before ":", U+202F
// before "; ! ?" and inside « »).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/i18n.ts';
import type { Block, Lang } from '../../src/core/types.ts';
import { nudgeReply, type NudgeLine } from '../../src/nudges/nudge-message.ts';
import { openHarness, type Harness } from '../support/chat-harness.ts';

const NB = '\u00a0';
const NN = '\u202f';
const LANGS: Lang[] = ['fr', 'en'];

const line = (over: Partial<NudgeLine> = {}): NudgeLine => ({
  nudgeId: 1,
  dealId: 12,
  name: 'Acme renouvellement',
  amountMinor: 6_000_000,
  currency: 'EUR',
  stageFr: 'Proposition',
  stageEn: 'Proposal',
  reasons: ['stale'],
  idleDays: 1,
  nextStep: null,
  nextStepDue: null,
  expectedCloseDate: null,
  followups: 0,
  noCalls: false,
  noEmails: false,
  ...over,
});

const texts = (blocks: Block[]): string =>
  blocks
    .map((b) => (b.type === 'text' ? b.text : b.type === 'section' ? `${b.title}\n${b.text ?? ''}` : b.type === 'buttons' ? b.buttons.map((x) => `[${x.label}]`).join(' ') : ''))
    .join('\n');

describe('the morning reminder', () => {
  it('counts deals, days and follow-ups with plurals, in both languages', () => {
    const one = texts(nudgeReply('fr', [line()]).blocks);
    expect(one).toContain('1 affaire à relancer aujourd’hui');
    expect(one).toContain('aucune activité depuis 1 jour');
    expect(one).toContain('Aucune relance pour l’instant');
    const many = texts(nudgeReply('fr', [line({ idleDays: 14, followups: 1 }), line({ dealId: 13, idleDays: 0, followups: 3 })]).blocks);
    expect(many).toContain('2 affaires à relancer aujourd’hui');
    expect(many).toContain('aucune activité depuis 14 jours');
    expect(many).toContain('aucune activité depuis 0 jour');
    expect(many).toContain('1 relance faite');
    expect(many).toContain('3 relances faites');

    const oneEn = texts(nudgeReply('en', [line()]).blocks);
    expect(oneEn).toContain('1 deal to follow up today');
    expect(oneEn).toContain('no activity for 1 day');
    expect(oneEn).toContain('No follow-ups yet');
    const manyEn = texts(nudgeReply('en', [line({ idleDays: 14, followups: 1 }), line({ dealId: 13, idleDays: 0, followups: 3 })]).blocks);
    expect(manyEn).toContain('2 deals to follow up today');
    expect(manyEn).toContain('no activity for 14 days');
    expect(manyEn).toContain('no activity for 0 days');
    expect(manyEn).toContain('1 follow-up so far');
    expect(manyEn).toContain('3 follow-ups so far');
    for (const text of [one, many, oneEn, manyEn]) expect(text).not.toMatch(/\((s|e)\)/);
  });

  it('puts verbs on its buttons', () => {
    expect(texts(nudgeReply('fr', [line()]).blocks)).toContain('[Noter un appel] [Fixer la prochaine étape] [Reporter à demain] [Reporter de 3 jours] [Reporter d’une semaine] [Marquer perdue]');
    expect(texts(nudgeReply('en', [line()]).blocks)).toContain('[Log a call] [Set next step] [Snooze to tomorrow] [Snooze 3 days] [Snooze 1 week] [Mark lost]');
    // Both channels refused: a note, never a call or an e-mail.
    expect(texts(nudgeReply('fr', [line({ noCalls: true, noEmails: true })]).blocks)).toContain('[Ajouter une note]');
    expect(texts(nudgeReply('en', [line({ noCalls: true, noEmails: true })]).blocks)).toContain('[Add a note]');
  });

  it('joins its reasons as a sentence, and writes amounts the Intl way of each language', () => {
    const reasons: NudgeLine['reasons'] = ['stale', 'no_next_step'];
    const fr = texts(nudgeReply('fr', [line({ idleDays: 9, reasons })]).blocks);
    expect(fr).toContain('aucune activité depuis 9 jours et aucune prochaine étape');
    expect(fr).toContain(`#12 Acme renouvellement · 60${NN}000${NB}€ · Proposition`);
    const en = texts(nudgeReply('en', [line({ idleDays: 9, reasons })]).blocks);
    expect(en).toContain('no activity for 9 days and no next step');
    expect(en).toContain('#12 Acme renouvellement · €60,000 · Proposal');
    expect(en).not.toMatch(/EUR/);
  });

  it('counts the deals it leaves out', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => line({ dealId: i + 1 }));
    expect(texts(nudgeReply('fr', lines(9)).blocks)).toContain(`Et 1 autre affaire à relancer${NB}: /affaire liste`);
    expect(texts(nudgeReply('fr', lines(12)).blocks)).toContain(`Et 4 autres affaires à relancer${NB}: /affaire liste`);
    expect(texts(nudgeReply('en', lines(9)).blocks)).toContain('And 1 more deal to follow up: /deal list');
    expect(texts(nudgeReply('en', lines(12)).blocks)).toContain('And 4 more deals to follow up: /deal list');
  });
});

describe('the digest', () => {
  it('counts each owner’s deals and overdue steps with plurals', () => {
    const owner = (lang: Lang, stale: number, overdue: number) => t(lang, 'digest.owner_line', { name: 'Paula', stale, overdue });
    expect(owner('fr', 0, 0)).toBe(`Paula${NB}: 0 affaire sans activité, 0 prochaine étape en retard`);
    expect(owner('fr', 1, 1)).toBe(`Paula${NB}: 1 affaire sans activité, 1 prochaine étape en retard`);
    expect(owner('fr', 3, 2)).toBe(`Paula${NB}: 3 affaires sans activité, 2 prochaines étapes en retard`);
    expect(owner('en', 0, 0)).toBe('Paula: 0 deals with no activity, 0 overdue next steps');
    expect(owner('en', 1, 1)).toBe('Paula: 1 deal with no activity, 1 overdue next step');
    expect(owner('en', 3, 2)).toBe('Paula: 3 deals with no activity, 2 overdue next steps');
    expect(t('fr', 'digest.attention_title', { days: 1 })).toContain('sans activité depuis 1 jour ou');
    expect(t('fr', 'digest.attention_title', { days: 14 })).toContain('sans activité depuis 14 jours ou');
    expect(t('en', 'digest.attention_title', { days: 1 })).toContain('no activity for 1 day, or');
    expect(t('en', 'digest.attention_title', { days: 14 })).toContain('no activity for 14 days, or');
  });
});

describe('retention', () => {
  it('counts contacts and years with plurals, no "an(s)"', () => {
    const listed = (lang: Lang, count: number, years: number) => t(lang, 'retention.listed_title', { count, years });
    const erased = (lang: Lang, count: number, years: number) => t(lang, 'retention.erased_title', { count, years });
    expect(listed('fr', 0, 1)).toBe('0 contact sans activité depuis 1 an');
    expect(listed('fr', 1, 3)).toBe('1 contact sans activité depuis 3 ans');
    expect(listed('fr', 4, 3)).toBe('4 contacts sans activité depuis 3 ans');
    expect(erased('fr', 1, 1)).toBe('1 contact effacé après 1 an sans activité');
    expect(erased('fr', 4, 3)).toBe('4 contacts effacés après 3 ans sans activité');
    expect(listed('en', 0, 1)).toBe('0 contacts with no activity for 1 year');
    expect(listed('en', 1, 3)).toBe('1 contact with no activity for 3 years');
    expect(listed('en', 4, 3)).toBe('4 contacts with no activity for 3 years');
    expect(erased('en', 1, 1)).toBe('1 contact erased after 1 year with no activity');
    expect(erased('en', 4, 3)).toBe('4 contacts erased after 3 years with no activity');
    expect(t('fr', 'retention.more', { count: 1 })).toBe('et 1 autre');
    expect(t('fr', 'retention.more', { count: 5 })).toBe('et 5 autres');
    expect(t('en', 'retention.more', { count: 5 })).toBe('and 5 more');
  });
});

describe('CSV', () => {
  it('reports an import with plurals, never "ligne(s) … (0 lignes)"', () => {
    const report = (lang: Lang, lines: number, created: number, updated: number, unchanged: number) => t(lang, 'csv.imported', { file: 'f.csv', lines, created, updated, unchanged });
    expect(report('fr', 0, 0, 0, 0)).toBe(`✅ f.csv${NB}: 0 ligne lue — 0 création, 0 mise à jour, 0 sans changement.`);
    expect(report('fr', 1, 1, 0, 0)).toBe(`✅ f.csv${NB}: 1 ligne lue — 1 création, 0 mise à jour, 0 sans changement.`);
    expect(report('fr', 1200, 3, 2, 1195)).toBe(`✅ f.csv${NB}: 1${NN}200 lignes lues — 3 créations, 2 mises à jour, 1${NN}195 sans changement.`);
    expect(report('en', 0, 0, 0, 0)).toBe('✅ f.csv: 0 lines read — 0 created, 0 updated, 0 unchanged.');
    expect(report('en', 1, 1, 0, 0)).toBe('✅ f.csv: 1 line read — 1 created, 0 updated, 0 unchanged.');
    expect(report('en', 1200, 3, 2, 1195)).toBe('✅ f.csv: 1,200 lines read — 3 created, 2 updated, 1,195 unchanged.');
    expect(t('fr', 'csv.dry_run', { file: 'f.csv', lines: 2, created: 2, updated: 0, unchanged: 0 })).toBe(`Simulation de l’import de f.csv (rien n’est enregistré)${NB}: 2 lignes lues — 2 créations, 0 mise à jour, 0 sans changement.`);
    expect(t('en', 'csv.dry_run', { file: 'f.csv', lines: 2, created: 2, updated: 0, unchanged: 0 })).toBe('Dry run of f.csv (nothing is saved): 2 lines read — 2 to create, 0 to update, 0 unchanged.');
  });

  it('counts errors, skipped lines, rows and the records created from names', () => {
    expect(t('fr', 'csv.failed', { file: 'f.csv', count: 1 })).toContain(`f.csv${NB}: 1 erreur.`);
    expect(t('fr', 'csv.failed', { file: 'f.csv', count: 3 })).toContain(`f.csv${NB}: 3 erreurs.`);
    expect(t('en', 'csv.failed', { file: 'f.csv', count: 1 })).toContain('f.csv: 1 error.');
    expect(t('en', 'csv.failed', { file: 'f.csv', count: 3 })).toContain('f.csv: 3 errors.');
    expect(t('fr', 'csv.more_issues', { count: 1 })).toBe('… et 1 autre erreur.');
    expect(t('fr', 'csv.more_issues', { count: 7 })).toBe('… et 7 autres erreurs.');
    expect(t('en', 'csv.more_issues', { count: 1 })).toBe('… and 1 more error.');
    expect(t('en', 'csv.more_issues', { count: 7 })).toBe('… and 7 more errors.');
    expect(t('fr', 'csv.erased_skipped', { count: 1, lineNumbers: '4' })).toBe(`1 ligne non importée${NB}: elle concerne une personne effacée à sa demande (ligne 4).`);
    expect(t('fr', 'csv.erased_skipped', { count: 2, lineNumbers: '4 et 9' })).toBe(`2 lignes non importées${NB}: elles concernent des personnes effacées à leur demande (lignes 4 et 9).`);
    expect(t('en', 'csv.erased_skipped', { count: 1, lineNumbers: '4' })).toBe('1 line not imported: it is about a person erased at their request (line 4).');
    expect(t('en', 'csv.erased_skipped', { count: 2, lineNumbers: '4 and 9' })).toBe('2 lines not imported: they are about people erased at their request (lines 4 and 9).');
    expect(t('fr', 'csv.references_created', { companies: 0, contacts: 2 })).toBe(`Fiches créées d’après les noms du fichier${NB}: 0 société, 2 contacts.`);
    expect(t('en', 'csv.references_created', { companies: 1, contacts: 0 })).toBe('Records created from names in the file: 1 company, 0 contacts.');
    for (const rows of [0, 1, 25]) {
      const frRows = rows > 1 ? `${rows} lignes` : `${rows} ligne`;
      const enRows = rows === 1 ? '1 row' : `${rows} rows`;
      expect(t('fr', 'csv.export_ready', { rows, separator: ';' })).toContain(`Voici le fichier${NB}: ${frRows}, séparateur «${NN};${NN}»`);
      expect(t('fr', 'csv.export_title', { kind: 'deals', rows })).toBe(`Export CSV des affaires (${frRows})`);
      expect(t('fr', 'csv.exported', { rows, file: 'x.csv' })).toBe(`${frRows} ${rows > 1 ? 'exportées' : 'exportée'} dans x.csv.`);
      expect(t('en', 'csv.export_ready', { rows, separator: ',' })).toContain(`Here is the file: ${enRows}, separator “,”`);
      expect(t('en', 'csv.export_title', { kind: 'companies', rows })).toBe(`CSV export of companies (${enRows})`);
      expect(t('en', 'csv.exported', { rows, file: 'x.csv' })).toBe(`${enRows} exported to x.csv.`);
    }
  });
});

describe('contacts and data protection', () => {
  it('words opt-outs without "(e)" and counts what an erasure changed', () => {
    expect(t('fr', 'contact.optout_phone', { name: 'Zoé' })).toBe(`Plus d’appels pour Zoé${NB}: l’opposition est notée sur sa fiche et signalée partout où ce contact apparaît.`);
    expect(t('en', 'contact.optout_all', { name: 'Zoé' })).toBe('No more calls or emails to Zoé: the opt-out is on their card and flagged wherever they appear.');
    const forgotten = (lang: Lang, mentions: number, notes: number) => t(lang, 'contact.forgotten', { id: 7, mentions, notes });
    expect(forgotten('fr', 0, 0)).toContain(`Contact #7 effacé${NB}: 0 mention remplacée, 0 note supprimée.`);
    expect(forgotten('fr', 1, 1)).toContain(`Contact #7 effacé${NB}: 1 mention remplacée, 1 note supprimée.`);
    expect(forgotten('fr', 5, 2)).toContain(`Contact #7 effacé${NB}: 5 mentions remplacées, 2 notes supprimées.`);
    expect(forgotten('en', 0, 0)).toContain('Contact #7 erased: 0 mentions replaced, 0 notes deleted.');
    expect(forgotten('en', 1, 1)).toContain('Contact #7 erased: 1 mention replaced, 1 note deleted.');
    expect(forgotten('en', 5, 2)).toContain('Contact #7 erased: 5 mentions replaced, 2 notes deleted.');
    expect(t('fr', 'contact.forget_confirm', { name: 'Zoé' })).toContain(`Effacer définitivement Zoé${NN}?`);
    expect([t('fr', 'contact.forget_yes'), t('fr', 'contact.forget_no')]).toEqual(['Oui, effacer', 'Non, conserver']);
    expect([t('en', 'contact.forget_yes'), t('en', 'contact.forget_no')]).toEqual(['Yes, erase', 'No, keep']);
  });

  it('spells e-mail in French and email in English', () => {
    for (const key of ['contact.marker_email', 'contact.optin_email', 'nudge.log_email', 'nudge.opted_out_all'] as const) {
      expect(t('fr', key, { name: 'Zoé' })).toMatch(/e-mail/);
      expect(t('fr', key, { name: 'Zoé' })).not.toMatch(/(?<!e-)\bemail/i);
      expect(t('en', key, { name: 'Zoé' })).toMatch(/email/i);
      expect(t('en', key, { name: 'Zoé' })).not.toMatch(/e-mail/i);
    }
  });
});

describe('through the bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ now: '2026-11-24T09:00:00Z' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows the audit log in words, in French and in English', async () => {
    const admin = await h.session({ role: 'admin', name: 'Ada', locale: 'fr-FR' });
    const rep = await admin.as({ name: 'Rita', locale: 'fr-FR' });
    await admin.send('/relance role Rita manager');
    await rep.send('/reglages classement oui');
    await admin.send('/reglages graphiques non');
    const fr = await admin.send('/audit');
    expect(fr).toMatch(/Ada · Modification du réglage\s:\sgraphiques · effectué/);
    expect(fr).toMatch(/Rita · Modification d’un réglage · refusé/);
    expect(fr).toMatch(/Ada · Changement de rôle pour Rita\s:\smanager · effectué/);
    const english = await admin.as({ user: admin.actor.id, name: 'Ada', locale: 'en-GB' });
    await english.send('/language en');
    const en = await english.send('/audit');
    expect(en).toMatch(/Ada · Setting change: charts · done/);
    expect(en).toMatch(/Rita · Settings change · refused/);
    expect(en).toMatch(/Ada · Role change for Rita: manager · done/);
    for (const text of [fr, en]) expect(text).not.toMatch(/settings\.change|member\.role|setting charts|member \d+/);
  });

  it('describes the reminder rules with weekday names from Intl and plural days', async () => {
    const admin = await h.session({ role: 'admin', name: 'Ada', locale: 'fr-FR' });
    const one = await admin.send('/relance reglages inactivite:1 jours:lun-jeu');
    expect(one).toContain('Une affaire est à relancer après 1 jour sans activité');
    expect(one).toMatch(/Jours ouvrés\s:\slundi, mardi, mercredi et jeudi, de 09:00 à 18:00\s; rappel du matin à 09:00/);
    const many = await admin.send('/relance reglages inactivite:10');
    expect(many).toContain('Une affaire est à relancer après 10 jours sans activité');
    const english = await h.session({ role: 'admin', name: 'Ed', locale: 'en-GB' });
    expect(await english.send('/relance settings stale:1')).toContain('A deal needs a follow-up after 1 day without activity');
    expect(await english.send('/relance settings stale:7')).toMatch(/after 7 days without activity[\s\S]*Working days: Monday, Tuesday, Wednesday, Thursday and Friday, 09:00 to 18:00; morning reminder at 09:00/);
  });
});
