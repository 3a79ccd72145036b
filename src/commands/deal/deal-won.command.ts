// /deal won — closes a deal as won; its company and contact become clients.
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { moveStage } from '../../services/deal.service.ts';
import { listStages } from '../../services/workspace.service.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { moneyOrDash } from '../shared/deal-view.ts';
import { resolveDeal } from '../shared/resolve-record.ts';

export const dealWonCommand = defineCommand({
  name: 'won',
  aliases: { fr: ['gagnee', 'gagne', 'signee', 'signe'], en: ['won', 'win', 'signed'] },
  description: { fr: 'Marquer une affaire gagnée', en: 'Mark a deal as won' },
  examples: { fr: ['/affaire gagnee #12'], en: ['/deal won #12'] },
  args: [dealArg],
  schema: z.object({ deal: z.string().min(1) }),
  permission: 'member',
  handler: async function winDealHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    const won = (await listStages(ctx.tx, ctx.workspace.id)).find((s) => s.outcome === 'won');
    if (!won) throw new Error('workspace has no won stage');
    if (deal.stage === won.key) {
      ctx.reply([{ type: 'text', text: ctx.t('deal.already_won', { name: deal.name }) }]);
      return;
    }
    await moveStage(ctx.tx, ctx.member, deal, won, ctx.now());
    ctx.reply({
      visibility: 'channel',
      blocks: [
        {
          type: 'text',
          text: ctx.t('deal.won_celebration', {
            id: deal.id,
            name: deal.name,
            amount: moneyOrDash(deal.amountMinor === null ? null : Number(deal.amountMinor), deal.currency, ctx.lang),
            owner: ctx.member.displayName,
          }),
        },
      ],
    });
  },
});
