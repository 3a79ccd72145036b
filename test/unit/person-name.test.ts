// Which creation /log offers first for an unknown name: a contact for a person's name, a company
// otherwise.
import { describe, expect, it } from 'vitest';
import { looksLikePersonName } from '../../src/services/person-name.ts';

describe('looksLikePersonName', () => {
  it.each([
    ['Marie Dupont', true],
    ['Jean-Pierre Martin', true],
    ['Marie Curie', true],
    ['Zoé Archambault-Vidal', true],
    ['Anne Marie Durand', true],
    ['Marie DUPONT', true],
    ['Seán O’Brien', true],
    ['Marie de La Tour', true],
    ['  Paul   Martin ', true],
    ['Garnier', false],
    ['Acme Corp', false],
    ['Dupont SA', false],
    ['Martin & Fils', false],
    ['Durand Consulting', false],
    ['Lemaire Industries', false],
    ['Groupe Martin', false],
    ['Müller GmbH', false],
    ['IBM France', false],
    ['marie dupont', false],
    ['Jean Paul Marie Durand', false],
    ['Studio 54', false],
    ['Acme Corp.', false],
    ['de Paris', false],
    ['#12', false],
    ['', false],
  ])('%j → %s', (name, expected) => {
    expect(looksLikePersonName(name)).toBe(expected);
  });
});
