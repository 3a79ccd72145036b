// /deal lost — closes a deal as lost with a reason from the list and optional free text.
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { confirmQuestion } from '../../core/question.ts';
import { lostReasonValues } from '../../db/schema.ts';
import { moveStage, undoesClose } from '../../services/deal.service.ts';
import { listStages, stageName } from '../../services/workspace.service.ts';
import { choiceLabel, lostReasonChoices } from '../shared/choices.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { resolveDeal } from '../shared/resolve-record.ts';

export const dealLostCommand = defineCommand({
  name: 'lost',
  aliases: { fr: ['perdue', 'perdu'], en: ['lost', 'lose'] },
  description: { fr: 'Marquer une affaire perdue, avec la raison', en: 'Mark a deal as lost, with the reason' },
  examples: { fr: ['/affaire perdue #12 prix Le concurrent est 20 % moins cher'], en: ['/deal lost #12 price The competitor is 20% cheaper'] },
  args: [
    dealArg,
    { name: 'reason', kind: 'enum', keys: ['raison', 'motif', 'reason'], position: 1, required: true, choices: lostReasonChoices, label: { fr: 'Raison de la perte', en: 'Lost reason' }, prompt: { fr: 'Pour quelle raison ?', en: 'Why was it lost?' }, example: { fr: 'prix', en: 'price' } },
    { name: 'note', kind: 'text', keys: ['note', 'commentaire', 'comment'], rest: true, label: { fr: 'Commentaire', en: 'Comment' }, prompt: { fr: 'Un commentaire ?', en: 'Any comment?' }, example: { fr: 'Le concurrent est moins cher', en: 'The competitor is cheaper' } },
  ],
  schema: z.object({ deal: z.string().min(1), reason: z.enum(lostReasonValues), note: z.string().max(1000).optional() }),
  permission: 'member',
  handler: async function loseDealHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    const lost = (await listStages(ctx.tx, ctx.workspace.id)).find((s) => s.outcome === 'lost');
    if (!lost) throw new Error('workspace has no lost stage');
    // Losing a won deal takes its win back out of the figures: confirm first (nothing written before).
    if (undoesClose(deal, lost)) {
      const answer = ctx.ask(
        confirmQuestion({
          key: `unwin:${deal.id}`,
          prompt: ctx.t('deal.unwin_confirm', { id: deal.id, name: deal.name }),
          yes: ctx.t('deal.unwin_yes'),
          no: ctx.t('deal.undo_no'),
        }),
      );
      if (answer !== 'yes') {
        const stage = (await listStages(ctx.tx, ctx.workspace.id)).find((s) => s.key === deal.stage);
        ctx.reply([{ type: 'text', text: ctx.t('deal.undo_cancelled', { id: deal.id, name: deal.name, stage: stage ? stageName(stage, ctx.lang) : deal.stage }) }]);
        return;
      }
    }
    await moveStage(ctx.tx, ctx.member, deal, lost, ctx.now(), { reason: ctx.args.reason, note: ctx.args.note });
    const text = ctx.t('deal.lost', { id: deal.id, name: deal.name, reason: choiceLabel(lostReasonChoices, ctx.args.reason, ctx.lang) });
    ctx.reply([{ type: 'text', text }, ...(deal.status === 'won' ? [{ type: 'text' as const, text: ctx.t('deal.win_taken_back') }] : [])]);
  },
});
