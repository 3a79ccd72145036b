// Reads the times, hours and days admins type for reminder settings, in French or English:
// `9h`, `09:30`, `14h30`; `9-18`, `8h30-17h`; `lun-ven`, `mon-fri`, `lun,mar,jeu`; `lundi`.
import { UserError } from '../core/errors.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';

const DAYS: Record<string, number> = {
  lun: 1, lundi: 1, mon: 1, monday: 1,
  mar: 2, mardi: 2, tue: 2, tuesday: 2,
  mer: 3, mercredi: 3, wed: 3, wednesday: 3,
  jeu: 4, jeudi: 4, thu: 4, thursday: 4,
  ven: 5, vendredi: 5, fri: 5, friday: 5,
  sam: 6, samedi: 6, sat: 6, saturday: 6,
  dim: 7, dimanche: 7, sun: 7, sunday: 7,
};

export function parseTime(input: string): string {
  const match = /^(\d{1,2})(?:\s*[h:.]\s*(\d{2})?)?$/i.exec(input.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2] ?? 0);
  if (!match || hours > 23 || minutes > 59) throw new UserError('time_invalid', { input });
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function parseHours(input: string): [string, string] {
  const [from, to, extra] = input.split(/\s*[-–à]\s*|\s+to\s+/i);
  if (!from || !to || extra !== undefined) throw new UserError('hours_invalid', { input });
  const start = parseTime(from);
  const end = parseTime(to);
  if (end <= start) throw new UserError('hours_invalid', { input });
  return [start, end];
}

export function parseWeekday(input: string): number {
  const day = DAYS[normalizeKey(input).replace(/\.$/, '')];
  if (!day) throw new UserError('days_invalid', { input });
  return day;
}

export function parseDays(input: string): number[] {
  const key = normalizeKey(input);
  if (['semaine', 'en semaine', 'weekdays', 'ouvres', 'jours ouvres'].includes(key)) return [1, 2, 3, 4, 5];
  if (['tous', 'tous les jours', 'every day', 'all', 'daily'].includes(key)) return [1, 2, 3, 4, 5, 6, 7];
  const days = new Set<number>();
  for (const part of input.split(/\s*,\s*/)) {
    const range = part.split(/\s*-\s*/);
    if (range.length === 2) {
      const from = parseWeekday(range[0]!);
      const to = parseWeekday(range[1]!);
      for (let d = from; ; d = (d % 7) + 1) {
        days.add(d);
        if (d === to) break;
      }
    } else days.add(parseWeekday(part));
  }
  return [...days].sort();
}

/** `1d`, `3j`, `1w`, `2 semaines`, `1 week` → days. */
export function parseSnoozeDays(input: string): number | undefined {
  const match = /^(\d{1,3})\s*(d|j|jours?|days?|w|s|sem|semaines?|weeks?)$/i.exec(normalizeKey(input).replace(/\s+/g, ' '));
  if (!match) return undefined;
  const n = Number(match[1]);
  const weeks = /^(w|s|sem|semaines?|weeks?)$/i.test(match[2]!);
  return weeks ? n * 7 : n;
}
