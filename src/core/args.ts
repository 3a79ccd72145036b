// Reads a one-line command (`/log call Acme 20min outbound next:"send quote" due:friday`) into
// argument values, following the command's ArgSpecs: `key:value` pairs, bare tokens recognised
// by their kind (a duration, an outcome word), then positional arguments, then free text.
import { UserError } from './errors.ts';
import { formatNumber } from './format.ts';
import { INPUT_LIMITS, INT4_MAX, INT4_MIN } from './limits.ts';
import type { ArgChoice, ArgSpec } from './registry.ts';
import type { Lang } from './types.ts';
import { parseAmount } from './parse/amount.parser.ts';
import { parseDate } from './parse/date.parser.ts';
import { parseDuration } from './parse/duration.parser.ts';
import { normalizeKey, tokenizeSpans, type Token } from './parse/tokenize.parser.ts';
import { localized } from './i18n/i18n.ts';

/** What parsing a value depends on. */
export interface ArgEnv {
  lang: Lang;
  timeZone: string;
  currency: string;
  now: Date;
}

export type ArgValues = Record<string, unknown>;

// Normalised words of each choice list, computed once per list: matching runs for every
// token of every command line.
const choiceIndex = new WeakMap<ArgChoice[], Map<string, ArgChoice>>();

function indexChoices(choices: ArgChoice[]): Map<string, ArgChoice> {
  let index = choiceIndex.get(choices);
  if (!index) {
    index = new Map();
    for (const choice of choices) {
      for (const word of [choice.value, choice.label.fr, choice.label.en, ...(choice.aliases ?? [])]) {
        const key = normalizeKey(word);
        if (key && !index.has(key)) index.set(key, choice);
      }
    }
    choiceIndex.set(choices, index);
  }
  return index;
}

/** The choice a typed word names, by value, label or alias, ignoring case and accents. */
export function matchChoice(choices: ArgChoice[], raw: string): ArgChoice | undefined {
  const key = normalizeKey(raw);
  return key ? indexChoices(choices).get(key) : undefined;
}

/** How an argument is named in messages: its label (`Montant`, `Next step`). */
export function argLabel(spec: Pick<ArgSpec, 'label'>, lang: Lang): string {
  return localized(spec.label, lang);
}

/** Converts one raw string into the argument's value; throws a UserError naming the argument. */
export function parseArgValue(spec: ArgSpec, raw: string, env: ArgEnv): unknown {
  const text = raw.trim();
  const withArg = (error: unknown): never => {
    if (error instanceof UserError) throw new UserError(error.code, { ...error.params, arg: argLabel(spec, env.lang) });
    throw error;
  };
  if (!text) throw new UserError('arg_empty', { arg: argLabel(spec, env.lang) });
  // Checked before any parser sees the value: no date, amount or name needs more.
  const max = spec.maxLength ?? (spec.kind === 'text' ? undefined : INPUT_LIMITS.value);
  if (max !== undefined && text.length > max) {
    throw new UserError('arg_too_long', { arg: argLabel(spec, env.lang), max: formatNumber(max, env.lang), length: formatNumber(text.length, env.lang) });
  }
  try {
    switch (spec.kind) {
      case 'text':
        return text;
      case 'amount':
        // May be an AmbiguousAmount (`15,000` in French): the command asks which one was meant.
        return parseAmount(text, { lang: env.lang, currency: env.currency });
      case 'date':
        return parseDate(text, { now: env.now, timeZone: env.timeZone, lang: env.lang });
      case 'duration':
        return parseDuration(text);
      case 'integer': {
        if (!/^-?\d+$/.test(text)) throw new UserError('integer_invalid', { input: text });
        const value = Number.parseInt(text, 10);
        // Whole numbers are stored as PostgreSQL integers: beyond them, say so instead of failing in the database.
        if (value > INT4_MAX || value < INT4_MIN) throw new UserError('integer_out_of_range', { input: text });
        return value;
      }
      case 'enum': {
        const choice = matchChoice(spec.choices ?? [], text);
        if (!choice) {
          throw new UserError('choice_invalid', {
            input: text,
            choices: (spec.choices ?? []).map((c) => localized(c.label, env.lang)).join(', '),
          });
        }
        return choice.value;
      }
    }
  } catch (error) {
    return withArg(error);
  }
}

