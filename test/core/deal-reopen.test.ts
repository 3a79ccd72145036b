// Reopening a won or lost deal (issue 14, deal integrity): it asks first, a "no" changes nothing,
// and a "yes" takes the win back so that every figure reads exactly as before the win — customer
// status and the "acquired" event included, unless another win keeps the company a customer.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/csv/csv-import.service.ts';
import { renderIssue } from '../../src/csv/csv-issues.ts';
import { companies, contacts, customerEvents, deals, members } from '../../src/db/schema.ts';
import { kpis } from '../../src/kpi/kpi.service.ts';
import { parsePeriod, previousPeriod } from '../../src/kpi/period.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: '2026-11-24T09:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const NOW = new Date('2026-11-24T09:00:00Z');
const at = (iso: string): void => {
  h.clock.now = new Date(iso);
};

async function dealId(s: Session, name: string): Promise<number> {
  const ws = await workspaceOf(h.database, s);
  const [deal] = await h.database.db.select().from(deals).where(and(eq(deals.workspaceId, ws.id), eq(deals.name, name)));
  return deal!.id;
}

async function dealRow(id: number) {
  const [deal] = await h.database.db.select().from(deals).where(eq(deals.id, id));
  return deal!;
}

async function companyOf(s: Session, name: string) {
  const ws = await workspaceOf(h.database, s);
  const [company] = await h.database.db.select().from(companies).where(and(eq(companies.workspaceId, ws.id), eq(companies.name, name)));
  return company!;
}

async function eventsOf(companyId: number) {
  return h.database.db.select().from(customerEvents).where(eq(customerEvents.companyId, companyId)).orderBy(customerEvents.occurredAt, customerEvents.id);
}

/** Every KPI, for the whole workspace as its manager sees it, over this month, the month before and the year. */
async function figures(s: Session): Promise<Record<string, unknown>> {
  const ws = await workspaceOf(h.database, s);
  const [viewer] = await h.database.db.select().from(members).where(and(eq(members.workspaceId, ws.id), eq(members.platformUserId, s.actor.id)));
  const scope = { viewer: viewer!, subject: { kind: 'all' as const }, currency: 'EUR' };
  const month = parsePeriod('month', { now: NOW, timeZone: ws.timeZone, lang: 'en' });
  const periods = { month, before: previousPeriod(month, ws.timeZone), year: parsePeriod('year', { now: NOW, timeZone: ws.timeZone, lang: 'en' }) };
  const out: Record<string, unknown> = {};
  for (const [label, period] of Object.entries(periods)) {
    for (const kpi of kpis) out[`${kpi.key}/${label}`] = await kpi.compute(h.database.db, scope, period);
  }
  return out;
}

/** A manager's workspace with spend for CAC, a customer won last month and one won earlier this month. */
async function workspaceWithCustomers(): Promise<Session> {
  const s = await h.session({ role: 'manager', name: 'Marc' });
  at('2026-10-06T09:00:00Z');
  await s.send('/deal new "Old order" Zeta 3k');
  await s.click(1);
  await s.send('/deal won "Old order"');
  at('2026-11-03T09:00:00Z');
  await s.send('/deal new "Early order" Globex 5k');
  await s.click(1);
  await s.send('/deal won "Early order"');
  at('2026-11-24T09:00:00Z');
  await s.send('/spend 4k month marketing');
  await s.send('/deal new "Acme renewal" Acme 20k contact:"Marie Dupont"');
  await s.click(1); // create company
  await s.click(1); // create contact
  await s.send('/deal stage "Acme renewal" proposal');
  return s;
}

