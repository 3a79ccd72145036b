// CSV export: what it writes (French and English conventions, BOM, formula guard), who sees
// what, `/export` in chat as a file reply with its audit rows, and the round trip: export,
// import into another workspace, export again gives the same file and the same records.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvKinds, type CsvKind } from '../../src/csv/csv-columns.schema.ts';
import { exportCsv } from '../../src/csv/csv-export.service.ts';
import { importCsv } from '../../src/csv/csv-import.service.ts';
import type { Block } from '../../src/core/types.ts';
import { activities, auditLog, companies, contacts, deals, members } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceOf } from '../support/workspace-lookup.ts';

const NOW = new Date('2026-11-24T09:00:00Z');
const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url)));
const text = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: NOW.toISOString() });
});
afterAll(async () => {
  await h.close();
});

async function scopeOf(session: Session) {
  const db = h.database.db;
  const workspace = await workspaceOf(h.database, session);
  const [member] = await db.select().from(members).where(and(eq(members.workspaceId, workspace.id), eq(members.platformUserId, session.actor.id)));
  return { workspace, member: member! };
}

async function importInto(session: Session, kind: CsvKind, bytes: Uint8Array) {
  const { workspace, member } = await scopeOf(session);
  const report = await importCsv(h.database.db, { kind, bytes, fileName: `${kind}.csv`, dryRun: false, workspace, member, now: NOW, lang: 'en', auditActor: 'test' });
  expect(report.issues, kind).toEqual([]);
  return report;
}

async function exportOf(session: Session, kind: CsvKind, lang: 'fr' | 'en' = 'fr') {
  const { workspace, member } = await scopeOf(session);
  return exportCsv(h.database.db, { kind, lang, workspace, member, now: NOW });
}

/** The fixtures imported, then a deal and two activities logged in chat (records without external ids). */
async function workspaceWithData(): Promise<Session> {
  const ada = await h.session({ name: 'Ada' });
  const rita = await ada.as({ name: 'Rita' });
  for (const [kind, file] of [['companies', 'companies-fr.csv'], ['contacts', 'contacts-en.csv'], ['deals', 'deals-fr.csv'], ['activities', 'activities-en.csv']] as const) await importInto(ada, kind, fixture(file));
  expect(await rita.send('/deal new "Chat deal" "Acme Corp" 8 250,75 € close:2026-12-18 contact:"Marie Dupont"')).toContain('created');
  expect(await rita.send('/log call "Chat deal" outbound 15min positive =cmd|calc')).toContain('logged');
  expect(await rita.send('/log note "Globex" Met at the trade fair; wants a demo')).toContain('logged');
  return ada;
}

/** Every record of a workspace as the fields that matter, names instead of ids. */
async function snapshot(session: Session) {
  const { workspace } = await scopeOf(session);
  const db = h.database.db;
  const memberName = new Map((await db.select().from(members).where(eq(members.workspaceId, workspace.id))).map((m) => [m.id, m.displayName]));
  const companyRows = await db.select().from(companies).where(eq(companies.workspaceId, workspace.id)).orderBy(asc(companies.id));
  const companyName = new Map(companyRows.map((c) => [c.id, c.name]));
  const contactRows = await db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id)).orderBy(asc(contacts.id));
  const contactName = new Map(contactRows.map((c) => [c.id, c.name]));
  const dealRows = await db.select().from(deals).where(eq(deals.workspaceId, workspace.id)).orderBy(asc(deals.id));
  const dealName = new Map(dealRows.map((d) => [d.id, d.name]));
  const activityRows = await db.select().from(activities).where(eq(activities.workspaceId, workspace.id)).orderBy(asc(activities.id));
  const name = (map: Map<number, string>, id: number | null) => (id === null ? null : map.get(id));
  return {
    companies: companyRows.map((c) => ({ name: c.name, lifecycle: c.lifecycle })),
    contacts: contactRows.map((c) => ({ name: c.name, company: name(companyName, c.companyId), email: c.email, phone: c.phone, title: c.title, lifecycle: c.lifecycle, optOutPhone: c.optOutPhone, optOutEmail: c.optOutEmail })),
    deals: dealRows.map((d) => ({
      name: d.name,
      company: name(companyName, d.companyId),
      contact: name(contactName, d.contactId),
      owner: memberName.get(d.ownerId),
      amountMinor: d.amountMinor,
      currency: d.currency,
      stage: d.stage,
      status: d.status,
      probability: d.probability,
      expectedCloseDate: d.expectedCloseDate,
      nextStep: d.nextStep,
      nextStepDue: d.nextStepDue,
      createdAt: d.createdAt.toISOString(),
      wonAt: d.wonAt?.toISOString() ?? null,
      lostAt: d.lostAt?.toISOString() ?? null,
      lostReason: d.lostReason,
      lostNote: d.lostNote,
      lastActivityAt: d.lastActivityAt?.toISOString() ?? null,
    })),
    activities: activityRows.map((a) => ({
      type: a.type,
      direction: a.direction,
      outcome: a.outcome,
      durationMinutes: a.durationMinutes,
      notes: a.notes,
      deal: name(dealName, a.dealId),
      company: name(companyName, a.companyId),
      contact: name(contactName, a.contactId),
      occurredAt: a.occurredAt.toISOString(),
      loggedBy: memberName.get(a.loggedBy),
    })),
  };
}

