// Help text generated from the registry, so it can never drift from the commands themselves.
import { t } from './i18n/i18n.ts';
import { displayName, isGroup, type CommandDefinition, type CommandGroup, type RegistryEntry } from './registry.ts';
import type { Block, Lang } from './types.ts';

const otherNames = (entry: { name: string; aliases: { fr: string[]; en: string[] } }, lang: Lang): string[] => {
  const shown = displayName(entry, lang);
  return [...new Set([...entry.aliases[lang], ...entry.aliases[lang === 'fr' ? 'en' : 'fr'], entry.name])].filter((word) => word !== shown);
};

export function commandHelp(command: CommandDefinition<any>, lang: Lang, prefix: string): Block[] {
  const name = `${prefix}${displayName(command, lang)}`;
  const blocks: Block[] = [{ type: 'section', title: name, text: command.description[lang] }];
  const args = command.args.map((arg) => {
    const how = arg.position !== undefined || arg.rest ? '' : ` (${arg.keys[lang === 'fr' ? 0 : Math.max(0, arg.keys.length - 1)]}:…)`;
    const required = arg.required ? ` — ${t(lang, 'help.required')}` : '';
    const choices = arg.choices ? ` — ${arg.choices.map((choice) => choice.label[lang]).join(', ')}` : '';
    return `${arg.prompt[lang]}${how}${required}${choices} · ${t(lang, 'help.eg')} ${arg.example[lang]}`;
  });
  if (args.length > 0) blocks.push({ type: 'list', title: t(lang, 'help.arguments'), items: args });
  blocks.push({ type: 'list', title: t(lang, 'help.examples'), items: command.examples[lang] });
  const aliases = otherNames(command, lang);
  if (aliases.length > 0) blocks.push({ type: 'text', text: t(lang, 'help.aliases', { aliases: aliases.join(', ') }) });
  return blocks;
}

export function groupHelp(group: CommandGroup, lang: Lang): Block[] {
  const name = `/${displayName(group, lang)}`;
  return [
    { type: 'section', title: name, text: group.description[lang] },
    {
      type: 'list',
      items: group.subcommands.map((sub) => `${name} ${displayName(sub, lang)} — ${sub.description[lang]} · ${t(lang, 'help.eg')} ${sub.examples[lang][0] ?? ''}`),
    },
    { type: 'text', text: t(lang, 'help.more', { example: `/${lang === 'fr' ? 'aide' : 'help'} ${displayName(group, lang)} ${displayName(group.subcommands[0]!, lang)}` }) },
  ];
}

export function overviewHelp(entries: RegistryEntry[], lang: Lang): Block[] {
  const items = entries.flatMap((entry) =>
    isGroup(entry)
      ? entry.subcommands.map((sub) => `/${displayName(entry, lang)} ${displayName(sub, lang)} — ${sub.description[lang]} · ${sub.examples[lang][0] ?? ''}`)
      : [`/${displayName(entry, lang)} — ${entry.description[lang]} · ${entry.examples[lang][0] ?? ''}`],
  );
  return [
    { type: 'section', title: t(lang, 'help.title'), text: t(lang, 'help.intro') },
    { type: 'list', items },
    { type: 'text', text: t(lang, 'help.more', { example: lang === 'fr' ? '/aide journal' : '/help log' }) },
  ];
}
