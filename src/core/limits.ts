// How much text a member may send, and how much of it a reply may quote. Every limit is checked
// before the text is parsed, so the work done for one event is bounded whatever arrives; the
// parsers and escapers behind these checks are linear in the length of their input anyway.
// README.md ("Input limits") lists the same figures.
import type { IncomingEvent } from './types.ts';

export const INPUT_LIMITS = {
  /** A whole command line (name and arguments), a dialog answer, a button value, one form field. */
  line: 5000,
  /** Names of deals, companies and contacts, and a record typed by name or `#number`. */
  name: 200,
  /** Free notes of an activity (`/log`): the zod schema of the command holds the same figure. */
  notes: 4000,
  /** A deal's next step. */
  nextStep: 300,
  /** One value of a non-text kind (amount, date, duration, whole number, choice) before it is read. */
  value: 100,
  /** What a reply quotes of the member's own input (longer values are cut with `…`). */
  echo: 80,
} as const;

/** Largest value of a PostgreSQL `integer` (int4): record numbers and whole-number arguments. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

/** Cuts text to `max` characters, the last one being `…` when anything was cut. */
export function clip(text: string, max: number = INPUT_LIMITS.echo): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Reads a record number (`#12` or `12`). Returns undefined when the text is not a number (a
 * name, then), and 'out_of_range' for a number no record can have (above int4), so callers
 * answer "no such record" without asking the database.
 */
export function readRecordNumber(raw: string): number | 'out_of_range' | undefined {
  const match = /^#?(\d+)$/.exec(raw.trim());
  if (!match) return undefined;
  const digits = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  // Compared as text first: `Number()` of twenty digits loses precision.
  if (digits.length > 10) return 'out_of_range';
  const id = Number(digits);
  return id > INT4_MAX ? 'out_of_range' : id;
}

/**
 * The length of an event's text when it is over INPUT_LIMITS.line, else undefined: a command
 * line as typed (`/name text`), a dialog answer, a button value, the longest field of a form.
 * Only lengths are read, so this costs nothing whatever the size.
 */
export function oversizedLength(event: IncomingEvent): number | undefined {
  let length: number;
  switch (event.kind) {
    case 'command':
      length = 1 + event.name.length + (event.text.length > 0 ? 1 + event.text.length : 0);
      break;
    case 'message':
      length = event.text.length;
      break;
    case 'action':
      length = Math.max(event.actionId.length, event.value.length);
      break;
    case 'submission':
      length = event.formId.length;
      for (const value of Object.values(event.values)) length = Math.max(length, typeof value === 'string' ? value.length : 0);
      break;
    case 'capture':
      // A captured message may be long (a pasted email): its notes are cut to their limit, not refused.
      return undefined;
    case 'autocomplete':
    case 'home':
      return undefined;
  }
  return length > INPUT_LIMITS.line ? length : undefined;
}
