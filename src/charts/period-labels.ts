// Tick labels for a time axis: one label per period start (ISO dates, oldest first), in the
// reply's language through Intl. Within a year the short day and month read best (« 23 nov. »,
// "23 Nov"); an axis spanning more than a year would repeat month names without saying which
// year, so every label then carries it: « janv. 2026 » / "Jan 2026" when the periods start on
// the first of a month, « 2026 » when they are whole years, « 15 janv. 2026 » otherwise.
import type { Lang } from '../core/types.ts';

const locale = (lang: Lang): string => (lang === 'fr' ? 'fr-FR' : 'en-GB');

const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale(lang), { ...options, timeZone: 'UTC' });
    formats.set(key, found);
  }
  return found;
}

/** Noon UTC on the date, so no time zone moves it to the day before. */
const toDate = (isoDate: string): Date => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
};

/** More than a year from the first period start to the last. */
export function spansMoreThanAYear(starts: string[]): boolean {
  if (starts.length < 2) return false;
  const first = toDate(starts[0]!);
  const last = toDate(starts[starts.length - 1]!);
  const yearLater = new Date(Date.UTC(first.getUTCFullYear() + 1, first.getUTCMonth(), first.getUTCDate(), 12));
  return last.getTime() > yearLater.getTime();
}

export function periodLabels(starts: string[], lang: Lang): string[] {
  if (!spansMoreThanAYear(starts)) return starts.map((start) => format(lang, { day: 'numeric', month: 'short' }).format(toDate(start)));
  const dates = starts.map(toDate);
  const options: Intl.DateTimeFormatOptions = dates.every((date) => date.getUTCDate() === 1)
    ? dates.every((date) => date.getUTCMonth() === 0)
      ? { year: 'numeric' }
      : { month: 'short', year: 'numeric' }
    : { day: 'numeric', month: 'short', year: 'numeric' };
  return dates.map((date) => format(lang, options).format(date));
}
