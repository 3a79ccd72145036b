// /deal amount — sets a deal's amount.
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { updateDeal } from '../../services/deal.service.ts';
import { amountArgSchema, resolveAmount, taxNote } from '../shared/amount-arg.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { moneyOrDash } from '../shared/deal-view.ts';
import { resolveDeal } from '../shared/resolve-record.ts';

export const dealAmountCommand = defineCommand({
  name: 'amount',
  aliases: { fr: ['montant'], en: ['amount', 'value'] },
  description: { fr: "Changer le montant d’une affaire", en: "Change a deal's amount" },
  examples: { fr: ['/affaire montant #12 18 500 €'], en: ['/deal amount #12 $18.5k'] },
  args: [
    dealArg,
    { name: 'amount', kind: 'amount', keys: ['montant', 'amount'], position: 1, required: true, label: { fr: 'Montant', en: 'Amount' }, prompt: { fr: 'Quel montant ?', en: 'What is the amount?' }, example: { fr: '18 500 €', en: '18.5k€' } },
  ],
  schema: z.object({ deal: z.string().min(1), amount: amountArgSchema }),
  permission: 'member',
  handler: async function setDealAmountHandler(ctx) {
    const amount = resolveAmount(ctx, ctx.args.amount, 'amount');
    const deal = await resolveDeal(ctx, ctx.args.deal);
    const before = moneyOrDash(deal.amountMinor === null ? null : Number(deal.amountMinor), deal.currency, ctx.lang);
    const updated = await updateDeal(ctx.tx, ctx.member, deal, { amountMinor: amount.minor, currency: amount.currency }, ctx.now());
    const after = moneyOrDash(Number(updated.amountMinor), updated.currency, ctx.lang);
    ctx.reply([{ type: 'text', text: ctx.t('deal.amount_set', { id: deal.id, name: deal.name, before, after }) }, ...taxNote(ctx, amount)]);
  },
});
