// Dates as people write them (issue 14): French and English business expressions resolved at
// fixed instants in several time zones. Expected dates are worked out by hand from the rules in
// the header of src/core/parse/date.parser.ts, not produced by the parser.
import { describe, it, expect } from 'vitest';
import { parseDate } from '../../src/core/parse/date.parser.ts';
import { UserError } from '../../src/core/errors.ts';
import type { Lang } from '../../src/core/types.ts';

type Row = [input: string, lang: Lang, now: string, timeZone: string, expected: string];

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';
const AUCKLAND = 'Pacific/Auckland';

// Tuesday 24 November 2026, 11:00 in Paris: a mid-month weekday.
const TUE = '2026-11-24T10:00:00Z';
// Thursday 31 December 2026, 11:00 in Paris: the last day of a month, quarter and year.
const NYE = '2026-12-31T10:00:00Z';
// Monday 28 February 2028 (leap year) and Sunday 28 February 2027 (not a leap year).
const FEB28_LEAP = '2028-02-28T10:00:00Z';
const FEB28 = '2027-02-28T10:00:00Z';
// Wednesday 20 January 2027: mid-January is already past.
const JAN20 = '2027-01-20T10:00:00Z';
// Paris summer time starts Sunday 29 March 2026 at 01:00 UTC and ends Sunday 25 October at 01:00 UTC.
const PARIS_SPRING_BEFORE = '2026-03-29T00:30:00Z'; // 01:30 CET, Sunday 29
const PARIS_SPRING_AFTER = '2026-03-29T22:30:00Z'; // 00:30 CEST, Monday 30 (it would still be Sunday at +1)
const PARIS_AUTUMN_AFTER = '2026-10-25T22:30:00Z'; // 23:30 CET, Sunday 25 (it would be Monday at +2)
// New York: summer time starts Sunday 8 March 2026 at 07:00 UTC and ends Sunday 1 November at 06:00 UTC.
const NY_SPRING_BEFORE = '2026-03-08T04:30:00Z'; // 23:30 EST, Saturday 7 March (already the 8th in UTC)
const NY_AUTUMN_BEFORE = '2026-11-01T04:30:00Z'; // 00:30 EDT, Sunday 1 November (it would be 31 October at -5)
// Auckland is 13 hours ahead in its summer: the local day is the next UTC day.
const AKL_NEW_YEAR = '2026-12-31T12:00:00Z'; // 01:00, Friday 1 January 2027
const AKL_JAN16 = '2026-01-15T12:00:00Z'; // 01:00, Friday 16 January 2026 (still the 15th in UTC)

