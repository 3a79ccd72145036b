import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, qualifications } from '../../src/db/schema.ts';
import { frameworks, scoreAnswers } from '../../src/qualification/frameworks.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';
import { pino } from 'pino';
import { remindUnfinishedQualifications } from '../../src/jobs/qualification-reminder.job.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

async function withDeal(): Promise<{ s: Session; id: number; ws: number }> {
  const s = await h.session();
  await s.send('/deal new "Acme renewal" Acme 15k');
  await s.click(1);
  const ws = await workspaceIdOf(h.database, s);
  const [deal] = await h.database.db.select().from(deals).where(eq(deals.workspaceId, ws));
  return { s, id: deal!.id, ws };
}

/** Answers each question by clicking the button with this label. */
async function answerAll(s: Session, labels: string[]): Promise<string> {
  let text = '';
  for (const label of labels) {
    const buttons = s.replies.at(-1)!.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : b.type === 'select' ? b.options.map((o) => ({ label: o.label })) : []));
    const index = buttons.findIndex((b) => b.label === label);
    if (index < 0) throw new Error(`no "${label}" in ${JSON.stringify(buttons)}`);
    text = await s.click(index + 1);
  }
  return text;
}

describe('scoring', () => {
  it.each([
    [['confirmed', 'confirmed', 'confirmed', 'confirmed'], 100, 'qualified'],
    [['confirmed', 'confirmed', 'confirmed', 'partial'], 88, 'qualified'],
    [['confirmed', 'partial', 'partial', 'unknown'], 50, 'nurture'],
    [['unknown', 'unknown', 'partial', 'skipped'], 13, 'disqualified'],
    [['confirmed', 'confirmed', 'confirmed', 'negative'], 75, 'disqualified'],
  ] as const)('BANT %j → %i, %s', (answers, score, verdict) => {
    const bant = frameworks.bant;
    const result = scoreAnswers(bant, Object.fromEntries(bant.criteria.map((c, i) => [c.key, answers[i]!])));
    expect(result.score).toBe(score);
    expect(result.verdict).toBe(verdict);
  });
});

describe('/qualify', () => {
  it('walks through BANT, scores, saves, and moves a qualified deal after confirmation', async () => {
    const { s, id, ws } = await withDeal();
    expect(await s.send(`/qualify #${id}`)).toContain('BANT 1/4 · Budget');
    // The deal has an amount (no budget question); the decision maker and the date are skipped.
    const end = await answerAll(s, ['Confirmed', 'Confirmed', 'Skip', 'Confirmed', 'Partly', 'Skip']);
    // The qualification is saved and shown first; the move is offered after, as its own question.
    expect(end).toContain('BANT — "Acme renewal": 88/100, qualified.');
    expect(end).toContain('Next question to ask: "When does the solution need to be in place?"');
    expect(end).toContain('is qualified. Move it to the Qualified stage?');
    const rows = await h.database.db.select().from(qualifications).where(eq(qualifications.workspaceId, ws));
    expect(rows).toMatchObject([{ framework: 'bant', score: 88, verdict: 'qualified' }]);
    const result = await answerAll(s, ['Yes']);
    expect(result).toMatch(/Acme renewal.*Lead → Qualified/u);
    const [deal] = await h.database.db.select().from(deals).where(eq(deals.id, id));
    expect(deal!.stage).toBe('qualified');
    expect(await s.send(`/deal show #${id}`)).toContain('BANT 88/100 · qualified');
  });

  it('runs MEDDIC and MEDDPICC to the end', async () => {
    const { s, id } = await withDeal();
    await s.send(`/qualify #${id} meddic`);
    expect(await answerAll(s, Array(6).fill('Unknown'))).toContain('MEDDIC — "Acme renewal": 0/100, disqualified.');
    await s.send(`/qualify #${id} meddpicc`);
    const text = await answerAll(s, ['Confirmed', 'Confirmed', 'Confirmed', 'Confirmed', 'Confirmed', 'Confirmed', 'Partly', 'Skip']);
    expect(text).toContain('MEDDPICC — "Acme renewal": 81/100, qualified.');
    expect(text).toContain('Move it to the Qualified stage?');
    const declined = await answerAll(s, ['No']);
    expect(declined).toBe('"Acme renewal" stays at the Lead stage.');
    const [deal] = await h.database.db.select().from(deals).where(eq(deals.id, id));
    expect(deal!.stage).toBe('lead');
  });

  it('goes back, skips, cancels, and resumes after a restart', async () => {
    const { s, id, ws } = await withDeal();
    await s.send(`/qualify #${id}`);
    expect(await s.say('back')).toContain('This is the first question');
    await answerAll(s, ['Confirmed']);
    expect(await s.say('retour')).toContain('BANT 1/4 · Budget');
    await answerAll(s, ['Skip', 'Partly', 'Skip']);
    h.restart();
    expect(await answerAll(s, ['Unknown'])).toContain('BANT 4/4 · Timing');
    expect(await s.say('annuler')).toContain('Cancelled: nothing was saved.');
    expect(await h.database.db.select().from(qualifications).where(eq(qualifications.workspaceId, ws))).toHaveLength(0);
  });
});

