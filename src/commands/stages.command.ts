// /stages — see and configure the pipeline.
import { defineGroup } from '../core/registry.ts';
import { stagesAddCommand } from './stages/stages-add.command.ts';
import { stagesListCommand } from './stages/stages-list.command.ts';
import { stagesMoveCommand } from './stages/stages-move.command.ts';
import { stagesProbabilityCommand } from './stages/stages-probability.command.ts';
import { stagesRenameCommand } from './stages/stages-rename.command.ts';

export const stagesCommand = defineGroup({
  name: 'stages',
  aliases: { fr: ['etapes'], en: ['stages'] },
  description: { fr: 'Voir et régler les étapes du pipeline', en: 'See and set up the pipeline stages' },
  defaultSubcommand: 'list',
  subcommands: [stagesListCommand, stagesRenameCommand, stagesMoveCommand, stagesProbabilityCommand, stagesAddCommand],
});
