// Reads the cells of an imported CSV file: amounts and numbers as French or English
// spreadsheets write them, calendar dates and instants, yes/no, and choices. Strict on purpose:
// a file is imported once, unattended, so a value that could be read two ways is refused with
// its line number rather than guessed (`1.500` in an English file, `03/04/26`, relative dates).
import { formatMoney } from '../core/format.ts';
import { isAmbiguousAmount, parseAmount, type Amount, type ParsedAmount } from '../core/parse/amount.parser.ts';
import type { Lang } from '../core/types.ts';
import { parseDuration } from '../core/parse/duration.parser.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { matchChoice } from '../core/args.ts';
import type { ArgChoice } from '../core/registry.ts';
import { booleanWords } from './csv-columns.schema.ts';
import { localized } from '../core/i18n/i18n.ts';

/**
 * Which conventions the file follows, decided by its separator: a `;` file comes from a French
 * spreadsheet (decimal comma, `.` or spaces grouping thousands), a `,` file from an English one.
 */
export type CsvConvention = 'fr' | 'en';

/** A cell that could not be read: the i18n code (under `errors.`) and its parameters. */
export class CellError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/**
 * An amount cell into minor units and a currency (the cell's own sign, else `defaultCurrency`),
 * read by the same rules as amounts typed in chat (`parseAmount`), the file's convention standing
 * for the member's language: a `;` file reads `1.500` as 1 500 and `12 000,50` as 12 000,50, a
 * `,` file reads `1,500` as 1 500; `1.234,50`, `1,234.50`, `1 234` read the same in both.
 *
 * The convention does not settle `15,000` in a `;` file (nor `15.000` in a `,` file): it tells
 * which language the spreadsheet writes, which is all the chat rule knows too, while the doubt is
 * whether that cell was typed or pasted the other way (15 000 or 15,00). Chat asks; an unattended
 * import cannot, so the line is refused naming both readings. More than two decimals (`1,234` in
 * a `;` file) is refused as before. A cell marked `TTC` is refused: revenue is before tax, and no
 * one would read a note saying it was recorded tax included. `HT` is accepted.
 */
export function parseCsvAmount(input: string, convention: CsvConvention, defaultCurrency: string, lang: Lang = convention): { minor: number; currency: string; explicitCurrency: boolean } {
  let parsed: ParsedAmount;
  try {
    // An impossible default tells whether the cell named its currency.
    parsed = parseAmount(input, { lang: convention, currency: NO_CURRENCY });
  } catch {
    throw new CellError('csv_amount_invalid', { input });
  }
  const currencyOf = (amount: Amount): string => (amount.currency === NO_CURRENCY ? defaultCurrency.toUpperCase() : amount.currency);
  if (isAmbiguousAmount(parsed)) {
    const money = (amount: Amount, cents: boolean): string => formatMoney(amount.minor, currencyOf(amount), lang, { cents });
    throw new CellError('csv_amount_ambiguous', { input, thousands: money(parsed.thousands, false), decimal: money(parsed.decimal, true) });
  }
  if (parsed.tax === 'incl') throw new CellError('csv_amount_incl_tax', { input });
  return { minor: parsed.minor, currency: currencyOf(parsed), explicitCurrency: parsed.currency !== NO_CURRENCY };
}

const NO_CURRENCY = '???';

/** A duration cell into whole minutes: `20` (minutes), `20min`, `1h30`, `1,5h`. */
export function parseCsvDuration(input: string): number {
  try {
    return parseDuration(input);
  } catch {
    throw new CellError('csv_duration_invalid', { input });
  }
}

interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  /** Absent for a date alone. */
  time?: { hour: number; minute: number; second: number; ms: number };
  /** Minutes east of UTC when the cell says (`Z`, `+02:00`); absent means the workspace's zone. */
  offsetMinutes?: number;
}

