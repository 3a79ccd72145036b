// Parses a calendar date typed by a member (`demain`, `vendredi`, `30/11`, `fin janvier`, `le 3`,
// `mid-March`, `end of Q1`) into `YYYY-MM-DD` as seen in the member's time zone.
//
// Time zones: chrono resolves relative dates against a reference instant. Rather than handing
// it the real instant (whose calendar day depends on the server's zone), we compute the member's
// local calendar date and give chrono that date at 12:00 UTC with `timezone: 0`. Every result is
// then a pure calendar computation, and we read the year/month/day components directly.
// Consequence: time-of-day expressions (`dans 3 heures`) are resolved from noon, not the real time.
//
// What the business expressions mean (our own chrono parsers below; both languages are tried,
// the member's first). A window named in words is collapsed to one day:
// - `début` / `early` / `start of` / `beginning of` = the FIRST day of the month, quarter or year
//   (the earliest day of the window, so a reminder is never late; symmetric with `fin`).
// - `mi` / `mid` / `middle of` = the 15th.
// - `fin` / `late` / `end of` / `EOM`, `EOQ`, `EOY` = the LAST day of the month, quarter or year.
// - Quarters are calendar quarters: `fin T1` / `end of Q1` = 31 March.
// - A named month or quarter without a year is the next one whose day is today or later:
//   `fin janvier` typed in December is next January, `mi-janvier` typed on 20 January is next
//   year, `début mars` typed on 2 March is 1 March of next year. An explicit year is taken as is.
// - `fin du mois` / `fin du trimestre` / `fin d'année` are those of the current period (today on
//   its last day); `début du mois` / `mi-mois` / `début d'année` are the next such day, today
//   included; with `prochain(e)` / `next` they are those of the next period.
// - `le 3` / `the 3rd` = the next 3rd of a month, today included, skipping months that have no
//   such day (`le 31` typed on 1 April is 31 May); `le 3 du mois prochain` = the 3rd of next month.
// - `semaine prochaine` / `next week` = Monday of next week (weeks start on Monday);
//   `fin de semaine` / `end of the week` = the coming Friday, today included.
// - A weekday is the coming one, today included; `jeudi prochain` / `next thursday` is the
//   Thursday of next week (chrono's reading); `vendredi dernier` / `last friday` the most recent
//   one before today.
// - `sous 15 jours`, `d'ici 2 semaines`, `dans 10 jours`, `within 15 days`, `in 2 weeks` = today
//   plus that many days, weeks (× 7), months or years (a month too short keeps its last day).
// Refused, because they name a period and not a day and choosing one would be a guess: a month
// alone (`janvier`, `January 2027`), `next month`, `this week`, `next quarter`, `next year`, and
// vague counts (`dans quelques jours`). Numeric dates are day-first; anything numeric that is not
// one of our formats (`12/13/14`) never reaches chrono, whose English parser reads month-first.

