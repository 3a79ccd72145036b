// /stages probability — sets a stage's win probability (admins). Existing deals keep theirs
// until they next change stage, so past forecasts are not rewritten silently.
import { z } from 'zod';
import { formatPercent } from '../../core/format.ts';
import { defineCommand } from '../../core/registry.ts';
import { setStageProbability } from '../../services/stage.service.ts';
import { stageName } from '../../services/workspace.service.ts';
import { resolveStage } from '../shared/resolve-stage.ts';

export const stagesProbabilityCommand = defineCommand({
  name: 'probability',
  aliases: { fr: ['probabilite', 'proba'], en: ['probability', 'prob'] },
  description: { fr: "Changer la probabilité de gain d’une étape", en: "Change a stage's win probability" },
  examples: { fr: ['/etapes proba demo 40'], en: ['/stages probability demo 40'] },
  args: [
    { name: 'stage', kind: 'text', completes: 'stage', keys: ['etape', 'stage'], position: 0, required: true, label: { fr: 'Étape', en: 'Stage' }, prompt: { fr: 'Quelle étape ?', en: 'Which stage?' }, example: { fr: 'demo', en: 'demo' } },
    { name: 'probability', kind: 'integer', keys: ['probabilite', 'probability'], position: 1, required: true, label: { fr: 'Probabilité (%)', en: 'Probability (%)' }, prompt: { fr: 'Quelle probabilité en % (0 à 100) ?', en: 'What probability in % (0 to 100)?' }, example: { fr: '40', en: '40' } },
  ],
  schema: z.object({ stage: z.string().min(1), probability: z.number().int().min(0).max(100) }),
  permission: 'admin',
  handler: async function setStageProbabilityHandler(ctx) {
    const stage = await resolveStage(ctx, ctx.args.stage);
    await setStageProbability(ctx.tx, ctx.workspace.id, stage.key, ctx.args.probability);
    ctx.reply([{ type: 'text', text: ctx.t('stages.probability_set', { stage: stageName(stage, ctx.lang), probability: formatPercent(ctx.args.probability, ctx.lang) }) }]);
  },
});
