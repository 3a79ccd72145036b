// Parses money as sales people type it (`15.000 €`, `15 k€`, `1.500,50 €`, `$15,000`, `20 000 € HT`)
// into integer minor units, so amounts are never stored or summed as floating point.
//
// The reading depends on the member's language, because `15.000` is fifteen thousand in French
// and fifteen in English. The rules, in order:
//   - Spaces (including no-break and narrow no-break spaces) group thousands: `15 000`, `1 500,50`.
//   - Both `,` and `.` present: the last one is the decimal mark, the other groups thousands
//     (`1.500,50`, `1,500.50`) — one reading in either language.
//   - The same mark repeated groups thousands (`1.250.000`, `1,250,000`).
//   - One mark followed by anything but exactly three digits is a decimal mark (`15,5`, `15.50`).
//   - One mark followed by exactly three digits (`15.000`, `15,000`): the language's grouping mark
//     groups thousands (`.` in French, `,` in English); the language's decimal mark could be
//     either, 1,000× apart, so the result is *ambiguous*, carrying both readings for the caller to
//     ask about — never guessed. When its decimal reading is not a whole number of cents
//     (`1,234` in French) it is refused as having more than two decimals.
//   - A currency symbol written before the number (`$15,000`, `€15,000`) is the English way of
//     writing amounts, so the English reading applies whatever the member's language.
//   - More than two decimals (beyond what `k`/`M` move into the integer part) are refused.
//   - `HT`/`hors taxes`/`excl. VAT` and `TTC`/`incl. VAT` at the end say whether tax is included;
//     revenue figures are before tax, so callers mention a `TTC` amount recorded as given.
import { UserError } from '../errors.ts';
import type { Lang } from '../types.ts';

/** Whether the member said the amount excludes (`HT`) or includes (`TTC`) tax. */
export type TaxBasis = 'excl' | 'incl';

/** An amount in minor units of an ISO 4217 currency. */
export interface Amount {
  minor: number;
  currency: string;
  /** Present only when the text said so (`HT`, `TTC`). */
  tax?: TaxBasis;
}

/** A form that reads as two values 1,000× apart in the two languages (`15,000` typed in French). */
export interface AmbiguousAmount {
  ambiguous: true;
  /** The text as typed, for the question. */
  input: string;
  /** The mark read as grouping thousands: `15,000` → 15 000. */
  thousands: Amount;
  /** The mark read as the decimal one: `15,000` → 15,00. */
  decimal: Amount;
}

export type ParsedAmount = Amount | AmbiguousAmount;

export const isAmbiguousAmount = (value: unknown): value is AmbiguousAmount =>
  typeof value === 'object' && value !== null && (value as { ambiguous?: unknown }).ambiguous === true;

/** What reading an amount depends on. */
export interface AmountOptions {
  /** The member's language: which mark groups thousands and which one is decimal. */
  lang: Lang;
  /** Used when the text names no currency. */
  currency: string;
}

/** Currency symbols and codes we recognise, mapped to their ISO 4217 code. */
const CURRENCY_ALIASES: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  usd: 'USD',
  gbp: 'GBP',
  chf: 'CHF',
  cad: 'CAD',
};

// Longest codes first so `euros` is not read as `euro` + `s`.
const CURRENCY_PATTERN = '€|\\$|£|euros|euro|eur|usd|gbp|chf|cad';
const PREFIX_CURRENCY = new RegExp(`^(${CURRENCY_PATTERN})\\s*`, 'i');
const SUFFIX_CURRENCY = new RegExp(`\\s*(${CURRENCY_PATTERN})$`, 'i');
const SYMBOLS = new Set(['€', '$', '£']);

/** `HT`, `H.T.`, `hors taxes`, `ex VAT`, `excl. VAT`, `pre-tax` — and their `TTC` counterparts. */
const TAX_SUFFIX = /\s*(?:(h\.?t\.?|hors[ -]taxes?|ex(?:cl)?\.?[ -]?vat|excluding vat|pre-?tax)|(t\.?t\.?c\.?|toutes taxes comprises|inc(?:l)?\.?[ -]?vat|including vat))$/i;

const MULTIPLIERS: Record<string, { factor: bigint; digits: number }> = { k: { factor: 1_000n, digits: 3 }, m: { factor: 1_000_000n, digits: 6 } };

/** 10^12 major units, in minor units. */
const MAX_MINOR = 10n ** 14n;

/** Which mark groups thousands and which one is decimal, per language. */
const MARKS: Record<Lang, { group: string; decimal: string }> = { fr: { group: '.', decimal: ',' }, en: { group: ',', decimal: '.' } };

interface Reading {
  integer: string;
  fraction: string;
}

/**
 * Parses an amount such as `15k€` into `{ minor: 1500000, currency: 'EUR' }`, or into an
 * `AmbiguousAmount` when the form could mean two values (see the rules above).
 *
 * @throws UserError `amount_negative`, `amount_invalid`, `amount_too_many_decimals` or
 * `amount_too_large`, with `{ input }`.
 */
