// The deal argument most /deal subcommands start with: `#12`, `12` or a name.
import type { ArgSpec } from '../../core/registry.ts';

export const dealArg: ArgSpec = {
  name: 'deal',
  kind: 'text',
  keys: ['affaire', 'deal'],
  position: 0,
  required: true,
  prompt: { fr: 'Quelle affaire ? (numéro ou nom)', en: 'Which deal? (number or name)' },
  example: { fr: '#12', en: '#12' },
};
