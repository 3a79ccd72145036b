// Parses a calendar date typed by a member (`demain`, `vendredi`, `30/11`, `fin du mois`,
// `next tuesday`) into `YYYY-MM-DD` as seen in the member's time zone.
//
// Time zones: chrono resolves relative dates against a reference instant. Rather than handing
// it the real instant (whose calendar day depends on the server's zone), we compute the member's
// local calendar date and give chrono that date at 12:00 UTC with `timezone: 0`. Every result is
// then a pure calendar computation, and we read the year/month/day components directly.
// Consequence: time-of-day expressions (`dans 3 heures`) are resolved from noon, not the real time.

import * as chrono from 'chrono-node';
import { UserError } from '../errors.ts';
import type { Lang } from '../types.ts';
import { normalizeKey } from './tokenize.parser.ts';

/** Options for {@link parseDate}. */
export interface ParseDateOptions {
  /** The current instant. */
  now: Date;
  /** The member's IANA time zone, e.g. `Europe/Paris`. */
  timeZone: string;
  /** The member's language, tried first. */
  lang: Lang;
}

interface Ymd {
  year: number;
  month: number;
  day: number;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
const formatYmd = ({ year, month, day }: Ymd): string => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

function parseIso(isoDate: string): Ymd {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`Not an ISO date: ${isoDate}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const isValidYmd = ({ year, month, day }: Ymd): boolean =>
  Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/** Day of week of an ISO date, 0 = Sunday … 6 = Saturday. */
const weekday = (isoDate: string): number => {
  const { year, month, day } = parseIso(isoDate);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
};

// Building an Intl formatter costs far more than using one: one per time zone, kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date (`YYYY-MM-DD`) in `timeZone` at the instant `now`. */
export function todayIn(timeZone: string, now: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value);
  return formatYmd({ year: get('year'), month: get('month'), day: get('day') });
}

/** Adds (or with a negative `days`, subtracts) whole days to a `YYYY-MM-DD` date. */
export function addDays(isoDate: string, days: number): string {
  const { year, month, day } = parseIso(isoDate);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return formatYmd({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** First day on or after `today` that falls on `targetWeekday` (0 = Sunday). */
const nextWeekday = (today: string, targetWeekday: number): string =>
  addDays(today, (targetWeekday - weekday(today) + 7) % 7);

const endOfMonth = (today: string): string => {
  const { year, month } = parseIso(today);
  return formatYmd({ year, month, day: daysInMonth(year, month) });
};

const endOfQuarter = (today: string): string => {
  const { year, month } = parseIso(today);
  const lastMonth = Math.ceil(month / 3) * 3;
  return formatYmd({ year, month: lastMonth, day: daysInMonth(year, lastMonth) });
};

const endOfYear = (today: string): string => `${parseIso(today).year}-12-31`;

/** Monday of the week after today's (weeks start on Monday, the European convention). */
const mondayOfNextWeek = (today: string): string => addDays(today, 7 - ((weekday(today) + 6) % 7));

/**
 * Expressions chrono does not know, or gets wrong for our purposes, keyed by `normalizeKey` form
 * (lower case, no accents, punctuation and apostrophes as single spaces).
 * - chrono's French parser reads `après-demain` as `demain` (it matches only the tail).
 * - chrono reads `next week` as today + 7 days; we want the Monday of next week.
 */
const EXPLICIT: Record<string, (today: string) => string> = {
  'apres demain': (today) => addDays(today, 2),
  'day after tomorrow': (today) => addDays(today, 2),
  'the day after tomorrow': (today) => addDays(today, 2),
  'la semaine prochaine': mondayOfNextWeek,
  'semaine prochaine': mondayOfNextWeek,
  'next week': mondayOfNextWeek,
  'fin du mois': endOfMonth,
  'fin de mois': endOfMonth,
  'end of month': endOfMonth,
  'end of the month': endOfMonth,
  'fin de semaine': (today) => nextWeekday(today, 5),
  'fin de la semaine': (today) => nextWeekday(today, 5),
  'end of week': (today) => nextWeekday(today, 5),
  'end of the week': (today) => nextWeekday(today, 5),
  'fin du trimestre': endOfQuarter,
  'fin de trimestre': endOfQuarter,
  'end of quarter': endOfQuarter,
  'end of the quarter': endOfQuarter,
  'fin d annee': endOfYear,
  'fin de l annee': endOfYear,
  'fin de annee': endOfYear,
  'end of year': endOfYear,
  'end of the year': endOfYear,
};

/** `le 30/11`, `on friday`: a leading article/preposition adds nothing. */
const LEADING_FILLER = /^(?:le|on)\s+/i;

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Day-first numeric date with one consistent separator and an optional 2- or 4-digit year. */
const DAY_FIRST_DATE = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/;

/**
 * Parses a date into `YYYY-MM-DD` in the member's time zone.
 * Numeric dates are day-first (`03/04` is 3 April) except ISO `YYYY-MM-DD`; a `dd/mm` without year
 * is the next occurrence, today included. Weekdays are the coming one (today if it is that day).
 * @throws UserError `date_impossible` for a date that does not exist (`31/02`), `date_invalid`
 *   for anything else that cannot be read entirely as a date; both with `{ input }`.
 */
export function parseDate(input: string, options: ParseDateOptions): string {
  const today = todayIn(options.timeZone, options.now);
  const impossible = (): UserError => new UserError('date_impossible', { input });
  const invalid = (): UserError => new UserError('date_invalid', { input });

  // Unify typographic apostrophes (chrono only knows `aujourd'hui` with ASCII ') and spaces.
  const text = input
    .replace(/[’‘ʼ]/g, "'")
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(LEADING_FILLER, '');
  if (text === '') throw invalid();

