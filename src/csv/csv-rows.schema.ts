// zod schemas of one line of each CSV kind: every cell is read (amounts, dates, choices…) and
// every problem becomes an issue on its column, so one pass over the file finds all of them.
// Cells are `undefined` when the file has no such column (the record keeps its value on
// update) and `null` when the cell is empty (the value is cleared).
import { z } from 'zod';
import { activityTypeChoices, directionChoices, lostReasonChoices, outcomeChoices } from '../commands/shared/choices.ts';
import type { ActivityType, Direction, Lifecycle, LostReason, Outcome } from '../db/schema.ts';
import type { Lang } from '../core/types.ts';
import { lifecycleChoices, type CsvKind } from './csv-columns.schema.ts';
import { CellError, parseCsvAmount, parseCsvBoolean, parseCsvChoice, parseCsvDate, parseCsvDuration, parseCsvInstant, unguardText, type CsvConvention } from './csv-values.parser.ts';

/** What reading a cell depends on. */
export interface RowEnv {
  convention: CsvConvention;
  /** The workspace's currency, for amounts that name none. */
  currency: string;
  /** The workspace's time zone, for instants written without one. */
  timeZone: string;
  /** Language of the choices listed in error messages. */
  lang: Lang;
}

/** A read cell: the value, `null` for an empty cell, `undefined` for a column the file lacks. */
export type Cell<T> = T | null | undefined;

/** Limits match what the chat commands accept for the same fields. */
const NAME_MAX = 200;
const NOTES_MAX = 4000;
const STEP_MAX = 300;

/** How one column's cell is read; `required` cells must not be empty. */
interface Field<T> {
  read: (text: string) => T;
  required?: boolean;
}

const field = <T>(read: (text: string) => T): Field<T> => ({ read });
const filled = <T>(f: Field<T>): Field<T> => ({ ...f, required: true });

/**
 * The zod schema of a line: every column a string (or absent), then one transform reading the
 * cells, each problem an issue on its column. One transform per line rather than one per cell:
 * zod pipes cost about a microsecond each, which is a second on a 100,000-line file.
 */
function lineSchema<T>(fields: { [K in keyof T]: Field<T[K]> }): z.ZodType<T, Record<string, string | undefined>> {
  const entries = Object.entries(fields) as Array<[string, Field<unknown>]>;
  const shape = Object.fromEntries(entries.map(([key]) => [key, z.string().optional()]));
  return z.object(shape).transform((raw, ctx) => {
    const out: Record<string, unknown> = {};
    for (const [key, f] of entries) {
      const value = raw[key];
      if (value === undefined) {
        out[key] = undefined;
        continue;
      }
      const text = unguardText(value.trim());
      if (text === '') {
        if (f.required) ctx.addIssue({ code: 'custom', message: 'csv_required', params: {}, path: [key] });
        out[key] = null;
        continue;
      }
      try {
        out[key] = f.read(text);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.code, params: error.params, path: [key] });
      }
    }
    return out as T;
  }) as unknown as z.ZodType<T, Record<string, string | undefined>>;
}

const text = (max: number) =>
  field((value) => {
    if (value.length > max) throw new CellError('csv_too_long', { max });
    return value;
  });

