// The one argument of /answer and /ask: the rest of the line, as typed, up to a whole line.
// The bot reads it before any handler (an answer to a question, a sentence to understand).
import { INPUT_LIMITS } from '../../core/limits.ts';
import type { ArgSpec } from '../../core/registry.ts';

export const lineTextArg = (texts: Pick<ArgSpec, 'label' | 'prompt' | 'example'>): ArgSpec => ({
  name: 'text',
  kind: 'text',
  keys: ['texte', 'text'],
  position: 0,
  rest: true,
  required: true,
  maxLength: INPUT_LIMITS.line,
  ...texts,
});
