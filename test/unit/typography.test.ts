import { describe, expect, it } from 'vitest';
import { typeset, typographyProblems } from '../../src/core/i18n/typography.ts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('typeset', () => {
  it.each([
    ['Affaires en cours : 1', `Affaires en cours${NBSP}: 1`],
    ['Vraiment ? Oui !', `Vraiment${NNBSP}? Oui${NNBSP}!`],
    ['tapez « annuler »', `tapez «${NNBSP}annuler${NNBSP}»`],
    // Already right: unchanged (typesetting twice changes nothing).
    [`«${NNBSP}Acme${NNBSP}»${NBSP}: ok${NNBSP}?`, `«${NNBSP}Acme${NNBSP}»${NBSP}: ok${NNBSP}?`],
    // Not prose: a URL, a command with key:value, a mention, time-like text without spaces.
    ['voir https://exemple.fr/a?b=1 et /journal appel suite:"devis" <@U123>', 'voir https://exemple.fr/a?b=1 et /journal appel suite:"devis" <@U123>'],
  ])('French: %j', (input, expected) => {
    expect(typeset(input, 'fr')).toBe(expected);
    expect(typeset(typeset(input, 'fr'), 'fr')).toBe(expected);
  });

  it.each([
    ['✅ Budget : Confirmed', '✅ Budget: Confirmed'],
    ['Win rate 50 %', 'Win rate 50%'],
    ['Really ? Yes !', 'Really? Yes!'],
    ['deal:"Acme renewal" next:quote', 'deal:"Acme renewal" next:quote'],
  ])('English: %j', (input, expected) => {
    expect(typeset(input, 'en')).toBe(expected);
  });
});

describe('typographyProblems', () => {
  it('flags what the writing style forbids, and nothing in correct text', () => {
    expect(typographyProblems('0 ligne(s) importée(s)', 'fr')).toHaveLength(1);
    expect(typographyProblems('What budget for this this year?', 'en')[0]).toMatch(/twice/);
    expect(typographyProblems('Total : 3', 'fr')[0]).toMatch(/no-break space/);
    expect(typographyProblems('Laquelle ?', 'fr')[0]).toMatch(/narrow/);
    expect(typographyProblems('« Acme »', 'fr')[0]).toMatch(/« »/);
    expect(typographyProblems("l'affaire", 'fr')[0]).toMatch(/apostrophe/);
    expect(typographyProblems('Budget : Confirmed', 'en')[0]).toMatch(/no space/);
    expect(typographyProblems('Win rate 50 %', 'en')[0]).toMatch(/%/);
    expect(typographyProblems(`Total${NBSP}: 3 — «${NNBSP}Acme${NNBSP}», l’affaire${NNBSP}? /affaire liste etape:proposition`, 'fr')).toEqual([]);
    expect(typographyProblems('Total: 3 — "Acme", the deal? Win rate 50%.', 'en')).toEqual([]);
  });
});
