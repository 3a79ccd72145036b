// Discord application commands generated from the registry: one command per registry entry
// (English name, French localisation), subcommands for groups, typed options with choices,
// required flags and autocomplete where a value names a record; then the two context menus
// (discord-context-menus.ts). Registered at deploy time.
import { isGroup, type ArgSpec, type CommandDefinition, type Registry } from '../../src/core/registry.ts';
import { normalizeKey } from '../../src/core/parse/tokenize.parser.ts';
import { contextMenuCommands } from './discord-context-menus.ts';

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const OPTION = { subcommand: 1, string: 3, integer: 4 } as const;

const discordName = (word: string): string | undefined => {
  const name = normalizeKey(word).replace(/ /g, '-');
  return NAME.test(name) ? name : undefined;
};
const describe = (text: string): string => (text.length <= 100 ? text : `${text.slice(0, 99)}…`);

/** French name of an option: its first key, when it differs from the English name. */
const frenchOptionName = (arg: ArgSpec, taken: Set<string>): Record<string, string> => {
  const name = arg.keys[0] === undefined ? undefined : discordName(arg.keys[0]);
  if (!name || name === arg.name || taken.has(name)) return {};
  taken.add(name);
  return { fr: name };
};

function options(command: CommandDefinition<any>): Array<Record<string, unknown>> {
  const taken = new Set(command.args.map((arg) => arg.name));
  // Discord wants required options before optional ones.
  const ordered = [...command.args.filter((a) => a.required), ...command.args.filter((a) => !a.required)];
  return ordered.map((arg) => {
    const fr = frenchOptionName(arg, taken);
    const choices = arg.choices && arg.choices.length <= 25 ? arg.choices : undefined;
    return {
      type: arg.kind === 'integer' ? OPTION.integer : OPTION.string,
      name: arg.name,
      ...(Object.keys(fr).length ? { name_localizations: fr } : {}),
      description: describe(arg.prompt.en),
      description_localizations: { fr: describe(arg.prompt.fr) },
      required: Boolean(arg.required),
      ...(choices ? { choices: choices.map((c) => ({ name: c.label.en, name_localizations: { fr: c.label.fr }, value: c.value })) } : {}),
      ...(!choices && arg.completes ? { autocomplete: true } : {}),
    };
  });
}

export function buildDiscordCommands(registry: Registry): Array<Record<string, unknown>> {
  return [...slashCommands(registry), ...contextMenuCommands()];
}

function slashCommands(registry: Registry): Array<Record<string, unknown>> {
  return registry.entries.map((entry) => {
    const fr = entry.aliases.fr[0] ? discordName(entry.aliases.fr[0]) : undefined;
    const base = {
      type: 1,
      name: entry.name,
      ...(fr && fr !== entry.name ? { name_localizations: { fr } } : {}),
      description: describe(entry.description.en),
      description_localizations: { fr: describe(entry.description.fr) },
    };
    if (!isGroup(entry)) return { ...base, options: options(entry) };
    return {
      ...base,
      options: entry.subcommands.map((sub) => {
        const subFr = sub.aliases.fr[0] ? discordName(sub.aliases.fr[0]) : undefined;
        return {
          type: OPTION.subcommand,
          name: sub.name,
          ...(subFr && subFr !== sub.name ? { name_localizations: { fr: subFr } } : {}),
          description: describe(sub.description.en),
          description_localizations: { fr: describe(sub.description.fr) },
          options: options(sub),
        };
      }),
    };
  });
}
