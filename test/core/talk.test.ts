import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

// Talking to Relance in plain words: reads answered at once through the ordinary commands,
// writes shown as their command line and done once after « Enregistrer », refusals that write
// nothing, follow-ups in the same place, two records that fit asked about, and the same rights
// as the commands. The harness clock is Tuesday 2026-11-24.

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const dealsOf = async (s: Session) => h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceIdOf(h.database, s))).orderBy(deals.id);

/** A workspace with the Garnier deal (and its company), the member a manager. */
async function withGarnier(options: { locale?: string; role?: 'rep' | 'manager' | 'admin' } = {}): Promise<{ s: Session; id: number }> {
  const s = await h.session({ role: options.role ?? 'manager', ...(options.locale ? { locale: options.locale } : {}) });
  await s.send('/deal new "Garnier renewal" "Garnier Batiment" 48k');
  await s.click(1);
  const [deal] = await dealsOf(s);
  return { s, id: deal!.id };
}

describe('reads are answered at once', () => {
  it('a glossary question, in English and in French', async () => {
    const s = await h.session();
    expect(await s.say("what's churn?")).toMatch(/Churn rate/);
    const fr = await h.session({ locale: 'fr-FR' });
    expect(await fr.say('c’est quoi le churn ?')).toMatch(/Taux de churn/);
  });

  it('/ask and /demander read the same way where messages are not read', async () => {
    const s = await h.session();
    expect(await s.send('/ask what is churn?')).toMatch(/Churn rate/);
    const fr = await h.session({ locale: 'fr-FR' });
    expect(await fr.send('/demander c’est quoi le churn ?')).toMatch(/Taux de churn/);
  });

  it('a follow-up in the same place asks the same question for another period or member', async () => {
    const s = await h.session({ role: 'manager', name: 'Claire' });
    await s.as({ name: 'Léa Fontaine' });
    const week = await s.say('how many calls this week?');
    expect(week).toMatch(/Activities/);
    expect(week).toMatch(/23 Nov 2026/);
    const lastMonth = await s.say('and last month?');
    expect(lastMonth).toMatch(/Activities/);
    expect(lastMonth).toMatch(/1 Oct 2026/);
    expect(await s.say('and for Léa?')).toMatch(/Léa Fontaine/);
    // "same for the team": the same figure and period, the team's (everyone's, for a team-less manager).
    const team = await s.say('same for the team');
    expect(team).toMatch(/Activities/);
    expect(team).not.toMatch(/Léa Fontaine|— you/);
    // Elsewhere, the same words follow nothing.
    const other = await s.as({ user: s.actor.id, channel: 'C-other' });
    expect(await other.say('and last month?')).not.toMatch(/Activities/);
  });
});