describe('relance export (service)', () => {
  it('round trip: export, import into another workspace, export again gives the same file and the same records', async () => {
    const source = await workspaceWithData();
    const files = new Map<CsvKind, Uint8Array>();
    for (const kind of csvKinds) files.set(kind, (await exportOf(source, kind)).bytes);

    // The other workspace has its own admin and a member with the same name as the owner.
    const target = await h.session({ name: 'Ada' });
    await target.as({ name: 'Rita' });
    for (const kind of ['companies', 'contacts', 'deals', 'activities'] as const) await importInto(target, kind, files.get(kind)!);

    for (const kind of csvKinds) expect(text((await exportOf(target, kind)).bytes), kind).toBe(text(files.get(kind)!));
    const [before, after] = [await snapshot(source), await snapshot(target)];
    // Field by field, record by record (same order: imported in file order).
    expect(after.companies).toEqual(before.companies);
    expect(after.contacts).toEqual(before.contacts);
    expect(after.deals).toEqual(before.deals);
    expect(after.activities).toEqual(before.activities);
    expect(before.deals.length).toBe(5);
    expect(before.activities.length).toBe(6);

    // And back into the first workspace: the same records, nothing new, nothing changed.
    for (const kind of ['companies', 'contacts', 'deals', 'activities'] as const) {
      expect(await importInto(source, kind, files.get(kind)!), kind).toMatchObject({ created: 0, updated: 0, companiesCreated: 0, contactsCreated: 0 });
    }
    expect(await snapshot(source)).toEqual(before);
  });

  it('writes French files with ; and a decimal comma, English ones with , and a decimal point, both UTF-8 with BOM', async () => {
    const ada = await workspaceWithData();
    const fr = await exportOf(ada, 'deals', 'fr');
    const en = await exportOf(ada, 'deals', 'en');
    expect([...fr.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...en.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const frLines = text(fr.bytes).slice(1).split('\r\n');
    const enLines = text(en.bytes).slice(1).split('\r\n');
    expect(frLines[0]).toBe('id_externe;nom;societe;contact;proprietaire;montant;devise;etape;date_signature;prochaine_etape;echeance;cree_le;gagne_le;perdu_le;raison_perte;note_perte');
    expect(enLines[0]).toBe('external_id,name,company,contact,owner,amount,currency,stage,expected_close,next_step,next_step_due,created_at,won_at,lost_at,lost_reason,lost_note');
    expect(frLines[1]).toBe('D-1;Acme renouvellement;Acme Corp;Marie Dupont;Rita;12000,50;EUR;Proposition;2026-12-31;Envoyer le devis;2026-12-15;2026-09-01T08:30:00.000Z;;;;');
    expect(enLines[1]).toBe('D-1,Acme renouvellement,Acme Corp,Marie Dupont,Rita,12000.50,EUR,Proposal,2026-12-31,Envoyer le devis,2026-12-15,2026-09-01T08:30:00.000Z,,,,');
    expect(frLines).toContain('D-2;Globex licences;Globex;Paul Martin;Ada;1234,00;EUR;Gagnée;2026-11-30;;;2026-09-30T22:00:00.000Z;2026-11-20T15:00:00.000Z;;;');
    // Records created in chat are exported under their Relance number.
    expect(frLines.find((l) => l.includes('Chat deal'))).toMatch(/^#\d+;Chat deal;Acme Corp;Marie Dupont;Rita;8250,75;EUR;Lead;2026-12-18;/);
    // A quoted value with the separator and a line break stays one value.
    expect(text(fr.bytes)).toContain(';"Initech audit; phase 2";');
    expect(text(en.bytes)).toContain(',Initech audit; phase 2,');
    expect(text(fr.bytes)).toContain('"Trop cher,\nle concurrent est moins cher"');

    const people = text((await exportOf(ada, 'contacts', 'fr')).bytes).split('\r\n');
    expect(people).toContain("P-1;Marie Dupont;Acme Corp;marie.dupont@acme.example;'+33 6 12 34 56 78;Head of IT;non;non;Prospect");
    expect(people).toContain('P-2;Paul Martin;Globex;paul.martin@globex.example;01 23 45 67 89;CFO;oui;non;Client');
    // Text a spreadsheet would run as a formula is written behind a quote.
    const log = text((await exportOf(ada, 'activities', 'en')).bytes);
    expect(log).toContain(",'=SUM(A1:A2)\r\n");
    expect(log).toContain(",'=cmd|calc\r\n");
  });

  it('gives a manager with a team only the team’s deals and activities; admins everything', async () => {
    const ada = await h.session({ name: 'Ada' });
    const mona = await ada.as({ name: 'Mona', role: 'manager', team: 'North' });
    const rita = await ada.as({ name: 'Rita', team: 'North' });
    const sam = await ada.as({ name: 'Sam' });
    await rita.send('/deal new "North deal" Alpha 1k');
    await rita.click(1);
    await sam.send('/deal new "Other deal" Beta 2k');
    await sam.click(1);
    await rita.send('/log call "North deal" outbound');
    await sam.send('/log call "Other deal" outbound');
    const monaDeals = text((await exportOf(mona, 'deals', 'en')).bytes);
    expect(monaDeals).toContain('North deal');
    expect(monaDeals).not.toContain('Other deal');
    const monaLog = text((await exportOf(mona, 'activities', 'en')).bytes).split('\r\n').filter(Boolean);
    expect(monaLog).toHaveLength(2);
    expect(monaLog[1]).toContain('Rita');
    const all = text((await exportOf(ada, 'deals', 'en')).bytes);
    expect(all).toContain('North deal');
    expect(all).toContain('Other deal');
  });
});

describe('/export in chat', () => {
  const fileBlock = (session: Session): Extract<Block, { type: 'file' }> | undefined =>
    session.replies.flatMap((r) => r.blocks).find((b): b is Extract<Block, { type: 'file' }> => b.type === 'file');

  it('answers a manager with the CSV as a file, audited; refuses a rep, audited too', async () => {
    const ada = await workspaceWithData();
    const reply = await ada.send('/export deals');
    expect(reply).toContain('Here is the file: 5 rows, separator “,”');
    const file = fileBlock(ada);
    expect(file).toMatchObject({ type: 'file', fileName: 'relance-deals-2026-11-24.csv', mimeType: 'text/csv', title: 'CSV export of deals (5 rows)' });
    const csv = text(file!.bytes);
    expect(csv.startsWith('\uFEFFexternal_id,name,company,')).toBe(true);
    expect(csv).toContain('D-1,Acme renouvellement,Acme Corp,Marie Dupont,Rita,12000.50,EUR,Proposal');
    expect(ada.replies.every((r) => r.visibility === 'private')).toBe(true);

    // In French: /exporter, French headers and separator.
    const claire = await ada.as({ name: 'Claire', role: 'manager', locale: 'fr-FR' });
    await claire.send('/exporter activites');
    const frFile = fileBlock(claire);
    expect(frFile?.title).toBe('Export CSV des activités (6 lignes)');
    expect(text(frFile!.bytes).startsWith('\uFEFFid_externe;type;affaire;societe;contact;sens;resultat;duree;date;auteur;notes\r\n')).toBe(true);

    const rita = await ada.as({ name: 'Rita' });
    expect(await rita.send('/export contacts')).toContain('manager');
    expect(fileBlock(rita)).toBeUndefined();

    const { workspace } = await scopeOf(ada);
    const audits = await h.database.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, 'export'))).orderBy(asc(auditLog.id));
    expect(audits.map((a) => [a.targetType, a.targetId, a.outcome, a.details['rows'] ?? null])).toEqual([
      ['deals', 'deals', 'ok', 5],
      ['activities', 'activities', 'ok', 6],
      [null, null, 'refused', null],
    ]);
  });
});
