// CSV import on the real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// French and English files, line-numbered errors that change nothing, idempotent re-imports,
// erased people left out, rights and audit rows; and the real `relance` bin end to end.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvColumns, csvKinds } from '../../src/csv/csv-columns.schema.ts';
import { headerIndex } from '../../src/csv/csv-header.parser.ts';
import { importCsv, type ImportReport } from '../../src/csv/csv-import.service.ts';
import { renderIssue } from '../../src/csv/csv-issues.ts';
import { parseCsvAmount, parseCsvDate, parseCsvInstant } from '../../src/csv/csv-values.parser.ts';
import type { CsvKind } from '../../src/csv/csv-columns.schema.ts';
import { openDatabase } from '../../src/db/client.ts';
import { activities, auditLog, companies, contacts, customerEvents, dealStageHistory, deals, members } from '../../src/db/schema.ts';
import { suppress } from '../../src/services/suppression.service.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceOf } from '../support/workspace-lookup.ts';
import { runRelance } from '../support/relance-process.ts';

const NOW = new Date('2026-11-24T09:00:00Z');
const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url)));

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: NOW.toISOString() });
});
afterAll(async () => {
  await h.close();
});

/** The workspace and member rows behind a chat session. */
async function scopeOf(session: Session) {
  const db = h.database.db;
  const workspace = await workspaceOf(h.database, session);
  const [member] = await db.select().from(members).where(and(eq(members.workspaceId, workspace.id), eq(members.platformUserId, session.actor.id)));
  return { workspace, member: member! };
}

async function run(session: Session, kind: CsvKind, file: string | Buffer, options: { dryRun?: boolean; lang?: 'fr' | 'en' } = {}): Promise<ImportReport> {
  const { workspace, member } = await scopeOf(session);
  const bytes = typeof file === 'string' ? fixture(file) : file;
  return importCsv(h.database.db, { kind, bytes, fileName: typeof file === 'string' ? file : 'inline.csv', dryRun: options.dryRun ?? false, workspace, member, now: NOW, lang: options.lang ?? 'en', auditActor: `test:${member.platformUserId}` });
}

/** Row counts of everything an import may write, to prove a failed one wrote nothing. */
async function counts(session: Session): Promise<Record<string, number>> {
  const { workspace } = await scopeOf(session);
  const db = h.database.db;
  const of = async (table: typeof companies | typeof contacts | typeof deals | typeof activities | typeof dealStageHistory | typeof customerEvents) =>
    Number((await db.select({ n: count() }).from(table).where(eq(table.workspaceId, workspace.id)))[0]!.n);
  return {
    companies: await of(companies),
    contacts: await of(contacts),
    deals: await of(deals),
    activities: await of(activities),
    history: await of(dealStageHistory),
    customerEvents: await of(customerEvents),
  };
}

const messages = (report: ImportReport, lang: 'fr' | 'en' = 'en'): string[] => report.issues.map((issue) => renderIssue(issue, lang));

/** A workspace with an admin (Ada) and a rep (Rita), the four fixtures imported. */
async function importedWorkspace(): Promise<{ ada: Session; rita: Session }> {
  const ada = await h.session({ name: 'Ada', role: 'admin' });
  const rita = await ada.as({ name: 'Rita' });
  for (const [kind, file] of [['companies', 'companies-fr.csv'], ['contacts', 'contacts-en.csv'], ['deals', 'deals-fr.csv'], ['activities', 'activities-en.csv']] as const) {
    const report = await run(ada, kind, file);
    expect(report.issues, file).toEqual([]);
    expect(report.outcome, file).toBe('ok');
  }
  return { ada, rita };
}