const DATE_PART = String.raw`(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([/.-])(\d{1,2})\5(\d{4}))`;
const TIME_PART = String.raw`(?:[T ]\s*(\d{1,2})[:hH](\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?`;
const ZONE_PART = String.raw`\s*(Z|[+-]\d{2}(?::?\d{2})?)?`;
const DATE_TIME = new RegExp(`^${DATE_PART}${TIME_PART}${ZONE_PART}$`, 'i');

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `2026-12-31`, `31/12/2026` (day first, as in France), with an optional time and zone. */
function readDateTime(input: string): DateTimeParts {
  const text = input.trim();
  const match = DATE_TIME.exec(text);
  if (!match) throw new CellError('csv_date_invalid', { input });
  const [, isoY, isoM, isoD, dfD, , dfM, dfY, hour, minute, second, fraction, zone] = match;
  const parts: DateTimeParts = isoY ? { year: Number(isoY), month: Number(isoM), day: Number(isoD) } : { year: Number(dfY), month: Number(dfM), day: Number(dfD) };
  if (parts.year < 1900 || parts.year > 2999 || parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) {
    throw new CellError('csv_date_impossible', { input });
  }
  if (hour !== undefined) {
    const time = { hour: Number(hour), minute: Number(minute), second: Number(second ?? 0), ms: Number((fraction ?? '').padEnd(3, '0').slice(0, 3)) };
    if (time.hour > 23 || time.minute > 59 || time.second > 59) throw new CellError('csv_date_impossible', { input });
    parts.time = time;
  }
  if (zone !== undefined) {
    if (zone.toUpperCase() === 'Z') parts.offsetMinutes = 0;
    else {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      parts.offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
    }
  }
  return parts;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * A calendar date (`YYYY-MM-DD`), for columns such as the expected close date. A time is
 * accepted only when it is midnight (spreadsheets add `00:00` to date cells).
 */
export function parseCsvDate(input: string): string {
  const parts = readDateTime(input);
  if (parts.time && (parts.time.hour !== 0 || parts.time.minute !== 0 || parts.time.second !== 0)) throw new CellError('csv_date_has_time', { input });
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

// One formatter per time zone: building one costs far more than using it.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of `timeZone` at the instant `utcMs`. */
function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    zoneFormats.set(timeZone, format);
  }
  const get = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const parts = format.formatToParts(new Date(utcMs));
  const asUtc = Date.UTC(get(parts, 'year'), get(parts, 'month') - 1, get(parts, 'day'), get(parts, 'hour'), get(parts, 'minute'), get(parts, 'second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

// Offsets change at most twice a year: a 100,000-line file spread over a year needs one offset
// per day (cached), not hundreds of thousands of date formattings.
const dayOffsets = new Map<string, number | null>();
const minuteOffsets = new Map<string, number>();

/** The offset of a whole local day, or null when clocks change that day. */
function dayOffset(timeZone: string, year: number, month: number, day: number): number | null {
  const key = `${timeZone}|${year}-${month}-${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    // The local day lies within [midnight − 14 h, midnight + 38 h] in UTC whatever the zone, and
    // clocks never change twice in two days: the same offset at both ends holds all day.
    const midnight = Date.UTC(year, month - 1, day);
    const first = zoneOffsetMinutes(timeZone, midnight - 14 * 3_600_000);
    offset = first === zoneOffsetMinutes(timeZone, midnight + 38 * 3_600_000) ? first : null;
    if (dayOffsets.size > 100_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset;
}

/**
 * The instant of a wall-clock time in `timeZone`. When clocks go back the time happens twice:
 * the first one; when they go forward it does not exist: read with the offset before the change.
 */
function zonedToUtc(parts: Required<Pick<DateTimeParts, 'year' | 'month' | 'day'>> & { time: NonNullable<DateTimeParts['time']> }, timeZone: string): number {
  const { year, month, day, time } = parts;
  const wall = Date.UTC(year, month - 1, day, time.hour, time.minute, time.second, time.ms);
  const whole = dayOffset(timeZone, year, month, day);
  if (whole !== null) return wall - whole * 60_000;
  const key = `${timeZone}|${year}-${month}-${day}T${time.hour}:${time.minute}`;
  let offset = minuteOffsets.get(key);
  if (offset === undefined) {
    // The offsets in force a day before and a day after; each is right if the instant it gives
    // really has that offset. Both right: the earlier instant. Neither: the offset before.
    const before = zoneOffsetMinutes(timeZone, wall - 86_400_000);
    const after = zoneOffsetMinutes(timeZone, wall + 86_400_000);
    const valid = [before, after].filter((o) => zoneOffsetMinutes(timeZone, wall - o * 60_000) === o);
    offset = valid.length > 0 ? Math.max(...valid) : before;
    if (minuteOffsets.size > 100_000) minuteOffsets.clear();
    minuteOffsets.set(key, offset);
  }
  return wall - offset * 60_000;
}

/**
 * An instant (`created_at`, `occurred_at`): ISO 8601 as exported (`2026-12-31T14:30:00.000Z`), or
 * a date with an optional time read in the workspace's time zone (`31/12/2026 14:30`); a date
 * alone is that day's midnight there.
 */
export function parseCsvInstant(input: string, timeZone: string): Date {
  const parts = readDateTime(input);
  const time = parts.time ?? { hour: 0, minute: 0, second: 0, ms: 0 };
  if (parts.offsetMinutes !== undefined) {
    return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, time.hour, time.minute, time.second, time.ms) - parts.offsetMinutes * 60_000);
  }
  return new Date(zonedToUtc({ year: parts.year, month: parts.month, day: parts.day, time }, timeZone));
}

const trueWords = new Set(booleanWords.true);
const falseWords = new Set(booleanWords.false);

/** `oui`/`non`, `yes`/`no`, `1`/`0`, `x`. */
export function parseCsvBoolean(input: string): boolean {
  const key = normalizeKey(input);
  if (trueWords.has(key)) return true;
  if (falseWords.has(key)) return false;
  throw new CellError('csv_boolean_invalid', { input });
}

/** A value among `choices`, by key or by its French or English label (accents and case ignored). */
export function parseCsvChoice<T extends string>(input: string, choices: ArgChoice[], lang: 'fr' | 'en'): T {
  const choice = matchChoice(choices, input);
  if (!choice) throw new CellError('csv_choice_invalid', { input, choices: choices.map((c) => localized(c.label, lang)).join(', ') });
  return choice.value as T;
}

/**
 * Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula, so the export writes
 * such text behind a `'` (see csv-export); the import takes it off again.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const unguardText = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);
export const guardText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