import * as chrono from 'chrono-node';
import { UserError } from '../errors.ts';
import type { Lang } from '../types.ts';

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
export const weekday = (isoDate: string): number => {
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

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on `YYYY-MM-DD` strings (which compare correctly as strings).

/** First day on or after `today` that falls on `targetWeekday` (0 = Sunday). */
const nextWeekday = (today: string, targetWeekday: number): string =>
  addDays(today, (targetWeekday - weekday(today) + 7) % 7);

/** Last day strictly before `today` that falls on `targetWeekday`. */
const previousWeekday = (today: string, targetWeekday: number): string =>
  addDays(today, -(((weekday(today) - targetWeekday + 6) % 7) + 1));

/** Monday of the week after today's (weeks start on Monday, the European convention). */
const mondayOfNextWeek = (today: string): string => addDays(today, 7 - ((weekday(today) + 6) % 7));

/** `today` plus whole months; a day the target month lacks becomes its last day (31/01 + 1 = 28/02). */
export function addMonths(today: string, months: number): string {
  const { year, month, day } = parseIso(today);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  return formatYmd({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

/** Where in a period an expression points: its first day, the 15th (months only), its last day. */
type Edge = 'start' | 'mid' | 'end';

function monthDay(year: number, month: number, edge: Edge): string {
  const day = edge === 'start' ? 1 : edge === 'mid' ? 15 : daysInMonth(year, month);
  return formatYmd({ year, month, day });
}

/** Edge of the month `offset` months after today's. */
function ofMonth(today: string, edge: Edge, offset = 0): string {
  const { year, month } = parseIso(addMonths(`${today.slice(0, 8)}01`, offset));
  return monthDay(year, month, edge);
}

/** Edge of a quarter (1–4) of a year; `mid` is not offered for quarters. */
function quarterDay(year: number, quarter: number, edge: 'start' | 'end'): string {
  return edge === 'start' ? monthDay(year, quarter * 3 - 2, 'start') : monthDay(year, quarter * 3, 'end');
}

const quarterOf = (today: string): number => Math.ceil(parseIso(today).month / 3);

/** Edge of the quarter `offset` quarters after today's. */
function ofQuarter(today: string, edge: 'start' | 'end', offset = 0): string {
  const { year } = parseIso(today);
  const index = year * 4 + (quarterOf(today) - 1) + offset;
  return quarterDay(Math.floor(index / 4), (index % 4) + 1, edge);
}

const yearDay = (year: number, edge: 'start' | 'end'): string => (edge === 'start' ? `${year}-01-01` : `${year}-12-31`);

/** `dateIn(year)` for this year, or next year's when this year's is already past. */
function nextOccurrence(today: string, dateIn: (year: number) => string): string {
  const { year } = parseIso(today);
  const thisYear = dateIn(year);
  return thisYear >= today ? thisYear : dateIn(year + 1);
}

/** `dateIn(explicitYear)` when a year was typed, else its next occurrence. */
const inYearOrNext = (today: string, yearText: string | undefined, dateIn: (year: number) => string): string =>
  yearText ? dateIn(Number(yearText)) : nextOccurrence(today, dateIn);

/** The next day numbered `day`, today included, in the first month that has it. */
function nextDayOfMonth(today: string, day: number): string | undefined {
  if (day < 1 || day > 31) return undefined;
  for (let offset = 0; offset <= 12; offset++) {
    const { year, month } = parseIso(ofMonth(today, 'start', offset));
    const candidate = { year, month, day };
    if (isValidYmd(candidate) && formatYmd(candidate) >= today) return formatYmd(candidate);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Our chrono parsers. They see the folded text (lower case, no accents, ASCII apostrophes).

/** Tag put on every result of our parsers, so the refiners know them from chrono's own. */
const OURS = 'relance/expression';

const edgeOf = (word: string): Edge => {
  if (/^(?:debut|early|start|beginning)/.test(word)) return 'start';
  if (/^(?:mi|mid|middle)/.test(word)) return 'mid';
  return 'end';
};
const notMid = (edge: Edge): 'start' | 'end' => (edge === 'end' ? 'end' : 'start');

const FR_MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6,
  juillet: 7, juil: 7, aout: 8, septembre: 9, sept: 9, sep: 9, octobre: 10, oct: 10, novembre: 11, nov: 11,
  decembre: 12, dec: 12,
};
const EN_MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};
const FR_WEEKDAYS: Record<string, number> = { dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6 };
const EN_WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4,
  thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};
/** A weekday then a day of the month: `mardi 15`, `jeudi 1er`, `tuesday the 15th`, `friday 18`. */
const WEEKDAY_AND_DAY = new RegExp(`^(${Object.keys(FR_WEEKDAYS).join('|')}|${Object.keys(EN_WEEKDAYS).join('|')})\\s+(?:the\\s+)?(\\d{1,2})(?:er|st|nd|rd|th)?$`);
const FR_NUMBERS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11,
  douze: 12, quinze: 15, vingt: 20, trente: 30,
};
const EN_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
};

/** Alternation of a dictionary's words, longest first. */
const words = (dictionary: Record<string, number>): string =>
  Object.keys(dictionary)
    .sort((a, b) => b.length - a.length)
    .join('|');
/** A month name, abbreviations with an optional dot (`janv.`). */
const monthAlternation = (dictionary: Record<string, number>): string => `(?:${words(dictionary)})\\.?`;
const lookup = (dictionary: Record<string, number>, word: string): number => dictionary[word.replace(/\.$/, '')]!;

type Unit = 'day' | 'week' | 'month' | 'year';
function addUnits(today: string, count: number, unit: Unit): string | undefined {
  if (!Number.isInteger(count) || count < 0 || count > 999) return undefined;
  if (unit === 'day') return addDays(today, count);
  if (unit === 'week') return addDays(today, count * 7);
  return addMonths(today, unit === 'month' ? count : count * 12);
}

type Resolve = (today: string, match: RegExpExecArray) => string | undefined;

/**
 * A chrono parser for one expression: `source` is matched as whole words; `resolve` gets today
 * (the member's local date, see the reference set up in {@link parseDate}) and the match.
 */
function expression(source: string, resolve: Resolve): chrono.Parser {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'iu');
  return {
    pattern: () => pattern,
    extract: (context, match) => {
      const instant = context.reference.instant;
      const today = formatYmd({ year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() });
      const iso = resolve(today, match as RegExpExecArray);
      if (iso === undefined) return null;
      return context.createParsingComponents(parseIso(iso)).addTag(OURS);
    },
  };
}

