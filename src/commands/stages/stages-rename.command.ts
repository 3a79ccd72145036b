// /stages rename — renames a stage in the member's language (admins).
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { renameStage } from '../../services/stage.service.ts';
import { stageName } from '../../services/workspace.service.ts';
import { resolveStage } from '../shared/resolve-stage.ts';

export const stagesRenameCommand = defineCommand({
  name: 'rename',
  aliases: { fr: ['renommer'], en: ['rename'] },
  description: { fr: 'Renommer une étape (dans ma langue)', en: 'Rename a stage (in my language)' },
  examples: { fr: ['/etapes renommer proposition "Devis envoyé"'], en: ['/stages rename proposal "Quote sent"'] },
  args: [
    { name: 'stage', kind: 'text', completes: 'stage', keys: ['etape', 'stage'], position: 0, required: true, label: { fr: 'Étape', en: 'Stage' }, prompt: { fr: 'Quelle étape ?', en: 'Which stage?' }, example: { fr: 'proposition', en: 'proposal' } },
    { name: 'name', kind: 'text', keys: ['nom', 'name'], position: 1, required: true, label: { fr: 'Nouveau nom', en: 'New name' }, prompt: { fr: 'Quel nouveau nom ?', en: 'What is the new name?' }, example: { fr: '"Devis envoyé"', en: '"Quote sent"' } },
  ],
  schema: z.object({ stage: z.string().min(1), name: z.string().min(1).max(60) }),
  permission: 'admin',
  handler: async function renameStageHandler(ctx) {
    const stage = await resolveStage(ctx, ctx.args.stage);
    await renameStage(ctx.tx, ctx.workspace.id, stage.key, ctx.lang, ctx.args.name);
    ctx.reply([{ type: 'text', text: ctx.t('stages.renamed', { from: stageName(stage, ctx.lang), to: ctx.args.name }) }]);
  },
});