// `15 000 € HT` arrives as four tokens: glue thousands groups, a trailing currency and a tax
// mention (`HT`, `TTC`, `hors taxes`, `excl. VAT`) back on.
const GROUP = /^\d{3}([.,]\d+)?\s*(k|m)?\s*(€|\$|£|eur|euros?|usd|gbp|chf|cad)?$/i;
const LEADING = /^[-+]?(€|\$|£)?\d{1,3}$/;
const CURRENCY_TOKEN = /^(€|\$|£|eur|euros?|usd|gbp|chf|cad)$/i;
const AMOUNT_SO_FAR = /^[-+]?(€|\$|£)?\d[\d\s.,]*\s*[km]?\s*(€|\$|£|eur|euros?|usd|gbp|chf|cad)?$/i;
const TAX_TOKEN = /^(h\.?t\.?|t\.?t\.?c\.?|pre-?tax)$/i;
// A lone lower-case `m` stays a word (minutes, metres); `M`, `k` and `m€` are multipliers.
const MULTIPLIER_TOKEN = [/^[kKM]$/, /^[kKmM](€|\$|£|eur|euros?|usd|gbp|chf|cad)$/i];
// Two-word mentions: the first word only counts when the second follows.
const TAX_PAIRS: Array<[RegExp, RegExp]> = [
  [/^hors$/i, /^taxes?$/i],
  [/^(ex|excl|inc|incl)\.?$/i, /^vat$/i],
];

const MAX_AMOUNT_LENGTH = 40;

export function joinAmountTokens(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    // No amount is longer than this (`1 250 000 000,00 € hors taxes` is 30): past it nothing is
    // glued on, which also keeps a line of a thousand digit groups linear to read.
    const last = out[out.length - 1];
    const previous = last !== undefined && last.length <= MAX_AMOUNT_LENGTH ? last : undefined;
    const previousIsNumber = previous !== undefined && /\d$/.test(previous) && /^[-+€$£\d\s.,]+$/.test(previous);
    const afterAmount = previous !== undefined && AMOUNT_SO_FAR.test(previous);
    const pair = afterAmount ? TAX_PAIRS.find(([first, second]) => first.test(token) && second.test(tokens[i + 1] ?? '')) : undefined;
    if (previous !== undefined && LEADING.test(previous.split(' ')[0] ?? '') && previousIsNumber && GROUP.test(token)) {
      out[out.length - 1] = `${previous} ${token}`;
    } else if (previous !== undefined && /\d[km]?$/i.test(previous) && CURRENCY_TOKEN.test(token)) {
      out[out.length - 1] = `${previous} ${token}`;
    } else if (previousIsNumber && MULTIPLIER_TOKEN.some((pattern) => pattern.test(token))) {
      // `15 k€`, `1,5 M`
      out[out.length - 1] = `${previous} ${token}`;
    } else if (afterAmount && TAX_TOKEN.test(token)) {
      out[out.length - 1] = `${previous} ${token}`;
    } else if (pair) {
      out[out.length - 1] = `${previous} ${token} ${tokens[i + 1]}`;
      i += 1;
    } else {
      out.push(token);
    }
  }
  return out;
}

const NAMED = /^([\p{L}_-]+):(.*)$/su;

/** A bare token that an argument recognises on sight (a duration, a choice word). */
function detects(spec: ArgSpec, token: string, env: ArgEnv): boolean {
  if (spec.recognize) return spec.recognize(token);
  if (spec.kind === 'enum') return matchChoice(spec.choices ?? [], token) !== undefined;
  if (!/\d/.test(token)) return false;
  try {
    parseArgValue(spec, token, env);
    return true;
  } catch (error) {
    // `15.1234`, `-500`: an amount, wrongly written — say why rather than "too many arguments".
    return spec.kind === 'amount' && error instanceof UserError && AMOUNT_MISTAKES.has(error.code);
  }
}
const AMOUNT_MISTAKES = new Set(['amount_too_many_decimals', 'amount_negative', 'amount_too_large']);

/**
 * Reads a command line. Unknown `key:` prefixes are left as text (a URL or `Note: …` stays
 * in the notes). Values that fail to parse throw a UserError; missing required ones are left
 * absent for guided mode to ask.
 *
 * Where free text begins: at the first word that is neither `key:value`, nor a word an argument
 * recognises on sight (`sortant`, `20min`), nor a positional slot's value. From there on every
 * word is text, stored exactly as typed (spaces, quotes and all): `absente`, `6`, `demain` or a
 * phone number inside the notes change nothing. Only `key:value` written without a space after
 * the colon (`suite:"envoyer le devis"`, `pour:vendredi`), or with a quoted value
 * (`suite: "envoyer le devis"`), is still an argument after the notes; `suite: on verra` stays
 * in them.
 */