describe('reopening a won deal', () => {
  it('asks first; "no" changes nothing; "yes" brings every figure back to what it was before the win', async () => {
    const s = await workspaceWithCustomers();
    const id = await dealId(s, 'Acme renewal');
    const before = await figures(s);
    const acmeBefore = await companyOf(s, 'Acme');
    expect(acmeBefore.lifecycle).toBe('prospect');

    at('2026-11-24T10:00:00Z');
    await s.send(`/deal won #${id}`);
    const won = await figures(s);
    // The win shows: revenue, deals won, new customers and CAC (€4,000 for 1 customer, then 2).
    expect(won['revenue/month']).not.toEqual(before['revenue/month']);
    expect(won['deals_won/month']).not.toEqual(before['deals_won/month']);
    expect(won['new_customers/month']).toEqual({ value: 2 });
    expect(before['cac/month']).toEqual({ value: 400_000 });
    expect(won['cac/month']).toEqual({ value: 200_000 });
    expect((await companyOf(s, 'Acme')).lifecycle).toBe('client');

    at('2026-11-24T11:00:00Z');
    const question = await s.send(`/deal stage #${id} proposal`);
    expect(question).toContain(`#${id} "Acme renewal" is won. Reopening it at stage Proposal`);
    expect(question).toContain('Reopen the deal');
    expect(await s.click(2)).toContain(`Nothing changed: #${id} "Acme renewal" stays at stage Won.`);
    expect(await dealRow(id)).toMatchObject({ status: 'won', stage: 'won' });
    expect(await figures(s)).toEqual(won);
    expect((await companyOf(s, 'Acme')).lifecycle).toBe('client');

    await s.send(`/deal stage #${id} proposal`);
    const reopened = await s.click(1);
    expect(reopened).toContain('Won → Proposal (60%).');
    expect(reopened).toContain('The win is taken out of the figures.');
    expect(await dealRow(id)).toMatchObject({ status: 'open', stage: 'proposal', probability: 60, wonAt: null });
    expect(await figures(s)).toEqual(before);
    const acme = await companyOf(s, 'Acme');
    expect(acme.lifecycle).toBe('prospect');
    expect(await eventsOf(acme.id)).toEqual([]);
    const [marie] = await h.database.db.select().from(contacts).where(eq(contacts.id, (await dealRow(id)).contactId!));
    expect(marie!.lifecycle).toBe('prospect');
    // The other customers are untouched.
    expect((await companyOf(s, 'Globex')).lifecycle).toBe('client');
    expect(await eventsOf((await companyOf(s, 'Globex')).id)).toHaveLength(1);
  });

  it('reversing the only win after a churn restores the churned state', async () => {
    const s = await workspaceWithCustomers();
    at('2026-11-10T09:00:00Z');
    expect(await s.send('/churn Zeta budget cut')).toContain('Zeta is now a lost customer');
    at('2026-11-12T09:00:00Z');
    await s.send('/deal new "Comeback" Zeta 7k');
    const id = await dealId(s, 'Comeback');
    const before = await figures(s);
    const zeta = await companyOf(s, 'Zeta');
    expect(zeta.lifecycle).toBe('lost');
    const eventsBefore = await eventsOf(zeta.id);

    at('2026-11-20T09:00:00Z');
    await s.send(`/deal won #${id}`);
    expect((await companyOf(s, 'Zeta')).lifecycle).toBe('client');
    expect(await eventsOf(zeta.id)).toHaveLength(3);
    expect(await figures(s)).not.toEqual(before);

    await s.send(`/deal stage #${id} lead`);
    await s.click(1);
    expect(await figures(s)).toEqual(before);
    expect((await companyOf(s, 'Zeta')).lifecycle).toBe('lost');
    expect(await eventsOf(zeta.id)).toEqual(eventsBefore);
  });

  it('keeps the company a customer when it has another win, the acquisition moving to that win', async () => {
    const s = await h.session({ role: 'manager' });
    at('2026-11-02T09:00:00Z');
    await s.send('/deal new First Acme 10k');
    await s.click(1);
    await s.send('/deal new Second Acme 5k');
    await s.send('/deal won First');
    at('2026-11-09T09:00:00Z');
    await s.send('/deal won Second');
    const first = await dealId(s, 'First');
    const second = await dealId(s, 'Second');
    const acme = await companyOf(s, 'Acme');
    expect(await eventsOf(acme.id)).toMatchObject([{ kind: 'acquired', dealId: first }]);

    // Reopening the later win: the company stays a customer since its first win.
    await s.send(`/deal stage #${second} proposal`);
    await s.click(1);
    expect((await companyOf(s, 'Acme')).lifecycle).toBe('client');
    expect(await eventsOf(acme.id)).toMatchObject([{ kind: 'acquired', dealId: first, occurredAt: new Date('2026-11-02T09:00:00Z') }]);

    // Won again, then the first win reopened: still a customer, acquired on the day of the other win.
    at('2026-11-16T09:00:00Z');
    await s.send(`/deal won #${second}`);
    await s.send(`/deal stage #${first} lead`);
    await s.click(1);
    expect((await companyOf(s, 'Acme')).lifecycle).toBe('client');
    expect(await eventsOf(acme.id)).toMatchObject([{ kind: 'acquired', dealId: second, occurredAt: new Date('2026-11-16T09:00:00Z') }]);
  });

  it('asks before marking a won deal lost, and takes the win back on yes', async () => {
    const s = await workspaceWithCustomers();
    const id = await dealId(s, 'Acme renewal');
    const before = await figures(s);
    await s.send(`/deal won #${id}`);
    expect(await s.send(`/deal lost #${id} price`)).toContain('is won. Marking it lost takes this win out of the figures');
    expect(await s.click(2)).toContain('Nothing changed');
    expect(await dealRow(id)).toMatchObject({ status: 'won', lostReason: null });
    await s.send(`/deal lost #${id} price`);
    expect(await s.click(1)).toContain('marked lost (reason: Price)');
    expect(await dealRow(id)).toMatchObject({ status: 'lost', wonAt: null, lostReason: 'price' });
    expect((await companyOf(s, 'Acme')).lifecycle).toBe('prospect');
    const after = await figures(s);
    // Deal counts differ by the lost deal; every customer figure is back.
    for (const key of ['revenue', 'deals_won', 'new_customers', 'cac', 'retention_rate', 'churn_rate', 'clv', 'roi']) {
      for (const period of ['month', 'before', 'year']) expect(after[`${key}/${period}`], `${key}/${period}`).toEqual(before[`${key}/${period}`]);
    }
  });
});