describe('/qualify with BANT data', () => {
  it('asks for the budget, the decision maker and the decision date, refuses bad ones, and updates the deal', async () => {
    const s = await h.session();
    await s.send('/deal new "No amount yet" Globex');
    await s.click(1);
    const ws = await workspaceIdOf(h.database, s);
    const [deal] = await h.database.db.select().from(deals).where(eq(deals.workspaceId, ws));
    await s.send(`/qualify #${deal!.id}`);
    expect(await answerAll(s, ['Confirmed'])).toContain('What budget did they mention?');
    const negative = await s.say('-20k');
    expect(negative).toContain('An amount cannot be negative');
    expect(negative).toContain('What budget did they mention?');
    // A typed budget that means two values (`20.000` in English) is asked back, like an amount argument.
    expect(await s.say('20.000')).toContain('Amount "20.000": €20,000 or €20.00?');
    expect(await s.click(1)).toContain('BANT 2/4 · Authority');
    expect(await answerAll(s, ['Confirmed'])).toContain('Who is the decision maker?');
    await s.say('Claire Martin');
    await answerAll(s, ['Confirmed']);
    expect(await answerAll(s, ['Partly'])).toContain('When do they expect to decide?');
    expect(await s.say('01/01/2026')).toContain('is in the past');
    const end = await s.say('end of month');
    // Announced once saved, with the move offered after it.
    expect(end).toContain('Deal updated: decision maker Claire Martin, amount €20,000 and expected close Mon, 30 Nov 2026.');
    expect(end).toContain('Move it to the Qualified stage?');
    const [saved] = await h.database.db.select().from(deals).where(eq(deals.id, deal!.id));
    expect(saved).toMatchObject({ amountMinor: 2_000_000, expectedCloseDate: '2026-11-30', stage: 'lead' });
    expect(saved!.contactId).not.toBeNull();
    await answerAll(s, ['Yes']);
    const [after] = await h.database.db.select().from(deals).where(eq(deals.id, deal!.id));
    expect(after!.stage).toBe('qualified');
  });
});

describe('/deal list by qualification', () => {
  it('filters unqualified and weakly qualified deals', async () => {
    const s = await h.session();
    for (const name of ['Alpha', 'Beta', 'Gamma']) {
      await s.send(`/deal new "${name} deal" ${name} 5k`);
      await s.click(1);
    }
    const ws = await workspaceIdOf(h.database, s);
    const rows = await h.database.db.select().from(deals).where(eq(deals.workspaceId, ws)).orderBy(deals.id);
    await s.send(`/qualify #${rows[0]!.id}`);
    await answerAll(s, ['Confirmed', 'Confirmed', 'Skip', 'Confirmed', 'Confirmed', 'Skip', 'No']);
    await s.send(`/qualify #${rows[1]!.id}`);
    await answerAll(s, ['Confirmed', 'Partly', 'Skip', 'Partly', 'Unknown']);
    const unqualified = await s.send('/deal list unqualified');
    expect(unqualified).not.toContain('Alpha deal');
    expect(unqualified).toContain('Beta deal');
    expect(unqualified).toContain('Gamma deal');
    const weak = await s.send('/deal list qualification:weak');
    expect(weak).toContain('Beta deal');
    expect(weak).not.toContain('Gamma deal');
  });
});