const FR_MONTH = monthAlternation(FR_MONTHS);
const EN_MONTH = monthAlternation(EN_MONTHS);
const YEAR = '(\\d{4})';

const FR_PARSERS: chrono.Parser[] = [
  expression('apres[\\s-]+demain', (today) => addDays(today, 2)),
  expression('avant[\\s-]+hier', (today) => addDays(today, -2)),
  // Weeks.
  expression('(?:(?:au\\s+)?debut\\s+(?:de\\s+)?)?(?:la\\s+)?semaine\\s+prochaine', mondayOfNextWeek),
  expression('fin\\s+(?:de\\s+)?(?:la\\s+)?semaine\\s+prochaine', (today) => addDays(mondayOfNextWeek(today), 4)),
  expression('fin\\s+(?:de\\s+)?(?:la\\s+|cette\\s+)?semaine', (today) => nextWeekday(today, 5)),
  expression(`(${words(FR_WEEKDAYS)})\\s+dernier`, (today, m) => previousWeekday(today, FR_WEEKDAYS[m[1]!.toLowerCase()]!)),
  // Months: the current or next one.
  expression('(debut|mi|fin)\\s*-?\\s*(?:du\\s+|de\\s+)?mois\\s+prochain', (today, m) => ofMonth(today, edgeOf(m[1]!), 1)),
  expression('(debut|mi|fin)\\s*-?\\s*(?:du\\s+|de\\s+|de\\s+ce\\s+)?mois', (today, m) => {
    const edge = edgeOf(m[1]!);
    const thisMonth = ofMonth(today, edge);
    return thisMonth >= today ? thisMonth : ofMonth(today, edge, 1);
  }),
  // Named months: `fin janvier`, `fin de janvier`, `début d'avril`, `mi-mars`, `fin du mois de mai 2027`.
  expression(`(debut|mi|fin)(?:\\s*-\\s*|\\s+)(?:(?:du\\s+mois\\s+)?(?:de\\s+|d'))?(${FR_MONTH})(?:\\s+${YEAR}|\\s+(prochain))?`, (today, m) => {
    const month = lookup(FR_MONTHS, m[2]!.toLowerCase());
    // `fin janvier prochain`: the next January that has not begun (typed in January, next year's).
    if (m[4]) return monthDay(parseIso(today).year + (month > parseIso(today).month ? 0 : 1), month, edgeOf(m[1]!));
    return inYearOrNext(today, m[3], (year) => monthDay(year, month, edgeOf(m[1]!)));
  }),
  // Quarters: `fin du trimestre`, `début du trimestre prochain`, `fin T1`, `fin du T2 2027`, `fin du 3e trimestre`.
  expression('(debut|fin)\\s+(?:du\\s+|de\\s+)?trimestre\\s+prochain', (today, m) => ofQuarter(today, notMid(edgeOf(m[1]!)), 1)),
  expression('(debut|fin)\\s+(?:du\\s+|de\\s+|de\\s+ce\\s+)?trimestre', (today, m) => {
    const edge = notMid(edgeOf(m[1]!));
    const current = ofQuarter(today, edge);
    return current >= today ? current : ofQuarter(today, edge, 1);
  }),
  expression(`(debut|fin)\\s+(?:du\\s+|de\\s+)?(?:[tq]([1-4])|([1-4])(?:er|re|e|eme)\\s+trimestre)(?:\\s+${YEAR})?`, (today, m) =>
    inYearOrNext(today, m[4], (year) => quarterDay(year, Number(m[2] ?? m[3]), notMid(edgeOf(m[1]!)))),
  ),
  // Years: `fin d'année`, `début d'année prochaine`, `fin 2027`.
  expression("(debut|fin)\\s+(?:d'|de\\s+l'|de\\s+)?annee\\s+prochaine", (today, m) => yearDay(parseIso(today).year + 1, notMid(edgeOf(m[1]!)))),
  expression("(debut|fin)\\s+(?:d'|de\\s+l'|de\\s+|de\\s+cette\\s+)?annee", (today, m) =>
    nextOccurrence(today, (year) => yearDay(year, notMid(edgeOf(m[1]!)))),
  ),
  expression(`(debut|fin)\\s+${YEAR}`, (_today, m) => yearDay(Number(m[2]), notMid(edgeOf(m[1]!)))),
  // Day of the month: `le 3`, `le 1er`, `le 15 du mois prochain`.
  expression('le\\s+(\\d{1,2})(?:er)?\\s+du\\s+mois\\s+prochain', (today, m) => {
    const { year, month } = parseIso(ofMonth(today, 'start', 1));
    const date = { year, month, day: Number(m[1]) };
    return isValidYmd(date) ? formatYmd(date) : undefined;
  }),
  expression('le\\s+(\\d{1,2})(?:er)?(?:\\s+du\\s+mois)?', (today, m) => nextDayOfMonth(today, Number(m[1]))),
  // Durations: `sous 15 jours`, `d'ici 2 semaines`, `dans 10 jours`, `sous quinzaine`.
  expression(
    `(?:sous|d'ici|dans)\\s+(\\d{1,3}|${words(FR_NUMBERS)})\\s*(jours?|j|semaines?|sem|mois|ans?|annees?)`,
    (today, m) => {
      const count = /^\d/.test(m[1]!) ? Number(m[1]) : FR_NUMBERS[m[1]!.toLowerCase()]!;
      const unit = m[2]!.toLowerCase();
      return addUnits(today, count, unit.startsWith('j') ? 'day' : unit.startsWith('s') ? 'week' : unit === 'mois' ? 'month' : 'year');
    },
  ),
  expression('sous\\s+(?:une\\s+)?(huitaine|quinzaine)', (today, m) => addDays(today, m[1]!.toLowerCase() === 'huitaine' ? 8 : 15)),
];

