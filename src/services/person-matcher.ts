// Finds one person in free text however they were written: the full name in any case, with or
// without accents, hyphens or spaces, in either order (`Zoe archambault vidal`,
// `ARCHAMBAULT-VIDAL Zoé`); the e-mail in any case; the phone number in any national or
// international format (`06 12 34 56 78`, `+33 (0)6 12 34 56 78`), compared as E.164.
// Erasure and the right-of-access export both read text through this one matcher, so the
// export lists exactly what the erasure rewrites.
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';

export interface Person {
  name: string;
  email?: string | null;
  phone?: string | null;
}

/** A piece of text to replace, as offsets in the original string. */
export interface Span {
  start: number;
  end: number;
}

/** A mention left for a person to judge: the first name or surname alone, or a near spelling. */
export type ReviewReason = 'first_name' | 'surname' | 'near';
export interface ReviewMatch extends Span {
  reason: ReviewReason;
}

export interface PersonMatcher {
  /**
   * What must be erased in this text. Everywhere: the full name, the e-mail, the phone number.
   * In records linked to the person (`linked`): the first name or surname alone too.
   */
  erasable(text: string, linked: boolean): Span[];
  /** Mentions that might be the person but are not erased (unlinked records only). */
  review(text: string): ReviewMatch[];
  /**
   * A PostgreSQL regular expression (for `~*`) that every text holding a match or a review
   * candidate satisfies: a cheap filter so only candidate rows leave the database.
   */
  prefilter: string | null;
  /**
   * Words too short to look for across the workspace (`Li`, `Jo`), looked for only in linked
   * records; null when there are none.
   */
  linkedPrefilter: string | null;
}

// ── Folding ────────────────────────────────────────────────────────────────────────────────

/** A word of the text (letters and digits with their accents), folded like search keys. */
interface Word extends Span {
  key: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
/** What may separate the words of one name: spaces, hyphens, a comma (`Vidal, Zoé`), a dot. */
const NAME_GAP = /^[\s\u00a0\u202f\-‐‑–—,.'’_]{1,3}$/u;

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length, key: normalizeKey(m[0]).replace(/ /g, '') });
  return out;
}

const tokensOf = (text: string): string[] => normalizeKey(text).split(' ').filter(Boolean);

