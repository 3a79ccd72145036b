// Commands are data: a name, FR/EN aliases, descriptions, examples, argument specs with a zod
// schema, a permission and a named handler. The registry is an explicit list, checked at
// start-up so two commands can never answer to the same word.
import type { z } from 'zod';
import type { Executor } from '../db/client.ts';
import type { CommandContext, Scope } from './context.ts';
import type { ChoiceSpec, Lang } from './types.ts';
import { normalizeKey } from './parse/tokenize.parser.ts';

/** Localised text. */
export type Localized = Record<Lang, string>;

/** Who may run a command; reps are `member`. */
export type Permission = 'member' | 'manager' | 'admin';

/** A value an enum argument accepts, with the words members may type for it. */
export interface ArgChoice {
  value: string;
  label: Localized;
  /** Extra words (any language) that mean this value; compared after normalisation. */
  aliases?: string[];
}

/** How one argument is read from a command line and asked for in guided mode. */
export interface ArgSpec {
  /** Key of the parsed value. */
  name: string;
  /** How the raw text becomes a value. */
  kind: 'text' | 'amount' | 'date' | 'duration' | 'enum' | 'integer';
  /** Words usable as `key:value`, in every language (`montant:15k`, `amount:15k`). */
  keys: string[];
  /** Position among the positional arguments (0-based); absent for named-only arguments. */
  position?: number;
  /** This positional slot stays empty when any of these arguments was given by name (`deal:` replaces the bare target). */
  skipIfGiven?: string[];
  /** Takes every positional token left over (free notes); only one per command. */
  rest?: boolean;
  /** A bare token that parses as this kind (or matches a choice) is assigned here. */
  detect?: boolean;
  /** Custom recognition for `detect` on text arguments (period words such as `quarter`). */
  recognize?: (token: string) => boolean;
  /** Most characters the value may have, checked before it is read (`arg_too_long`); non-text kinds default to INPUT_LIMITS.value. */
  maxLength?: number;
  /** Guided mode asks for it when missing. */
  required?: boolean;
  /** For `enum`. */
  choices?: ArgChoice[];
  /**
   * Likely values offered as buttons when guided mode asks for this argument (my open deals,
   * the stages); the member may still type anything else.
   */
  suggest?: (db: Executor, scope: Scope) => Promise<ChoiceSpec[]>;
  /**
   * Checked as soon as the value is known, before the command asks for anything else: a deal
   * that does not exist is reported before the loss reason is asked. May ask its own question
   * (which deal did you mean?), which then comes first.
   */
  check?: (ctx: CommandContext<unknown>, value: string) => Promise<unknown>;
  /** What the value names, for autocomplete while typing (Discord); record kinds also name the flow (core/flow.ts). */
  completes?: 'deal' | 'company' | 'contact' | 'record' | 'member' | 'stage' | 'term';
  /** What the argument is, as a noun phrase: its label in help, forms and error messages (« Nom de l’affaire », "Deal name"). */
  label: Localized;
  /** The question guided mode asks for it, ending with "?" (« Quel est le nom de l’affaire ? »). */
  prompt: Localized;
  /** A correct value, shown when the member gets it wrong. */
  example: Localized;
}

/** What a handler may answer besides sending replies: nothing. Replies go through ctx.reply. */
export type CommandHandler<A> = (ctx: CommandContext<A>) => Promise<void>;

export interface CommandDefinition<A = Record<string, unknown>> {
  /** Canonical English name, used in ids and logs. */
  name: string;
  /** Names members can type: French and English. The first of each language is shown in help. */
  aliases: { fr: string[]; en: string[] };
  description: Localized;
  /** Full example lines per language, shown in help and after mistakes. */
  examples: { fr: string[]; en: string[] };
  args: ArgSpec[];
  /** Validates the values read from the line or collected in guided mode. */
  schema: z.ZodType<A>;
  permission: Permission;
  /** Changes nothing: no idempotency row is written (a retried read just answers twice). */
  readOnly?: boolean;
  /** How long its questions wait (default 30 minutes); long flows such as qualification keep days. */
  conversationTtlMs?: number;
  /**
   * The line is a typed answer to the member's latest question in this place (`/answer oui`),
   * handed to it by the bot instead of running a handler.
   */
  answersQuestion?: boolean;
  /** The line is a sentence in plain words (`/ask on a signé Garnier`), read by src/understand/ instead of running a handler. */
  understandsSentence?: boolean;
  /** How its flow is named when another one takes its place: `La qualification de {subject}`. */
  flowLabel?: Localized;
  /**
   * Audited action name (`contact.export`…): the bot writes one audit row per run — `ok` in the
   * command's transaction, `refused`/`failed` after a refusal or a mistake.
   */
  audit?: string;
  handler: CommandHandler<A>;
}

