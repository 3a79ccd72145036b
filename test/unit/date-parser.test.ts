import { describe, it, expect } from 'vitest';
import { addDays, parseDate, todayIn } from '../../src/core/parse/date.parser.ts';
import { UserError } from '../../src/core/errors.ts';
import type { Lang } from '../../src/core/types.ts';

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).code;
  }
  return undefined;
}

// Tuesday 24 November 2026, 11:00 in Paris.
const NOW = new Date('2026-11-24T10:00:00Z');
const paris = (lang: Lang = 'fr', now: Date = NOW) => ({ now, timeZone: 'Europe/Paris', lang });

describe('todayIn', () => {
  it('returns the calendar date in the given time zone', () => {
    expect(todayIn('Europe/Paris', NOW)).toBe('2026-11-24');
    const lateUtc = new Date('2026-11-24T23:30:00Z');
    expect(todayIn('Europe/Paris', lateUtc)).toBe('2026-11-25');
    expect(todayIn('America/Los_Angeles', lateUtc)).toBe('2026-11-24');
    expect(todayIn('UTC', lateUtc)).toBe('2026-11-24');
    expect(todayIn('Asia/Tokyo', new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
    expect(todayIn('America/Los_Angeles', new Date('2027-01-01T07:59:00Z'))).toBe('2026-12-31');
  });
});

describe('addDays', () => {
  it('adds and subtracts days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-24', 0)).toBe('2026-11-24');
    expect(addDays('2026-11-24', 7)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // across the DST change
    expect(addDays('2026-11-24', 365)).toBe('2027-11-24');
  });
});