const EN_PARSERS: chrono.Parser[] = [
  expression('(?:the\\s+)?day\\s+after\\s+tomorrow', (today) => addDays(today, 2)),
  expression('(?:the\\s+)?day\\s+before\\s+yesterday', (today) => addDays(today, -2)),
  // Weeks.
  expression('(?:early|(?:the\\s+)?(?:start|beginning)\\s+of)?\\s*next\\s+week', mondayOfNextWeek),
  expression('(?:late|(?:the\\s+)?end\\s+of)\\s+next\\s+week', (today) => addDays(mondayOfNextWeek(today), 4)),
  expression('(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?week', (today) => nextWeekday(today, 5)),
  expression(`(?:last|past)\\s+(${words(EN_WEEKDAYS)})`, (today, m) => previousWeekday(today, EN_WEEKDAYS[m[1]!.toLowerCase()]!)),
  // Months: the current or next one.
  expression('(early|mid|late|(?:the\\s+)?(?:start|beginning|middle|end)\\s+of)\\s*-?\\s*(?:the\\s+)?next\\s+month', (today, m) =>
    ofMonth(today, edgeOf(m[1]!.replace(/^the\s+/, '')), 1),
  ),
  expression('(mid|(?:the\\s+)?(?:start|beginning|middle|end)\\s+of\\s+(?:the\\s+|this\\s+)?)\\s*-?\\s*month|(eom)', (today, m) => {
    const edge = m[2] ? 'end' : edgeOf((m[1] ?? '').replace(/^the\s+/, ''));
    const thisMonth = ofMonth(today, edge);
    return thisMonth >= today ? thisMonth : ofMonth(today, edge, 1);
  }),
  // Named months: `mid-March`, `late January`, `end of January 2027`, `the beginning of March`.
  expression(`(early|mid|late|(?:the\\s+)?(?:start|beginning|middle|end)\\s+of)\\s*-?\\s*(${EN_MONTH})(?:,?\\s+${YEAR})?`, (today, m) =>
    inYearOrNext(today, m[3], (year) => monthDay(year, lookup(EN_MONTHS, m[2]!.toLowerCase()), edgeOf(m[1]!.replace(/^the\s+/, '')))),
  ),
  // Quarters: `end of the quarter`, `start of next quarter`, `end of Q1`, `EOQ`.
  expression('(?:the\\s+)?(start|beginning|end)\\s+of\\s+(?:the\\s+)?next\\s+quarter', (today, m) => ofQuarter(today, notMid(edgeOf(m[1]!)), 1)),
  expression('(?:the\\s+)?(start|beginning|end)\\s+of\\s+(?:the\\s+|this\\s+)?quarter|(eoq)', (today, m) => {
    const edge = m[2] ? 'end' : notMid(edgeOf(m[1]!));
    const current = ofQuarter(today, edge);
    return current >= today ? current : ofQuarter(today, edge, 1);
  }),
  expression(`(?:the\\s+)?(start|beginning|end)\\s+of\\s+(?:the\\s+)?q([1-4])(?:\\s+${YEAR})?`, (today, m) =>
    inYearOrNext(today, m[3], (year) => quarterDay(year, Number(m[2]), notMid(edgeOf(m[1]!)))),
  ),
  // Years: `end of the year`, `early next year`, `end of 2027`, `EOY`.
  expression('(early|late|(?:the\\s+)?(?:start|beginning|end)\\s+of)\\s+next\\s+year', (today, m) =>
    yearDay(parseIso(today).year + 1, notMid(edgeOf(m[1]!.replace(/^the\s+/, '')))),
  ),
  expression('(?:the\\s+)?(start|beginning|end)\\s+of\\s+(?:the\\s+|this\\s+)?year|(eoy)', (today, m) =>
    nextOccurrence(today, (year) => yearDay(year, m[2] ? 'end' : notMid(edgeOf(m[1]!)))),
  ),
  expression(`(early|late|(?:the\\s+)?(?:start|beginning|end)\\s+of)\\s+${YEAR}`, (_today, m) =>
    yearDay(Number(m[2]), notMid(edgeOf(m[1]!.replace(/^the\s+/, '')))),
  ),
  // Day of the month: `the 3rd`, `3rd`, `the 15th of next month`.
  expression('(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\s+of\\s+next\\s+month', (today, m) => {
    const { year, month } = parseIso(ofMonth(today, 'start', 1));
    const date = { year, month, day: Number(m[1]) };
    return isValidYmd(date) ? formatYmd(date) : undefined;
  }),
  expression('the\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)', (today, m) => nextDayOfMonth(today, Number(m[1] ?? m[2]))),
  // Durations: `within 15 days`, `in 2 weeks`, `in a month`.
  expression(`(?:within|in)\\s+(\\d{1,3}|${words(EN_NUMBERS)})\\s*(days?|weeks?|months?|years?)`, (today, m) => {
    const count = /^\d/.test(m[1]!) ? Number(m[1]) : EN_NUMBERS[m[1]!.toLowerCase()]!;
    return addUnits(today, count, m[2]!.toLowerCase().replace(/s$/, '') as Unit);
  }),
];

