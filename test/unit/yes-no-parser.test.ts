import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../src/core/parse/yes-no.parser.ts';

describe('parseYesNo', () => {
  it('reads yes in both languages, whatever the case, accents and apostrophe', () => {
    for (const word of ['oui', 'OUI', 'Oui !', 'ouais', 'o', 'ok', 'OK', 'd’accord', "d'accord", 'D’ACCORD', 'bien sûr', 'Bien sur', 'yes', 'Yes.', 'y', 'yep', 'yeah']) {
      expect(parseYesNo(word), word).toBe('yes');
    }
  });

  it('reads no in both languages', () => {
    for (const word of ['non', 'NON', 'Non.', 'n', 'nan', 'no', 'No!', 'nope', 'non merci', 'no thanks']) {
      expect(parseYesNo(word), word).toBe('no');
    }
  });

  it('leaves anything else alone', () => {
    for (const word of ['', '1', '2', 'peut-être', 'maybe', 'annuler', 'cancel', 'oui non', 'nono', 'yesterday', 'okapi']) {
      expect(parseYesNo(word), word).toBeUndefined();
    }
  });
});
