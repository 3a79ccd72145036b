// The deal argument most /deal subcommands start with: `#12`, `12` or a name. Guided mode
// offers the member's open deals closing soonest.
import { INPUT_LIMITS } from '../../core/limits.ts';
import type { ArgSpec } from '../../core/registry.ts';
import { listDeals } from '../../services/deal.service.ts';

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
  prompt: { fr: 'Quelle affaire ? (numéro ou nom)', en: 'Which deal? (number or name)' },
  example: { fr: '#12', en: '#12' },
};