describe('parseDate (Europe/Paris, Tuesday 2026-11-24)', () => {
  const cases: Array<[string, string]> = [
    ["aujourd'hui", '2026-11-24'],
    ['aujourd’hui', '2026-11-24'],
    ['today', '2026-11-24'],
    ['demain', '2026-11-25'],
    ['tomorrow', '2026-11-25'],
    ['après-demain', '2026-11-26'],
    ['apres-demain', '2026-11-26'],
    ['après demain', '2026-11-26'],
    ['day after tomorrow', '2026-11-26'],
    ['hier', '2026-11-23'],
    ['yesterday', '2026-11-23'],
    ['vendredi', '2026-11-27'],
    ['friday', '2026-11-27'],
    ['lundi', '2026-11-30'],
    ['mardi prochain', '2026-12-01'],
    ['next tuesday', '2026-12-01'],
    ['30/11', '2026-11-30'],
    ['30/11/2026', '2026-11-30'],
    ['30/11/26', '2026-11-30'],
    ['30.11.2026', '2026-11-30'],
    ['30-11-2026', '2026-11-30'],
    ['2026-11-30', '2026-11-30'],
    ['30 novembre', '2026-11-30'],
    ['30 nov.', '2026-11-30'],
    ['30 nov', '2026-11-30'],
    ['nov 30', '2026-11-30'],
    ['November 30', '2026-11-30'],
    ['1er décembre', '2026-12-01'],
    ['15 decembre', '2026-12-15'],
    ['15 janvier', '2027-01-15'],
    ['30 novembre 2027', '2027-11-30'],
    ['dans 2 semaines', '2026-12-08'],
    ['in 2 weeks', '2026-12-08'],
    ['dans 3 jours', '2026-11-27'],
    ['in 3 days', '2026-11-27'],
    ['la semaine prochaine', '2026-11-30'],
    ['semaine prochaine', '2026-11-30'],
    ['next week', '2026-11-30'],
    ['fin du mois', '2026-11-30'],
    ['fin de mois', '2026-11-30'],
    ['end of month', '2026-11-30'],
    ['end of the month', '2026-11-30'],
    ['fin de semaine', '2026-11-27'],
    ['end of week', '2026-11-27'],
    ['fin du trimestre', '2026-12-31'],
    ['end of quarter', '2026-12-31'],
    ['end of the quarter', '2026-12-31'],
    ["fin d'année", '2026-12-31'],
    ['fin d’année', '2026-12-31'],
    ["fin de l'année", '2026-12-31'],
    ['end of year', '2026-12-31'],
  ];

  it.each(cases)('parses %j as %s', (input, expected) => {
    expect(parseDate(input, paris('fr'))).toBe(expected);
    // The member's language only sets the order in which parsers are tried.
    expect(parseDate(input, paris('en'))).toBe(expected);
  });

  it.each([
    ['DEMAIN', '2026-11-25'],
    ['Vendredi', '2026-11-27'],
    ['APRÈS-DEMAIN', '2026-11-26'],
    ['Apres-Demain', '2026-11-26'],
    ['AUJOURD’HUI', '2026-11-24'],
    ['Fin Du Mois', '2026-11-30'],
    ['FIN D’ANNEE', '2026-12-31'],
    ['Fin de l’Année', '2026-12-31'],
    ['End Of The Quarter', '2026-12-31'],
    ['  demain  ', '2026-11-25'],
    ['le 30/11', '2026-11-30'],
    ['le 30 novembre', '2026-11-30'],
    ['Le vendredi', '2026-11-27'],
    ['on friday', '2026-11-27'],
    ['on 30/11', '2026-11-30'],
    ['demain.', '2026-11-25'],
  ])('is case-, accent- and apostrophe-insensitive: %j → %s', (input, expected) => {
    expect(parseDate(input, paris())).toBe(expected);
  });

  it('reads numeric dates day-first whatever the language, except ISO', () => {
    expect(parseDate('03/04', paris('fr'))).toBe('2027-04-03');
    expect(parseDate('03/04', paris('en'))).toBe('2027-04-03');
    expect(parseDate('03/04/2027', paris('en'))).toBe('2027-04-03');
    expect(parseDate('2027-04-03', paris('en'))).toBe('2027-04-03');
    expect(parseDate('1.12', paris('fr'))).toBe('2026-12-01');
  });

  it('resolves dd/mm without a year to the next occurrence, today included', () => {
    expect(parseDate('24/11', paris())).toBe('2026-11-24');
    expect(parseDate('25/11', paris())).toBe('2026-11-25');
    expect(parseDate('23/11', paris())).toBe('2027-11-23');
    expect(parseDate('15/01', paris())).toBe('2027-01-15');
    expect(parseDate('31/12', paris())).toBe('2026-12-31');
    expect(parseDate('29/02', paris('fr', new Date('2027-11-24T10:00:00Z')))).toBe('2028-02-29');
  });

  it.each(['31/02', '30/02/2027', '29/02/2027', '29/02', '32/01', '00/05', '12/13', '31/04/2027', '2026-02-30', '2026-13-01', '2026-00-10', '31.11', '12/13/14'])(
    'refuses the impossible date %j without rolling over',
    (input) => {
      expect(errorCode(() => parseDate(input, paris()))).toBe('date_impossible');
      expect(errorCode(() => parseDate(input, paris('en')))).toBe('date_impossible');
    },
  );

  it('accepts a real leap day', () => {
    expect(parseDate('29/02/2028', paris())).toBe('2028-02-29');
    expect(parseDate('2028-02-29', paris())).toBe('2028-02-29');
  });

  it.each(['', '   ', 'le', 'foo', '12abc', 'bientôt', 'appeler vendredi Paul', 'vendredi et lundi', 'demain ou jamais', '12/11/14/15', '30/11/202', '123', '30 / 11', 'aujourdhui peut-être'])(
    'refuses %j as date_invalid',
    (input) => {
      expect(errorCode(() => parseDate(input, paris()))).toBe('date_invalid');
      expect(errorCode(() => parseDate(input, paris('en')))).toBe('date_invalid');
    },
  );

  it('carries the input in the error params', () => {
    try {
      parseDate('31/02', paris());
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).params).toEqual({ input: '31/02' });
    }
  });
});

