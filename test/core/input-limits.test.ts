// Hostile input at the core's entrance: text over the limits is refused before any parsing with
// the limit and the length received, no reply ever quotes more than a short piece of what was
// sent, and record numbers beyond PostgreSQL's integer are just records that do not exist.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities } from '../../src/db/schema.ts';
import { INPUT_LIMITS, readRecordNumber } from '../../src/core/limits.ts';
import type { IncomingEvent, Reply } from '../../src/core/types.ts';
import { renderText } from '../../adapters/console/render-text.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const NNBSP = '\u202f';
/** Older catalogue lines mix plain and no-break spaces: compared without them. */
const loose = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const INTERNAL = /something went wrong|quelque chose s’est mal passé|Oups/i;

async function countActivities(s: Session): Promise<number> {
  const ws = await workspaceIdOf(h.database, s);
  return (await h.database.db.select().from(activities).where(eq(activities.workspaceId, ws))).length;
}

/** An event without who, where and delivery key (the session gives them). */
type EventBody = IncomingEvent extends infer E ? (E extends IncomingEvent ? Omit<E, 'ref' | 'actor' | 'idempotencyKey'> : never) : never;

/** Delivers a raw event as an adapter would; returns the replies' text. */
async function deliver(s: Session, event: EventBody): Promise<string> {
  const replies: Reply[] = [];
  await h.bot.handle({ ...event, ref: s.ref, actor: s.actor, idempotencyKey: randomUUID() } as IncomingEvent, async (reply) => {
    replies.push(reply);
  });
  return replies.map((reply) => renderText(reply).text).join('\n');
}

describe('the whole command line', () => {
  it('refuses a line over the limit before reading it, with the limit, the length and a correct example (en)', async () => {
    const s = await h.session();
    const notes = 'n'.repeat(6000);
    const text = await s.send(`/log call Acme ${notes}`);
    const length = `/log call Acme ${notes}`.length;
    expect(text).toContain(`This command is too long: ${length.toLocaleString('en-US')} characters received, 5,000 at most.`);
    expect(text).toContain('Example: /log call "Acme Corp" outbound 20min positive');
    expect(text.length).toBeLessThan(600);
    expect(await countActivities(s)).toBe(0);
  });

  it('says the same in French, with French figures and typography', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    const text = await s.send(`/journal appel Acme ${'é'.repeat(9000)}`);
    expect(text).toContain(`Cette commande est trop longue\u00a0: 9${NNBSP}020 caractères reçus, 5${NNBSP}000 au plus.`);
    expect(loose(text)).toContain('Exemple : /journal appel "Acme Corp"');
    expect(text.length).toBeLessThan(600);
  });

  it('gives a group’s example for the subcommand typed, and accepts a line just under the limit', async () => {
    const s = await h.session();
    expect(await s.send(`/deal show ${'x'.repeat(5000)}`)).toContain('Example: /deal show #12');
    // 4,000 characters of notes fit, as the README promises.
    const ok = await s.send(`/log note "Under Limit" ${'word '.repeat(799)}word`);
    expect(ok).toContain('does not exist yet');
    expect(await s.click(1)).toContain('Note logged for Under Limit');
    expect(await countActivities(s)).toBe(1);
  });

  it('refuses 100,000 characters at once, whatever the command', async () => {
    const s = await h.session();
    const started = performance.now();
    const text = await s.send(`/define ${'churn '.repeat(20_000)}`);
    expect(text).toContain('120,008 characters received, 5,000 at most');
    expect(await s.send(`/${'z'.repeat(100_000)}`)).toContain('100,001 characters received');
    // Generous: the refusal reads no text; the quadratic escaper took 52 s at this size.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('answers, buttons and forms', () => {
  it('refuses a dialog answer over the limit and keeps the question open', async () => {
    const s = await h.session();
    expect(await s.send('/deal new')).toContain('What is the deal called?');
    expect(await s.say('a'.repeat(INPUT_LIMITS.line + 1))).toContain('This text is too long: 5,001 characters received, 5,000 at most.');
    expect(await s.say('Initech renewal')).toContain('Which company is it for?');
  });

  it('refuses a form field or a button value over the limit', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    const form = await deliver(s, { kind: 'submission', formId: 'command:log', values: { type: 'call', target: 'Acme', notes: 'x'.repeat(7000) } });
    expect(form).toContain(`Ce texte est trop long\u00a0: 7${NNBSP}000 caractères reçus, 5${NNBSP}000 au plus.`);
    const button = await deliver(s, { kind: 'action', actionId: 'run', value: `deal show ${'1'.repeat(6000)}` });
    expect(button).toContain('Ce texte est trop long');
    expect(await countActivities(s)).toBe(0);
  });

  it('stays quiet about long chatter it merely overhears', async () => {
    const s = await h.session();
    expect(await deliver(s, { kind: 'message', text: 'blah '.repeat(3000), quietIfIdle: true })).toBe('');
  });
});

