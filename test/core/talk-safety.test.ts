import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, contacts, deals } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

// Sentences that look like writes but are not, and writes that must keep what was said: found
// by the third held-out fixture (docs/benchmarks.md). A question about a deal's status is a look
// at the deal; a request Relance cannot carry out writes nothing; an opt-out told in words is
// offered as /contact optout; a note keeps its text. The harness clock is Tuesday 2026-11-24.

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const workspaceId = (s: Session): Promise<number> => workspaceIdOf(h.database, s);
const dealsOf = async (s: Session) => h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceId(s))).orderBy(deals.id);
const contactsOf = async (s: Session) => h.database.db.select().from(contacts).where(eq(contacts.workspaceId, await workspaceId(s)));
const activitiesOf = async (s: Session) => h.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceId(s)));

/** A workspace with the Garnier deal, its company and Emma David as its contact. */
async function withGarnier(locale?: string): Promise<{ s: Session; id: number }> {
  const s = await h.session({ role: 'manager', ...(locale ? { locale } : {}) });
  await s.send('/deal new "Garnier renewal" "Garnier Batiment" 48k contact:"Emma David"');
  // Company, then contact: each created on its own click.
  await s.click(1);
  await s.click(1);
  const [deal] = await dealsOf(s);
  expect(deal?.contactId).not.toBeNull();
  return { s, id: deal!.id };
}

describe('a status asked about is a look, not a write', () => {
  it.each([
    ['en', 'Garnier signed?', /Garnier renewal/],
    ['fr-FR', 'Garnier a signé ?', /Garnier renewal/],
    ['fr-FR', 'Garnier c’est signé ou pas ?', /Garnier renewal/],
  ])('%s: %j shows the deal and saves nothing', async (locale, sentence, card) => {
    const { s, id } = await withGarnier(locale === 'en' ? undefined : locale);
    const answer = await s.say(sentence);
    expect(answer).toMatch(card);
    expect(answer).not.toMatch(/I understood|J’ai compris/);
    expect(answer).toContain(`#${id}`);
    expect((await dealsOf(s))[0]!.status).toBe('open');
  });

  it('a request put as a question is still a request, shown for a click', async () => {
    const { s, id } = await withGarnier('fr-FR');
    expect(await s.say('tu peux passer Garnier en gagnée ?')).toContain(`/affaire gagnee #${id}`);
    expect((await dealsOf(s))[0]!.status).toBe('open');
  });
});

describe('what Relance cannot do writes nothing', () => {
  it.each(['set up a Zoom with Emma tomorrow at 3', 'can you ring Emma and confirm thursday?', 'ajoute Emma David sur LinkedIn'])('%j', async (sentence) => {
    const { s } = await withGarnier();
    const answer = await s.say(sentence);
    expect(answer).not.toMatch(/I understood|J’ai compris/);
    expect(await activitiesOf(s)).toEqual([]);
  });
});

describe('an opt-out told in words', () => {
  it('is offered as /contact optout with the channel, and recorded after Save', async () => {
    const { s } = await withGarnier('fr-FR');
    const shown = await s.say('Emma David ne veut plus qu’on l’appelle');
    expect(shown).toContain('/contact opposition "Emma David" téléphone');
    expect((await contactsOf(s))[0]!.optOutPhone).toBe(false);
    await s.click(1);
    const [emma] = await contactsOf(s);
    expect(emma!.optOutPhone).toBe(true);
    expect(emma!.optOutEmail).toBe(false);
  });

  it('in English, for emails', async () => {
    const { s } = await withGarnier();
    expect(await s.say('Emma David asked us to stop emailing her')).toContain('/contact optout "Emma David" email');
  });
});

describe('a note keeps what was said', () => {
  it('the words after its colon are the activity’s notes, as typed', async () => {
    const { s } = await withGarnier('fr-FR');
    const shown = await s.say('note sur Garnier : le DAF part en janvier, nouveau décideur à identifier');
    expect(shown).toContain('notes:"le DAF part en janvier, nouveau décideur à identifier"');
    await s.click(1);
    expect((await activitiesOf(s)).map((activity) => [activity.type, activity.notes])).toEqual([['note', 'le DAF part en janvier, nouveau décideur à identifier']]);
  });
});

describe('a meeting booked is a next step, not an activity', () => {
  it('« rdv calé avec Emma David vendredi » sets the deal’s next step once saved, and logs nothing', async () => {
    const { s, id } = await withGarnier('fr-FR');
    const shown = await s.say('rdv calé avec Emma David vendredi');
    expect(shown).toContain(`/affaire suite #${id} rdv vendredi`);
    await s.click(1);
    const [deal] = await dealsOf(s);
    expect(deal!.nextStep).toBe('rdv');
    // The harness clock is Tuesday 24 November 2026: the coming Friday.
    expect(deal!.nextStepDue).toBe('2026-11-27');
    expect(await activitiesOf(s)).toEqual([]);
  });

  it('told with what happened, it is a logged meeting', async () => {
    const { s } = await withGarnier();
    expect(await s.say('had a meeting with Emma David yesterday, went well')).toMatch(/\/log meeting contact:"Emma David" positive on:yesterday/);
  });
});

describe('a sentence where a name is asked', () => {
  it('is read as a request when it reads as one, and a name is still the answer', async () => {
    const { s } = await withGarnier();
    expect(await s.send('/deal new "Extension 2027"')).toMatch(/Which company is it for\?/);
    const shown = await s.say('had a meeting with Emma David yesterday, went well');
    expect(shown).toMatch(/I understood: \/log meeting contact:"Emma David"/);
    expect(shown).not.toMatch(/does not exist yet/);
    expect(await activitiesOf(s)).toEqual([]);
    // A company name of several words that reads as no request still answers the question.
    const fresh = await h.session({ role: 'manager' });
    await fresh.send('/deal new "Extension 2027"');
    expect(await fresh.say('Société Générale des Eaux de Paris')).toMatch(/"Société Générale des Eaux de Paris" does not exist yet/);
  });
});