describe('parseDate period ends and weekdays on other days', () => {
  it('computes end of month, including February of a leap year', () => {
    expect(parseDate('fin du mois', paris('fr', new Date('2028-02-10T10:00:00Z')))).toBe('2028-02-29');
    expect(parseDate('end of month', paris('en', new Date('2027-02-10T10:00:00Z')))).toBe('2027-02-28');
    expect(parseDate('fin du mois', paris('fr', new Date('2026-04-30T10:00:00Z')))).toBe('2026-04-30');
  });

  it('computes end of quarter for each quarter', () => {
    expect(parseDate('fin du trimestre', paris('fr', new Date('2026-01-05T10:00:00Z')))).toBe('2026-03-31');
    expect(parseDate('fin du trimestre', paris('fr', new Date('2026-05-10T10:00:00Z')))).toBe('2026-06-30');
    expect(parseDate('end of quarter', paris('en', new Date('2026-09-30T10:00:00Z')))).toBe('2026-09-30');
    expect(parseDate('end of quarter', paris('en', new Date('2026-10-01T10:00:00Z')))).toBe('2026-12-31');
  });

  it('takes end of week as the coming Friday, today on a Friday', () => {
    expect(parseDate('fin de semaine', paris('fr', new Date('2026-11-27T10:00:00Z')))).toBe('2026-11-27');
    expect(parseDate('end of week', paris('en', new Date('2026-11-28T10:00:00Z')))).toBe('2026-12-04');
    expect(parseDate('fin de semaine', paris('fr', new Date('2026-11-29T10:00:00Z')))).toBe('2026-12-04');
  });

  it('takes next week as the Monday of next week', () => {
    expect(parseDate('la semaine prochaine', paris('fr', new Date('2026-11-29T10:00:00Z')))).toBe('2026-11-30');
    expect(parseDate('next week', paris('en', new Date('2026-11-30T10:00:00Z')))).toBe('2026-12-07');
  });

  it('takes a weekday as the coming one', () => {
    // Saturday 28 November 2026.
    const saturday = new Date('2026-11-28T10:00:00Z');
    expect(parseDate('vendredi', paris('fr', saturday))).toBe('2026-12-04');
    expect(parseDate('monday', paris('en', saturday))).toBe('2026-11-30');
  });

  it('handles the end of the year', () => {
    const newYearsEve = new Date('2026-12-31T10:00:00Z');
    expect(parseDate('demain', paris('fr', newYearsEve))).toBe('2027-01-01');
    expect(parseDate('fin d’année', paris('fr', newYearsEve))).toBe('2026-12-31');
    expect(parseDate('02/01', paris('fr', newYearsEve))).toBe('2027-01-02');
  });
});

describe('parseDate uses the member time zone', () => {
  // 23:30 UTC on Tuesday 24 November: already Wednesday 25 in Paris, still Tuesday 24 in Los Angeles.
  const late = new Date('2026-11-24T23:30:00Z');
  const inZone = (timeZone: string, lang: Lang = 'fr') => ({ now: late, timeZone, lang });

  it.each([
    ["aujourd'hui", '2026-11-25', '2026-11-24'],
    ['today', '2026-11-25', '2026-11-24'],
    ['demain', '2026-11-26', '2026-11-25'],
    ['hier', '2026-11-24', '2026-11-23'],
    ['après-demain', '2026-11-27', '2026-11-26'],
    ['mardi', '2026-12-01', '2026-11-24'],
    ['dans 3 jours', '2026-11-28', '2026-11-27'],
    ['24/11', '2027-11-24', '2026-11-24'],
    ['next week', '2026-11-30', '2026-11-30'],
  ])('%j is %s in Paris and %s in Los Angeles', (input, parisDate, laDate) => {
    expect(parseDate(input, inZone('Europe/Paris'))).toBe(parisDate);
    expect(parseDate(input, inZone('America/Los_Angeles', 'en'))).toBe(laDate);
  });

  it('is independent of the time of day within the member day', () => {
    const earlyParis = new Date('2026-11-23T23:05:00Z'); // 00:05 on the 24th in Paris
    const lateParis = new Date('2026-11-24T22:55:00Z'); // 23:55 on the 24th in Paris
    for (const now of [earlyParis, lateParis]) {
      expect(parseDate('demain', { now, timeZone: 'Europe/Paris', lang: 'fr' })).toBe('2026-11-25');
      expect(parseDate('vendredi', { now, timeZone: 'Europe/Paris', lang: 'fr' })).toBe('2026-11-27');
    }
  });
});
