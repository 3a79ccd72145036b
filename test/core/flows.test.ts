import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, conversations, deals, processedEvents, qualifications } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

// Questions per flow: a pending question belongs to its member, command and record, never to
// the channel. Other commands leave it alone; bare answers go to the latest flow in the place;
// buttons act on their own flow or say it ended; a redelivered command asks once.

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const flowsOf = async (s: Session) => h.database.db.select().from(conversations).where(eq(conversations.workspaceId, await workspaceIdOf(h.database, s)));
const qualificationsOf = async (s: Session) => h.database.db.select().from(qualifications).where(eq(qualifications.workspaceId, await workspaceIdOf(h.database, s)));

/** Two deals with amounts (so BANT asks no budget figure), in a fresh workspace. */
async function twoDeals(options: { locale?: string } = {}): Promise<{ s: Session; first: number; second: number }> {
  const s = await h.session(options);
  await s.send('/deal new "Acme renewal" Acme 15k');
  await s.click(1);
  await s.send('/deal new "Globex pilot" Globex 8k');
  await s.click(1);
  const rows = await h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceIdOf(h.database, s))).orderBy(deals.id);
  return { s, first: rows[0]!.id, second: rows[1]!.id };
}

describe('a qualification interrupted by other commands', () => {
  it('survives /kpi, /log and /deal list, and a bare answer then finishes it', async () => {
    const { s, first } = await twoDeals();
    expect(await s.send(`/qualify #${first}`)).toContain('BANT 1/4 · Budget');
    expect(await s.say('confirmed')).toContain('BANT 2/4 · Authority');
    expect(await s.send('/kpi')).toContain('Figures — you');
    expect(await s.send(`/log call "Acme renewal" outbound 10min`)).toContain('logged');
    expect(await s.send('/deal list')).toContain('Acme renewal');
    // A failing command leaves it too.
    expect(await s.send('/deal lost #999999 price')).toContain('999999');
    expect(await flowsOf(s)).toHaveLength(1);
    expect(await s.say('confirmed')).toContain('decision maker');
    await s.say('skip');
    await s.say('confirmed');
    await s.say('partly');
    const end = await s.say('skip');
    expect(end).toContain('BANT — "Acme renewal": 88/100, qualified.');
    expect(await qualificationsOf(s)).toHaveLength(1);
    expect(await h.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceIdOf(h.database, s)))).toHaveLength(1);
  });

  it('in French too, and typing the command again resumes where it stopped', async () => {
    const { s, first } = await twoDeals({ locale: 'fr-FR' });
    await s.send(`/qualifier #${first}`);
    await s.say('confirmé');
    await s.send('/affaire liste');
    const resumed = await s.send(`/qualifier ${first}`);
    expect(resumed).toContain('Reprenons là où vous en étiez\u00a0:');
    expect(resumed).toContain('BANT 2/4');
    expect(await s.say('confirmé')).toContain('décideur');
  });
});

describe('a flow that takes the place of another', () => {
  it('says how to resume the first; typed answers go to the new one; old buttons act on their own flow once', async () => {
    const { s, first, second } = await twoDeals();
    await s.send(`/qualify #${first}`);
    const firstButtons = s.buttons();
    const confirmed = firstButtons[0]!;
    const started = await s.send(`/qualify #${second}`);
    expect(started).toContain('BANT 1/4 · Budget');
    expect(started).toContain(`The qualification of #${first} is still waiting: type /qualify #${first} to resume it.`);
    // A bare answer goes to the latest question here: #second's.
    expect(await s.say('confirmed')).toContain('BANT 2/4 · Authority');
    let flows = await flowsOf(s);
    expect(flows.map((f) => (f.data as { answers: Record<string, string> }).answers)).toEqual(expect.arrayContaining([{}, { 'q:budget': 'confirmed' }]));
    // The first question's button still answers #first's flow.
    expect(await s.press(confirmed)).toContain('BANT 2/4 · Authority');
    flows = await flowsOf(s);
    expect(flows.every((f) => Object.keys((f.data as { answers: Record<string, string> }).answers).length === 1)).toBe(true);
    // The same old button again: already answered, nothing done, the waiting question shown.
    const stale = await s.press(confirmed);
    expect(stale).toContain('You have already answered that question');
    expect(stale).toContain('BANT 2/4 · Authority');
    flows = await flowsOf(s);
    expect(flows.every((f) => Object.keys((f.data as { answers: Record<string, string> }).answers).length === 1)).toBe(true);
  });

  it('in French, with the words of the issue', async () => {
    const { s, first, second } = await twoDeals({ locale: 'fr-FR' });
    await s.send(`/qualifier #${first}`);
    expect(await s.send(`/qualifier #${second}`)).toContain(`La qualification de #${first} est toujours en attente\u00a0: tapez /qualifier #${first} pour la reprendre.`);
  });

  it('a button of a flow that ended says so and changes nothing', async () => {
    const { s, first } = await twoDeals();
    await s.send(`/deal lost #${first}`);
    const reasons = s.buttons();
    expect(await s.say('cancel')).toContain('Cancelled');
    expect(await s.press(reasons[0]!)).toContain('This question is closed: it has already been answered or was cancelled.');
    const [deal] = await h.database.db.select().from(deals).where(eq(deals.id, first));
    expect(deal!.status).toBe('open');
  });

  it('a bare answer with nothing pending here says so, even with a flow open elsewhere', async () => {
    const { s, first } = await twoDeals();
    await s.send(`/qualify #${first}`);
    const elsewhere = await s.as({ user: s.actor.id, channel: 'C-other' });
    expect(await elsewhere.say('confirmed')).toContain('No question is waiting for an answer here.');
    expect(await s.say('confirmed')).toContain('BANT 2/4');
  });

  it('an expired question says so and is dropped', async () => {
    const { s, first } = await twoDeals();
    await s.send(`/deal lost #${first}`);
    const start = h.clock.now;
    h.clock.now = new Date(start.getTime() + 31 * 60 * 1000);
    try {
      expect(await s.say('price')).toContain('expired');
      expect(await flowsOf(s)).toHaveLength(0);
    } finally {
      h.clock.now = start;
    }
  });
});

describe('retries ask once', () => {
  it('a redelivered command that asks does not ask again, nor does a redelivered click', async () => {
    const { s, first } = await twoDeals();
    const key = `retry-${first}`;
    expect(await s.send(`/deal lost #${first}`, key)).toContain('Why was it lost?');
    for (let i = 0; i < 3; i += 1) expect(await s.send(`/deal lost #${first}`, key)).toBe('');
    expect(await flowsOf(s)).toHaveLength(1);
    const [claimed] = await h.database.db.select().from(processedEvents).where(eq(processedEvents.key, key));
    expect(claimed).toBeDefined();
    // The first click answers; its redelivery says nothing.
    const price = s.buttons()[0]!;
    expect(await s.press(price, `click-${first}`)).toContain('lost');
    expect(await s.press(price, `click-${first}`)).toBe('');
  });
});
