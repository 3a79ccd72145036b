// Help text generated from the registry, so it can never drift from the commands themselves.
import { localized, t } from './i18n/i18n.ts';
import { displayName, isGroup, type ArgSpec, type CommandDefinition, type CommandGroup, type RegistryEntry } from './registry.ts';
import type { Block, Lang } from './types.ts';

const otherNames = (entry: { name: string; aliases: { fr: string[]; en: string[] } }, lang: Lang): string[] => {
  const shown = displayName(entry, lang);
  return [...new Set([...entry.aliases[lang], ...entry.aliases[lang === 'fr' ? 'en' : 'fr'], entry.name])].filter((word) => word !== shown);
};

/** The `key:` a named argument is written with in this language: the one its example or the command's examples use. */
function keyFor(command: CommandDefinition<any>, arg: ArgSpec, lang: Lang): string {
  const used = (text: string) => arg.keys.find((key) => new RegExp(`(?:^|\\s)${key}:`, 'u').test(text));
  return used(arg.example[lang]) ?? command.examples[lang].map(used).find(Boolean) ?? arg.keys[lang === 'fr' ? 0 : arg.keys.length - 1]!;
}

/**
 * The example of one argument as it is typed: positional and free-text ones, and those
 * recognised bare (`sortant`, `20min`), as they are; a named one with its `key:` once
 * (`pour:vendredi`), never "(pour:…)" beside an example that already shows it.
 */
function argExample(command: CommandDefinition<any>, arg: ArgSpec, lang: Lang): string {
  const example = arg.example[lang];
  if (arg.position !== undefined || arg.rest || arg.detect) return example;
  if (arg.keys.some((key) => example.startsWith(`${key}:`))) return example;
  return `${keyFor(command, arg, lang)}:${example}`;
}

/** The first example that shows more than the bare command (`/deal list all`, not `/deal list` again). */
const telling = (examples: string[], bare: string): string | undefined => examples.find((example) => example.trim() !== bare);

export function commandHelp(command: CommandDefinition<any>, lang: Lang, prefix: string): Block[] {
  const name = `${prefix}${displayName(command, lang)}`;
  const blocks: Block[] = [{ type: 'section', title: name, text: localized(command.description, lang) }];
  const args = command.args.map((arg) => {
    const required = arg.required ? ` — ${t(lang, 'help.required')}` : '';
    const choices = arg.choices ? ` — ${new Intl.ListFormat(lang, { type: 'unit', style: 'short' }).format(arg.choices.map((choice) => localized(choice.label, lang)))}` : '';
    return `${localized(arg.label, lang)}${required}${choices} · ${t(lang, 'help.eg')} ${argExample(command, arg, lang)}`;
  });
  if (args.length > 0) blocks.push({ type: 'list', title: t(lang, 'help.arguments'), items: args });
  blocks.push({ type: 'list', title: t(lang, 'help.examples'), items: [...new Set(command.examples[lang])] });
  const aliases = otherNames(command, lang);
  if (aliases.length > 0) blocks.push({ type: 'text', text: t(lang, 'help.aliases', { aliases: new Intl.ListFormat(lang, { type: 'unit', style: 'short' }).format(aliases) }) });
  return blocks;
}

/** One line per command: name, description and, when it shows more than the name, an example. */
function commandLine(path: string, description: string, examples: string[], lang: Lang, withEg: boolean): string {
  const example = telling(examples, path);
  if (example === undefined) return `${path} — ${description}`;
  return `${path} — ${description} · ${withEg ? `${t(lang, 'help.eg')} ` : ''}${example}`;
}

export function groupHelp(group: CommandGroup, lang: Lang): Block[] {
  const name = `/${displayName(group, lang)}`;
  return [
    { type: 'section', title: name, text: localized(group.description, lang) },
    { type: 'list', items: group.subcommands.map((sub) => commandLine(`${name} ${displayName(sub, lang)}`, localized(sub.description, lang), sub.examples[lang], lang, true)) },
    { type: 'text', text: t(lang, 'help.more', { example: `/${lang === 'fr' ? 'aide' : 'help'} ${displayName(group, lang)} ${displayName(group.subcommands[0]!, lang)}` }) },
  ];
}

export function overviewHelp(entries: RegistryEntry[], lang: Lang): Block[] {
  const items = entries.flatMap((entry) =>
    isGroup(entry)
      ? entry.subcommands.map((sub) => commandLine(`/${displayName(entry, lang)} ${displayName(sub, lang)}`, localized(sub.description, lang), sub.examples[lang], lang, false))
      : [commandLine(`/${displayName(entry, lang)}`, localized(entry.description, lang), entry.examples[lang], lang, false)],
  );
  return [
    { type: 'section', title: t(lang, 'help.title'), text: t(lang, 'help.intro') },
    { type: 'list', items },
    { type: 'text', text: t(lang, 'help.more', { example: lang === 'fr' ? '/aide journal' : '/help log' }) },
  ];
}
