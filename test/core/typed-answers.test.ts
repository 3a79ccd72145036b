import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { createRegistry } from '../../src/core/registry.ts';
import { companies, conversations, deals } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

// Questions answered by typing: yes/no words in both languages, choice labels, and a one-line
// reminder (not the whole question again) when the answer names no choice.

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ registry: createRegistry(commands) });
});
afterAll(async () => {
  await h.close();
});

const dealsOf = async (s: Session) => h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceIdOf(h.database, s)));
const companiesOf = async (s: Session) => h.database.db.select().from(companies).where(eq(companies.workspaceId, await workspaceIdOf(h.database, s)));
const pending = async (s: Session) => h.database.db.select().from(conversations).where(eq(conversations.workspaceId, await workspaceIdOf(h.database, s)));

/** A won deal in a fresh workspace; returns its number. */
async function wonDeal(s: Session, fr: boolean): Promise<number> {
  await s.send(fr ? '/affaire nouvelle "Acme renouvellement" Acme 10k' : '/deal new "Acme renewal" Acme 10k');
  await s.click(1);
  const [deal] = await dealsOf(s);
  await s.send(fr ? `/affaire gagnee #${deal!.id}` : `/deal won #${deal!.id}`);
  return deal!.id;
}

describe('yes/no questions', () => {
  it.each(['non', 'Non', 'NON.', 'n', 'nan'])('French: «\u202f%s\u202f» to the reopen confirmation changes nothing', async (word) => {
    const s = await h.session({ locale: 'fr-FR' });
    const id = await wonDeal(s, true);
    expect(await s.send(`/affaire etape #${id} proposition`)).toContain('Rouvrir l’affaire\u202f?');
    expect(await s.say(word)).toContain(`Rien n’a changé\u00a0: #${id}`);
    expect((await dealsOf(s))[0]).toMatchObject({ status: 'won' });
    expect(await pending(s)).toHaveLength(0);
  });

  it.each(['oui', 'Ouais', 'ok', 'OK', 'o', 'd’accord', "d'accord", 'D’ACCORD'])('French: «\u202f%s\u202f» reopens the deal', async (word) => {
    const s = await h.session({ locale: 'fr-FR' });
    const id = await wonDeal(s, true);
    await s.send(`/affaire etape #${id} proposition`);
    expect(await s.say(word)).toContain('Gagnée → Proposition');
    expect((await dealsOf(s))[0]).toMatchObject({ status: 'open', stage: 'proposal' });
  });

  it.each([
    ['yes', 'open'],
    ['Yep', 'open'],
    ['y', 'open'],
    ['ok', 'open'],
    ['no', 'won'],
    ['Nope', 'won'],
    ['N', 'won'],
  ])('English: "%s" to the reopen confirmation', async (word, status) => {
    const s = await h.session();
    const id = await wonDeal(s, false);
    await s.send(`/deal stage #${id} proposal`);
    const reply = await s.say(word);
    expect(reply).toContain(status === 'open' ? 'Won → Proposal' : `Nothing changed: #${id}`);
    expect((await dealsOf(s))[0]).toMatchObject({ status });
  });

  it('a lone creation offer is a yes/no question: oui creates, non cancels', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    expect(await s.send('/affaire nouvelle "Projet Nord" Initech 5k')).toMatch(/«.Initech.» n’existe pas encore/);
    expect(await s.say('non')).toContain('Annulé\u00a0: rien n’a été enregistré.');
    expect(await companiesOf(s)).toHaveLength(0);
    await s.send('/affaire nouvelle "Projet Nord" Initech 5k');
    expect(await s.say('oui')).toContain('Affaire #');
    expect((await companiesOf(s)).map((c) => c.name)).toEqual(['Initech']);
  });

  it('English: yes creates the company offered by /deal new', async () => {
    const s = await h.session();
    await s.send('/deal new "North project" Initech 5k');
    expect(await s.say('yes')).toContain('Deal #');
    expect((await companiesOf(s)).map((c) => c.name)).toEqual(['Initech']);
  });

  it('yes/no words do not answer a question that is not yes/no', async () => {
    const s = await h.session();
    await s.send('/log call Zorglub'); // create a company or a contact: not a yes/no question
    const reply = await s.say('yes');
    expect(reply).toBe('I did not understand "yes". Reply with a number (1 or 2) or the name of a choice, or type "cancel".');
    expect(await companiesOf(s)).toHaveLength(0);
  });
});

