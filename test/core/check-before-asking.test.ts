// Issue 15, "check before asking": what can be validated is validated before any question or
// creation offer. A deal or contact that does not exist is reported first; `#12` is a record
// number, never a new name; a next step without a deal is refused before anything is created;
// an unknown figure gets the closest figure names; a person's name is offered as a contact first.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, companies, contacts, conversations, deals } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

/** A record number no workspace of the test database reaches. */
const MISSING = '#999999';

/** Every row a command of these tests could write, and the open questions, of the session's workspace. */
async function written(s: Session) {
  const ws = await workspaceIdOf(h.database, s);
  const db = h.database.db;
  return {
    companies: await db.select().from(companies).where(eq(companies.workspaceId, ws)),
    contacts: await db.select().from(contacts).where(eq(contacts.workspaceId, ws)),
    deals: await db.select().from(deals).where(eq(deals.workspaceId, ws)),
    activities: await db.select().from(activities).where(eq(activities.workspaceId, ws)),
    questions: await db.select().from(conversations).where(eq(conversations.workspaceId, ws)),
  };
}

/** Labels of the buttons, options and forms of the last event's replies (none: nothing was asked). */
const controlsOf = (s: Session): string[] =>
  s.replies.flatMap((reply) => reply.blocks).flatMap((block) => (block.type === 'buttons' ? block.buttons.map((b) => b.label) : block.type === 'select' ? block.options.map((o) => o.label) : block.type === 'form' ? [block.title] : []));

/** The choices a question offers, without the cancel button every question has. */
const choicesOf = (s: Session): string[] =>
  s.replies
    .flatMap((reply) => reply.blocks)
    .flatMap((block) => (block.type === 'buttons' ? block.buttons.filter((b) => !b.actionId.startsWith('dialog:cancel')).map((b) => b.label) : block.type === 'select' ? block.options.map((o) => o.label) : []));

/** Sends a line that must be answered at once: no question, nothing written. Returns the text. */
async function refused(s: Session, line: string): Promise<string> {
  const before = await written(s);
  const text = await s.send(line);
  expect(controlsOf(s), line).toEqual([]);
  expect(await written(s), line).toEqual(before);
  return text;
}

/** French spaces read as plain ones, for assertions on wording. */
const loose = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

/** A session with one open deal "Acme renewal" on company Acme Corp; returns its number. */
async function withDeal(options: Parameters<Harness['session']>[0] = {}): Promise<{ s: Session; id: number }> {
  const s = await h.session(options);
  await s.send('/deal new "Acme renewal" "Acme Corp" 12k');
  await s.click(1); // create the company
  const [deal] = (await written(s)).deals;
  return { s, id: deal!.id };
}

describe('a deal that does not exist is reported before any question', () => {
  it.each([
    `/deal lost ${MISSING}`,
    `/deal stage ${MISSING}`,
    `/deal amount ${MISSING}`,
    `/deal next ${MISSING}`,
    `/deal owner ${MISSING}`,
    `/deal close ${MISSING}`,
    `/deal won ${MISSING}`,
    `/deal show ${MISSING}`,
    `/qualify ${MISSING}`,
    `/relance snooze ${MISSING}`,
  ])('%s', async (line) => {
    const s = await h.session({ role: 'manager' });
    const text = await refused(s, line);
    expect(text).toContain(`I cannot find any deal "${MISSING}" among those you can see.`);
    expect(text).not.toContain('Why was it lost?');
  });

  it('asks which deal a close name means before the loss reason, then the reason', async () => {
    const { s, id } = await withDeal();
    const which = await s.send('/deal lost "Acme renewl"');
    expect(which).toContain('No deal is called exactly "Acme renewl"');
    expect(which).not.toContain('Why was it lost?');
    expect(choicesOf(s)).toEqual([`Deal #${id} Acme renewal`]);
    expect(await s.click(1)).toContain('Why was it lost?');
    expect((await written(s)).deals[0]!.status).toBe('open');
  });

  it('in French: /affaire perdue #99 says so before asking the reason', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    const text = await refused(s, `/affaire perdue ${MISSING}`);
    expect(text).toContain(`Je ne trouve aucune affaire «\u202f${MISSING}\u202f» parmi celles que vous pouvez voir.`);
    expect(text).not.toContain('Pour quelle raison');
  });
});

