// Opt-outs, right of access, right to erasure, retention, audit log and roles, end to end on the
// database the suite runs on.
import { and, eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { queryRows } from '../../src/db/client.ts';
import { activities, auditLog, contacts, deals, members, qualifications } from '../../src/db/schema.ts';
import { applyRetention } from '../../src/jobs/retention.job.ts';
import { kpis } from '../../src/kpi/kpi.service.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { suppressedIdentifiers } from '../../src/services/suppression.service.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: '2026-11-24T09:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const PERSON = { name: 'Jeanne Lemaire', email: 'jeanne.lemaire@exemple.fr', phone: '06 12 34 56 78' };

async function setup(): Promise<{ admin: Session; rep: Session; ws: number; contactId: number; dealId: number }> {
  h.clock.now = new Date('2026-11-10T09:00:00Z');
  const admin = await h.session({ role: 'admin', name: 'Ada' });
  const rep = await admin.as({ name: 'Rita' });
  const ws = await workspaceIdOf(h.database, admin);
  await rep.send(`/log call "${PERSON.name}" outbound positive Premier échange avec ${PERSON.name}, très intéressée`);
  await rep.click(1); // create the contact (a person's name: offered first)
  const [contact] = await h.database.db.select().from(contacts).where(eq(contacts.workspaceId, ws));
  await h.database.db.update(contacts).set({ email: PERSON.email, phone: PERSON.phone, title: 'DAF' }).where(eq(contacts.id, contact!.id));
  await rep.send(`/deal new "Projet ${PERSON.name}" Lemaire-Industries 25k`);
  await rep.click(1);
  const [deal] = await h.database.db.select().from(deals).where(eq(deals.workspaceId, ws));
  await h.database.db.update(deals).set({ contactId: contact!.id, nextStep: `Rappeler ${PERSON.name} au ${PERSON.phone}` }).where(eq(deals.id, deal!.id));
  // Another activity (about her company, not her) whose notes mention her email.
  await rep.send(`/log email Lemaire-Industries outbound Devis envoyé à ${PERSON.email}`);
  await h.database.db.insert(qualifications).values({ workspaceId: ws, dealId: deal!.id, framework: 'bant', answers: { authority: `${PERSON.name} décide avec le DG` }, score: 60, verdict: 'nurture', createdAt: h.clock.now });
  h.clock.now = new Date('2026-11-20T09:00:00Z');
  await rep.send(`/deal won #${deal!.id}`);
  return { admin, rep, ws, contactId: contact!.id, dealId: deal!.id };
}

const auditRows = async (ws: number) => h.database.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws)).orderBy(auditLog.id);
const fileOf = (replies: Reply[]) => replies.flatMap((r) => r.blocks).find((b) => b.type === 'file');

describe('opt-outs', () => {
  it('marks the contact everywhere, is audited, and only managers lift it', async () => {
    const { admin, rep, ws, contactId, dealId } = await setup();
    expect(await rep.send(`/contact optout "${PERSON.name}" phone`)).toContain('No more calls to');
    expect(await rep.send(`/contact show "${PERSON.name}"`)).toContain(`${PERSON.name} (do not call)`);
    expect(await rep.send(`/deal show #${dealId}`)).toContain(`${PERSON.name} (do not call)`);
    expect(await rep.send(`/contact optin "${PERSON.name}" phone`)).toContain('Only managers and admins can do this');
    expect(await admin.send(`/contact optin #${contactId} phone`)).toContain('Call opt-out lifted');
    expect((await auditRows(ws)).map((r) => [r.action, r.outcome, r.targetId])).toEqual([
      ['contact.optout', 'ok', String(contactId)],
      ['contact.optin', 'refused', null],
      ['contact.optin', 'ok', String(contactId)],
    ]);
  });
});

