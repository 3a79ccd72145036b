// /deal owner — hands a deal to another member (managers and admins, or its current owner).
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { defineCommand } from '../../core/registry.ts';
import { updateDeal } from '../../services/deal.service.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { resolveDeal } from '../shared/resolve-record.ts';
import { resolveMember } from '../shared/resolve-member.ts';

export const dealOwnerCommand = defineCommand({
  name: 'owner',
  aliases: { fr: ['responsable', 'proprietaire', 'attribuer'], en: ['owner', 'assign'] },
  description: { fr: "Changer le responsable d’une affaire", en: "Change a deal's owner" },
  examples: { fr: ['/affaire responsable #12 @marie'], en: ['/deal owner #12 @marie'] },
  args: [
    dealArg,
    { name: 'owner', kind: 'text', completes: 'member', keys: ['responsable', 'owner'], position: 1, required: true, label: { fr: 'Responsable', en: 'Owner' }, prompt: { fr: 'À qui la confier ?', en: 'Who should own it?' }, example: { fr: '@marie', en: '@marie' } },
  ],
  schema: z.object({ deal: z.string().min(1), owner: z.string().min(1) }),
  permission: 'member',
  handler: async function reassignDealHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    const owner = await resolveMember(ctx, ctx.args.owner);
    // A rep may give their own deal away but not take or move anyone else's (resolveDeal already hides those).
    if (ctx.member.role === 'rep' && deal.ownerId !== ctx.member.id) throw new UserError('forbidden', { role: 'manager' });
    await updateDeal(ctx.tx, ctx.member, deal, { ownerId: owner.id }, ctx.now());
    ctx.reply([{ type: 'text', text: ctx.t('deal.owner_changed', { id: deal.id, name: deal.name, owner: owner.displayName }) }]);
  },
});
