// Notes stay notes: words that look like arguments (an outcome, a number, a date, a direction, a
// phone number, an amount, `suite:` in a sentence) change nothing once the free text has begun,
// and the text is stored exactly as typed.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, deals } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

async function lastActivity(session: Session) {
  const rows = await h.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceIdOf(h.database, session)));
  return rows.sort((a, b) => a.id - b.id).at(-1)!;
}

async function dealOf(session: Session) {
  const [deal] = await h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceIdOf(h.database, session)));
  return deal!;
}

/** Notes full of words that would be arguments if they stood before the text. */
const FRENCH_NOTES = [
  'Marc dit que Zoé est absente cette semaine',
  'joignable au +33 6 12 34 56 78 après 18h, sortant du bureau',
  'rappeler demain ou vendredi ; budget 15 000 € HT, 20min max',
  'il a dit « on verra la suite: appeler lundi »  (deux espaces)',
  "sur le fond positif, mais l'appel 6 est reporté — pas de suite: rien",
  'il cite "Marc" : entrant / sortant, 1h30, no-show ?',
];

const ENGLISH_NOTES = [
  'Zoe said Marc was absent, no-show at 6',
  'reach him on +44 20 7946 0958 tomorrow; outbound 20min, $15,000 next: maybe',
  'Team   vibes,  positive,  spaces   kept',
];

describe('notes stay notes', () => {
  it('stores French notes verbatim and reads nothing else from them', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    await s.send('/affaire nouvelle "Garnier 2027" Garnier 12k');
    await s.click(1); // créer la société
    const before = await dealOf(s);
    for (const notes of FRENCH_NOTES) {
      await s.send(`/journal note affaire:#${before.id} ${notes}`);
      const row = await lastActivity(s);
      expect(row).toMatchObject({ type: 'note', notes, direction: null, outcome: null, durationMinutes: null, dealId: before.id });
      expect(row.occurredAt.toISOString()).toBe(h.clock.now.toISOString());
    }
    const after = await dealOf(s);
    expect({ nextStep: after.nextStep, due: after.nextStepDue, amount: after.amountMinor }).toEqual({ nextStep: before.nextStep, due: before.nextStepDue, amount: before.amountMinor });
  });

  it('still reads the arguments written before the notes, and key:value after them', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    await s.send('/affaire nouvelle "Lambert" Lambert 8k');
    await s.click(1);
    const deal = await dealOf(s);
    const reply = await s.send(`/journal appel affaire:#${deal.id} sortant 20min positif Il est absent demain, 6 personnes au comité suite:"envoyer le devis" pour:vendredi`);
    expect(reply).toContain('✅');
    const row = await lastActivity(s);
    expect(row).toMatchObject({ type: 'call', direction: 'outbound', outcome: 'positive', durationMinutes: 20, notes: 'Il est absent demain, 6 personnes au comité' });
    expect((await dealOf(s)).nextStep).toBe('envoyer le devis');
  });

  it('keeps English notes verbatim, spaces and all', async () => {
    const s = await h.session();
    await s.send('/deal new "Acme renewal" Acme 12k');
    await s.click(1);
    const deal = await dealOf(s);
    for (const notes of ENGLISH_NOTES) {
      await s.send(`/log call deal:#${deal.id} ${notes}`);
      expect(await lastActivity(s)).toMatchObject({ type: 'call', notes, direction: null, outcome: null, durationMinutes: null });
    }
    expect((await dealOf(s)).nextStep).toBe(deal.nextStep);
  });
});
