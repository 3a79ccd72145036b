// /stages list — the pipeline in order, with probabilities.
import { z } from 'zod';
import { formatPercent } from '../../core/format.ts';
import { defineCommand } from '../../core/registry.ts';
import { listStages, stageName } from '../../services/workspace.service.ts';

export const stagesListCommand = defineCommand({
  name: 'list',
  aliases: { fr: ['liste', 'voir'], en: ['list', 'show'] },
  description: { fr: 'Voir les étapes du pipeline', en: 'Show the pipeline stages' },
  examples: { fr: ['/etapes liste'], en: ['/stages list'] },
  args: [],
  schema: z.object({}),
  permission: 'member',
  readOnly: true,
  handler: async function listStagesHandler(ctx) {
    const all = await listStages(ctx.tx, ctx.workspace.id);
    ctx.reply([
      {
        type: 'list',
        title: ctx.t('stages.title'),
        items: all.map((s) => ctx.t(s.outcome === 'open' ? 'stages.line' : 'stages.line_closed', { position: s.position, name: stageName(s, ctx.lang), key: s.key, probability: formatPercent(s.probability, ctx.lang), outcome: s.outcome })),
      },
    ]);
  },
});