describe('right of access', () => {
  it('exports every place the person appears, as JSON, for admins only', async () => {
    const { admin, rep, ws, contactId, dealId } = await setup();
    expect(await rep.send(`/contact export "${PERSON.name}"`)).toContain('Only admins can do this');
    await admin.send(`/contact export "${PERSON.name}"`);
    const file = fileOf(admin.replies);
    expect(file && file.type === 'file' && file.mimeType).toBe('application/json');
    const data = JSON.parse(new TextDecoder().decode(file && file.type === 'file' ? file.bytes : new Uint8Array()));
    expect(data.contact).toMatchObject({ id: contactId, name: PERSON.name, email: PERSON.email, phone: PERSON.phone, title: 'DAF' });
    expect(data.deals.map((d: { id: number }) => d.id)).toEqual([dealId]);
    expect(data.activities).toHaveLength(2);
    expect(data.activities.map((a: { about: string }) => a.about).sort()).toEqual(['contact', 'mentioned']);
    expect(JSON.stringify(data.qualifications)).toContain('décide avec le DG');
    expect(data.audit.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`)).toEqual([]);
    const rows = await auditRows(ws);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['contact.export', 'refused'],
      ['contact.export', 'ok'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(PERSON.email);
  });
});

describe('right to erasure', () => {
  it('leaves no trace of name, email or phone in any table, keeps the KPIs, and keeps a suppression hash', async () => {
    const { admin, rep, ws, contactId } = await setup();
    const period = parsePeriod('month', { now: h.clock.now, timeZone: 'Europe/Paris', lang: 'en' });
    const [viewer] = await h.database.db.select().from(members).where(and(eq(members.workspaceId, ws), eq(members.role, 'admin')));
    const figures = async () => {
      const out: Record<string, number | null> = {};
      for (const kpi of kpis) out[kpi.key] = (await kpi.compute(h.database.db, { viewer: viewer!, currency: 'EUR', subject: { kind: 'all' } }, period)).value;
      return out;
    };
    const before = await figures();
    expect(before['revenue']).toBe(2_500_000);
    expect(await rep.send(`/contact forget "${PERSON.name}"`)).toContain('Only admins can do this');
    expect(await admin.send(`/contact forget "${PERSON.name}"`)).toContain(`Erase ${PERSON.name} for good?`);
    expect(await admin.click(2)).toContain('Erasure cancelled');
    expect(await admin.send(`/contact forget "${PERSON.name}"`)).toContain('for good?');
    expect(await admin.click(1)).toMatch(/Contact #\d+ erased: \d+ mentions replaced, 1 note deleted\./);
    // Every text and JSON column of every table, searched for each identifier.
    // (Other tests' workspaces hold the same made-up person: rows are scoped to this workspace
    // wherever the table has one.)
    const columns = await queryRows<{ table_name: string; column_name: string; data_type: string; scoped: boolean }>(
      h.database.db,
      sql`select c.table_name, c.column_name, c.data_type,
            exists (select 1 from information_schema.columns w where w.table_schema = 'public' and w.table_name = c.table_name and w.column_name = 'workspace_id') as scoped
          from information_schema.columns c where c.table_schema = 'public' and c.data_type in ('text', 'jsonb', 'character varying')`,
    );
    expect(columns.length).toBeGreaterThan(40);
    // (The company "Lemaire-Industries" is a legal person: its name stays.)
    const needles = [PERSON.name, 'jeanne lemaire', PERSON.email, PERSON.phone];
    for (const column of columns) {
      for (const needle of needles) {
        const hits = await queryRows<{ n: number }>(
          h.database.db,
          sql`select count(*)::int as n from ${sql.identifier(column.table_name)} where ${sql.identifier(column.column_name)}::text ilike ${`%${needle}%`}
                ${column.scoped ? sql`and workspace_id = ${ws}` : sql``}`,
        );
        expect(Number(hits[0]?.n), `${needle} in ${column.table_name}.${column.column_name}`).toBe(0);
      }
    }
    expect(await figures()).toEqual(before);
    const [erased] = await h.database.db.select().from(contacts).where(eq(contacts.id, contactId));
    expect(erased).toMatchObject({ email: null, phone: null, optOutPhone: true, optOutEmail: true });
    expect((await h.database.db.select().from(activities).where(eq(activities.workspaceId, ws))).length).toBe(2);
    expect(await suppressedIdentifiers(h.database.db, ws, { email: ' Jeanne.Lemaire@exemple.fr', phone: '+33 6 12 34 56 78' })).toEqual(expect.arrayContaining(['email', 'phone']));
    expect((await auditRows(ws)).map((r) => [r.action, r.outcome])).toEqual([
      ['contact.forget', 'refused'],
      ['contact.forget', 'failed'],
      ['contact.forget', 'ok'],
    ]);
  });
});

describe('audit log', () => {
  it('is append-only, and admins page through it', async () => {
    const { admin, rep, ws } = await setup();
    await admin.send(`/relance role Rita manager`);
    await rep.send(`/settings ranking on`);
    await admin.send(`/settings charts off`);
    const text = await admin.send('/audit');
    // Lines in words, never raw keys.
    expect(text).toMatch(/Setting change: charts · done/);
    expect(text).toMatch(/Rita · Settings change · refused/);
    expect(text).toMatch(/Role change for Rita: manager · done/);
    expect(text).not.toMatch(/settings\.change|member\.role|setting charts/);
    expect(await admin.send('/audit member')).not.toContain('Setting change');
    expect(await rep.send('/audit')).toContain('Only admins can do this');
    await expect(h.database.db.update(auditLog).set({ outcome: 'ok' }).where(eq(auditLog.workspaceId, ws))).rejects.toThrow();
    await expect(h.database.db.delete(auditLog).where(eq(auditLog.workspaceId, ws))).rejects.toThrow();
  });
});

describe('retention', () => {
  it('lists contacts idle past the period to admins, and erases them once the workspace says so', async () => {
    const { admin, ws } = await setup();
    const sent: Array<{ user: string; text: string }> = [];
    const ctx = (now: Date) => ({
      db: h.database.db,
      now,
      logger: pino({ level: 'silent' }),
      worker: 'test',
      send: async (ref: { userId: string }, reply: Reply) => void sent.push({ user: ref.userId, text: JSON.stringify(reply.blocks) }),
    });
    expect(await applyRetention(ctx(new Date('2027-11-30T06:30:00Z')), { workspaceId: ws })).toBe(0);
    // Past three years after the last activity and the card's creation (the deal is won, not open).
    expect(await applyRetention(ctx(new Date('2029-12-03T06:30:00Z')), { workspaceId: ws })).toBe(1);
    expect(sent.at(-1)).toMatchObject({ user: admin.actor.id });
    expect(sent.at(-1)!.text).toContain(PERSON.name);
    expect(await admin.send('/settings retention on years:3')).toContain('erased automatically');
    await applyRetention(ctx(new Date('2029-12-10T06:30:00Z')), { workspaceId: ws });
    expect(sent.at(-1)!.text).not.toContain(PERSON.name);
    const [left] = await h.database.db.select().from(contacts).where(eq(contacts.workspaceId, ws));
    expect(left!.email).toBeNull();
    expect((await auditRows(ws)).map((r) => r.action)).toEqual(['retention.list', 'settings.change', 'retention.erase']);
  });
});
