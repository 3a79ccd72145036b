// /stages add — adds an open stage to the pipeline (admins).
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { formatPercent } from '../../core/format.ts';
import { defineCommand } from '../../core/registry.ts';
import { addStage } from '../../services/stage.service.ts';
import { listStages } from '../../services/workspace.service.ts';

export const stagesAddCommand = defineCommand({
  name: 'add',
  aliases: { fr: ['ajouter'], en: ['add'] },
  description: { fr: 'Ajouter une étape au pipeline', en: 'Add a stage to the pipeline' },
  examples: { fr: ['/etapes ajouter "Essai gratuit" 40 position:5'], en: ['/stages add "Free trial" 40 position:5'] },
  args: [
    { name: 'name', kind: 'text', keys: ['nom', 'name'], position: 0, required: true, label: { fr: 'Nom de l’étape', en: 'Stage name' }, prompt: { fr: 'Quel est le nom de l’étape ?', en: 'What is the stage called?' }, example: { fr: '"Essai gratuit"', en: '"Free trial"' } },
    { name: 'probability', kind: 'integer', keys: ['probabilite', 'probability'], position: 1, required: true, label: { fr: 'Probabilité (%)', en: 'Probability (%)' }, prompt: { fr: 'Quelle probabilité en % ?', en: 'What probability in %?' }, example: { fr: '40', en: '40' } },
    { name: 'position', kind: 'integer', keys: ['position'], label: { fr: 'Position', en: 'Position' }, prompt: { fr: 'À quelle position ?', en: 'At which position?' }, example: { fr: 'position:5', en: 'position:5' } },
  ],
  schema: z.object({ name: z.string().min(1).max(60), probability: z.number().int().min(0).max(100), position: z.number().int().min(1).max(50).optional() }),
  permission: 'admin',
  handler: async function addStageHandler(ctx) {
    const key = normalizeKey(ctx.args.name).replace(/ /g, '_');
    const all = await listStages(ctx.tx, ctx.workspace.id);
    if (!key || all.some((s) => s.key === key || normalizeKey(s.nameFr) === normalizeKey(ctx.args.name) || normalizeKey(s.nameEn) === normalizeKey(ctx.args.name))) {
      throw new UserError('stage_exists', { name: ctx.args.name, example: ctx.t('examples.stages_add') });
    }
    await addStage(ctx.tx, ctx.workspace.id, { key, nameFr: ctx.args.name, nameEn: ctx.args.name, probability: ctx.args.probability }, ctx.args.position);
    ctx.reply([{ type: 'text', text: ctx.t('stages.added', { name: ctx.args.name, probability: formatPercent(ctx.args.probability, ctx.lang) }) }]);
  },
});
