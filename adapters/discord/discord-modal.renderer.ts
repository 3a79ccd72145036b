// A `form` block → a Discord modal: text inputs only, five at most. Required fields come first;
// what does not fit is asked step by step after the submission (guided mode).
import type { Block } from '../../src/core/types.ts';
import { cut } from './discord-escape.ts';

type FormBlock = Extract<Block, { type: 'form' }>;

/** Discord's limit on a text input's value. */
const INPUT_MAX = 4000;

export function renderDiscordModal(form: FormBlock): { custom_id: string; title: string; components: Array<Record<string, unknown>> } {
  const ordered = [...form.fields.filter((f) => f.required), ...form.fields.filter((f) => !f.required)].slice(0, 5);
  return {
    custom_id: cut(form.formId, 100),
    title: cut(form.title, 45),
    components: ordered.map((field) => {
      // Discord refuses a modal whose prefilled value is longer than its input allows: a long
      // prefill (a captured message of 4,000 characters) is cut, with an ellipsis, to fit.
      const maxLength = Math.min(field.maxLength ?? INPUT_MAX, INPUT_MAX);
      return {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: field.name,
            label: cut(field.label, 45),
            style: field.kind === 'textarea' ? 2 : 1,
            required: field.required,
            ...(field.hint ? { placeholder: cut(field.hint, 100) } : {}),
            ...(field.initial ? { value: cut(field.initial, maxLength) } : {}),
            max_length: maxLength,
          },
        ],
      };
    }),
  };
}