describe('a contact that does not exist is reported plainly', () => {
  it('/contact show "Inconnu" names what was typed, with an example, and asks nothing', async () => {
    const s = await h.session();
    const text = await refused(s, '/contact show "Inconnu"');
    expect(text).toContain('I cannot find any contact "Inconnu", nor any close name.');
    expect(text).toContain('Example: /contact show "Marie Dupont"');
    expect(text).not.toContain('What should I create?');
  });

  it('before the other questions of /contact optout and /contact forget, and for a number', async () => {
    const s = await h.session({ role: 'admin' });
    expect(await refused(s, '/contact optout "Inconnu"')).toContain('I cannot find any contact "Inconnu"');
    expect(await refused(s, '/contact forget "Inconnu"')).toContain('I cannot find any contact "Inconnu"');
    expect(await refused(s, `/contact show ${MISSING}`)).toContain(`I cannot find any contact "${MISSING}"`);
  });

  it('still proposes a close name', async () => {
    const s = await h.session();
    await s.send('/log call "Marie Dupont"');
    await s.click(1); // create the contact (a person's name: offered first)
    expect(await s.send('/contact show "Marie Dupon"')).toContain('Did you mean');
    expect(choicesOf(s)).toEqual(['Contact Marie Dupont']);
  });

  it('in French', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    const text = await refused(s, '/contact voir "Inconnu"');
    expect(text).toContain('Je ne trouve aucun contact «\u202fInconnu\u202f», ni de nom proche.');
    expect(loose(text)).toContain('Exemple : /contact voir "Marie Dupont"');
  });
});

describe('#12 in a record position is a record number, never a new name', () => {
  it('/log call #1 looks up deal #1 and offers no company "#1"', async () => {
    const s = await h.session();
    // (A bare `1` after the type is read as a duration: `target:` names the position.)
    for (const line of ['/log call #1', '/log call target:1', `/log call ${MISSING}`, `/log target:${MISSING}`, `/log call deal:${MISSING}`]) {
      const text = await refused(s, line);
      expect(text, line).toMatch(/I cannot find any deal "#?\d+" among those you can see\./);
      expect(text, line).not.toContain('Create company');
    }
    const company = await refused(s, `/log call company:${MISSING}`);
    expect(company).toContain(`I cannot find any company "${MISSING}"`);
    const contact = await refused(s, `/log call contact:${MISSING}`);
    expect(contact).toContain(`I cannot find any contact "${MISSING}"`);
  });

  it('logs against the deal a number names', async () => {
    const { s, id } = await withDeal();
    expect(await s.send(`/log call #${id} outbound`)).toContain('logged for Acme renewal');
    const [activity] = (await written(s)).activities;
    expect(activity).toMatchObject({ dealId: id });
  });

  it('in French: /journal appel #1', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    const text = await refused(s, '/journal appel #1');
    expect(text).toContain('Je ne trouve aucune affaire «\u202f#1\u202f»');
    expect(text).not.toContain('Créer');
  });
});

describe('a next step needs a deal, said before any creation offer or other question', () => {
  it('refuses a new name with a next step instead of offering to create it', async () => {
    const s = await h.session();
    for (const line of ['/log call "Nouvelle Société" next:"send the quote"', '/log call "Nouvelle Société" due:friday', '/log call company:"New Co" next:"send the quote" due:friday', '/log call contact:"Jean Neuf" next:"call back"']) {
      const text = await refused(s, line);
      expect(text, line).toContain('A next step belongs to a deal: name it with deal:.');
      expect(text, line).not.toContain('Create');
    }
  });

  it('refuses an existing company with no open deal before asking the due date', async () => {
    const s = await h.session();
    await s.send('/log call Globex');
    await s.click(1); // create the company Globex
    const text = await refused(s, '/log call Globex next:"send the quote"');
    expect(text).toContain('A next step belongs to a deal');
    expect(text).not.toContain('When is the next step due?');
  });

  it('proposes close names but no creation, then asks the due date for the deal found', async () => {
    const { s } = await withDeal();
    const text = await s.send('/log call "Acme Crp" next:"send the quote"');
    expect(text).toContain('Did you mean');
    expect(choicesOf(s)).toContain('Company Acme Corp');
    expect(choicesOf(s).filter((label) => label.startsWith('Create'))).toEqual([]);
    expect(await s.click(choicesOf(s).indexOf('Company Acme Corp') + 1)).toContain('When is the next step due?');
  });
});

