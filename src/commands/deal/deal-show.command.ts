// /deal show — a deal's details, stage history, last activities and next step.
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { dealDetails } from '../../services/deal.service.ts';
import { listStages } from '../../services/workspace.service.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { dealCard } from '../shared/deal-view.ts';
import { resolveDeal } from '../shared/resolve-record.ts';

export const dealShowCommand = defineCommand({
  name: 'show',
  aliases: { fr: ['voir', 'fiche', 'details', 'afficher'], en: ['show', 'view', 'details'] },
  description: { fr: "Voir une affaire : détails, historique, dernières activités", en: 'Show a deal: details, history, latest activities' },
  examples: { fr: ['/affaire voir #12', '/affaire voir "Acme renouvellement"'], en: ['/deal show #12', '/deal show "Acme renewal"'] },
  args: [dealArg],
  schema: z.object({ deal: z.string().min(1) }),
  permission: 'member',
  readOnly: true,
  handler: async function showDealHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    const details = await dealDetails(ctx.tx, ctx.member, deal);
    ctx.reply(dealCard(ctx, details, await listStages(ctx.tx, ctx.workspace.id)));
  },
});