/** Positions where `tokens` appear as consecutive words joined only by name gaps. */
function findSequence(text: string, list: Word[], tokens: string[]): Span[] {
  const found: Span[] = [];
  if (tokens.length === 0) return found;
  outer: for (let i = 0; i + tokens.length <= list.length; i += 1) {
    for (let k = 0; k < tokens.length; k += 1) {
      const word = list[i + k]!;
      if (word.key !== tokens[k]) continue outer;
      if (k > 0 && !NAME_GAP.test(text.slice(list[i + k - 1]!.end, word.start))) continue outer;
    }
    found.push({ start: list[i]!.start, end: list[i + tokens.length - 1]!.end });
  }
  return found;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** Shortest name word looked for on its own across the workspace. */
const MIN_ALONE = 3;

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Sorted, overlapping spans merged. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** The text with every span replaced by `replacement`. */
export function replaceSpans(text: string, spans: Span[], replacement: string): string {
  let out = '';
  let at = 0;
  for (const span of mergeSpans(spans)) {
    out += text.slice(at, span.start) + replacement;
    at = span.end;
  }
  return out + text.slice(at);
}

/** About `width` characters of `text` around the span, on one line, cut with ellipses. */
export function snippet(text: string, span: Span, width = 60): string {
  const start = Math.max(0, Math.min(span.start - 20, text.length - width));
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/gu, ' ').trim()}${end < text.length ? '…' : ''}`;
}

// ── SQL prefilter ──────────────────────────────────────────────────────────────────────────

const VARIANTS: Record<string, string> = {
  a: 'aàâäáãåā',
  c: 'cç',
  e: 'eéèêëē',
  i: 'iîïíìī',
  n: 'nñ',
  o: 'oôöóòõøō',
  u: 'uùûüúū',
  y: 'yÿý',
};
const COMBINING = '[\u0300-\u036f]*';
const regexLiteral = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A folded token as a PostgreSQL regex matching it with any accents and case. */
function accentPattern(token: string): string {
  let out = '';
  for (let i = 0; i < token.length; i += 1) {
    const pair = token.slice(i, i + 2);
    const letter = (c: string) => {
      const variants = [...new Set(VARIANTS[c] ?? c)].flatMap((v) => (v.toUpperCase() === v ? [v] : [v, v.toUpperCase()]));
      return variants.length > 1 ? `[${variants.join('')}]${COMBINING}` : regexLiteral(c);
    };
    if (pair === 'oe' || pair === 'ae') {
      const ligature = pair === 'oe' ? 'œŒ' : 'æÆ';
      out += `(?:${letter(pair[0]!)}${letter(pair[1]!)}|[${ligature}])`;
      i += 1;
    } else out += letter(token[i]!);
  }
  return out;
}

// ── The matcher ────────────────────────────────────────────────────────────────────────────

/**
 * Reads a name as « first name, then surname » (`Jean-Pierre de La Fontaine`: first name
 * `Jean-Pierre`). A one-word name has no surname, and is never erased outside linked records.
 */
export function splitName(name: string): { first: string[]; surname: string[] } {
  const parts = name.trim().split(/\s+/u);
  return { first: tokensOf(parts[0] ?? ''), surname: tokensOf(parts.slice(1).join(' ')) };
}

export function createPersonMatcher(person: Person, options: { country?: CountryCode | undefined } = {}): PersonMatcher {
  const { first, surname } = splitName(person.name);
  const full = surname.length > 0 ? [[...first, ...surname], [...surname, ...first]] : [];
  const linkedOnly = [first, surname].filter((t) => t.length > 0);
  const email = person.email?.trim() || null;
  const emailPattern = email ? new RegExp(`(?<![\\p{L}\\p{N}._%+-])${regexLiteral(email)}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, 'giu') : null;
  const parsedPhone = person.phone ? parsePhoneNumberFromString(person.phone, options.country ? { defaultCountry: options.country } : undefined) : undefined;
  const e164 = parsedPhone?.number ?? null;
  // A number libphonenumber cannot read is looked for as written, spaces and dots aside.
  const rawPhone = !e164 && person.phone && person.phone.replace(/\D/g, '').length >= 4 ? person.phone.trim() : null;

  const phoneSpans = (text: string): Span[] => {
    const spans: Span[] = [];
    if (e164 && /\d/.test(text)) {
      for (const found of findPhoneNumbersInText(text, options.country ? { defaultCountry: options.country } : {})) {
        if (found.number.number === e164) spans.push({ start: found.startsAt, end: found.endsAt });
      }
    }
    if (rawPhone) {
      for (let at = text.indexOf(rawPhone); at >= 0; at = text.indexOf(rawPhone, at + 1)) spans.push({ start: at, end: at + rawPhone.length });
    }
    return spans;
  };

  const erasable = (text: string, linked: boolean): Span[] => {
    const list = words(text);
    const spans: Span[] = [];
    for (const tokens of linked ? [...full, ...linkedOnly] : full) spans.push(...findSequence(text, list, tokens));
    if (emailPattern) for (const m of text.matchAll(emailPattern)) spans.push({ start: m.index, end: m.index + m[0].length });
    spans.push(...phoneSpans(text));
    return mergeSpans(spans);
  };

  const surnameKey = surname.join(' ');
  const nearLimit = surnameKey.length >= 9 ? 2 : surnameKey.length >= 5 ? 1 : 0;
  const review = (text: string): ReviewMatch[] => {
    const list = words(text);
    const taken = erasable(text, false);
    const out: ReviewMatch[] = [];
    const add = (span: Span, reason: ReviewReason) => {
      if (!taken.some((t) => overlaps(t, span)) && !out.some((o) => overlaps(o, span))) out.push({ ...span, reason });
    };
    // (Words of one or two letters alone are too common to list.)
    if (surnameKey.length >= MIN_ALONE) for (const span of findSequence(text, list, surname)) add(span, 'surname');
    if (first.join(' ').length >= MIN_ALONE) for (const span of findSequence(text, list, first)) add(span, 'first_name');
    if (nearLimit > 0) {
      // Near spellings of the surname (`Archambaut-Vidal`, `ArchambaultVidal`): windows of one
      // word fewer to one word more, within one or two edits.
      for (let size = Math.max(1, surname.length - 1); size <= surname.length + 1; size += 1) {
        for (let i = 0; i + size <= list.length; i += 1) {
          const window = list.slice(i, i + size);
          if (window.some((w, k) => k > 0 && !NAME_GAP.test(text.slice(window[k - 1]!.end, w.start)))) continue;
          const distance = levenshtein(window.map((w) => w.key).join(' '), surnameKey);
          if (distance > 0 && distance <= nearLimit) add({ start: window[0]!.start, end: window.at(-1)!.end }, 'near');
        }
      }
    }
    return out.sort((a, b) => a.start - b.start);
  };

  const tokens = [...new Set([...first, ...surname])];
  const alternatives = tokens.filter((t) => t.length >= MIN_ALONE).map(accentPattern);
  // A full name made only of short words is still looked for everywhere, as a whole.
  if (alternatives.length === 0) for (const order of full) alternatives.push(order.map(accentPattern).join('.{1,3}'));
  const short = tokens.filter((t) => t.length < MIN_ALONE).map(accentPattern);
  if (email) alternatives.push(regexLiteral(email));
  if (parsedPhone) alternatives.push([...parsedPhone.nationalNumber].join('[^0-9]{0,4}'));
  if (rawPhone) alternatives.push(regexLiteral(rawPhone));
  return { erasable, review, prefilter: alternatives.length > 0 ? alternatives.join('|') : null, linkedPrefilter: short.length > 0 ? short.join('|') : null };
}

// ── The workspace's country ────────────────────────────────────────────────────────────────

const COUNTRY_BY_ZONE: Record<string, CountryCode> = {
  'Europe/Paris': 'FR',
  'Europe/Brussels': 'BE',
  'Europe/Luxembourg': 'LU',
  'Europe/Zurich': 'CH',
  'Europe/Monaco': 'MC',
  'Europe/London': 'GB',
  'Europe/Berlin': 'DE',
  'Europe/Madrid': 'ES',
  'Europe/Rome': 'IT',
  'America/Montreal': 'CA',
  'America/Toronto': 'CA',
  'America/New_York': 'US',
  'Indian/Reunion': 'RE',
  'America/Martinique': 'MQ',
  'America/Guadeloupe': 'GP',
};

/**
 * The country national phone numbers are read in: the workspace's `country` setting when it
 * has one, else its time zone's, else France for a French-speaking workspace.
 */
export function workspaceCountry(workspace: { timeZone: string; defaultLanguage: string; settings?: Record<string, unknown> | null }): CountryCode | undefined {
  const setting = workspace.settings?.['country'];
  if (typeof setting === 'string' && /^[A-Z]{2}$/.test(setting)) return setting as CountryCode;
  return COUNTRY_BY_ZONE[workspace.timeZone] ?? (workspace.defaultLanguage === 'fr' ? 'FR' : undefined);
}