export function parseArgs(specs: ArgSpec[], text: string, env: ArgEnv): ArgValues {
  let tokens = tokenizeSpans(text);
  if (specs.some((spec) => spec.kind === 'amount')) tokens = mergeSpans(tokens, joinAmountTokens(tokens.map((token) => token.value)));

  const byKey = new Map<string, ArgSpec>();
  for (const spec of specs) for (const key of spec.keys) byKey.set(normalizeKey(key), spec);
  // The canonical name works as a key too (Discord options arrive as `name:value`).
  for (const spec of specs) if (!byKey.has(normalizeKey(spec.name))) byKey.set(normalizeKey(spec.name), spec);
  const namedSpec = (token: Token): { spec: ArgSpec; raw: string } | undefined => {
    if (token.quoted) return undefined;
    const named = NAMED.exec(token.value);
    const spec = named ? byKey.get(normalizeKey(named[1] ?? '')) : undefined;
    return named && spec ? { spec, raw: named[2] ?? '' } : undefined;
  };

  // Arguments given by name anywhere (`deal:#4`) free the positional slots they replace, wherever
  // they stand in the line.
  const givenByName = new Set<string>();
  for (const token of tokens) {
    const named = namedSpec(token);
    if (named?.raw) givenByName.add(named.spec.name);
  }

  const positional = specs.filter((spec) => spec.position !== undefined).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const rest = specs.find((spec) => spec.rest);
  const values: ArgValues = {};
  const given = (name: string): boolean => name in values || givenByName.has(name);
  // Free text, as runs of consecutive words (a `key:value` between two runs splits them).
  const runs: Token[][] = [];
  let run: Token[] | undefined;
  let inText = false;

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    const named = namedSpec(token);
    // Inside the text, `suite: …` is a sentence unless its value is attached or quoted.
    if (named && (!inText || named.raw || tokens[i + 1]?.quoted)) {
      let raw = named.raw;
      // `next: "send quote"` — the value is the next token.
      if (!raw && i + 1 < tokens.length) {
        i += 1;
        raw = tokens[i]?.value ?? '';
      }
      if (named.spec.name in values) throw new UserError('arg_repeated', { arg: argLabel(named.spec, env.lang) });
      values[named.spec.name] = parseArgValue(named.spec, raw, env);
      run = undefined;
      continue;
    }
    if (!inText) {
      // Positional slots are filled first, in order; a slot already given by name is skipped.
      const slot = positional.find((spec) => !given(spec.name) && !(spec.skipIfGiven ?? []).some(given));
      const detector = specs.find((spec) => spec.detect && !given(spec.name) && detects(spec, token.value, env));
      if (detector && (!slot || slot.kind !== 'enum' || !detects(slot, token.value, env))) {
        // Recognised words (`outbound`, `20min`) never take a name slot.
        values[detector.name] = parseArgValue(detector, token.value, env);
        continue;
      }
      if (slot && !slot.rest) {
        values[slot.name] = parseArgValue(slot, token.value, env);
        continue;
      }
      // A free-text slot, or a word no argument takes: the text starts here.
      inText = true;
    }
    if (!run) {
      run = [];
      runs.push(run);
    }
    run.push(token);
  }

  if (runs.length > 0) {
    if (!rest) throw new UserError('too_many_args', { extra: runs.flat().map((token) => token.value).join(' ') });
    const typed = runs.map((words) => verbatim(text, words));
    values[rest.name] = [values[rest.name], ...typed].filter((part) => typeof part === 'string' && part).join(' ');
  }
  return values;
}

/** A run of free-text words exactly as typed; one quoted part alone loses its quotes (`"Budget ok"`). */
function verbatim(line: string, words: Token[]): string {
  const first = words[0] as Token;
  if (words.length === 1 && first.quoted) return first.value;
  return line.slice(first.start, (words[words.length - 1] as Token).end);
}

/**
 * Positions for tokens glued back together by {@link joinAmountTokens} (`15`, `000`, `€` → `15 000 €`):
 * each joined token spans the original tokens it was made of. Falls back to the original tokens if
 * the two lists do not line up.
 */
function mergeSpans(tokens: Token[], joined: string[]): Token[] {
  if (joined.length === tokens.length) return tokens;
  const out: Token[] = [];
  let k = 0;
  for (const value of joined) {
    const first = tokens[k];
    if (!first) return tokens;
    let last = first;
    let text = first.value;
    k += 1;
    while (text !== value && k < tokens.length && text.length < value.length) {
      last = tokens[k] as Token;
      text = `${text} ${last.value}`;
      k += 1;
    }
    if (text !== value) return tokens;
    out.push({ value, start: first.start, end: last.end, quoted: first === last && first.quoted });
  }
  return k === tokens.length ? out : tokens;
}
