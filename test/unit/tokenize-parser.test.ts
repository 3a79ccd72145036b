import { describe, it, expect } from 'vitest';
import { normalizeKey, tokenize, tokenizeSpans } from '../../src/core/parse/tokenize.parser.ts';

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['   ', []],
    ['a b  c', ['a', 'b', 'c']],
    ['  a\tb\nc  ', ['a', 'b', 'c']],
    ['a\u00a0b\u202fc', ['a', 'b', 'c']],
    ['"Acme Corp" 15k', ['Acme Corp', '15k']],
    ['deal "Acme Corp" 15k', ['deal', 'Acme Corp', '15k']],
    ['“Acme Corp” demain', ['Acme Corp', 'demain']],
    ['« Acme Corp » demain', ['Acme Corp', 'demain']],
    ['«Acme Corp» demain', ['Acme Corp', 'demain']],
    ['«\u00a0Acme Corp\u00a0» demain', ['Acme Corp', 'demain']],
    ["'Acme Corp' demain", ['Acme Corp', 'demain']],
    ['‘Acme Corp’ demain', ['Acme Corp', 'demain']],
    ["l'appel aujourd'hui", ["l'appel", "aujourd'hui"]],
    ['l’appel aujourd’hui', ['l’appel', 'aujourd’hui']],
    ["'l'appel du lundi' fait", ["l'appel du lundi", 'fait']],
    ["note rappeler l'acheteur d'Acme", ['note', 'rappeler', "l'acheteur", "d'Acme"]],
    ['"Acme Corp 15k', ['Acme Corp 15k']],
    ['deal « Acme Corp', ['deal', 'Acme Corp']],
    ["deal 'Acme Corp", ['deal', 'Acme Corp']],
    ['note "abc def\nnext line', ['note', 'abc def', 'next', 'line']],
    ['"multi\nline" x', ['multi\nline', 'x']],
    ['client="Acme Corp" x', ['client=Acme Corp', 'x']],
    ['"Acme"Corp', ['AcmeCorp']],
    ['"" x', ['', 'x']],
    ['"Il a dit « oui »" x', ['Il a dit « oui »', 'x']],
  ])('tokenizes %j', (input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });
});

describe('tokenizeSpans', () => {
  it.each<[string, Array<[string, string, boolean]>]>([
    ['a  "b c"  d', [['a', 'a', false], ['b c', '"b c"', true], ['d', 'd', false]]],
    ['next:"send it" x', [['next:send it', 'next:"send it"', false], ['x', 'x', false]]],
    ['« Acme » y', [['Acme', '« Acme »', true], ['y', 'y', false]]],
    ["l'appel 'x y'", [["l'appel", "l'appel", false], ['x y', "'x y'", true]]],
    ['"open to the end', [['open to the end', '"open to the end', true]]],
  ])('places the tokens of %j in the line', (input, expected) => {
    const spans = tokenizeSpans(input);
    expect(spans.map((t) => [t.value, input.slice(t.start, t.end), t.quoted])).toEqual(expected);
  });
});

describe('normalizeKey', () => {
  it.each<[string, string]>([
    ['Acme', 'acme'],
    ['  ÉCOLE  ', 'ecole'],
    ['L’Oréal-Paris', 'l oreal paris'],
    ["L'Oréal Paris", 'l oreal paris'],
    ['Société Générale (SG)', 'societe generale sg'],
    ['Cœur & Æther', 'coeur aether'],
    ['Ça va ?!', 'ca va'],
    ['ACME   Corp.', 'acme corp'],
    ['Müller GmbH', 'muller gmbh'],
    ['Studio 54', 'studio 54'],
    ['---', ''],
    ['', ''],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeKey(input)).toBe(expected);
  });

  it('makes case, accent and apostrophe variants equal', () => {
    expect(normalizeKey('Crédit Agricole')).toBe(normalizeKey('credit agricole'));
    expect(normalizeKey('l’appel')).toBe(normalizeKey("L'APPEL"));
  });
});
