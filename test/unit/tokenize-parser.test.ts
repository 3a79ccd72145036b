import { describe, it, expect } from 'vitest';
import { normalizeKey, tokenize } from '../../src/core/parse/tokenize.parser.ts';

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