describe('an unknown figure name proposes the closest figures', () => {
  it('names the word, proposes close figures with an example, and asks nothing', async () => {
    const s = await h.session({ role: 'manager' });
    const text = await refused(s, '/kpi convrsion');
    expect(text).toContain('There is no figure or member called "convrsion". Closest figures: conversion_rate');
    expect(text).toContain('Example: /kpi conversion_rate');
    expect(await s.send('/kpi conversion_rate')).toContain('Conversion rate');
  });

  it('says how to list them when none is close', async () => {
    const s = await h.session({ role: 'manager' });
    const text = await refused(s, '/kpi xyzzy');
    expect(text).toContain('There is no figure or member called "xyzzy", and no figure with a similar name');
    expect(text).toContain('Example: /kpi list');
  });

  it('proposes figures to a rep too, and keeps the refusal for real scope words and members', async () => {
    const manager = await h.session({ role: 'manager', name: 'Ada' });
    const rep = await manager.as({ role: 'rep', name: 'Rita' });
    expect(await refused(rep, '/kpi convrsion')).toContain('Closest figures: conversion_rate');
    expect(await rep.send('/kpi team')).toContain('you see your own numbers only');
    expect(await rep.send('/kpi all')).toContain('you see your own numbers only');
    expect(await rep.send('/kpi Ada')).toContain('you see your own numbers only');
    expect(await rep.send('/kpi @Ada')).toContain('you see your own numbers only');
    expect(await manager.send('/kpi Rita')).toContain('Figures — Rita');
  });

  it('still says no such member for a mention, an @name, or a word after a figure', async () => {
    const s = await h.session({ role: 'manager' });
    expect(await refused(s, '/kpi @unknown')).toContain('I cannot find any member "@unknown"');
    expect(await refused(s, '/kpi <@U0NOBODY>')).toContain('I cannot find any member');
    expect(await refused(s, '/kpi revenue month Nobody')).toContain('I cannot find any member "Nobody"');
  });

  it('in French, with the French words of the figures', async () => {
    const s = await h.session({ role: 'manager', locale: 'fr-FR' });
    const text = loose(await refused(s, '/kpi chifre'));
    expect(text).toContain('Je ne connais aucun indicateur ni membre « chifre ». Les indicateurs les plus proches : ca');
    expect(text).toContain('Exemple : /kpi ca');
    expect(loose(await refused(s, '/kpi convrsion'))).toContain('Les indicateurs les plus proches : conversion');
    expect(await s.send('/kpi ca')).toContain('Chiffre d');
  });
});

describe('a person-like name offers a contact before a company', () => {
  it.each([
    ['Marie Dupont', ['Create contact "Marie Dupont"', 'Create company "Marie Dupont"']],
    ['Jean-Pierre Martin', ['Create contact "Jean-Pierre Martin"', 'Create company "Jean-Pierre Martin"']],
    ['Acme Corp', ['Create company "Acme Corp"', 'Create contact "Acme Corp"']],
    ['Garnier', ['Create company "Garnier"', 'Create contact "Garnier"']],
  ])('/log call "%s"', async (name, expected) => {
    const s = await h.session();
    await s.send(`/log call "${name}"`);
    expect(choicesOf(s)).toEqual(expected);
    await s.click(1);
    const rows = await written(s);
    expect((expected[0]!.startsWith('Create contact') ? rows.contacts : rows.companies).map((r) => r.name)).toEqual([name]);
  });
});