  const explicit = EXPLICIT[normalizeKey(text)];
  if (explicit) return explicit(today);

  const numeric = parseNumericDate(text, today);
  if (numeric === 'impossible') throw impossible();
  if (numeric !== undefined) return numeric;
  // Numeric-looking input that is not one of our formats (`12/13/14`) must not reach chrono,
  // whose English parser would read it month-first.
  if (/^[\d\s/.-]+$/.test(text)) throw invalid();

  const { year, month, day } = parseIso(today);
  const reference = { instant: new Date(Date.UTC(year, month - 1, day, 12)), timezone: 0 };
  const parsers = options.lang === 'fr' ? [chrono.fr, chrono.en] : [chrono.en, chrono.fr];
  for (const parser of parsers) {
    const result = parser.parse(text, reference, { forwardDate: true })[0];
    if (!result || !coversWholeInput(text, result.index, result.text)) continue;
    const parsed = {
      year: result.start.get('year') ?? NaN,
      month: result.start.get('month') ?? NaN,
      day: result.start.get('day') ?? NaN,
    };
    if (!isValidYmd(parsed)) throw impossible();
    return formatYmd(parsed);
  }
  throw invalid();
}

/**
 * True when chrono's match is essentially the whole input: only spaces and punctuation may be
 * left over. Chrono happily finds `vendredi` inside `appeler vendredi Paul`; we must not.
 */
function coversWholeInput(text: string, index: number, matched: string): boolean {
  const leftover = text.slice(0, index) + text.slice(index + matched.length);
  return /^[\s.,;:!?]*$/.test(leftover);
}

/**
 * Reads ISO and day-first numeric dates ourselves: chrono would roll `31/02` over to March and
 * its English parser reads `03/04` month-first. Returns undefined when `text` is not numeric.
 */
function parseNumericDate(text: string, today: string): string | 'impossible' | undefined {
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const ymd = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    return isValidYmd(ymd) ? formatYmd(ymd) : 'impossible';
  }

  const dayFirst = DAY_FIRST_DATE.exec(text);
  if (!dayFirst) return undefined;
  const day = Number(dayFirst[1]);
  const month = Number(dayFirst[3]);
  const yearText = dayFirst[4];
  let year: number;
  if (yearText !== undefined) {
    // Two-digit years are this century: a CRM does not schedule follow-ups in 1926.
    year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  } else {
    // No year: the next occurrence, today included. A 29/02 whose next occurrence falls in a
    // non-leap year is reported as impossible rather than silently moved to a later year.
    const current = parseIso(today);
    const isPast = month < current.month || (month === current.month && day < current.day);
    year = isPast ? current.year + 1 : current.year;
  }
  const ymd = { year, month, day };
  return isValidYmd(ymd) ? formatYmd(ymd) : 'impossible';
}
