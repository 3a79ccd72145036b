// The deal argument most /deal subcommands start with: `#12`, `12` or a name. Guided mode
// offers the member's open deals closing soonest. The deal is looked up as soon as it is given,
// so "no deal #99" comes before any other question (the loss reason, the new stage…).
import { INPUT_LIMITS } from '../../core/limits.ts';
import type { ArgSpec } from '../../core/registry.ts';
import { listDeals } from '../../services/deal.service.ts';
import { resolveDeal } from './resolve-record.ts';

export const dealArg: ArgSpec = {
  name: 'deal',
  kind: 'text',
  completes: 'deal',
  keys: ['affaire', 'deal'],
  position: 0,
  required: true,
  maxLength: INPUT_LIMITS.name,
  suggest: async (db, scope) => {
    const list = await listDeals(db, scope.member, { ownerIds: [scope.member.id], status: 'open', limit: 5 });
    return list.items.map((item) => ({ label: `#${item.id} ${item.name}`, value: `#${item.id}` }));
  },
  // Same question key as the handlers' own resolveDeal call, so "which deal?" is asked once.
  check: (ctx, value) => resolveDeal(ctx, value),
  label: { fr: 'Affaire', en: 'Deal' },
  prompt: { fr: 'Quelle affaire (numéro ou nom) ?', en: 'Which deal (number or name)?' },
  example: { fr: '#12', en: '#12' },
};