describe('unfinished qualifications', () => {
  it('resumes when the same command is typed again, and reminds once after a day', async () => {
    const { s, id } = await withDeal();
    await s.send(`/qualify #${id}`);
    await answerAll(s, ['Confirmed']);
    const resumed = await s.send(`/qualify #${id}`);
    expect(resumed).toContain('Picking up where you left off');
    expect(resumed).toContain('BANT 2/4 · Authority');

    const sent: string[] = [];
    const job = (at: Date) =>
      remindUnfinishedQualifications({
        db: h.database.db,
        now: at,
        logger: pino({ level: 'silent' }),
        worker: 'test',
        send: async (ref, reply) => {
          if (ref.workspaceId === s.workspace) sent.push(reply.blocks.map((b) => (b.type === 'text' ? b.text : '')).join(' '));
        },
      });
    await job(new Date(h.clock.now.getTime() + 2 * 60 * 60 * 1000));
    expect(sent).toHaveLength(0);
    const nextDay = new Date(h.clock.now.getTime() + 25 * 60 * 60 * 1000);
    await Promise.all([job(nextDay), job(nextDay)]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Your qualification is not finished');
    expect(sent[0]).toContain('Authority');
    await job(new Date(nextDay.getTime() + 60 * 60 * 1000));
    expect(sent).toHaveLength(1);
  });
});

describe('revising one criterion', () => {
  it('asks that criterion only, keeps the other answers, and saves a new result', async () => {
    const { s, id, ws } = await withDeal();
    expect(await s.send(`/qualify #${id} timing`)).toContain('has not been qualified yet');
    await s.send(`/qualify #${id}`);
    const first = await answerAll(s, ['Confirmed', 'Confirmed', 'Skip', 'Confirmed', 'Unknown']);
    expect(first).toContain('BANT — "Acme renewal": 75/100, qualified.');
    expect(first).toContain('Move it to the Qualified stage?');
    await answerAll(s, ['No']);
    const revise = await s.send(`/qualify #${id} timing`);
    expect(revise).toContain('BANT 4/4 · Timing');
    expect(revise).not.toContain('Budget —');
    expect(await answerAll(s, ['Confirmed'])).toContain('When do they expect to decide?');
    await answerAll(s, ['Skip', 'No']);
    const rows = await h.database.db.select().from(qualifications).where(eq(qualifications.workspaceId, ws)).orderBy(qualifications.id);
    expect(rows.map((r) => r.score)).toEqual([75, 100]);
    expect(rows[1]!.answers).toMatchObject({ budget: 'confirmed', authority: 'confirmed', need: 'confirmed', timing: 'confirmed' });
    expect(await s.send(`/qualify #${id} champion`)).toContain('The latest qualification uses BANT');
  });
});

describe('/settings qualification', () => {
  it('sets the default framework and thresholds (admins only)', async () => {
    const { s, id } = await withDeal();
    const rep = await s.as({ role: 'rep' });
    expect(await rep.send('/settings qualification meddic')).toContain('Only admins can do this');
    expect(await s.send('/settings qualification meddic qualified:50 nurture:60')).toContain('must be above');
    expect(await s.send('/settings qualification meddic qualified:50 nurture:20')).toContain('Default qualification: MEDDIC. A deal is qualified from 50/100 and to nurture from 20/100.');
    expect(await s.send(`/qualify #${id}`)).toContain('MEDDIC 1/6');
    const end = await answerAll(s, ['Confirmed', 'Confirmed', 'Confirmed', 'Unknown', 'Unknown', 'Unknown']);
    expect(end).toContain('MEDDIC — "Acme renewal": 50/100, qualified.');
  });
});
