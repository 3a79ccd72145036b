import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../src/understand/language-guess.ts';

// The language of a sentence, for members whose platform gives no locale (Discord messages).
describe('guessLanguage', () => {
  it.each([
    ['j’ai eu Marie au tel, ok pour une démo jeudi', 'fr'],
    ['on a signé Garnier !!', 'fr'],
    ['c’est quoi le churn ?', 'fr'],
    ['combien d’appels cette semaine', 'fr'],
    ['we signed Garnier!', 'en'],
    ['what is our win rate this quarter?', 'en'],
    ['how many calls did I make this week?', 'en'],
    ['just called Sophie, she wants a demo', 'en'],
  ])('%s → %s', (sentence, lang) => {
    expect(guessLanguage(sentence)).toBe(lang);
  });

  it.each(['Garnier', 'ok', '42', 'SONCAS'])('says nothing when it cannot tell: %s', (sentence) => {
    expect(guessLanguage(sentence)).toBeUndefined();
  });
});