export function parseAmount(input: string, options: AmountOptions): ParsedAmount {
  const invalid = (): UserError => new UserError('amount_invalid', { input });

  // Normalise no-break spaces (U+00A0, U+202F, thin spaces) that French keyboards and
  // `Intl.NumberFormat('fr-FR')` output use as thousands separators.
  let rest = input.replace(/[\s\u00a0\u2007\u2009\u202f]+/gu, ' ').trim();

  let tax: TaxBasis | undefined;
  const taxMatch = TAX_SUFFIX.exec(rest);
  if (taxMatch) {
    tax = taxMatch[1] !== undefined ? 'excl' : 'incl';
    rest = rest.slice(0, taxMatch.index);
  }

  let currency: string | undefined;
  let lang = options.lang;
  const prefix = PREFIX_CURRENCY.exec(rest);
  if (prefix) {
    const written = prefix[1] as string;
    currency = CURRENCY_ALIASES[written.toLowerCase()];
    // `$15,000`, `€15,000`: a symbol before the number is how English writes amounts.
    if (SYMBOLS.has(written)) lang = 'en';
    rest = rest.slice(prefix[0].length);
  }
  // A minus may come before or after a prefix currency (`-€15`, `€-15`).
  if (/^[-\u2212\u2013]/u.test(rest) || /^[-\u2212\u2013]/u.test(input.trim())) {
    throw new UserError('amount_negative', { input });
  }
  const suffix = SUFFIX_CURRENCY.exec(rest);
  if (suffix) {
    // Two currencies (`€15 USD`) is ambiguous, not something to guess.
    if (currency !== undefined) throw invalid();
    currency = CURRENCY_ALIASES[(suffix[1] as string).toLowerCase()];
    rest = rest.slice(0, suffix.index);
  }

  const match = /^(\d[\d ,.]*?) ?([kKmM])?$/.exec(rest);
  if (!match) throw invalid();
  const multiplier = match[2] ? (MULTIPLIERS[match[2].toLowerCase()] as { factor: bigint; digits: number }) : { factor: 1n, digits: 0 };
  const readings = readNumber(match[1] as string, lang);
  if (!readings) throw invalid();

  const code = (currency ?? options.currency).toUpperCase();
  const make = (reading: Reading, strict: boolean): Amount => {
    const minor = toMinor(reading, multiplier, strict);
    if (minor === undefined) throw new UserError('amount_too_many_decimals', { input });
    if (minor > MAX_MINOR) throw new UserError('amount_too_large', { input });
    return { minor: Number(minor), currency: code, ...(tax ? { tax } : {}) };
  };
  if ('one' in readings) return make(readings.one, true);
  // The decimal reading of `15,000` has three decimals; it stands when it is whole cents (15,00).
  return { ambiguous: true, input: input.trim(), thousands: make(readings.thousands, true), decimal: make(readings.decimal, false) };
}

/**
 * Minor units of `integer.fraction × multiplier`, exactly (BigInt: float maths would turn `1.005`
 * into 100.499… cents). Undefined when it is not a whole number of cents or, when `strict`, has
 * more than two decimals left after the multiplier (`1,2345`, `1.234567k`).
 */
function toMinor(reading: Reading, multiplier: { factor: bigint; digits: number }, strict: boolean): bigint | undefined {
  const { integer, fraction } = reading;
  if (strict && fraction.length > 2 + multiplier.digits) return undefined;
  const scaled = BigInt(integer + fraction) * multiplier.factor * 100n;
  const scale = 10n ** BigInt(fraction.length);
  if (scaled % scale !== 0n) return undefined;
  return scaled / scale;
}

const grouped = (text: string, mark: string): boolean => new RegExp(`^[1-9]\\d{0,2}(?:${mark === '.' ? '\\.' : mark}\\d{3})+$`).test(text);

/** The possible readings of a number written with grouping/decimal marks; undefined if none. */
function readNumber(text: string, lang: Lang): { one: Reading } | { thousands: Reading; decimal: Reading } | undefined {
  if (text.includes(' ')) {
    // Space-grouped: `15 000`, `2 500,50`, `1 200.5`; the only other mark is the decimal one.
    const spaced = /^([1-9]\d{0,2}(?: \d{3})+)(?:[.,](\d+))?$/.exec(text);
    if (!spaced) return undefined;
    return { one: { integer: (spaced[1] as string).replace(/ /g, ''), fraction: spaced[2] ?? '' } };
  }
  if (!/^\d+(?:[.,]\d+)*$/.test(text)) return undefined;
  const commas = text.split(',').length - 1;
  const dots = text.split('.').length - 1;
  if (commas === 0 && dots === 0) return { one: { integer: text, fraction: '' } };

  if (commas > 0 && dots > 0) {
    // Both: the last one is the decimal mark, the other groups thousands (`1.500,50`, `1,500.50`).
    const decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [head = '', tail, ...more] = text.split(decimal);
    if (more.length > 0 || tail === undefined || !grouped(head, group)) return undefined;
    return { one: { integer: head.split(group).join(''), fraction: tail } };
  }

  const mark = commas > 0 ? ',' : '.';
  if (commas + dots > 1) {
    // Repeated: thousands groups (`1.250.000`), the same in both languages.
    return grouped(text, mark) ? { one: { integer: text.split(mark).join(''), fraction: '' } } : undefined;
  }
  const [head = '', tail = ''] = text.split(mark);
  const asDecimal = { integer: head, fraction: tail };
  if (tail.length !== 3 || !grouped(text, mark)) return { one: asDecimal };
  const asThousands = { integer: head + tail, fraction: '' };
  // `15.000` in French, `15,000` in English: the language's own grouping.
  if (mark === MARKS[lang].group) return { one: asThousands };
  return { thousands: asThousands, decimal: asDecimal };
}
