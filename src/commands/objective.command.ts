// /objective — revenue, deal and activity objectives per member, team or everyone.
import { defineGroup } from '../core/registry.ts';
import { objectiveListCommand } from './objective/objective-list.command.ts';
import { objectiveRemoveCommand } from './objective/objective-remove.command.ts';
import { objectiveSetCommand } from './objective/objective-set.command.ts';

export const objectiveCommand = defineGroup({
  name: 'objective',
  aliases: { fr: ['objectif', 'objectifs'], en: ['objective', 'objectives', 'quota'] },
  description: { fr: 'Objectifs de CA, d’affaires et d’activité', en: 'Revenue, deal and activity objectives' },
  defaultSubcommand: 'list',
  subcommands: [objectiveListCommand, objectiveSetCommand, objectiveRemoveCommand],
});
