// Parses money as typed by sales people (`15k€`, `1,5M`, `15 000 €`, `$3k`, `2,500.50`) into
// integer minor units, so amounts are never stored or summed as floating point.

import { UserError } from '../errors.ts';

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

const MULTIPLIERS: Record<string, bigint> = { k: 1_000n, m: 1_000_000n };

/** 10^12 major units, in minor units. */
const MAX_MINOR = 10n ** 14n;

/**
 * Parses an amount such as `15k€` into `{ minor: 1500000, currency: 'EUR' }`.
 * `defaultCurrency` is used when the input names no currency.
 *
 * Separators: spaces (including no-break spaces) group thousands; when both `,` and `.` appear the
 * last one is the decimal separator; a lone `,` followed by groups of exactly 3 digits (`15,000`,
 * `1,250,000`) groups thousands, otherwise it is a decimal comma (`12,5`). A single `.` is always a
 * decimal point (`15.000` is 15), repeated dots (`1.250.000`) group thousands.
 *
 * @throws UserError `amount_negative`, `amount_invalid` or `amount_too_large`, with `{ input }`.
 */
export function parseAmount(input: string, defaultCurrency: string): { minor: number; currency: string } {
  const invalid = (): UserError => new UserError('amount_invalid', { input });

  // Normalise no-break spaces (U+00A0, U+202F, thin spaces) that French keyboards and
  // `Intl.NumberFormat('fr-FR')` output use as thousands separators.
  let rest = input.replace(/[\s\u00a0\u2007\u2009\u202f]+/gu, ' ').trim();

  let currency: string | undefined;
  const prefix = PREFIX_CURRENCY.exec(rest);
  if (prefix) {
    currency = CURRENCY_ALIASES[(prefix[1] as string).toLowerCase()];
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
  const numberText = match[1] as string;
  const multiplier = match[2] ? (MULTIPLIERS[match[2].toLowerCase()] as bigint) : 1n;

  const parts = splitNumber(numberText);
  if (!parts) throw invalid();
  const { integer, fraction } = parts;

  // Exact decimal arithmetic with BigInt: value = digits / 10^scale, minor = value × multiplier × 100,
  // rounded half up (float maths would turn `1.005` into 100.499… cents).
  const digits = BigInt(integer + fraction);
  const scale = 10n ** BigInt(fraction.length);
  const scaled = digits * multiplier * 100n;
  const minor = (scaled * 2n + scale) / (scale * 2n);

  if (minor > MAX_MINOR) throw new UserError('amount_too_large', { input });
  return { minor: Number(minor), currency: (currency ?? defaultCurrency).toUpperCase() };
}

/** Splits a number written with grouping/decimal separators into integer and fraction digits. */
function splitNumber(text: string): { integer: string; fraction: string } | undefined {
  if (text.includes(' ')) {
    // Space-grouped: `15 000`, `2 500,50`, `1 200.5`; the only other separator is the decimal one.
    const spaced = /^(\d{1,3}(?: \d{3})+)(?:[.,](\d+))?$/.exec(text);
    if (!spaced) return undefined;
    return { integer: (spaced[1] as string).replace(/ /g, ''), fraction: spaced[2] ?? '' };
  }

  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma === -1 && lastDot === -1) return { integer: text, fraction: '' };

  if (lastComma !== -1 && lastDot !== -1) {
    // Both present: the last one is the decimal separator, the other one groups thousands.
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    return splitGrouped(text, group, decimal);
  }

  const separator = lastComma !== -1 ? ',' : '.';
  // Only groups of exactly three digits after a leading 1–3 digits: thousands (`15,000`).
  // A single dot stays a decimal point, as it is in both French typing habits and English.
  const grouped = separator === ',' ? /^\d{1,3}(?:,\d{3})+$/ : /^\d{1,3}(?:\.\d{3}){2,}$/;
  if (grouped.test(text)) return { integer: text.split(separator).join(''), fraction: '' };
  return splitGrouped(text, '', separator);
}

/** Reads `integer[decimal fraction]` where the integer part may be grouped by threes with `group`. */
function splitGrouped(text: string, group: string, decimal: string): { integer: string; fraction: string } | undefined {
  const [integerPart, fraction, ...extra] = text.split(decimal);
  if (integerPart === undefined || extra.length > 0 || fraction === '' || !/^\d*$/.test(fraction ?? '')) {
    return undefined;
  }
  if (group === '' || !integerPart.includes(group)) {
    if (!/^\d+$/.test(integerPart)) return undefined;
    return { integer: integerPart, fraction: fraction ?? '' };
  }
  const escaped = group === '.' ? '\\.' : group;
  if (!new RegExp(`^\\d{1,3}(?:${escaped}\\d{3})+$`).test(integerPart)) return undefined;
  return { integer: integerPart.split(group).join(''), fraction: fraction ?? '' };
}
