// /deal stage — moves a deal along the pipeline (won and lost go through their own rules).
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { formatPercent } from '../../core/format.ts';
import { defineCommand } from '../../core/registry.ts';
import { confirmQuestion } from '../../core/question.ts';
import { moveStage, undoesClose } from '../../services/deal.service.ts';
import { listStages, stageName } from '../../services/workspace.service.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { resolveDeal } from '../shared/resolve-record.ts';
import { resolveStage, suggestStages } from '../shared/resolve-stage.ts';

export const dealStageCommand = defineCommand({
  name: 'stage',
  aliases: { fr: ['etape', 'avancer', 'deplacer'], en: ['stage', 'move'] },
  description: { fr: "Changer l’étape d’une affaire", en: "Change a deal's stage" },
  examples: { fr: ['/affaire etape #12 proposition'], en: ['/deal stage #12 proposal'] },
  args: [
    dealArg,
    { name: 'stage', kind: 'text', completes: 'stage', keys: ['etape', 'stage'], position: 1, required: true, suggest: suggestStages, label: { fr: 'Nouvelle étape', en: 'New stage' }, prompt: { fr: 'Vers quelle étape ?', en: 'Which stage should it move to?' }, example: { fr: 'proposition', en: 'proposal' } },
  ],
  schema: z.object({ deal: z.string().min(1), stage: z.string().min(1) }),
  permission: 'member',
  handler: async function moveDealStageHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    const stage = await resolveStage(ctx, ctx.args.stage);
    // Lost needs a reason: send the member to the command that asks for it.
    if (stage.outcome === 'lost') throw new UserError('stage_use_lost', { example: ctx.t('examples.deal_lost') });
    const all = await listStages(ctx.tx, ctx.workspace.id);
    const from = all.find((s) => s.key === deal.stage);
    if (from?.key === stage.key) {
      ctx.reply([{ type: 'text', text: ctx.t('deal.stage_unchanged', { name: deal.name, stage: stageName(stage, ctx.lang) }) }]);
      return;
    }
    // Reopening a won or lost deal takes back its outcome (and a win's figures): confirm first.
    // Nothing is written before the answer, so "no" leaves everything as it was.
    if (undoesClose(deal, stage)) {
      const answer = ctx.ask(
        confirmQuestion({
          key: `reopen:${deal.id}:${stage.key}`,
          prompt: ctx.t(deal.status === 'won' ? 'deal.reopen_won_confirm' : 'deal.reopen_lost_confirm', { id: deal.id, name: deal.name, stage: stageName(stage, ctx.lang) }),
          yes: ctx.t('deal.reopen_yes'),
          no: ctx.t('deal.undo_no'),
        }),
      );
      if (answer !== 'yes') {
        ctx.reply([{ type: 'text', text: ctx.t('deal.undo_cancelled', { id: deal.id, name: deal.name, stage: from ? stageName(from, ctx.lang) : deal.stage }) }]);
        return;
      }
    }
    await moveStage(ctx.tx, ctx.member, deal, stage, ctx.now());
    const key = stage.outcome === 'won' ? 'deal.won' : 'deal.stage_moved';
    const text = ctx.t(key, { id: deal.id, name: deal.name, from: from ? stageName(from, ctx.lang) : deal.stage, stage: stageName(stage, ctx.lang), probability: formatPercent(stage.probability, ctx.lang) });
    ctx.reply([{ type: 'text', text }, ...(deal.status === 'won' ? [{ type: 'text' as const, text: ctx.t('deal.win_taken_back') }] : [])]);
  },
});
