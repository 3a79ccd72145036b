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
import { normalizeKey, tokenize } from './parse/tokenize.parser.ts';

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

/**
 * How an argument is named in messages: its label when the prompt is one (`Notes`, `Next step`),
 * else the word typed before `:` in the member's language (`affaire`, `deal`).
 */
export function argLabel(spec: Pick<ArgSpec, 'name' | 'keys' | 'prompt'>, lang: Lang): string {
  const prompt = spec.prompt[lang];
  if (prompt && prompt.length <= 40 && !/[?:]/.test(prompt)) return prompt;
  return lang === 'en' ? spec.name : (spec.keys[0] ?? spec.name);
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
        return parseAmount(text, env.currency);
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
            choices: (spec.choices ?? []).map((c) => c.label[env.lang]).join(', '),
          });
        }
        return choice.value;
      }
    }
  } catch (error) {
    return withArg(error);
  }
}

// `15 000 €` arrives as three tokens: glue thousands groups and a trailing currency back on.
const GROUP = /^\d{3}([.,]\d+)?\s*(k|m)?\s*(€|\$|£|eur|euros?|usd|gbp|chf|cad)?$/i;
const LEADING = /^[-+]?(€|\$|£)?\d{1,3}$/;
const CURRENCY_TOKEN = /^(€|\$|£|eur|euros?|usd|gbp|chf|cad)$/i;

export function joinAmountTokens(tokens: string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const previous = out[out.length - 1];
    const previousIsNumber = previous !== undefined && /\d$/.test(previous) && /^[-+€$£\d\s.,]+$/.test(previous);
    if (previous !== undefined && LEADING.test(previous.split(' ')[0] ?? '') && previousIsNumber && GROUP.test(token)) {
      out[out.length - 1] = `${previous} ${token}`;
    } else if (previous !== undefined && /\d[km]?$/i.test(previous) && CURRENCY_TOKEN.test(token)) {
      out[out.length - 1] = `${previous} ${token}`;
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
  } catch {
    return false;
  }
}

/**
 * Reads a command line. Unknown `key:` prefixes are left as text (a URL or `Note: …` stays
 * in the notes). Values that fail to parse throw a UserError; missing required ones are left
 * absent for guided mode to ask.
 */
export function parseArgs(specs: ArgSpec[], text: string, env: ArgEnv): ArgValues {
  let tokens = tokenize(text);
  if (specs.some((spec) => spec.kind === 'amount')) tokens = joinAmountTokens(tokens);

  const byKey = new Map<string, ArgSpec>();
  for (const spec of specs) for (const key of spec.keys) byKey.set(normalizeKey(key), spec);
  // The canonical name works as a key too (Discord options arrive as `name:value`).
  for (const spec of specs) if (!byKey.has(normalizeKey(spec.name))) byKey.set(normalizeKey(spec.name), spec);

  const values: ArgValues = {};
  const loose: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const named = NAMED.exec(token);
    const spec = named ? byKey.get(normalizeKey(named[1] ?? '')) : undefined;
    if (named && spec) {
      let raw = named[2] ?? '';
      // `next: "send quote"` — the value is the next token.
      if (!raw && i + 1 < tokens.length) {
        i += 1;
        raw = tokens[i] ?? '';
      }
      if (spec.name in values) throw new UserError('arg_repeated', { arg: spec.name });
      values[spec.name] = parseArgValue(spec, raw, env);
      continue;
    }
    loose.push(token);
  }

  const positional = specs.filter((spec) => spec.position !== undefined).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const rest = specs.find((spec) => spec.rest);
  const leftover: string[] = [];
  for (const token of loose) {
    // Positional slots are filled first, in order; a slot already given by name is skipped.
    const slot = positional.find((spec) => !(spec.name in values) && !(spec.skipIfGiven ?? []).some((name) => name in values));
    const detector = specs.find((spec) => spec.detect && !(spec.name in values) && detects(spec, token, env));
    if (detector && (!slot || slot.kind !== 'enum' || !detects(slot, token, env))) {
      // Recognised words (`outbound`, `20min`) never take a name slot.
      values[detector.name] = parseArgValue(detector, token, env);
    } else if (slot) {
      values[slot.name] = parseArgValue(slot, token, env);
    } else {
      leftover.push(token);
    }
  }
  if (leftover.length > 0) {
    if (!rest) throw new UserError('too_many_args', { extra: leftover.join(' ') });
    values[rest.name] = [values[rest.name], ...leftover].filter((part) => typeof part === 'string' && part).join(' ');
  }
  return values;
}