/** A command with subcommands (`/deal new`, `/deal won`…); the group itself has no handler. */
export interface CommandGroup {
  name: string;
  aliases: { fr: string[]; en: string[] };
  description: Localized;
  subcommands: Array<CommandDefinition<any>>;
  /** Subcommand run when the group is typed alone (`/stages` lists them); help otherwise. */
  defaultSubcommand?: string;
  /** Subcommand that gets the whole line when its first word is no subcommand (`/define churn`). */
  fallbackSubcommand?: string;
}

export type RegistryEntry = CommandDefinition<any> | CommandGroup;

export const isGroup = (entry: RegistryEntry): entry is CommandGroup => 'subcommands' in entry;

/** Identity helper that keeps the argument type flowing from the schema into the handler. */
export function defineCommand<A>(definition: CommandDefinition<A>): CommandDefinition<A> {
  return definition;
}

export function defineGroup(group: CommandGroup): CommandGroup {
  return group;
}

export interface Registry {
  entries: RegistryEntry[];
  /** The command or group a typed word names, or undefined. */
  find(word: string): RegistryEntry | undefined;
  /** The subcommand of a group a typed word names, or undefined. */
  findSub(group: CommandGroup, word: string): CommandDefinition<any> | undefined;
}

const wordsOf = (entry: { name: string; aliases: { fr: string[]; en: string[] } }): string[] =>
  [entry.name, ...entry.aliases.fr, ...entry.aliases.en].map(normalizeKey);

/** Builds a lookup table; throws at start-up when two entries share a word. */
function indexWords<T extends { name: string; aliases: { fr: string[]; en: string[] } }>(items: T[], scope: string): Map<string, T> {
  const byWord = new Map<string, T>();
  for (const item of items) {
    for (const word of new Set(wordsOf(item))) {
      const other = byWord.get(word);
      if (other && other !== item) {
        throw new Error(`Alias collision in ${scope}: "${word}" names both ${other.name} and ${item.name}`);
      }
      byWord.set(word, item);
    }
  }
  return byWord;
}

function checkArgs(command: CommandDefinition<any>, scope: string): void {
  const keys = new Map<string, string>();
  for (const arg of command.args) {
    for (const key of arg.keys.map(normalizeKey)) {
      const other = keys.get(key);
      if (other && other !== arg.name) throw new Error(`Argument key collision in ${scope}: "${key}" names ${other} and ${arg.name}`);
      keys.set(key, arg.name);
    }
  }
  if (command.args.filter((arg) => arg.rest).length > 1) throw new Error(`${scope}: only one rest argument allowed`);
}

export function createRegistry(entries: RegistryEntry[]): Registry {
  const top = indexWords(entries, 'commands');
  const subs = new Map<CommandGroup, Map<string, CommandDefinition<any>>>();
  for (const entry of entries) {
    if (isGroup(entry)) {
      subs.set(entry, indexWords(entry.subcommands, `/${entry.name}`));
      for (const sub of entry.subcommands) checkArgs(sub, `/${entry.name} ${sub.name}`);
    } else {
      checkArgs(entry, `/${entry.name}`);
    }
  }
  return {
    entries,
    find: (word) => top.get(normalizeKey(word)),
    findSub: (group, word) => subs.get(group)?.get(normalizeKey(word)),
  };
}

/** The word to show for a command in a language: first alias of that language, else the name. */
export const displayName = (entry: { name: string; aliases: { fr: string[]; en: string[] } }, lang: Lang): string =>
  entry.aliases[lang][0] ?? entry.name;
