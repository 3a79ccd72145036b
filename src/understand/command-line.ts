// Renders a Frame as a command line in the member's language (« /affaire gagnee #31 ») or in
// canonical English, then reads it back with the commands' own parser: the values the bot
// runs are exactly those of the line the member is shown.
import { matchChoice, parseArgs, type ArgEnv, type ArgValues } from '../core/args.ts';
import { localized } from '../core/i18n/i18n.ts';
import { parseDate } from '../core/parse/date.parser.ts';
import { displayName, isGroup, type ArgSpec, type CommandDefinition, type Registry } from '../core/registry.ts';
import type { Lang } from '../core/types.ts';
import type { Frame, Slot } from './understanding.types.ts';
import type { PeriodKey } from './slot-readers.ts';

const PERIOD_WORDS: Record<Lang, Record<PeriodKey, string>> = {
  fr: { today: 'aujourdhui', week: 'semaine', last_week: 'semaine derniere', month: 'mois', last_month: 'mois dernier', quarter: 'trimestre', last_quarter: 'trimestre dernier', year: 'annee', last_year: 'annee derniere' },
  en: { today: 'today', week: 'week', last_week: 'last week', month: 'month', last_month: 'last month', quarter: 'quarter', last_quarter: 'last quarter', year: 'year', last_year: 'last year' },
};
const SCOPE_WORDS: Record<Lang, Record<'team' | 'all', string>> = { fr: { team: 'equipe', all: 'tous' }, en: { team: 'team', all: 'all' } };
const STAGE_WORDS: Record<Lang, Record<string, string>> = {
  fr: { lead: 'lead', qualified: 'qualifie', discovery: 'decouverte', demo: 'demo', proposal: 'proposition', negotiation: 'negociation' },
  en: {},
};

export interface CommandLine {
  /** The whole line, with the command words of the language (`/affaire gagnee #31`). */
  line: string;
  /** What follows the command words (`#31`). */
  args: string;
  /** The values the command's parser reads from it. */
  values: ArgValues;
  /** Required arguments still missing: guided mode asks for them. */
  missing: string[];
}

/** A value as one token: quoted when it holds spaces or quotes. */
export function quoteToken(value: string): string {
  if (value !== '' && !/[\s"«»“”']/u.test(value)) return value;
  return value.includes('"') ? `« ${value.replace(/[«»]/gu, '')} »` : `"${value}"`;
}

export function resolveCommand(registry: Registry, path: string[]): { command: CommandDefinition<any>; words: (lang: Lang) => string } {
  const [head, sub] = path;
  const entry = registry.find(head ?? '');
  if (!entry) throw new Error(`no command ${head}`);
  if (!isGroup(entry)) return { command: entry, words: (lang) => `/${displayName(entry, lang)}` };
  const command = registry.findSub(entry, sub ?? '');
  if (!command) throw new Error(`no subcommand ${path.join(' ')}`);
  return { command, words: (lang) => `/${displayName(entry, lang)} ${displayName(command, lang)}` };
}

/** The `key:` a language writes for an argument: the first key for French, the English one for English. */
function keyFor(spec: ArgSpec, lang: Lang): string {
  if (lang === 'fr') return spec.keys[0] ?? spec.name;
  return spec.keys.includes(spec.name) ? spec.name : (spec.keys[spec.keys.length - 1] ?? spec.name);
}

function choiceToken(spec: ArgSpec, value: string, lang: Lang): string {
  const choice = spec.choices?.find((c) => c.value === value);
  if (!choice) return value;
  const label = localized(choice.label, lang).toLowerCase();
  return matchChoice(spec.choices ?? [], label) === choice ? quoteToken(label) : value;
}

function slotToken(spec: ArgSpec, slot: Slot, lang: Lang, env: ArgEnv): string {
  switch (slot.type) {
    case 'deal':
      return `#${slot.id}`;
    case 'name':
      return quoteToken(slot.name);
    case 'text':
      return quoteToken(slot.text);
    case 'choice':
      return choiceToken(spec, slot.value, lang);
    case 'period':
      return quoteToken(PERIOD_WORDS[lang][slot.value]);
    case 'scope':
      return SCOPE_WORDS[lang][slot.value];
    case 'stage':
      return quoteToken(STAGE_WORDS[lang][slot.key] ?? slot.key);
    case 'duration':
      return `${slot.minutes}min`;
    case 'date': {
      // The words the member typed when they read the same in this language (`pour:jeudi`), else the date itself.
      try {
        if ((slot.typedIn === undefined || slot.typedIn === lang) && parseDate(slot.typed, { now: env.now, timeZone: env.timeZone, lang }) === slot.iso) return quoteToken(slot.typed);
      } catch {
        // Typed in the other language: the ISO date reads the same everywhere.
      }
      return slot.iso;
    }
    case 'amount': {
      const { minor, currency, tax } = slot.amount;
      const units = minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2).replace('.', lang === 'fr' ? ',' : '.');
      const taxWord = tax === undefined ? '' : lang === 'fr' ? (tax === 'excl' ? ' HT' : ' TTC') : tax === 'excl' ? ' excl. VAT' : ' incl. VAT';
      return quoteToken(`${units} ${currency}${taxWord}`);
    }
  }
}

/**
 * The line for a frame in `lang`. Positional arguments are written bare while their slots run
 * without a gap (`/affaire perdue #7 concurrent`), words the parser recognises on sight bare
 * too (`sortant positif`), everything else as `key:value`.
 */
export function renderLine(registry: Registry, frame: Frame, env: ArgEnv): CommandLine {
  const { command, words } = resolveCommand(registry, frame.path);
  const lang = env.lang;
  const given = command.args.filter((spec) => frame.slots[spec.name] !== undefined);
  const parts: string[] = [];
  const positional = command.args.filter((spec) => spec.position !== undefined && !spec.rest).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const bare = new Set<string>();
  for (const spec of positional) {
    if (frame.slots[spec.name] === undefined) break;
    bare.add(spec.name);
  }
  for (const spec of positional) if (bare.has(spec.name)) parts.push(slotToken(spec, frame.slots[spec.name] as Slot, lang, env));
  for (const spec of given) {
    if (bare.has(spec.name)) continue;
    const slot = frame.slots[spec.name] as Slot;
    const token = slotToken(spec, slot, lang, env);
    const recognised = spec.detect && (slot.type === 'choice' || slot.type === 'duration' || slot.type === 'period');
    parts.push(recognised ? token : `${keyFor(spec, lang)}:${token}`);
  }
  const rest = parts.join(' ');
  let values: ArgValues;
  try {
    values = parseArgs(command.args, rest, env);
  } catch {
    // A bare word read otherwise than meant: every value by its key reads one way only.
    const named = given.map((spec) => `${keyFor(spec, lang)}:${slotToken(spec, frame.slots[spec.name] as Slot, lang, env)}`).join(' ');
    values = parseArgs(command.args, named, env);
    return { line: `${words(lang)} ${named}`.trim(), args: named, values, missing: missingOf(command, values) };
  }
  return { line: `${words(lang)} ${rest}`.trim(), args: rest, values, missing: missingOf(command, values) };
}

const missingOf = (command: CommandDefinition<any>, values: ArgValues): string[] => command.args.filter((spec) => spec.required && values[spec.name] === undefined).map((spec) => spec.name);
