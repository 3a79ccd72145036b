// Parses how long an activity took (`20min`, `1h30`, `1,5h`, `2 heures`) into whole minutes.

import { UserError } from '../errors.ts';

const HOURS = '(?:heures|heure|hours|hour|hrs|hr|h)';
const MINUTES = '(?:minutes|minute|mins|min|mn|m)';

/**
 * `<hours> <hour unit> [et|and] [<minutes> [<minute unit>]]`: the minute unit is optional after
 * hours (`1h30`) but there must be hours; decimal hours (`1.5h`) take no extra minutes.
 */
const HOURS_FORM = new RegExp(
  `^(?:(\\d+)\\s*${HOURS}(?:\\s*(?:(?:et|and)\\s+)?(\\d{1,2})\\s*${MINUTES}?)?|(\\d+\\.\\d+)\\s*${HOURS})$`,
);
const MINUTES_FORM = new RegExp(`^(\\d+)\\s*${MINUTES}$`);
/** A bare integer is minutes (the most common way to log a call: `90`). */
const BARE_FORM = /^\d+$/;

const MAX_MINUTES = 24 * 60;

/**
 * Parses a duration and returns whole minutes (decimal hours are rounded to the nearest minute).
 * @throws UserError `duration_invalid` (unparseable, zero, negative) or `duration_too_long` (> 24 h), with `{ input }`.
 */
export function parseDuration(input: string): number {
  const invalid = (): UserError => new UserError('duration_invalid', { input });
  // Decimal comma (`1,5h`) is read as a decimal point; no-break spaces as spaces.
  const text = input.toLowerCase().replace(/\s+/gu, ' ').trim().replace(',', '.');

  let minutes: number;
  let match: RegExpExecArray | null;
  if (BARE_FORM.test(text)) {
    minutes = Number(text);
  } else if ((match = MINUTES_FORM.exec(text))) {
    minutes = Number(match[1]);
  } else if ((match = HOURS_FORM.exec(text))) {
    if (match[3] !== undefined) {
      minutes = Math.round(Number(match[3]) * 60);
    } else {
      const extra = match[2] === undefined ? 0 : Number(match[2]);
      // `1h75` is more likely a typo than 2h15: refuse it rather than guess.
      if (extra >= 60) throw invalid();
      minutes = Number(match[1]) * 60 + extra;
    }
  } else {
    throw invalid();
  }

  if (!Number.isFinite(minutes) || minutes <= 0) throw invalid();
  if (minutes > MAX_MINUTES) throw new UserError('duration_too_long', { input });
  return minutes;
}