describe('reopening a lost deal', () => {
  it('asks first and clears the lost reason and date', async () => {
    const s = await h.session();
    await s.send('/deal new Gone Acme 10k');
    await s.click(1);
    const id = await dealId(s, 'Gone');
    await s.send(`/deal lost #${id} competitor They chose another tool`);
    expect(await dealRow(id)).toMatchObject({ status: 'lost', lostReason: 'competitor', lostNote: 'They chose another tool' });
    expect(await s.send(`/deal stage #${id} proposal`)).toContain('is lost. Reopening it at stage Proposal clears the lost reason and date.');
    expect(await s.click(2)).toContain('stays at stage Lost');
    expect(await dealRow(id)).toMatchObject({ status: 'lost', lostReason: 'competitor' });
    await s.send(`/deal stage #${id} proposal`);
    expect(await s.click(1)).toContain('Lost → Proposal');
    expect(await dealRow(id)).toMatchObject({ status: 'open', stage: 'proposal', lostReason: null, lostNote: null, lostAt: null });
  });

  it('moves between open stages without asking', async () => {
    const s = await h.session();
    await s.send('/deal new Plain Acme 10k');
    await s.click(1);
    expect(await s.send('/deal stage Plain proposal')).toContain('Lead → Proposal (60%).');
  });
});

describe('a CSV import', () => {
  it('does not reopen a closed deal nor lose a won one: the file is refused, pointing to the chat commands', async () => {
    const s = await h.session({ role: 'admin' });
    const ws = await workspaceOf(h.database, s);
    const [member] = await h.database.db.select().from(members).where(and(eq(members.workspaceId, ws.id), eq(members.platformUserId, s.actor.id)));
    const run = (csv: string) =>
      importCsv(h.database.db, { kind: 'deals', bytes: Buffer.from(csv), fileName: 'deals.csv', dryRun: false, workspace: ws, member: member!, now: NOW, lang: 'en', auditActor: 'test' });
    const imported = await run('external_id,name,company,stage,won_at,lost_at,lost_reason\nW-1,Won,Umbrella,won,2026-11-05,,\nL-1,Lost,Umbrella,lost,,2026-11-06,price\nO-1,Open,Umbrella,lead,,,\n');
    expect(imported).toMatchObject({ outcome: 'ok', created: 3 });
    const won = await dealId(s, 'Won');
    const lost = await dealId(s, 'Lost');
    const refused = await run('external_id,name,company,stage\nW-1,Won,Umbrella,proposal\nL-1,Lost,Umbrella,lead\nO-1,Open,Umbrella,proposal\n');
    expect(refused.outcome).toBe('failed');
    expect(refused.issues.map((issue) => renderIssue(issue, 'en'))).toEqual([
      expect.stringMatching(new RegExp(`^Line 2: deal #${won} is closed \\(won\\): an import does not reopen it`)),
      expect.stringMatching(new RegExp(`^Line 3: deal #${lost} is closed \\(lost\\)`)),
    ]);
    const lostNow = await run('external_id,name,company,stage,lost_at,lost_reason\nW-1,Won,Umbrella,lost,2026-11-07,price\n');
    expect(lostNow.issues.map((issue) => issue.code)).toEqual(['csv_closed_deal_reopened']);
    expect(await dealRow(won)).toMatchObject({ status: 'won' });
    expect(await dealRow(lost)).toMatchObject({ status: 'lost', lostReason: 'price' });
    expect((await companyOf(s, 'Umbrella')).lifecycle).toBe('client');
  });
});
