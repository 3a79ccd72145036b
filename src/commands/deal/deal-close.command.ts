// /deal close — sets the expected close date.
import { z } from 'zod';
import { formatDate } from '../../core/format.ts';
import { defineCommand } from '../../core/registry.ts';
import { updateDeal } from '../../services/deal.service.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { resolveDeal } from '../shared/resolve-record.ts';

export const dealCloseCommand = defineCommand({
  name: 'close',
  aliases: { fr: ['cloture', 'date'], en: ['close', 'closing'] },
  description: { fr: 'Changer la date de clôture prévue', en: 'Change the expected close date' },
  examples: { fr: ['/affaire cloture #12 "fin du mois"'], en: ['/deal close #12 "next friday"'] },
  args: [
    dealArg,
    { name: 'date', kind: 'date', keys: ['date', 'le', 'on'], position: 1, required: true, label: { fr: 'Date de signature prévue', en: 'Expected close date' }, prompt: { fr: 'Quand la signature est-elle prévue ?', en: 'When is it expected to close?' }, example: { fr: '"fin du mois"', en: '"end of month"' } },
  ],
  schema: z.object({ deal: z.string().min(1), date: z.string() }),
  permission: 'member',
  handler: async function setCloseDateHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    await updateDeal(ctx.tx, ctx.member, deal, { expectedCloseDate: ctx.args.date }, ctx.now());
    ctx.reply([{ type: 'text', text: ctx.t('deal.close_changed', { id: deal.id, name: deal.name, date: formatDate(ctx.args.date, ctx.lang) }) }]);
  },
});
