// Reporting periods in the workspace's time zone: this week, last month, the last 30 days, an
// explicit range… Each period knows the previous one of the same length, for comparisons.
import { UserError } from '../core/errors.ts';
import { addDays, addMonths, parseDate, todayIn, weekday } from '../core/parse/date.parser.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { Lang } from '../core/types.ts';

export interface Period {
  /** Local calendar dates, `to` exclusive. */
  from: string;
  to: string;
  /** Instants for SQL, `end` exclusive. */
  start: Date;
  end: Date;
  label: string;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes. */
// Building an Intl formatter costs about 0.3 ms; every period needs several: one per time zone.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetMinutes(timeZone: string, instant: Date): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - Math.floor(instant.getTime() / 60000) * 60000) / 60000;
}

/** The instant a local calendar date starts in `timeZone`. */
export function startOfLocalDay(isoDate: string, timeZone: string): Date {
  return localInstant(isoDate, '00:00', timeZone);
}

/** The instant of a local date and `HH:MM` wall-clock time in `timeZone` (DST-aware). */
export function localInstant(isoDate: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const [hh, mm] = hhmm.split(':').map(Number);
  const guess = new Date(Date.UTC(y!, m! - 1, d!, hh ?? 0, mm ?? 0));
  const offset = offsetMinutes(timeZone, guess);
  const first = new Date(guess.getTime() - offset * 60000);
  // Around a DST change the offset at the local time can differ from the guess's.
  const corrected = offsetMinutes(timeZone, first);
  return corrected === offset ? first : new Date(guess.getTime() - corrected * 60000);
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** What a wall clock in `timeZone` shows at `instant`: date, ISO weekday (1 = Monday), minutes since midnight. */
export function localClock(instant: Date, timeZone: string): { date: string; weekday: number; minutes: number } {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return { date, weekday: ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const monthStart = (iso: string): string => `${iso.slice(0, 8)}01`;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function make(from: string, to: string, timeZone: string, label: string): Period {
  return { from, to, start: startOfLocalDay(from, timeZone), end: startOfLocalDay(to, timeZone), label };
}

const WORDS: Record<string, string> = {
  today: 'today', aujourdhui: 'today', "aujourd hui": 'today', jour: 'today',
  week: 'week', semaine: 'week', 'this week': 'week', 'cette semaine': 'week',
  'last week': 'last_week', 'semaine derniere': 'last_week', 'semaine-derniere': 'last_week',
  month: 'month', mois: 'month', 'this month': 'month', 'ce mois': 'month',
  'last month': 'last_month', 'mois dernier': 'last_month',
  quarter: 'quarter', trimestre: 'quarter', 'this quarter': 'quarter', 'ce trimestre': 'quarter',
  'last quarter': 'last_quarter', 'trimestre dernier': 'last_quarter',
  year: 'year', annee: 'year', 'this year': 'year', 'cette annee': 'year',
  'last year': 'last_year', 'annee derniere': 'last_year',
  // Objectives are often set ahead.
  'next week': 'next_week', 'semaine prochaine': 'next_week',
  'next month': 'next_month', 'mois prochain': 'next_month',
  'next quarter': 'next_quarter', 'trimestre prochain': 'next_quarter',
  'next year': 'next_year', 'annee prochaine': 'next_year',
};

/** Known period words, for the argument parser to recognise them on sight. */
export const isPeriodWord = (word: string): boolean => normalizeKey(word) in WORDS || /^\d{1,3}\s?(d|j|days|jours)$/.test(normalizeKey(word).replace(/ /g, '')) || word.includes('..');

export function parsePeriod(input: string | undefined, options: { now: Date; timeZone: string; lang: Lang }): Period {
  const today = todayIn(options.timeZone, options.now);
  const key = normalizeKey(input ?? 'week');
  const word = WORDS[key] ?? WORDS[key.replace(/ /g, '-')];
  const tz = options.timeZone;
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  const quarterStart = addMonths(monthStart(today), -((Number(today.slice(5, 7)) - 1) % 3));
  switch (word) {
    case 'today':
      return make(today, addDays(today, 1), tz, input ?? 'today');
    case 'week':
      return make(monday, addDays(monday, 7), tz, input ?? 'week');
    case 'last_week':
      return make(addDays(monday, -7), monday, tz, input ?? 'last week');
    case 'month':
      return make(monthStart(today), addMonths(monthStart(today), 1), tz, input ?? 'month');
    case 'last_month':
      return make(addMonths(monthStart(today), -1), monthStart(today), tz, input ?? 'last month');
    case 'quarter':
      return make(quarterStart, addMonths(quarterStart, 3), tz, input ?? 'quarter');
    case 'last_quarter':
      return make(addMonths(quarterStart, -3), quarterStart, tz, input ?? 'last quarter');
    case 'year':
      return make(`${today.slice(0, 4)}-01-01`, `${Number(today.slice(0, 4)) + 1}-01-01`, tz, input ?? 'year');
    case 'last_year':
      return make(`${Number(today.slice(0, 4)) - 1}-01-01`, `${today.slice(0, 4)}-01-01`, tz, input ?? 'last year');
    case 'next_week':
      return make(addDays(monday, 7), addDays(monday, 14), tz, input ?? 'next week');
    case 'next_month':
      return make(addMonths(monthStart(today), 1), addMonths(monthStart(today), 2), tz, input ?? 'next month');
    case 'next_quarter':
      return make(addMonths(quarterStart, 3), addMonths(quarterStart, 6), tz, input ?? 'next quarter');
    case 'next_year':
      return make(`${Number(today.slice(0, 4)) + 1}-01-01`, `${Number(today.slice(0, 4)) + 2}-01-01`, tz, input ?? 'next year');
  }
  const lastDays = /^(\d{1,3})\s?(d|j|days|jours)$/.exec(key.replace(/ /g, ''));
  if (lastDays) {
    const days = Number(lastDays[1]);
    if (days < 1 || days > 730) throw new UserError('period_invalid', { input: input ?? '' });
    return make(addDays(today, 1 - days), addDays(today, 1), tz, input ?? `${days}d`);
  }
  const range = /^(.+)\.\.(.+)$/.exec(input ?? '');
  if (range) {
    const from = parseDate(range[1]!, options);
    const last = parseDate(range[2]!, options);
    if (last < from) throw new UserError('period_invalid', { input: input ?? '' });
    return make(from, addDays(last, 1), tz, input ?? '');
  }
  throw new UserError('period_invalid', { input: input ?? '' });
}

/** The period of the same length just before. */
export function previousPeriod(period: Period, timeZone: string): Period {
  const days = daysBetween(period.from, period.to);
  // Calendar months and quarters compare with the previous calendar month/quarter.
  const isMonthly = period.from.endsWith('-01') && period.to.endsWith('-01') && days >= 28;
  const from = isMonthly ? addMonths(period.from, -Math.round(days / 30.4)) : addDays(period.from, -days);
  return make(from, period.from, timeZone, 'previous');
}
