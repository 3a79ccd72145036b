// /deal next — sets the next step and its due date.
import { z } from 'zod';
import { formatDate } from '../../core/format.ts';
import { defineCommand } from '../../core/registry.ts';
import { updateDeal } from '../../services/deal.service.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { resolveDeal } from '../shared/resolve-record.ts';

export const dealNextCommand = defineCommand({
  name: 'next',
  aliases: { fr: ['suite', 'prochaine'], en: ['next', 'nextstep'] },
  description: { fr: 'Définir la prochaine étape et sa date', en: 'Set the next step and its date' },
  examples: { fr: ['/affaire suite #12 "Relancer pour le devis" pour:jeudi'], en: ['/deal next #12 "Follow up on the quote" due:thursday'] },
  args: [
    dealArg,
    { name: 'step', kind: 'text', keys: ['etape-suivante', 'step'], position: 1, required: true, label: { fr: 'Prochaine étape', en: 'Next step' }, prompt: { fr: 'Quelle est la prochaine étape ?', en: 'What is the next step?' }, example: { fr: '"Relancer pour le devis"', en: '"Follow up on the quote"' } },
    { name: 'due', kind: 'date', keys: ['pour', 'echeance', 'due', 'by'], position: 2, required: true, label: { fr: 'Échéance', en: 'Due date' }, prompt: { fr: 'Pour quand ?', en: 'By when?' }, example: { fr: 'jeudi', en: 'thursday' } },
  ],
  schema: z.object({ deal: z.string().min(1), step: z.string().min(1).max(300), due: z.string() }),
  permission: 'member',
  handler: async function setNextStepHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    await updateDeal(ctx.tx, ctx.member, deal, { nextStep: ctx.args.step, nextStepDue: ctx.args.due }, ctx.now());
    ctx.reply([{ type: 'text', text: ctx.t('deal.next_set', { id: deal.id, name: deal.name, step: ctx.args.step, date: formatDate(ctx.args.due, ctx.lang) }) }]);
  },
});
