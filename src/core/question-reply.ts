// How a pending question is shown and how a typed answer is matched to its choices. Every
// button carries its flow's id and its question's key (`answer:<flowId>:<key>`), so a click on
// an old message reaches its own flow, or is told the question was answered or has ended.
import type { ArgValues } from './args.ts';
import { matchChoice } from './args.ts';
import type { Question } from './context.ts';
import { localized, t } from './i18n/i18n.ts';
import { normalizeKey } from './parse/tokenize.parser.ts';
import { parseYesNo } from './parse/yes-no.parser.ts';
import type { ArgSpec, CommandDefinition } from './registry.ts';
import type { Block, ChoiceSpec, FormField, Lang, Reply } from './types.ts';

/** What a click says: which flow and question it answers, or that it cancels the flow. */
export type ButtonTarget = { flowId?: string; questionKey?: string; cancel?: boolean };

const FLOW_ID = /^([A-Za-z0-9_-]{10}):(.+)$/su;

/** Reads `answer:<flowId>:<key>` / `dialog:cancel:<flowId>`; undefined for any other action. */
export function readButton(actionId: string): ButtonTarget | undefined {
  if (actionId === 'dialog:cancel') return { cancel: true };
  if (actionId.startsWith('dialog:cancel:')) return { cancel: true, flowId: actionId.slice('dialog:cancel:'.length) };
  if (!actionId.startsWith('answer:')) return undefined;
  const rest = actionId.slice('answer:'.length);
  const match = FLOW_ID.exec(rest);
  // A button from before flows had ids names no flow: it is answered as ended.
  return match ? { flowId: match[1], questionKey: match[2] } : { questionKey: rest };
}

/**
 * The reply that asks a question: prompt, details, one button per choice (a menu past five) and
 * one way out: the Cancel button, or, on a yes/no question, its own "no" (a Cancel beside it
 * would be a second way to say the same). Typing « annuler » still works; it is named only in
 * the reminder sent after an answer that fits nothing.
 */
export function questionReply(lang: Lang, question: Question, flowId: string): Reply {
  const blocks: Block[] = [{ type: 'text', text: question.prompt }, ...(question.details ?? [])];
  const actionId = `answer:${flowId}:${question.key}`;
  if (question.choices.length > 5) {
    blocks.push({ type: 'select', actionId, placeholder: t(lang, 'dialog.choose'), options: question.choices });
  } else if (question.choices.length > 0) {
    blocks.push({ type: 'buttons', buttons: question.choices.map((choice) => ({ label: choice.label, actionId, value: choice.value })) });
  }
  if (question.kind !== 'confirm') blocks.push({ type: 'buttons', buttons: [{ label: t(lang, 'dialog.cancel_button'), actionId: `dialog:cancel:${flowId}`, value: 'cancel' }] });
  return { blocks, visibility: 'private', lang };
}

/**
 * The choice a typed answer names: a yes/no word on a confirmation (`no` cancels one that offers
 * a single choice), a label typed in any case and accents, or, when `prefix`, the start of a
 * label or of one of its words that fits one choice only (`nego` → Negotiation).
 */
export function typedChoice(question: Question, raw: string, prefix: boolean): ChoiceSpec | 'cancel' | undefined {
  const { choices } = question;
  if (question.kind === 'confirm') {
    const word = parseYesNo(raw);
    // By value first: a confirmation may offer a third way (« Modifier ») between yes and no.
    if (word === 'yes') return choices.find((c) => c.value === 'yes') ?? choices[0];
    if (word === 'no') return choices.find((c) => c.value === 'no') ?? choices[1] ?? 'cancel';
  }
  const exact = matchChoice(choices.map((c) => ({ value: c.value, label: { fr: c.label, en: c.label } })), raw);
  if (exact) return choices.find((c) => c.value === exact.value);
  const typed = normalizeKey(raw);
  if (!prefix || typed.length < 2 || /^\d/.test(typed)) return undefined;
  const hits = choices.filter((c) => {
    const label = normalizeKey(c.label);
    return label.startsWith(typed) || label.includes(` ${typed}`);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** One line saying how to answer: `Answer 1, 2 or 3, or type "cancel".` */
export function choicesReminder(lang: Lang, question: Question): string {
  const count = question.choices.length;
  if (count === 0) return t(lang, 'dialog.reminder_none');
  if (question.kind === 'confirm') return t(lang, 'dialog.reminder_confirm');
  if (count > 3) return t(lang, 'dialog.reminder_range', { count });
  const list = new Intl.ListFormat(lang, { type: 'disjunction' }).format(question.choices.map((_, i) => String(i + 1)));
  return t(lang, 'dialog.reminder', { count, list });
}

const FORM_KIND: Record<ArgSpec['kind'], FormField['kind']> = { text: 'text', amount: 'text', duration: 'text', date: 'date', enum: 'select', integer: 'number' };

/** A form with every argument of a command, pre-filled with what the line already gave. */
export function commandForm(command: CommandDefinition<any>, path: string[], lang: Lang, values: ArgValues): Block {
  const fields: FormField[] = command.args.map((arg) => {
    const given = values[arg.name];
    return {
      name: arg.name,
      label: localized(arg.label, lang),
      kind: arg.rest ? 'textarea' : FORM_KIND[arg.kind],
      required: Boolean(arg.required),
      hint: `${t(lang, 'help.eg')} ${arg.example[lang]}`,
      ...(typeof given === 'string' ? { initial: given } : {}),
      ...(arg.choices ? { choices: arg.choices.map((choice) => ({ label: localized(choice.label, lang), value: choice.value })) } : {}),
    };
  });
  return { type: 'form', formId: `command:${path.join(' ')}`, title: `/${path.join(' ')}`, submitLabel: t(lang, 'dialog.submit'), fields };
}

/** The order a capture form asks in: what matters first (a Discord modal shows five fields). */
const CAPTURE_ORDER = ['type', 'target', 'outcome', 'next', 'notes', 'due', 'direction', 'duration', 'on', 'deal', 'company', 'contact'];

/** The /log form of a captured message, prefilled, submitting to `capture:<id>`. */
export function captureForm(command: CommandDefinition<any>, lang: Lang, values: ArgValues, formId: string): Block {
  const printable: ArgValues = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === 'number' ? (name === 'duration' ? `${value}min` : String(value)) : value]));
  const form = commandForm(command, [command.name], lang, printable);
  if (form.type !== 'form') return form;
  const rank = (name: string): number => {
    const at = CAPTURE_ORDER.indexOf(name);
    return at < 0 ? CAPTURE_ORDER.length : at;
  };
  return { ...form, formId, title: t(lang, 'capture.title'), fields: [...form.fields].sort((a, b) => rank(a.name) - rank(b.name)) };
}
