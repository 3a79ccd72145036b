// Tick labels for a time axis: one label per period start (ISO dates, oldest first), in the
// reply's language through Intl. Within a year the short day and month read best (« 23 nov. »,
// "23 Nov"); an axis spanning more than a year would repeat month names without saying which
// year, so every label then carries it: « janv. 2026 » / "Jan 2026" when the periods start on
// the first of a month, « 2026 » when they are whole years, « 15 janv. 2026 » otherwise.
import { calendarDate, formatCalendarDate } from '../core/format.ts';
import type { Lang } from '../core/types.ts';

/** More than a year from the first period start to the last. */
export function spansMoreThanAYear(starts: string[]): boolean {
  if (starts.length < 2) return false;
  const first = calendarDate(starts[0]!);
  const last = calendarDate(starts[starts.length - 1]!);
  const yearLater = new Date(Date.UTC(first.getUTCFullYear() + 1, first.getUTCMonth(), first.getUTCDate(), 12));
  return last.getTime() > yearLater.getTime();
}

export function periodLabels(starts: string[], lang: Lang): string[] {
  if (!spansMoreThanAYear(starts)) return starts.map((start) => formatCalendarDate(start, lang, { day: 'numeric', month: 'short' }));
  const dates = starts.map(calendarDate);
  const parts: Intl.DateTimeFormatOptions = dates.every((date) => date.getUTCDate() === 1)
    ? dates.every((date) => date.getUTCMonth() === 0)
      ? { year: 'numeric' }
      : { month: 'short', year: 'numeric' }
    : { day: 'numeric', month: 'short', year: 'numeric' };
  return starts.map((start) => formatCalendarDate(start, lang, parts));
}