describe('writes wait for a click', () => {
  it('shows the command line, writes nothing before Save, then writes once', async () => {
    const { s, id } = await withGarnier();
    const shown = await s.say('we signed Garnier!');
    expect(shown).toContain(`I understood: /deal won #${id}`);
    expect(shown).toMatch(/Save/);
    expect(shown).toMatch(/Edit/);
    expect(shown).toMatch(/Cancel/);
    expect((await dealsOf(s))[0]!.status).toBe('open');
    const save = s.buttons()[0]!;
    expect(await s.press(save)).toMatch(/won/i);
    expect((await dealsOf(s))[0]!.status).toBe('won');
    // The same button again: the question is closed, nothing happens twice.
    expect(await s.press(save)).toMatch(/closed/);
    expect((await dealsOf(s)).filter((deal) => deal.status === 'won')).toHaveLength(1);
  });

  it('a French sentence gives the French line, « Enregistrer » does it', async () => {
    const { s, id } = await withGarnier({ locale: 'fr-FR' });
    const shown = await s.say('perdu Garnier, ils ont pris Salesforce');
    expect(shown).toContain(`/affaire perdue #${id} concurrent`);
    expect(shown).toContain('Salesforce');
    expect(shown).toMatch(/Enregistrer/);
    await s.click(1);
    const [deal] = await dealsOf(s);
    expect(deal!.status).toBe('lost');
    expect(deal!.lostReason).toBe('competitor');
  });

  it('typed yes saves, Cancel and no save nothing', async () => {
    const { s } = await withGarnier();
    await s.say('we signed Garnier!');
    expect(await s.click(3)).toMatch(/nothing was saved/);
    await s.say('we signed Garnier!');
    expect(await s.say('no')).toMatch(/nothing was saved/);
    expect((await dealsOf(s))[0]!.status).toBe('open');
    await s.say('we signed Garnier!');
    await s.say('yes');
    expect((await dealsOf(s))[0]!.status).toBe('won');
  });

  it('Edit gives the line to change and the form, and saves nothing', async () => {
    const { s, id } = await withGarnier();
    await s.say('Garnier is now 52k');
    const edited = await s.click(2);
    expect(edited).toContain(`Edit the command, then send it: /deal amount #${id}`);
    expect(s.replies.flatMap((reply) => reply.blocks).some((block) => block.type === 'form')).toBe(true);
    expect((await dealsOf(s))[0]!.amountMinor).toBe(4_800_000);
  });

  it('missing pieces are asked after Save through the usual questions', async () => {
    const { s } = await withGarnier();
    const shown = await s.say('we lost Garnier');
    expect(shown).toMatch(/\/deal lost #\d+/);
    expect(await s.click(1)).toMatch(/Why was it lost/);
    await s.say('price');
    expect((await dealsOf(s))[0]!.lostReason).toBe('price');
  });

  it('a redelivered message proposes once', async () => {
    const { s } = await withGarnier();
    expect(await s.send('/ask we signed Garnier', 'same-delivery')).toMatch(/I understood/);
    expect(await s.send('/ask we signed Garnier', 'same-delivery')).toBe('');
  });
});

describe('two records that fit are asked about', () => {
  it('asks which deal, then goes on with the one chosen', async () => {
    const s = await h.session({ role: 'manager' });
    await s.send('/deal new "Acme licences" "Acme Corp" 30k');
    await s.click(1);
    await s.send('/deal new "Acme training" "Acme Corp" 8k');
    const [, second] = await dealsOf(s);
    const asked = await s.say('we signed Acme!');
    expect(asked).toMatch(/Several deals fit/);
    expect(asked).toMatch(/Acme licences/);
    expect(asked).toMatch(/Acme training/);
    expect(await s.click(2)).toContain(`/deal won #${second!.id}`);
    await s.click(1);
    expect((await dealsOf(s)).map((deal) => deal.status)).toEqual(['open', 'won']);
  });
});

describe('refusals write nothing', () => {
  it('an unsafe sentence says why and offers close commands', async () => {
    const { s } = await withGarnier();
    const reply = await s.say('delete all my deals');
    expect(reply).toMatch(/I do not delete anything/);
    expect(s.buttons().length).toBeGreaterThan(0);
    expect(await dealsOf(s)).toHaveLength(1);
  });

  it('a deal not named is never guessed, a closed one is said to be closed', async () => {
    const { s } = await withGarnier({ locale: 'fr-FR' });
    expect(await s.say('passe le deal en gagné')).toMatch(/pas trouvé de quelle affaire/);
    await s.say('on a signé Garnier !');
    await s.click(1);
    expect(await s.say('on a signé Garnier !')).toMatch(/déjà close/);
  });

  it('off-topic and things the bot cannot do', async () => {
    const s = await h.session();
    expect(await s.say("what's the capital of Australia?")).toMatch(/did not understand/);
    expect(await s.say('send an email to Marie')).toMatch(/cannot write to or call anyone/);
  });
});

describe('same rights as the commands', () => {
  it('a rep asking for the team pipeline is refused like /pipeline team', async () => {
    const { s } = await withGarnier({ role: 'rep' });
    const asked = await s.say("how is the team's pipeline this quarter?");
    const typed = await s.send('/pipeline quarter team');
    expect(asked).toBe(typed);
  });

  it('a deal the member may not see is never named', async () => {
    const { s } = await withGarnier({ role: 'rep' });
    const other = await s.as({ role: 'rep' });
    const reply = await other.say('we signed Garnier!');
    expect(reply).not.toMatch(/#\d+/);
    expect((await dealsOf(s))[0]!.status).toBe('open');
  });
});

describe('a question waiting here', () => {
  it('a sentence that is no answer is read as a request, and the question still waits', async () => {
    const { s } = await withGarnier();
    expect(await s.send('/deal lost "Garnier renewal"')).toMatch(/Why was it lost/);
    expect(await s.say('how many calls this week?')).toMatch(/Activities/);
    await s.say('price');
    const [deal] = await dealsOf(s);
    expect(deal!.status).toBe('lost');
    expect(deal!.lostReason).toBe('price');
  });

  it('a word that is no choice gets the reminder, not a reading', async () => {
    const { s } = await withGarnier();
    await s.send('/deal lost "Garnier renewal"');
    expect(await s.say("blue")).toMatch(/"blue" is not one of the choices/);
    const open = await h.database.db.select().from(deals).where(and(eq(deals.workspaceId, await workspaceIdOf(h.database, s)), eq(deals.status, 'open')));
    expect(open).toHaveLength(1);
  });
});