const rows: Row[] = [
  // ---- French, Tuesday 24 November 2026, Paris.
  ['fin janvier', 'fr', TUE, PARIS, '2027-01-31'],
  ['fin de janvier', 'fr', TUE, PARIS, '2027-01-31'],
  ["fin d'avril", 'fr', TUE, PARIS, '2027-04-30'],
  ['Fin Janvier', 'fr', TUE, PARIS, '2027-01-31'],
  ['début mars', 'fr', TUE, PARIS, '2027-03-01'],
  ['debut mars', 'fr', TUE, PARIS, '2027-03-01'],
  ['début du mois prochain', 'fr', TUE, PARIS, '2026-12-01'],
  ['mi-janvier', 'fr', TUE, PARIS, '2027-01-15'],
  ['mi janvier', 'fr', TUE, PARIS, '2027-01-15'],
  ['mi-mars', 'fr', TUE, PARIS, '2027-03-15'],
  ['mi-novembre', 'fr', TUE, PARIS, '2027-11-15'],
  ['fin novembre', 'fr', TUE, PARIS, '2026-11-30'],
  ['début décembre', 'fr', TUE, PARIS, '2026-12-01'],
  ['fin du mois prochain', 'fr', TUE, PARIS, '2026-12-31'],
  ['fin du mois', 'fr', TUE, PARIS, '2026-11-30'],
  ['le 3', 'fr', TUE, PARIS, '2026-12-03'],
  ['le 24', 'fr', TUE, PARIS, '2026-11-24'],
  ['le 1er', 'fr', TUE, PARIS, '2026-12-01'],
  ['le 31', 'fr', TUE, PARIS, '2026-12-31'],
  ['le 3 du mois prochain', 'fr', TUE, PARIS, '2026-12-03'],
  // A weekday with its day: the day decides (chrono alone read `jeudi 3` as this Thursday at 03:00).
  ['jeudi 3', 'fr', TUE, PARIS, '2026-12-03'],
  ['Mardi 1er', 'fr', TUE, PARIS, '2026-12-01'],
  ['mardi 24', 'fr', TUE, PARIS, '2026-11-24'],
  ['thursday the 3rd', 'en', TUE, PARIS, '2026-12-03'],
  ['friday 4', 'en', TUE, PARIS, '2026-12-04'],
  ['sous 15 jours', 'fr', TUE, PARIS, '2026-12-09'],
  ['sous quinzaine', 'fr', TUE, PARIS, '2026-12-09'],
  ["d'ici 2 semaines", 'fr', TUE, PARIS, '2026-12-08'],
  ['d’ici deux semaines', 'fr', TUE, PARIS, '2026-12-08'],
  ['dans 10 jours', 'fr', TUE, PARIS, '2026-12-04'],
  ['dans un mois', 'fr', TUE, PARIS, '2026-12-24'],
  ['semaine prochaine', 'fr', TUE, PARIS, '2026-11-30'],
  ['fin de semaine', 'fr', TUE, PARIS, '2026-11-27'],
  ['en fin de semaine', 'fr', TUE, PARIS, '2026-11-27'],
  ['fin de semaine prochaine', 'fr', TUE, PARIS, '2026-12-04'],
  ['fin du trimestre', 'fr', TUE, PARIS, '2026-12-31'],
  ['début du trimestre prochain', 'fr', TUE, PARIS, '2027-01-01'],
  ['fin T1', 'fr', TUE, PARIS, '2027-03-31'],
  ['fin du T2', 'fr', TUE, PARIS, '2027-06-30'],
  ['fin T4', 'fr', TUE, PARIS, '2026-12-31'],
  ['fin du 3e trimestre', 'fr', TUE, PARIS, '2027-09-30'],
  ["début d'année prochaine", 'fr', TUE, PARIS, '2027-01-01'],
  ["fin d'année", 'fr', TUE, PARIS, '2026-12-31'],
  ['fin 2027', 'fr', TUE, PARIS, '2027-12-31'],
  ['fin janvier 2028', 'fr', TUE, PARIS, '2028-01-31'],
  ['fin févr.', 'fr', TUE, PARIS, '2027-02-28'],
  ['jeudi', 'fr', TUE, PARIS, '2026-11-26'],
  ['mardi', 'fr', TUE, PARIS, '2026-11-24'],
  ['jeudi prochain', 'fr', TUE, PARIS, '2026-12-03'],
  ['vendredi dernier', 'fr', TUE, PARIS, '2026-11-20'],
  ['15 janvier', 'fr', TUE, PARIS, '2027-01-15'],
  ['le 15/01', 'fr', TUE, PARIS, '2027-01-15'],
  ['lundi 30/11', 'fr', TUE, PARIS, '2026-11-30'],
  ['vendredi 27 novembre', 'fr', TUE, PARIS, '2026-11-27'],
  ['à la fin du mois', 'fr', TUE, PARIS, '2026-11-30'],
  ["d'ici la fin du mois", 'fr', TUE, PARIS, '2026-11-30'],
  ['au début de mars', 'fr', TUE, PARIS, '2027-03-01'],
  ['à la mi-janvier', 'fr', TUE, PARIS, '2027-01-15'],
  ["d'ici vendredi", 'fr', TUE, PARIS, '2026-11-27'],
  ['mi-mois', 'fr', TUE, PARIS, '2026-12-15'],
  ['début du mois', 'fr', TUE, PARIS, '2026-12-01'],
  ['après-demain', 'fr', TUE, PARIS, '2026-11-26'],
  ['avant-hier', 'fr', TUE, PARIS, '2026-11-22'],
  // ---- English, Tuesday 24 November 2026, Paris.
  ['end of Q1', 'en', TUE, PARIS, '2027-03-31'],
  ['end of Q4', 'en', TUE, PARIS, '2026-12-31'],
  ['start of Q2 2027', 'en', TUE, PARIS, '2027-04-01'],
  ['end of the quarter', 'en', TUE, PARIS, '2026-12-31'],
  ['EOQ', 'en', TUE, PARIS, '2026-12-31'],
  ['mid-March', 'en', TUE, PARIS, '2027-03-15'],
  ['mid March', 'en', TUE, PARIS, '2027-03-15'],
  ['early next month', 'en', TUE, PARIS, '2026-12-01'],
  ['late January', 'en', TUE, PARIS, '2027-01-31'],
  ['end of January', 'en', TUE, PARIS, '2027-01-31'],
  ['beginning of March', 'en', TUE, PARIS, '2027-03-01'],
  ['start of next month', 'en', TUE, PARIS, '2026-12-01'],
  ['end of next month', 'en', TUE, PARIS, '2026-12-31'],
  ['end of the month', 'en', TUE, PARIS, '2026-11-30'],
  ['mid-month', 'en', TUE, PARIS, '2026-12-15'],
  ['within 15 days', 'en', TUE, PARIS, '2026-12-09'],
  ['in 2 weeks', 'en', TUE, PARIS, '2026-12-08'],
  ['in 3 months', 'en', TUE, PARIS, '2027-02-24'],
  ['next week', 'en', TUE, PARIS, '2026-11-30'],
  ['late next week', 'en', TUE, PARIS, '2026-12-04'],
  ['by the end of the week', 'en', TUE, PARIS, '2026-11-27'],
  ['the 3rd', 'en', TUE, PARIS, '2026-12-03'],
  ['on the 3rd', 'en', TUE, PARIS, '2026-12-03'],
  ['the 24th', 'en', TUE, PARIS, '2026-11-24'],
  ['the 15th of next month', 'en', TUE, PARIS, '2026-12-15'],
  ['friday', 'en', TUE, PARIS, '2026-11-27'],
  ['next friday', 'en', TUE, PARIS, '2026-12-04'],
  ['last friday', 'en', TUE, PARIS, '2026-11-20'],
  ['end of 2027', 'en', TUE, PARIS, '2027-12-31'],
  ['early next year', 'en', TUE, PARIS, '2027-01-01'],
  ['November 30', 'en', TUE, PARIS, '2026-11-30'],
  ['monday 30/11', 'en', TUE, PARIS, '2026-11-30'],
  // ---- 31 December 2026 (Thursday), Paris: rollover into the next month, quarter and year.
  ['fin janvier', 'fr', NYE, PARIS, '2027-01-31'],
  ['fin du mois', 'fr', NYE, PARIS, '2026-12-31'],
  ['fin du mois prochain', 'fr', NYE, PARIS, '2027-01-31'],
  ["fin de l'année", 'fr', NYE, PARIS, '2026-12-31'],
  ['fin du trimestre', 'fr', NYE, PARIS, '2026-12-31'],
  ["début d'année prochaine", 'fr', NYE, PARIS, '2027-01-01'],
  ["début d'année", 'fr', NYE, PARIS, '2027-01-01'],
  ['fin T1', 'fr', NYE, PARIS, '2027-03-31'],
  ['le 31', 'fr', NYE, PARIS, '2026-12-31'],
  ['le 1er', 'fr', NYE, PARIS, '2027-01-01'],
  ['semaine prochaine', 'fr', NYE, PARIS, '2027-01-04'],
  ['fin de semaine', 'fr', NYE, PARIS, '2027-01-01'],
  ['sous 15 jours', 'fr', NYE, PARIS, '2027-01-15'],
  ['dans 2 mois', 'fr', NYE, PARIS, '2027-02-28'],
  ['vendredi', 'fr', NYE, PARIS, '2027-01-01'],
  ['end of next quarter', 'en', NYE, PARIS, '2027-03-31'],
  ['start of next quarter', 'en', NYE, PARIS, '2027-01-01'],
  ['mid-December', 'en', NYE, PARIS, '2027-12-15'],
  ['late December', 'en', NYE, PARIS, '2026-12-31'],
  ['in a month', 'en', NYE, PARIS, '2027-01-31'],
  ['the 31st', 'en', NYE, PARIS, '2026-12-31'],
  ['end of the year', 'en', NYE, PARIS, '2026-12-31'],
  ['next friday', 'en', NYE, PARIS, '2027-01-08'],
  // ---- 20 January 2027: mid-January is past, the end of January is not.
  ['mi-janvier', 'fr', JAN20, PARIS, '2028-01-15'],
  ['fin janvier', 'fr', JAN20, PARIS, '2027-01-31'],
  ['début janvier', 'fr', JAN20, PARIS, '2028-01-01'],
  ['fin janvier prochain', 'fr', JAN20, PARIS, '2028-01-31'],
  ['mid-January', 'en', JAN20, PARIS, '2028-01-15'],
  // ---- 28 February 2028 (Monday, leap year).
  ['fin du mois', 'fr', FEB28_LEAP, PARIS, '2028-02-29'],
  ['fin février', 'fr', FEB28_LEAP, PARIS, '2028-02-29'],
  ['demain', 'fr', FEB28_LEAP, PARIS, '2028-02-29'],
  ['le 29', 'fr', FEB28_LEAP, PARIS, '2028-02-29'],
  ['le 30', 'fr', FEB28_LEAP, PARIS, '2028-03-30'],
  ['fin du mois prochain', 'fr', FEB28_LEAP, PARIS, '2028-03-31'],
  ['mi-février', 'fr', FEB28_LEAP, PARIS, '2029-02-15'],
  ['fin T1', 'fr', FEB28_LEAP, PARIS, '2028-03-31'],
  ['end of the month', 'en', FEB28_LEAP, PARIS, '2028-02-29'],
  ['in one month', 'en', FEB28_LEAP, PARIS, '2028-03-28'],
  // ---- 28 February 2027 (Sunday, not a leap year).
  ['fin du mois', 'fr', FEB28, PARIS, '2027-02-28'],
  ['fin février', 'fr', FEB28, PARIS, '2027-02-28'],
  ['le 29', 'fr', FEB28, PARIS, '2027-03-29'],
  ['demain', 'fr', FEB28, PARIS, '2027-03-01'],
  ['semaine prochaine', 'fr', FEB28, PARIS, '2027-03-01'],
  ['fin de semaine', 'fr', FEB28, PARIS, '2027-03-05'],
  ['dans 1 an', 'fr', FEB28, PARIS, '2028-02-28'],
  ['end of February', 'en', FEB28, PARIS, '2027-02-28'],
  ['the 29th', 'en', FEB28, PARIS, '2027-03-29'],
  ['mid-February', 'en', FEB28, PARIS, '2028-02-15'],
  // ---- Paris, the day summer time starts (29 March 2026), before and after the change.
  ["aujourd'hui", 'fr', PARIS_SPRING_BEFORE, PARIS, '2026-03-29'],
  ['fin du mois', 'fr', PARIS_SPRING_BEFORE, PARIS, '2026-03-31'],
  ['fin mars', 'fr', PARIS_SPRING_BEFORE, PARIS, '2026-03-31'],
  ['semaine prochaine', 'fr', PARIS_SPRING_BEFORE, PARIS, '2026-03-30'],
  ['mi-mars', 'fr', PARIS_SPRING_BEFORE, PARIS, '2027-03-15'],
  ['end of Q1', 'en', PARIS_SPRING_BEFORE, PARIS, '2026-03-31'],
  ["aujourd'hui", 'fr', PARIS_SPRING_AFTER, PARIS, '2026-03-30'],
  ['demain', 'fr', PARIS_SPRING_AFTER, PARIS, '2026-03-31'],
  ['lundi', 'fr', PARIS_SPRING_AFTER, PARIS, '2026-03-30'],
  ['next week', 'en', PARIS_SPRING_AFTER, PARIS, '2026-04-06'],
  ['fin du trimestre', 'fr', PARIS_SPRING_AFTER, PARIS, '2026-03-31'],
  ['le 30', 'fr', PARIS_SPRING_AFTER, PARIS, '2026-03-30'],
  // ---- Paris, the evening of the day summer time ends (25 October 2026).
  ["aujourd'hui", 'fr', PARIS_AUTUMN_AFTER, PARIS, '2026-10-25'],
  ['demain', 'fr', PARIS_AUTUMN_AFTER, PARIS, '2026-10-26'],
  ['fin octobre', 'fr', PARIS_AUTUMN_AFTER, PARIS, '2026-10-31'],
  ['semaine prochaine', 'fr', PARIS_AUTUMN_AFTER, PARIS, '2026-10-26'],
  ['le 25', 'fr', PARIS_AUTUMN_AFTER, PARIS, '2026-10-25'],
  ['vendredi', 'fr', PARIS_AUTUMN_AFTER, PARIS, '2026-10-30'],
  // ---- New York, the night summer time starts (Saturday 7 March 2026 locally, 8 March in UTC).
  ['today', 'en', NY_SPRING_BEFORE, NEW_YORK, '2026-03-07'],
  ['tomorrow', 'en', NY_SPRING_BEFORE, NEW_YORK, '2026-03-08'],
  ['next week', 'en', NY_SPRING_BEFORE, NEW_YORK, '2026-03-09'],
  ['end of the week', 'en', NY_SPRING_BEFORE, NEW_YORK, '2026-03-13'],
  ['mid-March', 'en', NY_SPRING_BEFORE, NEW_YORK, '2026-03-15'],
  ['the 8th', 'en', NY_SPRING_BEFORE, NEW_YORK, '2026-03-08'],
  ['saturday', 'en', NY_SPRING_BEFORE, NEW_YORK, '2026-03-07'],
  // ---- New York, the night summer time ends (Sunday 1 November 2026, 00:30 EDT).
  ['today', 'en', NY_AUTUMN_BEFORE, NEW_YORK, '2026-11-01'],
  ['end of the month', 'en', NY_AUTUMN_BEFORE, NEW_YORK, '2026-11-30'],
  ['early November', 'en', NY_AUTUMN_BEFORE, NEW_YORK, '2026-11-01'],
  ['the 1st', 'en', NY_AUTUMN_BEFORE, NEW_YORK, '2026-11-01'],
  ['end of October', 'en', NY_AUTUMN_BEFORE, NEW_YORK, '2027-10-31'],
  ['last saturday', 'en', NY_AUTUMN_BEFORE, NEW_YORK, '2026-10-31'],
  ['in 2 weeks', 'en', NY_AUTUMN_BEFORE, NEW_YORK, '2026-11-15'],
  ['end of the quarter', 'en', NY_AUTUMN_BEFORE, NEW_YORK, '2026-12-31'],
  // ---- Auckland, already 1 January 2027 while it is still 31 December in UTC.
  ["aujourd'hui", 'fr', AKL_NEW_YEAR, AUCKLAND, '2027-01-01'],
  ['fin janvier', 'fr', AKL_NEW_YEAR, AUCKLAND, '2027-01-31'],
  ['mi-janvier', 'fr', AKL_NEW_YEAR, AUCKLAND, '2027-01-15'],
  ['début janvier', 'fr', AKL_NEW_YEAR, AUCKLAND, '2027-01-01'],
  ["fin d'année", 'fr', AKL_NEW_YEAR, AUCKLAND, '2027-12-31'],
  ['fin du mois', 'fr', AKL_NEW_YEAR, AUCKLAND, '2027-01-31'],
  ['le 31', 'fr', AKL_NEW_YEAR, AUCKLAND, '2027-01-31'],
  ['end of Q1', 'en', AKL_NEW_YEAR, AUCKLAND, '2027-03-31'],
  ['next week', 'en', AKL_NEW_YEAR, AUCKLAND, '2027-01-04'],
  ['friday', 'en', AKL_NEW_YEAR, AUCKLAND, '2027-01-01'],
  // ---- Auckland, already Friday 16 January 2026 while it is the 15th in UTC.
  ['mi-janvier', 'fr', AKL_JAN16, AUCKLAND, '2027-01-15'],
  ['fin janvier', 'fr', AKL_JAN16, AUCKLAND, '2026-01-31'],
  ['le 15', 'fr', AKL_JAN16, AUCKLAND, '2026-02-15'],
  ['fin T1', 'fr', AKL_JAN16, AUCKLAND, '2026-03-31'],
  ['demain', 'fr', AKL_JAN16, AUCKLAND, '2026-01-17'],
  ['vendredi', 'fr', AKL_JAN16, AUCKLAND, '2026-01-16'],
];