// Same rule as most mail systems: something@domain.tld, no spaces. The value is not echoed back
// in the message: it is personal data.
const EMAIL = /^[^\s@"]+@[^\s@"]+\.[^\s@"]{2,}$/;
const email = () =>
  field((value) => {
    if (value.length > NAME_MAX || !EMAIL.test(value)) throw new CellError('csv_email_invalid');
    return value;
  });

const phone = () =>
  field((value) => {
    const digits = value.replace(/\D/g, '');
    if (!/^\+?[\d\s().\-/]+$/.test(value) || digits.length < 6 || digits.length > 15) throw new CellError('csv_phone_invalid');
    return value;
  });

/** Choices are few and repeat on every line: each distinct cell is matched once. */
const choice = <T extends string>(choices: Parameters<typeof parseCsvChoice>[1], lang: Lang) => {
  const seen = new Map<string, T>();
  return field((value): T => {
    let found = seen.get(value);
    if (found === undefined) {
      found = parseCsvChoice<T>(value, choices, lang);
      seen.set(value, found);
    }
    return found;
  });
};
const date = () => field(parseCsvDate);
const instant = (env: RowEnv) => field((value) => parseCsvInstant(value, env.timeZone));
const bool = () => field(parseCsvBoolean);
const currency = () =>
  field((value) => {
    if (!/^[A-Za-z]{3}$/.test(value)) throw new CellError('csv_currency_invalid', { input: value });
    return value.toUpperCase();
  });

export interface CompanyCells {
  external_id: string;
  name: string;
  lifecycle: Cell<Lifecycle>;
}

export function companyRowSchema(env: RowEnv) {
  return lineSchema<CompanyCells>({
    external_id: filled(text(NAME_MAX)) as Field<string>,
    name: filled(text(NAME_MAX)) as Field<string>,
    lifecycle: choice<Lifecycle>(lifecycleChoices, env.lang),
  });
}

export interface ContactCells {
  external_id: string;
  name: string;
  company: Cell<string>;
  email: Cell<string>;
  phone: Cell<string>;
  title: Cell<string>;
  opt_out_phone: Cell<boolean>;
  opt_out_email: Cell<boolean>;
  lifecycle: Cell<Lifecycle>;
}

export function contactRowSchema(env: RowEnv) {
  return lineSchema<ContactCells>({
    external_id: filled(text(NAME_MAX)) as Field<string>,
    name: filled(text(NAME_MAX)) as Field<string>,
    company: text(NAME_MAX),
    email: email(),
    phone: phone(),
    title: text(NAME_MAX),
    opt_out_phone: bool(),
    opt_out_email: bool(),
    lifecycle: choice<Lifecycle>(lifecycleChoices, env.lang),
  });
}

export interface DealCells {
  external_id: string;
  name: string;
  company: Cell<string>;
  contact: Cell<string>;
  owner: Cell<string>;
  /** Read with the workspace currency; the service settles it against the currency column. */
  amount: Cell<{ minor: number; currency: string; explicitCurrency: boolean }>;
  currency: Cell<string>;
  stage: Cell<string>;
  expected_close: Cell<string>;
  next_step: Cell<string>;
  next_step_due: Cell<string>;
  created_at: Cell<Date>;
  won_at: Cell<Date>;
  lost_at: Cell<Date>;
  lost_reason: Cell<LostReason>;
  lost_note: Cell<string>;
}

export function dealRowSchema(env: RowEnv) {
  return lineSchema<DealCells>({
    external_id: filled(text(NAME_MAX)) as Field<string>,
    name: filled(text(NAME_MAX)) as Field<string>,
    company: text(NAME_MAX),
    contact: text(NAME_MAX),
    owner: text(NAME_MAX),
    amount: field((value) => parseCsvAmount(value, env.convention, env.currency, env.lang)),
    currency: currency(),
    stage: text(NAME_MAX),
    expected_close: date(),
    next_step: text(STEP_MAX),
    next_step_due: date(),
    created_at: instant(env),
    won_at: instant(env),
    lost_at: instant(env),
    lost_reason: choice<LostReason>(lostReasonChoices, env.lang),
    lost_note: text(NOTES_MAX),
  });
}

export interface ActivityCells {
  external_id: string;
  type: ActivityType;
  deal: Cell<string>;
  company: Cell<string>;
  contact: Cell<string>;
  direction: Cell<Direction>;
  outcome: Cell<Outcome>;
  duration: Cell<number>;
  occurred_at: Date;
  logged_by: Cell<string>;
  notes: Cell<string>;
}

export function activityRowSchema(env: RowEnv) {
  return lineSchema<ActivityCells>({
    external_id: filled(text(NAME_MAX)) as Field<string>,
    type: filled(choice<ActivityType>(activityTypeChoices, env.lang)),
    deal: text(NAME_MAX),
    company: text(NAME_MAX),
    contact: text(NAME_MAX),
    direction: choice<Direction>(directionChoices, env.lang),
    outcome: choice<Outcome>(outcomeChoices, env.lang),
    duration: field(parseCsvDuration),
    occurred_at: filled(instant(env)),
    logged_by: text(NAME_MAX),
    notes: text(NOTES_MAX),
  });
}

export interface CellsByKind {
  companies: CompanyCells;
  contacts: ContactCells;
  deals: DealCells;
  activities: ActivityCells;
}

export const rowSchemas: { [K in CsvKind]: (env: RowEnv) => z.ZodType<CellsByKind[K], Record<string, string | undefined>> } = {
  companies: companyRowSchema,
  contacts: contactRowSchema,
  deals: dealRowSchema,
  activities: activityRowSchema,
};
