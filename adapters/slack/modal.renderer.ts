// A `form` block → a Slack modal (views.open). The conversation the modal came from travels
// in private_metadata, because a view submission carries no channel.
import type { Block } from '../../src/core/types.ts';
import { truncate } from './slack-escape.ts';

type FormBlock = Extract<Block, { type: 'form' }>;

export interface ModalOrigin {
  channelId: string;
  threadId?: string;
  /** The bot cannot post where the form came from (a channel it is not in): answer in the member's DM. */
  dm?: boolean;
}

const plain = (text: string, max: number) => ({ type: 'plain_text', text: truncate(text, max), emoji: true });

/** The block id and action id of each input: the field name and a fixed `value`. */
export const INPUT_ACTION_ID = 'value';

export function renderModal(form: FormBlock, origin: ModalOrigin): Record<string, unknown> {
  const blocks = form.fields.slice(0, 100).map((field) => {
    let element: Record<string, unknown>;
    switch (field.kind) {
      case 'select':
        element = {
          type: 'static_select',
          options: (field.choices ?? []).slice(0, 100).map((choice) => ({ text: plain(choice.label, 75), value: truncate(choice.value, 150) })),
          ...(field.initial && field.choices?.some((c) => c.value === field.initial)
            ? { initial_option: { text: plain(field.choices.find((c) => c.value === field.initial)!.label, 75), value: field.initial } }
            : {}),
        };
        break;
      case 'date':
        element = { type: 'datepicker', ...(field.initial && /^\d{4}-\d{2}-\d{2}$/.test(field.initial) ? { initial_date: field.initial } : {}) };
        break;
      case 'number':
        element = { type: 'number_input', is_decimal_allowed: false, ...(field.initial ? { initial_value: field.initial } : {}) };
        break;
      default:
        element = {
          type: 'plain_text_input',
          multiline: field.kind === 'textarea',
          max_length: Math.min(field.maxLength ?? 3000, 3000),
          ...(field.initial ? { initial_value: truncate(field.initial, 3000) } : {}),
        };
    }
    return {
      type: 'input',
      block_id: field.name,
      optional: !field.required,
      label: plain(field.label, 2000),
      ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
      element: { ...element, action_id: INPUT_ACTION_ID },
    };
  });
  return {
    type: 'modal',
    callback_id: form.formId,
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    private_metadata: JSON.stringify(origin).slice(0, 3000),
    blocks,
  };
}

/** Reads the submitted values back: `{fieldName: text}`, empty inputs left out. */
export function readSubmission(state: { values?: Record<string, Record<string, Record<string, unknown>>> } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state?.values ?? {})) {
    const input = actions[INPUT_ACTION_ID] ?? Object.values(actions)[0];
    if (!input) continue;
    const value =
      (input['value'] as string | null | undefined) ??
      (input['selected_date'] as string | null | undefined) ??
      ((input['selected_option'] as { value?: string } | null | undefined)?.value ?? undefined);
    if (typeof value === 'string' && value.trim() !== '') out[blockId] = value;
  }
  return out;
}
