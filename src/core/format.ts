// Numbers, money and dates in the member's language, through Intl (no hand-made formats).
// Intl formatters are costly to build (a list of 25 deals built ~100 of them: 8 ms), so each
// distinct one is built once and reused.
import type { Lang } from './types.ts';

const locale = (lang: Lang): string => (lang === 'fr' ? 'fr-FR' : 'en-GB');

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(lang), options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(lang), options);
    dateFormats.set(key, format);
  }
  return format;
}

/** Currencies with no minor unit (JPY…) still store minor = major; Intl knows the digits. */
const fractionDigits = (currency: string): number =>
  numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** `cents` shows the minor unit even on whole amounts (`15,00 €`), to tell it apart from `15 000 €`. */
export function formatMoney(minor: number, currency: string, lang: Lang, options: { cents?: boolean } = {}): string {
  const digits = fractionDigits(currency);
  const major = minor / 10 ** digits;
  const whole = Number.isInteger(major) && !options.cents;
  return numberFormat(lang, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(major);
}

/** A calendar date (`2026-11-30`) at noon UTC, so no time zone moves it to the day before. */
export function calendarDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
}

/** `2026-11-30` → `lun. 30 nov. 2026` / `Mon 30 Nov 2026`. */
export function formatDate(isoDate: string, lang: Lang): string {
  return formatCalendarDate(isoDate, lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** A calendar date with the parts asked for (`{ month: 'short', year: 'numeric' }` → `janv. 2026`), for chart axes. */
export function formatCalendarDate(isoDate: string, lang: Lang, parts: Intl.DateTimeFormatOptions): string {
  return dateFormat(lang, { ...parts, timeZone: 'UTC' }).format(calendarDate(isoDate));
}

/** An instant as a short date and time in the member's time zone. */
export function formatDateTime(instant: Date, lang: Lang, timeZone: string): string {
  return dateFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(instant);
}

export const formatPercent = (value: number, lang: Lang): string => numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);

/** A plain number with at most `digits` decimals (`1 234,5` / `1,234.5`). */
export const formatNumber = (value: number, lang: Lang, digits = 0): string => numberFormat(lang, { maximumFractionDigits: digits }).format(value);

