import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companies, contacts, dealStageHistory, deals } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

async function dealsOf(s: Session) {
  return h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceIdOf(h.database, s))).orderBy(deals.id);
}

/** A session with one deal #id on company Acme with contact Marie Dupont. */
async function withDeal(options: Parameters<Harness['session']>[0] = {}): Promise<{ s: Session; id: number }> {
  const s = await h.session(options);
  await s.send('/deal new "Acme renewal" Acme 15 000 € close:30/12 contact:"Marie Dupont"');
  await s.click(1); // create company
  await s.click(1); // create contact
  const [deal] = await dealsOf(s);
  return { s, id: deal!.id };
}

describe('/deal', () => {
  it('creates a deal with amount in minor units, close date, contact, first stage and history', async () => {
    const { s, id } = await withDeal();
    const [deal] = await dealsOf(s);
    expect(deal).toMatchObject({ name: 'Acme renewal', amountMinor: 1_500_000, currency: 'EUR', stage: 'lead', probability: 10, expectedCloseDate: '2026-12-30' });
    const history = await h.database.db.select().from(dealStageHistory).where(eq(dealStageHistory.dealId, id));
    expect(history).toHaveLength(1);
    // A deal shows real intent: the lead company becomes a prospect.
    const [company] = await h.database.db.select().from(companies).where(eq(companies.id, deal!.companyId!));
    expect(company!.lifecycle).toBe('prospect');
  });

  it('reads amounts such as 15k€, 1,5M and $3k', async () => {
    const s = await h.session();
    await s.send('/deal new A Acme 15k€');
    await s.click(1);
    await s.send('/deal new B Acme 1,5M');
    await s.send('/deal new C Acme $3k');
    expect((await dealsOf(s)).map((d) => [d.amountMinor, d.currency])).toEqual([
      [1_500_000, 'EUR'],
      [150_000_000, 'EUR'],
      [300_000, 'USD'],
    ]);
  });

  it('reads amounts as a French member writes them, and asks back the ones that mean two values', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    await s.send('/affaire nouvelle "Test" Acme 15.000 €');
    await s.click(1); // create the company
    expect((await dealsOf(s)).map((d) => d.amountMinor)).toEqual([1_500_000]);

    // `15,000` is 15 000 € written the English way, or 15,00 €: asked, with both readings as buttons.
    const question = await s.send('/affaire nouvelle "Virgule" Acme 15,000');
    expect(question).toContain('Montant «\u202f15,000\u202f»\u00a0: 15\u202f000\u00a0€ ou 15,00\u00a0€\u202f?');
    const buttons = s.replies.flatMap((r) => r.blocks).find((b) => b.type === 'buttons' && b.buttons.some((button) => button.actionId.endsWith(':amount:amount')));
    expect(buttons?.type === 'buttons' && buttons.buttons.map((b) => b.label)).toEqual(['15\u202f000\u00a0€', '15,00\u00a0€']);
    expect(await dealsOf(s)).toHaveLength(1); // nothing written while the question is open
    expect(await s.click(2)).toMatch(/Virgule.*créée/);
    const again = await s.send('/affaire nouvelle "Milliers" Acme 15,000');
    expect(again).toContain('15,00\u00a0€\u202f?');
    await s.click(1);
    expect((await dealsOf(s)).map((d) => [d.name, d.amountMinor])).toEqual([
      ['Test', 1_500_000],
      ['Virgule', 1_500],
      ['Milliers', 1_500_000],
    ]);

    // Guided mode goes through the same rule: the typed amount is asked back too.
    const [deal] = await dealsOf(s);
    expect(await s.send(`/affaire montant #${deal!.id}`)).toContain('Quel montant');
    expect(await s.say('2,500')).toContain('2\u202f500\u00a0€ ou 2,50\u00a0€');
    expect(await s.click(1)).toContain('→ 2\u202f500\u00a0€');

    // HT is what revenue means; TTC is recorded as given, and the reply says so.
    expect(await s.send(`/affaire montant #${deal!.id} 20 000 € HT`)).not.toContain('TTC');
    const ttc = await s.send(`/affaire montant #${deal!.id} 24 000 € TTC`);
    expect(ttc).toContain('→ 24\u202f000\u00a0€');
    expect(ttc).toContain('Montant enregistré TTC, tel que saisi\u00a0: 24\u202f000\u00a0€. Les montants de Relance');
    expect((await dealsOf(s))[0]!.amountMinor).toBe(2_400_000);
  });

  it('in English, $15,000 and 15,000.50 are read directly and 15.000 is asked back', async () => {
    const s = await h.session();
    await s.send('/deal new A Acme $15,000');
    await s.click(1);
    await s.send('/deal new B Acme 15,000.50');
    expect(await s.send('/deal new C Acme 15.000')).toContain('Amount "15.000": €15,000 or €15.00?');
    await s.click(2);
    expect((await dealsOf(s)).map((d) => [d.amountMinor, d.currency])).toEqual([
      [1_500_000, 'USD'],
      [1_500_050, 'EUR'],
      [1_500, 'EUR'],
    ]);
    expect(await s.send('/deal new D Acme 15.1234')).toContain('"15.1234" has more than two decimals');
  });

  it('moves stages, records history, and winning turns company and contact into clients', async () => {
    const { s, id } = await withDeal();
    expect(await s.send(`/deal stage #${id} proposal`)).toContain('Lead → Proposal (60%)');
    expect(await s.send(`/deal won #${id}`)).toContain('Deal won');
    const [deal] = await dealsOf(s);
    expect(deal).toMatchObject({ stage: 'won', probability: 100 });
    expect(deal!.wonAt).not.toBeNull();
    const [company] = await h.database.db.select().from(companies).where(eq(companies.id, deal!.companyId!));
    const [contact] = await h.database.db.select().from(contacts).where(eq(contacts.id, deal!.contactId!));
    expect([company!.lifecycle, contact!.lifecycle]).toEqual(['client', 'client']);
    const show = await s.send(`/deal show #${id}`);
    expect(show).toMatch(/created → Lead[\s\S]*Lead → Proposal[\s\S]*Proposal → Won/);
  });

  it('loses a deal with a reason chosen from a list and a free-text note', async () => {
    const { s, id } = await withDeal();
    const question = await s.send(`/deal lost #${id}`);
    expect(question).toContain('Why was it lost?');
    expect(question).toContain('Competitor');
    await s.click(3);
    const [deal] = await dealsOf(s);
    expect(deal).toMatchObject({ stage: 'lost', lostReason: 'competitor', probability: 0 });
    const { s: s2, id: id2 } = await withDeal();
    await s2.send(`/deal lost #${id2} price They chose a cheaper tool`);
    const [deal2] = await dealsOf(s2);
    expect(deal2).toMatchObject({ lostReason: 'price', lostNote: 'They chose a cheaper tool' });
    expect(await s2.send(`/deal show #${id2}`)).toContain('Price — They chose a cheaper tool');
  });

  it('changes amount, close date and next step', async () => {
    const { s, id } = await withDeal();
    expect(await s.send(`/deal amount #${id} 18.5k€`)).toContain('€15,000 → €18,500');
    await s.send(`/deal close #${id} "end of month"`);
    await s.send(`/deal next #${id} "Call the CFO" tomorrow`);
    const [deal] = await dealsOf(s);
    expect(deal).toMatchObject({ amountMinor: 1_850_000, expectedCloseDate: '2026-11-30', nextStep: 'Call the CFO', nextStepDue: '2026-11-25' });
  });

  it('finds a deal by a slightly wrong name by asking first', async () => {
    const { s } = await withDeal();
    const text = await s.send('/deal show "Acme renewel"');
    expect(text).toContain('Did you mean');
    expect(await s.click(1)).toContain('Acme renewal');
  });

  it('rejects an unknown stage with the list of stages and an example', async () => {
    const { s, id } = await withDeal();
    const text = await s.send(`/deal stage #${id} signed-off`);
    expect(text).toContain('I do not know the stage "signed-off"');
    expect(text).toContain('Proposal');
    expect(text).toContain('Example: /deal stage #12 proposal');
  });

  it('scopes lists and changes by role: rep own, manager team, admin all', async () => {
    const admin = await h.session({ role: 'admin', name: 'Ada' });
    const rep1 = await admin.as({ name: 'Rita', role: 'rep', team: 'north' });
    const rep2 = await admin.as({ name: 'Remy', role: 'rep', team: 'south' });
    const manager = await admin.as({ name: 'Mona', role: 'manager', team: 'north' });
    await rep1.send('/deal new "North deal" Alpha 10k');
    await rep1.click(1);
    await rep2.send('/deal new "South deal" Beta 20k');
    await rep2.click(1);
    const [north, south] = await dealsOf(admin);

    expect(await rep1.send('/deal list')).toContain('North deal');
    expect(await rep1.send('/deal list')).not.toContain('South deal');
    expect(await rep1.send('/deal list all')).toContain('As a sales rep, you see your own deals only');
    expect(await rep1.send(`/deal show #${south!.id}`)).toContain('I cannot find any deal');
    expect(await rep1.send(`/deal won #${south!.id}`)).toContain('I cannot find any deal');

    const managerAll = await manager.send('/deal list all');
    expect(managerAll).toContain('North deal');
    expect(managerAll).not.toContain('South deal');
    expect(await manager.send('/deal list Rita')).toContain('North deal');

    const adminAll = await admin.send('/deal list all');
    expect(adminAll).toContain('North deal');
    expect(adminAll).toContain('South deal');
    expect(adminAll).toContain('Total: €30,000');

    await admin.send(`/deal owner #${north!.id} Remy`);
    expect(await rep2.send('/deal list')).toContain('North deal');
    expect((await dealsOf(admin))[0]!.stage).toBe('lead');
  });

  it('shows only won deals when asked', async () => {
    const { s, id } = await withDeal();
    await s.send('/deal new "Other" Acme 1k');
    await s.send(`/deal won #${id}`);
    const won = await s.send('/deal list won');
    expect(won).toContain('Acme renewal');
    expect(won).not.toContain('Other');
  });

  it('lets admins rename and reorder stages', async () => {
    const { s, id } = await withDeal({ role: 'admin' });
    await s.send('/stages rename proposal "Quote sent"');
    await s.send('/stages move demo 2');
    const stages = await s.send('/stages');
    expect(stages).toMatch(/1\. Lead[\s\S]*2\. Demo[\s\S]*Quote sent/);
    expect(await s.send(`/deal stage #${id} "quote sent"`)).toContain('Quote sent');
    const rep = await s.as({ role: 'rep' });
    expect(await rep.send('/stages rename lead Prospect')).toContain('Only admins can do this');
  });
});