/**
 * Keeps only results that name a day. Chrono reads `janvier`/`January`, `next month`, `this
 * week`, `next year` as some day of that period, and `in a few days` as 3 days: guesses we refuse.
 * A chrono result must carry its day of month or weekday; ours always do.
 */
const namesADay: chrono.Refiner = {
  refine: (_context, results) =>
    results.filter(
      (result) =>
        weekdayAgrees(result.start) &&
        (result.tags().has(OURS) ||
          ((result.start.isCertain('day') || result.start.isCertain('weekday')) &&
            !/(?<![\p{L}])(?:quelques?|plusieurs|few|couple|several)(?![\p{L}])/u.test(result.text))),
    ),
};

/** `jeudi 27 novembre` when the 27th is a Friday could mean either day: refused, not guessed. */
function weekdayAgrees(start: chrono.ParsingComponents): boolean {
  if (!start.isCertain('weekday') || !start.isCertain('day')) return true;
  const date = { year: start.get('year') ?? NaN, month: start.get('month') ?? NaN, day: start.get('day') ?? NaN };
  return !isValidYmd(date) || weekday(formatYmd(date)) === start.get('weekday');
}

/**
 * Numeric dates inside a longer text (`lundi 30/11`), day-first in both languages like the whole
 * numeric input read by {@link parseNumericDate}. It takes the place of chrono's slash parser,
 * which in English reads `11/30` month-first: a day-first date that does not exist (`11/30`) is
 * returned as is and then removed as invalid by chrono, rather than left to the month-first reading.
 */