describe('typed choice labels', () => {
  it('picks a choice by its label in any case and accents', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    await s.send('/affaire nouvelle "Alpha" Alpha 1k');
    await s.click(1);
    expect(await s.send('/affaire etape')).toContain('Alpha');
    await s.click(1);
    expect(await s.say('NEGOCIATION')).toContain('→ Négociation');
    await s.send('/journal appel Zorglub');
    expect(await s.say('CREER LE CONTACT «\u202fzorglub\u202f»')).toMatch(/Contact «.Zorglub.» créé/);
  });

  it('picks a choice by the start of its label, or of one of its words, when one choice only fits', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    await s.send('/journal appel Zorglub');
    // « créer » starts both choices: not enough.
    expect(await s.say('créer')).toContain('Je n’ai pas compris «\u202fcréer\u202f»');
    expect(await s.say('créer la soc')).toMatch(/Société «.Zorglub.» créée/);
    await s.send('/journal appel Umbrella');
    expect(await s.say('contact')).toMatch(/Contact «.Umbrella.» créé/);
  });

  it('English: a typed label picks the choice', async () => {
    const s = await h.session();
    expect(await s.send('/log call Zorglub')).toContain('does not exist yet');
    expect(await s.say('create company "zorglub"')).toContain('Call logged for Zorglub');
  });
});

describe('a wrong answer', () => {
  it('gets a one-line reminder and the question stays open (English)', async () => {
    const s = await h.session();
    const id = await wonDeal(s, false);
    await s.send(`/deal stage #${id} proposal`);
    const reply = await s.say('maybe');
    expect(reply).toBe('I did not understand "maybe". Please answer yes or no.');
    expect(s.replies).toHaveLength(1);
    expect(await pending(s)).toHaveLength(1);
    expect(await s.say('2')).toContain(`Nothing changed: #${id}`);
  });

  it('gets a one-line reminder and the question stays open (French)', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    await s.send('/journal appel Zorglub');
    const reply = await s.say('peut-être');
    expect(reply).toBe('Je n’ai pas compris «\u202fpeut-être\u202f». Répondez par un numéro (1 ou 2) ou par le nom d’un choix, ou tapez «\u202fannuler\u202f».');
    expect(await s.say('oui')).toContain('Je n’ai pas compris «\u202foui\u202f»');
    expect(await s.say('1')).toMatch(/Société «.Zorglub.» créée/);
  });

  it('to a list of an argument\'s values gets one line naming them, and the question stays open', async () => {
    const s = await h.session();
    expect(await s.send('/log')).toContain('What kind of activity?');
    const reply = await s.say('banana');
    expect(reply).toMatch(/^"banana" is not one of the choices\. Possible: [^\n]+\.$/);
    expect(s.replies).toHaveLength(1);
    expect(await s.say('email')).toContain('Which deal, company or contact?');
  });

  it('names the range when there are many choices, and a typed label still answers', async () => {
    const s = await h.session();
    await s.send('/deal new "Alpha" Alpha 1k');
    await s.click(1);
    const [deal] = await dealsOf(s);
    expect(await s.send(`/qualify #${deal!.id}`)).toContain('BANT 1/4');
    expect(await s.say('somewhere')).toBe('I did not understand "somewhere". Reply with a number from 1 to 5 or the name of a choice, or type "cancel".');
    expect(await s.say('CONFIRMED')).toContain('BANT 2/4');
  });
});