describe('field limits', () => {
  it('names the field, its limit and the length received', async () => {
    const en = await h.session();
    expect(await en.send(`/deal show ${'q'.repeat(300)}`)).toContain('"Deal" is too long: 300 characters, 200 at most.');
    expect(await en.send(`/log call Acme next:"${'s'.repeat(400)}" due:friday`)).toContain('"Next step" is too long: 400 characters, 300 at most.');
    expect(await en.send(`/deal new "${'N'.repeat(250)}" Acme`)).toContain('is too long: 250 characters, 200 at most.');
    const fr = await h.session({ locale: 'fr-FR' });
    expect(await fr.send(`/affaire voir ${'q'.repeat(300)}`)).toContain('«\u202fAffaire\u202f» est trop long\u00a0: 300 caractères, 200 au plus.');
    expect(await fr.send(`/journal appel Acme suite:"${'s'.repeat(400)}" pour:vendredi`)).toContain('«\u202fProchaine étape\u202f» est trop long\u00a0: 400 caractères, 300 au plus.');
  });

  it('refuses a date, amount or duration longer than any real one before parsing it', async () => {
    const s = await h.session();
    const text = await s.send(`/log call Acme on:${'1'.repeat(150)}`);
    expect(text).toContain('is too long: 150 characters, 100 at most.');
  });

  it('quotes at most 80 characters of what was typed in an error', async () => {
    const s = await h.session();
    const typed = `${'Z'.repeat(70)}${'Y'.repeat(60)}`;
    const text = await s.send(`/deal show "${typed}"`);
    expect(text).toContain(`"${'Z'.repeat(70)}${'Y'.repeat(9)}…"`);
    expect(text).not.toContain('Y'.repeat(10));
  });

  it('keeps every error reply short, whatever arrives just under the line limit', async () => {
    const s = await h.session({ role: 'admin' });
    const long = 'w'.repeat(4900);
    for (const line of [
      `/deal show ${long}`,
      `/contact show ${long}`,
      `/define ${long}`,
      `/qualify ${long}`,
      `/log call ${long}`,
      `/deal new ${long}`,
      `/deal list status:${long}`,
      `/stages probability Demo ${long}`,
      `/deal ${long}`,
      `/${long}`,
      `/log call Acme on:"${long}"`,
      `/deal new "x y" Acme amount:${long}`,
    ]) {
      const text = await s.send(line);
      expect(text, line.slice(0, 40)).not.toMatch(INTERNAL);
      expect(text.length, line.slice(0, 40)).toBeLessThan(1000);
    }
  });
});

