// /stages move — reorders the pipeline (admins).
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { moveStageTo } from '../../services/stage.service.ts';
import { stageName } from '../../services/workspace.service.ts';
import { resolveStage } from '../shared/resolve-stage.ts';

export const stagesMoveCommand = defineCommand({
  name: 'move',
  aliases: { fr: ['deplacer', 'ordre'], en: ['move', 'reorder'] },
  description: { fr: 'Changer la position d’une étape', en: "Change a stage's position" },
  examples: { fr: ['/etapes deplacer demo 3'], en: ['/stages move demo 3'] },
  args: [
    { name: 'stage', kind: 'text', completes: 'stage', keys: ['etape', 'stage'], position: 0, required: true, label: { fr: 'Étape', en: 'Stage' }, prompt: { fr: 'Quelle étape ?', en: 'Which stage?' }, example: { fr: 'demo', en: 'demo' } },
    { name: 'position', kind: 'integer', keys: ['position'], position: 1, required: true, label: { fr: 'Position', en: 'Position' }, prompt: { fr: 'À quelle position (1 = première) ?', en: 'Which position (1 = first)?' }, example: { fr: '3', en: '3' } },
  ],
  schema: z.object({ stage: z.string().min(1), position: z.number().int().min(1).max(50) }),
  permission: 'admin',
  handler: async function moveStageHandler(ctx) {
    const stage = await resolveStage(ctx, ctx.args.stage);
    const all = await moveStageTo(ctx.tx, ctx.workspace.id, stage.key, ctx.args.position);
    ctx.reply([{ type: 'text', text: ctx.t('stages.moved', { order: all.map((s) => stageName(s, ctx.lang)).join(' → ') }) }]);
  },
});