const other = (lang: Lang): Lang => (lang === 'fr' ? 'en' : 'fr');

describe('parseDate: dates as people write them', () => {
  it('has a table of at least 120 rows in both languages', () => {
    expect(rows.length).toBeGreaterThanOrEqual(120);
    expect(rows.filter((row) => row[1] === 'fr').length).toBeGreaterThanOrEqual(60);
    expect(rows.filter((row) => row[1] === 'en').length).toBeGreaterThanOrEqual(50);
  });

  it.each(rows)('%j (%s) at %s in %s is %s', (input, lang, now, timeZone, expected) => {
    expect(parseDate(input, { now: new Date(now), timeZone, lang })).toBe(expected);
    // Both languages are always tried, the member's first: the answer must not depend on it.
    expect(parseDate(input, { now: new Date(now), timeZone, lang: other(lang) })).toBe(expected);
  });
});

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).code;
  }
  return undefined;
}

describe('parseDate refuses what it would have to guess', () => {
  it.each([
    // A month, week, quarter or year names a period, not a day.
    ['janvier', TUE],
    ['January', TUE],
    ['en janvier', TUE],
    ['January 2027', TUE],
    ['next month', TUE],
    ['le mois prochain', TUE],
    ['this week', TUE],
    ['next quarter', TUE],
    ['next year', TUE],
    // Vague counts.
    ['dans quelques jours', TUE],
    ['in a few days', TUE],
    // A weekday that contradicts the date (27 November 2026 is a Friday; 3 April 2027 a Saturday).
    ['jeudi 27 novembre', TUE],
    ['tuesday 03/04', TUE],
    // Month-first in a text (there is no 30th month).
    ['monday 11/30', TUE],
    // Not a day of any month, or a bare number.
    ['le 32', TUE],
    ['the 0th', TUE],
    ['3', TUE],
    // April has no 31st.
    ['le 31 du mois prochain', '2026-03-15T10:00:00Z'],
    // Half an expression, or an expression in a sentence.
    ['fin', TUE],
    ['mi', TUE],
    ['début', TUE],
    ['fin janvier peut-être', TUE],
    ['relancer fin janvier', TUE],
  ])('refuses %j as date_invalid', (input, now) => {
    for (const lang of ['fr', 'en'] as const) {
      expect(errorCode(() => parseDate(input, { now: new Date(now), timeZone: PARIS, lang }))).toBe('date_invalid');
    }
  });

  it.each([
    // Thursday 3 December 2026: Friday is not the 3rd, and the next 5th (5 December) is a Saturday.
    ['vendredi 3', '03/12'],
    ['lundi 5', '05/12'],
    ['monday the 3rd', '03/12'],
    // The next 31st (31 December) is a Thursday.
    ['mercredi 31', '31/12'],
  ])('asks back %j: a weekday that does not fall on the day is never chosen', (input, example) => {
    for (const lang of ['fr', 'en'] as const) {
      let error: unknown;
      try {
        parseDate(input, { now: new Date(TUE), timeZone: PARIS, lang });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('date_weekday_mismatch');
      expect((error as UserError).params).toMatchObject({ input, example });
    }
  });

  it('still reads a whole numeric date day-first and refuses the impossible ones', () => {
    const options = { now: new Date(TUE), timeZone: PARIS, lang: 'en' as const };
    expect(errorCode(() => parseDate('12/13/14', options))).toBe('date_impossible');
    expect(errorCode(() => parseDate('le 31/04', options))).toBe('date_impossible');
    expect(parseDate('03/04', options)).toBe('2027-04-03');
  });
});