describe('CSV cells', () => {
  it('reads French and English numbers, refusing amounts that could be read two ways', () => {
    expect(parseCsvAmount('12 000,50', 'fr', 'EUR')).toMatchObject({ minor: 1_200_050, currency: 'EUR' });
    expect(parseCsvAmount('1 234 €', 'fr', 'USD')).toMatchObject({ minor: 123_400, currency: 'EUR', explicitCurrency: true });
    expect(parseCsvAmount('1\u202f234,5', 'fr', 'EUR').minor).toBe(123_450);
    expect(parseCsvAmount('1.234,50', 'fr', 'EUR').minor).toBe(123_450);
    expect(parseCsvAmount('1.500', 'fr', 'EUR').minor).toBe(150_000);
    expect(parseCsvAmount('12,5', 'fr', 'EUR').minor).toBe(1_250);
    expect(parseCsvAmount('1,5M', 'fr', 'EUR').minor).toBe(150_000_000);
    expect(parseCsvAmount('15k€', 'fr', 'USD')).toMatchObject({ minor: 1_500_000, currency: 'EUR' });
    expect(parseCsvAmount('1,234.50', 'en', 'EUR').minor).toBe(123_450);
    expect(parseCsvAmount('15,000', 'en', 'EUR').minor).toBe(1_500_000);
    expect(parseCsvAmount('$3k', 'en', 'EUR')).toMatchObject({ minor: 300_000, currency: 'USD' });
    expect(parseCsvAmount('12000.50', 'en', 'EUR')).toMatchObject({ minor: 1_200_050, explicitCurrency: false });
    for (const [bad, convention] of [['1,234', 'fr'], ['1.234', 'en'], ['12,345.678', 'en'], ['douze', 'fr'], ['-5', 'fr'], ['1 23', 'fr']] as const) {
      expect(() => parseCsvAmount(bad, convention, 'EUR'), bad).toThrow('csv_amount_invalid');
    }
  });

  it('reads amounts by the chat rules, the separator standing for the language, and refuses what chat would ask', () => {
    // `;` file = French: a dot groups thousands; `,` file = English: a comma does.
    expect(parseCsvAmount('15.000 €', 'fr', 'EUR')).toMatchObject({ minor: 1_500_000, currency: 'EUR' });
    expect(parseCsvAmount('15,000', 'en', 'EUR')).toMatchObject({ minor: 1_500_000 });
    expect(parseCsvAmount('1.500,50', 'en', 'EUR').minor).toBe(150_050);
    expect(parseCsvAmount('$15,000', 'fr', 'EUR')).toMatchObject({ minor: 1_500_000, currency: 'USD', explicitCurrency: true });
    expect(parseCsvAmount('20 000 € HT', 'fr', 'EUR')).toMatchObject({ minor: 2_000_000, currency: 'EUR' });
    expect(parseCsvAmount('15 k€', 'fr', 'EUR').minor).toBe(1_500_000);
    // The separator says which language the sheet writes, not whether this cell was pasted the other way.
    const refusal = (input: string, convention: 'fr' | 'en', lang: 'fr' | 'en' = convention) => {
      try {
        parseCsvAmount(input, convention, 'EUR', lang);
      } catch (error) {
        return { code: (error as { code: string }).code, params: (error as { params: Record<string, string> }).params };
      }
      return undefined;
    };
    expect(refusal('15,000', 'fr')).toEqual({ code: 'csv_amount_ambiguous', params: { input: '15,000', thousands: '15\u202f000\u00a0€', decimal: '15,00\u00a0€' } });
    expect(refusal('1.500', 'en')).toEqual({ code: 'csv_amount_ambiguous', params: { input: '1.500', thousands: '€1,500', decimal: '€1.50' } });
    expect(refusal('2,500 k€', 'fr', 'en')).toEqual({ code: 'csv_amount_ambiguous', params: { input: '2,500 k€', thousands: '€2,500,000', decimal: '€2,500.00' } });
    expect(refusal('24 000 € TTC', 'fr')).toEqual({ code: 'csv_amount_incl_tax', params: { input: '24 000 € TTC' } });
    expect(refusal('1,5055', 'fr')?.code).toBe('csv_amount_invalid');
  });

  it('reads ISO and day-first dates, with a time in the workspace zone or an explicit one', () => {
    expect(parseCsvDate('31/12/2026')).toBe('2026-12-31');
    expect(parseCsvDate('2026-12-31')).toBe('2026-12-31');
    expect(parseCsvDate('31.12.2026 00:00')).toBe('2026-12-31');
    expect(() => parseCsvDate('31/02/2026')).toThrow('csv_date_impossible');
    expect(() => parseCsvDate('demain')).toThrow('csv_date_invalid');
    expect(() => parseCsvDate('12/31/26')).toThrow('csv_date_invalid');
    expect(() => parseCsvDate('31/12/2026 14:30')).toThrow('csv_date_has_time');
    expect(parseCsvInstant('31/12/2026 14:30', 'Europe/Paris').toISOString()).toBe('2026-12-31T13:30:00.000Z');
    expect(parseCsvInstant('2026-07-01 14h30', 'Europe/Paris').toISOString()).toBe('2026-07-01T12:30:00.000Z');
    expect(parseCsvInstant('2026-12-31T14:30:00.123Z', 'Europe/Paris').toISOString()).toBe('2026-12-31T14:30:00.123Z');
    expect(parseCsvInstant('2026-12-31T14:30:00+05:00', 'Europe/Paris').toISOString()).toBe('2026-12-31T09:30:00.000Z');
    expect(parseCsvInstant('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    // 02:30 on the night clocks go back happens twice in Paris: the first one.
    expect(parseCsvInstant('2026-10-25 02:30', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(() => parseCsvInstant('2026-13-01 10:00', 'Europe/Paris')).toThrow('csv_date_impossible');
  });

  it('gives every column a French and an English header, no word naming two columns', () => {
    for (const kind of csvKinds) {
      expect(() => headerIndex(kind)).not.toThrow();
      for (const column of csvColumns[kind]) expect(column.fr && column.en, `${kind}.${column.key}`).toBeTruthy();
    }
  });
});

describe('relance import (service)', () => {
  it('imports French (; BOM, 12 000,50, 31/12/2026) and English (, no BOM) files, creating named companies and contacts', async () => {
    const { ada } = await importedWorkspace();
    const { workspace } = await scopeOf(ada);
    const db = h.database.db;
    const rows = await db
      .select({ deal: deals, company: companies.name, contact: contacts.name, owner: members.displayName })
      .from(deals)
      .leftJoin(companies, eq(companies.id, deals.companyId))
      .leftJoin(contacts, eq(contacts.id, deals.contactId))
      .innerJoin(members, eq(members.id, deals.ownerId))
      .where(eq(deals.workspaceId, workspace.id))
      .orderBy(asc(deals.externalId));
    const byId = new Map(rows.map((r) => [r.deal.externalId, r]));
    const d1 = byId.get('D-1')!;
    expect(d1).toMatchObject({ company: 'Acme Corp', contact: 'Marie Dupont', owner: 'Rita' });
    expect(d1.deal).toMatchObject({ amountMinor: 1_200_050, currency: 'EUR', stage: 'proposal', status: 'open', probability: 60, expectedCloseDate: '2026-12-31', nextStep: 'Envoyer le devis', nextStepDue: '2026-12-15' });
    // 10:30 in Paris in September (summer time).
    expect(d1.deal.createdAt.toISOString()).toBe('2026-09-01T08:30:00.000Z');
    // Its latest activity (A-4, 20/11 09:00 Paris) is its "last touched" time.
    expect(d1.deal.lastActivityAt?.toISOString()).toBe('2026-11-20T08:00:00.000Z');
    const d2 = byId.get('D-2')!;
    expect(d2.deal).toMatchObject({ amountMinor: 123_400, stage: 'won', status: 'won', probability: 100 });
    expect(d2.deal.wonAt?.toISOString()).toBe('2026-11-20T15:00:00.000Z');
    expect(d2.owner).toBe('Ada');
    const d3 = byId.get('D-3')!;
    expect(d3.deal).toMatchObject({ name: 'Initech audit; phase 2', amountMinor: 150_000, stage: 'lost', lostReason: 'price', lostNote: 'Trop cher,\nle concurrent est moins cher' });
    const d4 = byId.get('D-4')!;
    expect(d4).toMatchObject({ company: 'Nouvelle SA', contact: 'Jean Neuf' });
    expect(d4.deal).toMatchObject({ amountMinor: 1_500_000, stage: 'lead' });

    // Lifecycle as the chat commands leave it: a new deal makes its company and contact prospects.
    const lifecycle = new Map((await db.select().from(companies).where(eq(companies.workspaceId, workspace.id))).map((c) => [c.name, c.lifecycle]));
    expect(Object.fromEntries(lifecycle)).toEqual({ 'Acme Corp': 'prospect', Globex: 'client', Initech: 'prospect', Hooli: 'lead', 'Nouvelle SA': 'prospect' });
    expect(await counts(ada)).toEqual({ companies: 5, contacts: 4, deals: 4, activities: 4, history: 4, customerEvents: 0 });

    const people = new Map((await db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id))).map((c) => [c.externalId ?? c.name, c]));
    expect(people.get('P-2')).toMatchObject({ phone: '01 23 45 67 89', optOutPhone: true, optOutEmail: false, title: 'CFO' });
    expect(people.get('P-3')).toMatchObject({ name: 'Roux, Léa', title: 'Buyer "senior"' });
    const notes = (await db.select({ id: activities.externalId, notes: activities.notes, duration: activities.durationMinutes, company: activities.companyId }).from(activities).where(eq(activities.workspaceId, workspace.id))).map((a) => [a.id, a.notes, a.duration]);
    expect(notes).toContainEqual(['A-4', '=SUM(A1:A2)', 5]);
    expect(notes).toContainEqual(['A-3', null, 90]);
  });

  it('re-imports idempotently: nothing created, every line unchanged, then one updated', async () => {
    const { ada } = await importedWorkspace();
    const before = await counts(ada);
    for (const [kind, file, lines] of [['companies', 'companies-fr.csv', 3], ['contacts', 'contacts-en.csv', 3], ['deals', 'deals-fr.csv', 4], ['activities', 'activities-en.csv', 4]] as const) {
      const again = await run(ada, kind, file);
      expect(again, file).toMatchObject({ outcome: 'ok', created: 0, updated: 0, unchanged: lines, companiesCreated: 0, contactsCreated: 0 });
    }
    expect(await counts(ada)).toEqual(before);

    const changed = fixture('deals-fr.csv').toString('utf8').replace('12 000,50', '13 500').replace(';Proposition;', ';Négociation;');
    const report = await run(ada, 'deals', Buffer.from(changed, 'utf8'));
    expect(report).toMatchObject({ outcome: 'ok', created: 0, updated: 1, unchanged: 3 });
    const { workspace } = await scopeOf(ada);
    const [d1] = await h.database.db.select().from(deals).where(and(eq(deals.workspaceId, workspace.id), eq(deals.externalId, 'D-1')));
    expect(d1).toMatchObject({ amountMinor: 1_350_000, stage: 'negotiation', probability: 80 });
    expect((await counts(ada)).history).toBe(before.history! + 1);
  });

  it('a won deal makes its company a customer once, with the date it was won', async () => {
    const ada = await h.session({ name: 'Ada' });
    const file = Buffer.from('external_id,name,company,stage,won_at,amount\nW-1,First order,Umbrella,won,2026-10-05 11:00,2500\nW-2,Second order,Umbrella,won,2026-11-05,900\n');
    expect(await run(ada, 'deals', file)).toMatchObject({ created: 2, companiesCreated: 1 });
    expect(await run(ada, 'deals', file)).toMatchObject({ created: 0, unchanged: 2 });
    const { workspace } = await scopeOf(ada);
    const [umbrella] = await h.database.db.select().from(companies).where(eq(companies.workspaceId, workspace.id));
    expect(umbrella?.lifecycle).toBe('client');
    const events = await h.database.db.select().from(customerEvents).where(eq(customerEvents.workspaceId, workspace.id));
    expect(events.map((e) => [e.kind, e.occurredAt.toISOString()])).toEqual([['acquired', '2026-10-05T09:00:00.000Z']]);
  });

  it('a dry run reports what would change and writes nothing but its audit row', async () => {
    const ada = await h.session({ name: 'Ada' });
    await run(ada, 'companies', 'companies-fr.csv');
    const before = await counts(ada);
    const dry = await run(ada, 'deals', 'deals-fr.csv', { dryRun: true, lang: 'fr' });
    expect(dry.issues.map((i) => renderIssue(i, 'fr'))).toEqual(['Ligne 2\u00a0: aucun membre «\u202fRita\u202f» (colonne propriétaire)\u00a0: indiquez son nom affiché ou son identifiant sur la plateforme.']);
    expect(dry.outcome).toBe('failed');
    await ada.as({ name: 'Rita' });
    const ok = await run(ada, 'deals', 'deals-fr.csv', { dryRun: true });
    expect(ok).toMatchObject({ outcome: 'ok', dryRun: true, created: 4, updated: 0, unchanged: 0, companiesCreated: 1, contactsCreated: 3 });
    expect(await counts(ada)).toEqual(before);
    const { workspace } = await scopeOf(ada);
    const audits = await h.database.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, 'import'))).orderBy(asc(auditLog.id));
    expect(audits.map((a) => [a.targetType, a.outcome, a.details['dryRun'], a.details['created'], a.details['errors']])).toEqual([
      ['companies', 'ok', false, 3, 0],
      ['deals', 'failed', true, 0, 1],
      ['deals', 'ok', true, 4, 0],
    ]);
  });

  describe('a malformed file gives line-numbered errors and changes nothing', () => {
    const cases: Array<[string, string, string[]]> = [
      ['missing column', 'deals-missing-column.csv', ['Line 1: required column missing: "name".']],
      [
        'bad date',
        'deals-bad-date.csv',
        [
          'Line 3: "31/02/2026" (column expected_close) does not exist in the calendar.',
          'Line 4: "tomorrow" (column expected_close) is not a date: write 2026-12-31 or 31/12/2026 (day first), with a time if needed (2026-12-31 14:30).',
          'Line 5: "2026-13-01 10:00" (column created_at) does not exist in the calendar.',
        ],
      ],
      [
        'bad amount',
        'deals-bad-amount.csv',
        [
          'Line 3: "1,234" (column montant) is not an amount: write 12,000.50 or €1234 (two decimals at most).',
          'Line 4: "douze mille" (column montant) is not an amount: write 12,000.50 or €1234 (two decimals at most).',
          'Line 5: "-500" (column montant) is not an amount: write 12,000.50 or €1234 (two decimals at most).',
        ],
      ],
      ['wrong separator (tabs)', 'deals-wrong-separator.csv', ['Line 1: columns must be separated by ";" or ",", and the header has neither.']],
      [
        'wrong separator (commas under a ; header)',
        'deals-mixed-separator.csv',
        ['Line 2: 1 value instead of 3: separate values with ";", as in the header.', 'Line 4: 1 value instead of 3: separate values with ";", as in the header.'],
      ],
      ['duplicate external id', 'deals-duplicate-id.csv', ['Line 4: id "X-1" is already used on line 2.']],
    ];
    it.each(cases)('%s', async (_name, file, expected) => {
      const ada = await h.session({ name: 'Ada' });
      await run(ada, 'companies', 'companies-fr.csv');
      const before = await counts(ada);
      const report = await run(ada, 'deals', file);
      expect(report.outcome).toBe('failed');
      expect(messages(report)).toEqual(expected);
      // Not even "Nouvelle Société", named on a good line, was created.
      expect(await counts(ada)).toEqual(before);
    });

    it('amounts that chat would ask about are line errors naming both readings', async () => {
      const ada = await h.session({ name: 'Ada' });
      await run(ada, 'companies', 'companies-fr.csv');
      const before = await counts(ada);
      const french = Buffer.from('id_externe;nom;société;montant\nA-1;Point;Acme Corp;15.000 €\nA-2;Virgule;Acme Corp;15,000\nA-3;TTC;Acme Corp;24 000 € TTC\nA-4;HT;Acme Corp;20 000 € HT\n');
      const report = await run(ada, 'deals', french, { lang: 'fr' });
      expect(report.outcome).toBe('failed');
      expect(messages(report, 'fr')).toEqual([
        'Ligne 3\u00a0: «\u202f15,000\u202f» (colonne montant) peut se lire 15\u202f000\u00a0€ ou 15,00\u00a0€\u00a0: écrivez les milliers sans séparateur ou avec une espace, les centimes avec deux décimales.',
        'Ligne 4\u00a0: «\u202f24 000 € TTC\u202f» (colonne montant) est TTC\u00a0: le chiffre d’affaires s’entend hors taxes, indiquez le montant HT.',
      ]);
      expect(await counts(ada)).toEqual(before);
      const english = Buffer.from('external_id,name,company,amount\nB-1,Comma,Acme Corp,"15,000"\nB-2,Dot,Acme Corp,15.000\n');
      expect(messages(await run(ada, 'deals', english))).toEqual([
        'Line 3: "15.000" (column amount) could be €15,000 or €15.00: write thousands with no separator or with a space, and cents with two decimals.',
      ]);
      // Once the doubt is lifted, the same file imports.
      const fixed = await run(ada, 'deals', Buffer.from('id_externe;nom;société;montant\nA-1;Point;Acme Corp;15.000 €\nA-2;Virgule;Acme Corp;15 000\nA-4;HT;Acme Corp;20 000 € HT\n'), { lang: 'fr' });
      expect(fixed).toMatchObject({ outcome: 'ok', created: 3 });
      const { workspace } = await scopeOf(ada);
      const amounts = await h.database.db.select({ external: deals.externalId, minor: deals.amountMinor }).from(deals).where(eq(deals.workspaceId, workspace.id)).orderBy(asc(deals.externalId));
      expect(amounts.map((d) => [d.external, Number(d.minor)])).toEqual([
        ['A-1', 1_500_000],
        ['A-2', 1_500_000],
        ['A-4', 2_000_000],
      ]);
    });

    it('in French too, and every reference problem of the file at once', async () => {
      const { ada } = await importedWorkspace();
      const before = await counts(ada);
      const file = [
        'id_externe;type;affaire;contact;date;auteur;durée',
        'Z-1;appel;D-404;;01/12/2026;;20',
        'Z-2;visio;D-1;;01/12/2026;Bob;',
        'Z-3;note;;;01/12/2026;;',
        'Z-4;appel;#999999;;2026-12-01;;dix minutes',
      ].join('\r\n');
      const report = await run(ada, 'activities', Buffer.from(file, 'utf8'), { lang: 'fr' });
      expect(messages(report, 'fr')).toEqual([
        'Ligne 2\u00a0: aucune affaire «\u202fD-404\u202f» (colonne affaire)\u00a0: indiquez l’identifiant externe ou le #numéro d’une affaire existante (importez les affaires d’abord).',
        'Ligne 3\u00a0: aucun membre «\u202fBob\u202f» (colonne auteur)\u00a0: indiquez son nom affiché ou son identifiant sur la plateforme.',
        'Ligne 4\u00a0: une activité se rattache à une affaire, une société ou un contact\u00a0: remplissez au moins l’une de ces colonnes.',
        'Ligne 5\u00a0: «\u202fdix minutes\u202f» (colonne durée) n’est pas une durée\u00a0: 20 (minutes), 20min ou 1h30.',
      ]);
      expect(await counts(ada)).toEqual(before);
    });

    it('counts lines as a text editor does: notes over several lines, blank lines, Windows line ends', async () => {
      const { ada } = await importedWorkspace();
      const before = await counts(ada);
      const file = [
        'external_id,type,deal,occurred_at,notes',
        'N-1,note,D-1,2026-11-05,"First line',
        'second line"',
        '',
        'N-2,note,D-1,2026-11-06,"Three\r\nline\r\nnote"',
        'N-3,note,D-1,2026-11-31,Bad date',
        'N-4,note,D-404,2026-11-07,Unknown deal',
      ].join('\r\n');
      const report = await run(ada, 'activities', Buffer.from(file));
      expect(messages(report)).toEqual([
        'Line 8: "2026-11-31" (column occurred_at) does not exist in the calendar.',
        'Line 9: no deal "D-404" (column deal): give the external id or #number of an existing deal (import the deals first).',
      ]);
      expect(await counts(ada)).toEqual(before);
    });

    it('a file that is not UTF-8 is refused with the line where it stops being UTF-8', async () => {
      const ada = await h.session({ name: 'Ada' });
      const latin1 = Buffer.from('external_id;name\nC-1;Acme\nC-2;Société Générale\n', 'latin1');
      const report = await run(ada, 'companies', latin1);
      expect(messages(report)).toEqual(['Line 3: the file is not UTF-8 from this line on: save it as "CSV UTF-8" and try again.']);
      expect((await counts(ada)).companies).toBe(0);
    });

    it('a file with a NUL (UTF-16 read as UTF-8, a binary cell) is refused the same way, nothing written', async () => {
      const ada = await h.session({ name: 'Ada' });
      const withNul = Buffer.from('external_id;name\nC-1;Acme\nC-2;Ac\u0000me\n', 'utf8');
      expect(messages(await run(ada, 'companies', withNul))).toEqual(['Line 3: the file is not UTF-8 from this line on: save it as "CSV UTF-8" and try again.']);
      const utf16 = Buffer.from('external_id;name\nC-1;Acme\n', 'utf16le');
      expect(messages(await run(ada, 'companies', utf16))).toEqual(['Line 1: the file is not UTF-8 from this line on: save it as "CSV UTF-8" and try again.']);
      expect((await counts(ada)).companies).toBe(0);
    });

    it('won and lost deals need their dates, and an unknown column is named', async () => {
      const ada = await h.session({ name: 'Ada' });
      const won = await run(ada, 'deals', Buffer.from('external_id,name,stage,lost_reason\nW-1,Won without date,won,\nW-2,Open with reason,proposal,price\n'));
      expect(messages(won)).toEqual([
        'Line 2: a won deal needs its won date (column won_at).',
        'Line 3: "lost_reason" is filled in but the stage (proposal) is not lost.',
      ]);
      const unknown = await run(ada, 'deals', Buffer.from('external_id,name,montnat\nW-1,Deal,100\n'));
      expect(messages(unknown)[0]).toMatch(/^Line 1: unknown column "montnat"\. Possible columns: external_id, name, company, /);
    });
  });

  it('leaves out lines about an erased person, by line number only', async () => {
    const ada = await h.session({ name: 'Ada' });
    const { workspace } = await scopeOf(ada);
    await h.database.db.transaction((tx) => suppress(tx, workspace.id, { email: 'LEA.ROUX@hooli.example', name: 'Léa Roux' }, NOW));
    const report = await run(ada, 'contacts', 'contacts-en.csv');
    expect(report).toMatchObject({ outcome: 'ok', created: 2, skippedErased: [4], companiesCreated: 2 });
    const names = (await h.database.db.select({ name: contacts.name }).from(contacts).where(eq(contacts.workspaceId, workspace.id))).map((c) => c.name);
    expect(names.sort()).toEqual(['Marie Dupont', 'Paul Martin']);
    // Hooli was only named on the erased line: not created either.
    expect((await counts(ada)).companies).toBe(2);
    const [audit] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, 'import')));
    expect(audit?.details).toMatchObject({ skippedErased: 1, created: 2, file: 'contacts-en.csv' });
    expect(JSON.stringify(audit)).not.toContain('roux');
  });

  it('refuses non-admins, with an audit row', async () => {
    const ada = await h.session({ name: 'Ada' });
    const mona = await ada.as({ name: 'Mona', role: 'manager' });
    const report = await run(mona, 'companies', 'companies-fr.csv');
    expect(report.outcome).toBe('refused');
    expect((await counts(ada)).companies).toBe(0);
    const { workspace } = await scopeOf(ada);
    const audits = await h.database.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id));
    expect(audits.map((a) => [a.action, a.outcome, a.targetType, a.actor])).toEqual([['import', 'refused', 'companies', `test:${mona.actor.id}`]]);
  });

  it('keeps an opt-out an import tries to lift', async () => {
    const ada = await h.session({ name: 'Ada' });
    await run(ada, 'contacts', 'contacts-en.csv');
    const lifted = fixture('contacts-en.csv').toString('utf8').replace('CFO,yes,no', 'CFO,no,no');
    expect(await run(ada, 'contacts', Buffer.from(lifted))).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const { workspace } = await scopeOf(ada);
    const [paul] = await h.database.db.select().from(contacts).where(and(eq(contacts.workspaceId, workspace.id), eq(contacts.externalId, 'P-2')));
    expect(paul?.optOutPhone).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The real bin: `relance import`, `--dry-run`, `relance export`, on a data directory.

const bin = fileURLToPath(new URL('../../bin/relance.mjs', import.meta.url));

const relance = (args: string[]) => runRelance(args, { variables: { LOG_LEVEL: 'warn' } });

describe('relance import / export (the real bin)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relance-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'data');
  const common = ['--db', db, '--now', NOW.toISOString(), '--lang', 'en'];
  const file = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));

  it('imports, dry-runs, refuses a rep, exports, and audits each run once', { timeout: 240_000 }, async () => {
    // The first member of the console workspace (alice) is its admin.
    const imported = await relance(['import', 'companies', file('companies-fr.csv'), '--user', 'alice', ...common]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('✅ companies-fr.csv: 3 lines read — 3 created, 0 updated, 0 unchanged.\n');

    const dry = await relance(['import', 'contacts', file('contacts-en.csv'), '--dry-run', '--user', 'alice', ...common]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe('Dry run of contacts-en.csv (nothing is saved): 3 lines read — 3 to create, 0 to update, 0 unchanged.\nRecords created from names in the file: 1 company, 0 contacts.\n');

    const bad = await relance(['import', 'deals', file('deals-bad-date.csv'), '--user', 'alice', ...common]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('deals-bad-date.csv: Line 3: "31/02/2026" (column expected_close) does not exist in the calendar.\n');
    expect(bad.stderr).toContain('Nothing was imported from deals-bad-date.csv: 3 errors. Fix the file and run the import again.\n');

    // bob joins as a rep: no import for him.
    const refused = await relance(['import', 'companies', file('companies-fr.csv'), '--user', 'bob', ...common]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('relance: Only admins can import (your role: sales rep).\n');
    const refusedExport = await relance(['export', 'companies', '--user', 'bob', ...common]);
    expect(refusedExport.code).toBe(1);

    const out = path.join(dir, 'companies.csv');
    const exported = await relance(['export', 'companies', '--out', out, '--user', 'alice', ...common]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(`3 rows exported to ${out}.\n`);
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFexternal_id,name,lifecycle\r\nC-1,Acme Corp,Prospect\r\nC-2,Globex,Customer\r\nC-3,Initech,Prospect\r\n');
    // Without --out, the file goes to stdout; French by default (a French workspace): `;`.
    const stdout = await relance(['export', 'companies', '--user', 'alice', '--db', db, '--now', NOW.toISOString()]);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toBe('\uFEFFid_externe;nom;cycle\r\nC-1;Acme Corp;Prospect\r\nC-2;Globex;Client\r\nC-3;Initech;Prospect\r\n');
    // What it wrote reads back as the same records.
    const copy = path.join(dir, 'again.csv');
    writeFileSync(copy, stdout.stdout);
    const again = await relance(['import', 'companies', copy, '--user', 'alice', ...common]);
    expect(again.stdout).toBe('✅ again.csv: 3 lines read — 0 created, 0 updated, 3 unchanged.\n');

    const usage = await relance(['import', 'widgets', 'x.csv', ...common]);
    expect(usage.code).toBe(2);

    const database = await openDatabase({ target: db });
    try {
      const rows = await database.db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(rows.map((r) => [r.action, r.targetType, r.outcome, r.actor, r.details['dryRun'] ?? null])).toEqual([
        ['import', 'companies', 'ok', 'cli:alice', false],
        ['import', 'contacts', 'ok', 'cli:alice', true],
        ['import', 'deals', 'failed', 'cli:alice', false],
        ['import', 'companies', 'refused', 'cli:bob', false],
        ['export', 'companies', 'refused', 'cli:bob', null],
        ['export', 'companies', 'ok', 'cli:alice', null],
        ['export', 'companies', 'ok', 'cli:alice', null],
        ['import', 'companies', 'ok', 'cli:alice', false],
      ]);
      expect(rows[5]?.details).toEqual({ lang: 'en', file: 'companies.csv', rows: 3 });
      // The dry run and the failed import left nothing behind.
      expect((await database.db.select({ n: count() }).from(contacts))[0]?.n).toBe(0);
    } finally {
      await database.close();
    }
  });
});