const numericInText: chrono.Parser = {
  pattern: () => /(?<![\p{L}\p{N}/.-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\p{L}\p{N}]|[/.-]\d)/u,
  extract: (context, match) => {
    const instant = context.reference.instant;
    const today = { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
    const day = Number(match[1]);
    const month = Number(match[3]);
    let year: number;
    if (match[4] !== undefined) year = match[4].length === 2 ? 2000 + Number(match[4]) : Number(match[4]);
    else year = month < today.month || (month === today.month && day < today.day) ? today.year + 1 : today.year;
    return context.createParsingComponents({ year, month, day }).addTag(OURS);
  },
};

function withExpressions(base: chrono.Chrono, parsers: chrono.Parser[]): chrono.Chrono {
  const custom = base.clone();
  // First in the list: on results of equal length at the same place, the first one is kept.
  custom.parsers.unshift(numericInText, ...parsers);
  custom.refiners.push(namesADay);
  return custom;
}

const PARSERS: Record<Lang, chrono.Chrono> = {
  fr: withExpressions(chrono.fr.casual, FR_PARSERS),
  en: withExpressions(chrono.en.casual, EN_PARSERS),
};

// ---------------------------------------------------------------------------------------------

/** Words that may precede a date and add nothing: `le 30/11`, `d'ici vendredi`, `by friday`, `à la fin du mois`. */
const FILLER = "(?:le|la|on|by|d'ici|a la|au|en)\\s+";
const LEADING_FILLERS = new RegExp(`^(?:${FILLER}){0,2}`);

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Day-first numeric date with one consistent separator and an optional 2- or 4-digit year. */
const DAY_FIRST_DATE = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/;

/** Lower case, no accents, ASCII apostrophes, single spaces: what our patterns are written for. */
const fold = (input: string): string =>
  input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/\s+/gu, ' ')
    .trim();

/**
 * Parses a date into `YYYY-MM-DD` in the member's time zone (see the file header for the
 * meaning of each expression).
 * Numeric dates are day-first (`03/04` is 3 April) except ISO `YYYY-MM-DD`; a `dd/mm` without year
 * is the next occurrence, today included. Weekdays are the coming one (today if it is that day).
 * @throws UserError `date_impossible` for a date that does not exist (`31/02`), `date_invalid`
 *   for anything else that cannot be read entirely as a date; both with `{ input }`.
 */
export function parseDate(input: string, options: ParseDateOptions): string {
  const today = todayIn(options.timeZone, options.now);
  const impossible = (): UserError => new UserError('date_impossible', { input });
  const invalid = (): UserError => new UserError('date_invalid', { input });

  const text = fold(input);
  const bare = text.replace(LEADING_FILLERS, '');
  if (bare === '') throw invalid();

  const numeric = parseNumericDate(bare, today);
  if (numeric === 'impossible') throw impossible();
  if (numeric !== undefined) return numeric;
  // Numeric-looking input that is not one of our formats (`12/13/14`, `3`) is refused here;
  // `le 3` (a day of the month) goes on to our parsers.
  if (/^[\d\s/.-]+$/.test(bare) && !(bare !== text && /^\d{1,2}$/.test(bare))) throw invalid();

  // `mardi 15`, `tuesday the 15th`: the day number is the date (chrono reads `mardi 15` as
  // Tuesday at 15:00); a weekday that does not fall on it is asked back, never chosen.
  const weekdayAndDay = WEEKDAY_AND_DAY.exec(bare);
  if (weekdayAndDay) {
    const named = FR_WEEKDAYS[weekdayAndDay[1]!] ?? EN_WEEKDAYS[weekdayAndDay[1]!];
    const date = nextDayOfMonth(today, Number(weekdayAndDay[2]));
    if (date === undefined) throw impossible();
    const ymd = parseIso(date);
    if (new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day)).getUTCDay() !== named) {
      throw new UserError('date_weekday_mismatch', { input, example: `${pad(ymd.day)}/${pad(ymd.month)}` });
    }
    return date;
  }

  const { year, month, day } = parseIso(today);
  const reference = { instant: new Date(Date.UTC(year, month - 1, day, 12)), timezone: 0 };
  const languages: Lang[] = options.lang === 'fr' ? ['fr', 'en'] : ['en', 'fr'];
  for (const lang of languages) {
    const result = PARSERS[lang].parse(text, reference, { forwardDate: true })[0];
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
 * True when chrono's match is essentially the whole input: only leading filler words (`le`,
 * `d'ici`…), spaces and punctuation may be left over. Chrono happily finds `vendredi` inside
 * `appeler vendredi Paul`; we must not.
 */
function coversWholeInput(text: string, index: number, matched: string): boolean {
  const before = text.slice(0, index).replace(/[\s,;:]+$/, '');
  const after = text.slice(index + matched.length);
  return (before === '' || LEADING_FILLERS.exec(`${before} `)?.[0] === `${before} `) && /^[\s.,;:!?]*$/.test(after);
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
