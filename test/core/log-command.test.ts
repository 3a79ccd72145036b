import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, auditLog, companies, contacts, deals } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

async function activitiesOf(session: Session) {
  return h.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceIdOf(h.database, session)));
}

describe('/log', () => {
  it('logs the five kinds of activity with direction, outcome, duration and notes', async () => {
    const s = await h.session();
    await s.send('/deal new "Acme renewal" Acme 12k');
    await s.click(1); // create company Acme
    expect(await s.send('/log call Acme outbound 20min positive Budget confirmed')).toContain('✅');
    await s.send('/log email Acme inbound Asked for a discount');
    await s.send('/log meeting Acme no-show');
    await s.send('/log demo Acme 1h30 done');
    await s.send('/log note Acme Champion is the CFO');
    const rows = await activitiesOf(s);
    expect(rows.map((r) => r.type).sort()).toEqual(['call', 'demo', 'email', 'meeting', 'note']);
    const call = rows.find((r) => r.type === 'call')!;
    expect(call).toMatchObject({ direction: 'outbound', outcome: 'positive', durationMinutes: 20, notes: 'Budget confirmed' });
    expect(rows.find((r) => r.type === 'meeting')!.outcome).toBe('no_show');
    expect(rows.find((r) => r.type === 'demo')!.durationMinutes).toBe(90);
  });

  it('accepts French words for everything', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    await s.send('/journal appel Globex sortant 15min messagerie');
    expect(s.replies[0]!.blocks[0]).toMatchObject({ type: 'text' });
    await s.click(1); // créer la société
    const [row] = await activitiesOf(s);
    expect(row).toMatchObject({ type: 'call', direction: 'outbound', outcome: 'voicemail', durationMinutes: 15 });
  });

  it('proposes a close match instead of creating a duplicate, and creates only after confirmation', async () => {
    const s = await h.session();
    await s.send('/log call "Initech Corp"');
    await s.click(1); // create company
    const text = await s.send('/log call "Initeck Corp" quick check-in');
    expect(text).toMatch(/Did you mean/);
    expect(text).toContain('Company Initech Corp');
    // Nothing written while the question is open.
    expect(await activitiesOf(s)).toHaveLength(1);
    await s.click(1); // the proposed match
    const ws = await workspaceIdOf(h.database, s);
    const list = await h.database.db.select().from(companies).where(eq(companies.workspaceId, ws));
    expect(list.map((c) => c.name)).toEqual(['Initech Corp']);
    const rows = await activitiesOf(s);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.companyId === list[0]!.id)).toBe(true);
  });

  it('creates a contact when the member chooses so', async () => {
    const s = await h.session();
    const text = await s.send('/log call "Marie Curie"');
    expect(text).toContain('Create contact "Marie Curie"');
    // A person's name: the contact is offered first.
    expect(text.indexOf('Create contact')).toBeLessThan(text.indexOf('Create company'));
    await s.click(1);
    const ws = await workspaceIdOf(h.database, s);
    expect(await h.database.db.select().from(contacts).where(eq(contacts.workspaceId, ws))).toHaveLength(1);
  });

  it('sets the next step and its date on the deal', async () => {
    const s = await h.session();
    await s.send('/deal new "Hooli pilot" Hooli 5k');
    await s.click(1);
    const text = await s.send('/log call deal:"Hooli pilot" next:"send the quote" due:friday');
    expect(text).toContain('Next step: send the quote');
    const ws = await workspaceIdOf(h.database, s);
    const [deal] = await h.database.db.select().from(deals).where(eq(deals.workspaceId, ws));
    // 2026-11-24 is a Tuesday: "friday" is the 27th.
    expect(deal).toMatchObject({ nextStep: 'send the quote', nextStepDue: '2026-11-27' });
    expect(deal!.lastActivityAt?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });

  it('puts a next step logged on a company on its only open deal, and asks for a missing date', async () => {
    const s = await h.session();
    await s.send('/deal new "Wonka upgrade" Wonka 8k');
    await s.click(1);
    const question = await s.send('/log call Wonka next:"book the demo"');
    expect(question).toContain('When is the next step due?');
    await s.click(3); // in 7 days
    const ws = await workspaceIdOf(h.database, s);
    const [deal] = await h.database.db.select().from(deals).where(eq(deals.workspaceId, ws));
    expect(deal).toMatchObject({ nextStep: 'book the demo', nextStepDue: '2026-12-01' });
  });

  it('asks before logging an outbound call to a contact who opted out, and records the choice', async () => {
    const s = await h.session();
    await s.send('/log email "Paul Martin"');
    await s.click(1); // create the contact (a person's name: offered first)
    const ws = await workspaceIdOf(h.database, s);
    await h.database.db.update(contacts).set({ optOutPhone: true }).where(and(eq(contacts.workspaceId, ws)));
    expect(await s.send('/log call "Paul Martin"')).toContain('Paul Martin has opted out of calls. Log this outbound call anyway?');
    expect(await s.click(2)).toContain('Nothing logged: Paul Martin’s opt-out still applies.');
    expect(await s.send('/log call "Paul Martin" inbound')).toContain('✅ Call logged for Paul Martin: inbound.');
    await s.send('/log call "Paul Martin"');
    expect(await s.click(1)).toContain('recorded in the audit log');
    const rows = await h.database.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws));
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([['contact.optout_override', 'ok']]);
  });

  it('says what is wrong with a bad duration and shows a full example', async () => {
    const s = await h.session();
    const text = await s.send('/log call Acme duration:forever');
    expect(text).toContain('"forever" is not a duration I can read');
    expect(text).toContain('Example: /log call');
    expect(await activitiesOf(s)).toHaveLength(0);
  });
});