describe('record numbers beyond PostgreSQL integers', () => {
  it('reads #3000000000 and twenty digits as no record', () => {
    expect(readRecordNumber('#12')).toBe(12);
    expect(readRecordNumber(' 0042 ')).toBe(42);
    expect(readRecordNumber('#2147483647')).toBe(2147483647);
    expect(readRecordNumber('#2147483648')).toBe('out_of_range');
    expect(readRecordNumber('#3000000000')).toBe('out_of_range');
    expect(readRecordNumber('12345678901234567890')).toBe('out_of_range');
    expect(readRecordNumber('#000000000000012')).toBe(12);
    expect(readRecordNumber('Acme 12')).toBeUndefined();
  });

  it.each(['#3000000000', '12345678901234567890', '#2147483648'])('answers "no such deal or contact" for %s in every position (en)', async (number) => {
    const s = await h.session();
    const notFound = `I cannot find any deal "${number}" among those you can see.`;
    expect(await s.send(`/deal show ${number}`)).toContain(notFound);
    expect(await s.send(`/deal won ${number}`)).toContain(notFound);
    expect(await s.send(`/deal stage ${number} demo`)).toContain(notFound);
    expect(await s.send(`/qualify ${number}`)).toContain(notFound);
    expect(await s.send(`/log call deal:${number}`)).toContain(notFound);
    expect(await s.send(`/relance snooze ${number} 3d`)).toContain(notFound);
    expect(await s.send(`/contact show ${number}`)).toContain(`I cannot find any contact "${number}"`);
    // The same answer as for a number in range that names nothing.
    expect(await s.send('/deal show #2147483647')).toContain('I cannot find any deal "#2147483647"');
    expect(await s.send('/contact show #2147483647')).toContain('I cannot find any contact "#2147483647"');
    expect(h.logs.join('\n')).not.toContain('out of range');
  });

  it('answers in French too', async () => {
    const s = await h.session({ locale: 'fr-FR' });
    expect(loose(await s.send('/affaire voir #3000000000'))).toContain('Je ne trouve aucune affaire « #3000000000 »');
    expect(await s.send('/journal appel affaire:#12345678901234567890')).toContain('Je ne trouve aucune affaire');
    expect(await s.send('/qualifier #3000000000')).toContain('Je ne trouve aucune affaire');
    expect(loose(await s.send('/contact voir #3000000000'))).toContain('Je ne trouve aucun contact « #3000000000 »');
  });

  it('offers no suggestion, and no error, while a huge number is typed', async () => {
    const s = await h.session();
    await expect(h.bot.complete({ kind: 'autocomplete', command: 'deal show', option: 'deal', partial: '#3000000000', ref: s.ref, actor: s.actor, idempotencyKey: randomUUID() })).resolves.toEqual([]);
    expect(h.logs.join('\n')).not.toContain('autocomplete failed');
  });
});

describe('whole numbers', () => {
  it('says a number is out of range, and what the command accepts', async () => {
    const en = await h.session({ role: 'admin' });
    expect(await en.send('/stages probability Demo 3000000000')).toContain('"3000000000": this number is out of range.');
    expect(await en.send('/stages probability Demo 150')).toContain('"Probability (%)" must be 100 at most.');
    expect(await en.send('/define list page:99999999999999999999')).toContain('this number is out of range');
    const fr = await h.session({ role: 'admin', locale: 'fr-FR' });
    expect(await fr.send('/etapes probabilite Demo 3000000000')).toContain('«\u202f3000000000\u202f»\u00a0: ce nombre est hors limites.');
    expect(await fr.send('/etapes probabilite Demo 150')).toContain('doit valoir 100 au plus.');
  });
});

describe('U+0000 in what a member sends', () => {
  it('is taken out of a command, an answer and a sentence instead of failing at the first insert', async () => {
    const s = await h.session({ role: 'manager' });
    const created = await s.send('/deal new "Ac\u0000me renewal" Acme 12k€');
    expect(created).not.toMatch(INTERNAL);
    const offered = created.includes('Create company') ? await s.click(1) : created;
    expect(offered).toContain('Acme renewal');
    expect(offered).not.toMatch(INTERNAL);
    const logged = await deliver(s, { kind: 'command', name: 'log', text: 'note "Acme renewal" Call\u0000 went well' });
    expect(logged).not.toMatch(INTERNAL);
    const ws = await workspaceIdOf(h.database, s);
    const notes = (await h.database.db.select().from(activities).where(eq(activities.workspaceId, ws))).map((row) => row.notes);
    expect(notes).toEqual(['Call went well']);
    expect(await s.say('on a signé Ac\u0000me !')).toContain('/deal won #');
  });
});
