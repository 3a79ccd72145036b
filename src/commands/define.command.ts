// /define — the sales glossary: look a term up, browse, add team vocabulary.
import { defineGroup } from '../core/registry.ts';
import { defineAddCommand } from './define/define-add.command.ts';
import { defineDailyCommand } from './define/define-daily.command.ts';
import { defineListCommand } from './define/define-list.command.ts';
import { defineLookupCommand } from './define/define-lookup.command.ts';

export const defineCommandGroup = defineGroup({
  name: 'define',
  aliases: { fr: ['definir', 'glossaire', 'lexique'], en: ['define', 'glossary'] },
  description: { fr: 'Le glossaire de la vente, en français et en anglais', en: 'The sales glossary, in French and English' },
  defaultSubcommand: 'list',
  fallbackSubcommand: 'lookup',
  subcommands: [defineLookupCommand, defineListCommand, defineAddCommand, defineDailyCommand],
});
