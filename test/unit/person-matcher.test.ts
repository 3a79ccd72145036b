// The matcher erasure and export share: names however written, e-mails in any case, phone
// numbers in any format, compared as E.164.
import { describe, expect, it } from 'vitest';
import { createPersonMatcher, replaceSpans, snippet, workspaceCountry } from '../../src/services/person-matcher.ts';

const zoe = createPersonMatcher({ name: 'Zoé Archambault-Vidal', email: 'zoe.av@Example.fr', phone: '+33 6 12 34 56 78' }, { country: 'FR' });
const erase = (text: string, linked = false) => replaceSpans(text, zoe.erasable(text, linked), 'X');

describe('person matcher', () => {
  it.each([
    ['Zoe Archambault-Vidal a rappelé', 'X a rappelé'],
    ['ZOE ARCHAMBAULT VIDAL', 'X'],
    ['ZOÉ ARCHAMBAULT-VIDAL.', 'X.'],
    ['zoe archambault vidal', 'X'],
    ['Archambault-Vidal, Zoé (DAF)', 'X (DAF)'],
    ['Rencontré Archambault Vidal Zoé au salon', 'Rencontré X au salon'],
    ['Zoe\u00a0Archambault\u2011Vidal', 'X'],
    ['Zoe\u0301 Archambault-Vidal', 'X'],
    ['tel 06 12 34 56 78 ou 0612345678', 'tel X ou X'],
    ['+33 (0)6 12 34 56 78, +33612345678 et 06.12.34.56.78', 'X, X et X'],
    ['écrire à ZOE.AV@example.FR.', 'écrire à X.'],
  ])('erases %j everywhere', (text, expected) => {
    expect(erase(text)).toBe(expected);
  });

  it('leaves other people, other numbers and look-alike e-mails alone', () => {
    for (const text of ['Zoé Martin', 'Archambault', 'Vidal Zoé-Martin', '06 12 34 56 79', 'xzoe.av@example.fr', 'zoe.av@example.fr.com', 'Zoéa Archambault-Vidal']) expect(erase(text)).toBe(text);
  });

  it('erases the first name or surname alone only in linked records', () => {
    expect(erase('Zoé rappelle lundi')).toBe('Zoé rappelle lundi');
    expect(erase('Zoé rappelle lundi', true)).toBe('X rappelle lundi');
    expect(erase('Mme ARCHAMBAULT-VIDAL confirme', true)).toBe('Mme X confirme');
    expect(erase('Zoélie rappelle', true)).toBe('Zoélie rappelle');
  });

  it('lists the first name, the surname and near spellings for review', () => {
    expect(zoe.review('Zoé a confirmé').map((m) => m.reason)).toEqual(['first_name']);
    expect(zoe.review('Voir avec Archambault-Vidal').map((m) => m.reason)).toEqual(['surname']);
    expect(zoe.review('Rdv avec Zoé Archambaut-Vidal').map((m) => m.reason)).toEqual(['first_name', 'near']);
    expect(zoe.review('ArchambaultVidal').map((m) => m.reason)).toEqual(['near']);
    expect(zoe.review('Zoé Archambault-Vidal')).toEqual([]);
    expect(zoe.review('Rien à signaler')).toEqual([]);
  });

  it('gives a SQL filter every erasable or reviewable text satisfies', () => {
    const filter = new RegExp(zoe.prefilter!, 'i');
    for (const text of ['ZOÉ', 'archambault', '+33 (0)6 12 34 56 78', '06.12.34.56.78', 'ZOE.AV@EXAMPLE.FR', 'Zoe\u0301']) expect(filter.test(text), text).toBe(true);
    expect(filter.test('Marc Bernard 01 23 45 67 89')).toBe(false);
  });

  it('looks for words of one or two letters only in linked records, and never lists them alone', () => {
    const li = createPersonMatcher({ name: 'Li Na' });
    expect(new RegExp(li.prefilter!, 'i').test('Appel de LI NA')).toBe(true);
    expect(new RegExp(li.prefilter!, 'i').test('Linalool')).toBe(false);
    expect(new RegExp(li.linkedPrefilter!, 'i').test('Li rappelle')).toBe(true);
    expect(li.review('Li rappelle, voir Na')).toEqual([]);
    expect(replaceSpans('Li rappelle', li.erasable('Li rappelle', true), 'X')).toBe('X rappelle');
    expect(createPersonMatcher({ name: 'Zoé Archambault-Vidal' }).linkedPrefilter).toBeNull();
  });

  it('reads national numbers in the workspace country and cuts snippets', () => {
    expect(workspaceCountry({ timeZone: 'Europe/Paris', defaultLanguage: 'fr' })).toBe('FR');
    expect(workspaceCountry({ timeZone: 'Europe/Brussels', defaultLanguage: 'fr' })).toBe('BE');
    expect(workspaceCountry({ timeZone: 'UTC', defaultLanguage: 'fr', settings: { country: 'CH' } })).toBe('CH');
    const international = createPersonMatcher({ name: 'A B', phone: '+33 6 12 34 56 78' });
    expect(international.erasable('06 12 34 56 78', false)).toEqual([]);
    expect(international.erasable('+33 6 12 34 56 78', false)).toHaveLength(1);
    const long = `${'a'.repeat(100)} Zoé ${'b'.repeat(100)}`;
    const cut = snippet(long, { start: 101, end: 104 });
    expect(cut).toContain('Zoé');
    expect(cut.length).toBeLessThanOrEqual(62);
  });
});
