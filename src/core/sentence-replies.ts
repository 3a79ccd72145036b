// The replies around a sentence read in plain words: the confirmation before a write (the exact
// command line, then Save · Edit · Cancel), the "which one?" question when two records fit, and
// the "not understood" answer with the closest commands as buttons.
import type { Question } from './context.ts';
import { t } from './i18n/i18n.ts';
import type { Registry } from './registry.ts';
import type { Block, Lang, ReplyDraft } from './types.ts';
import { resolveCommand } from '../understand/command-line.ts';
import type { Understanding } from '../understand/understanding.types.ts';
import { clip, INPUT_LIMITS } from './limits.ts';

/** The question a write waits on: nothing is saved before « Enregistrer ». */
export function confirmationQuestion(lang: Lang, line: string): Question {
  return {
    key: 'offer',
    prompt: t(lang, 'understand.confirm', { line }),
    details: [{ type: 'text', text: t(lang, 'understand.confirm_hint') }],
    kind: 'confirm',
    choices: [
      { label: t(lang, 'understand.save'), value: 'yes' },
      { label: t(lang, 'understand.edit'), value: 'edit' },
      { label: t(lang, 'understand.cancel'), value: 'no' },
    ],
  };
}

/** « Plusieurs affaires correspondent. Laquelle ? » with one choice per record. */
export function whichQuestion(lang: Lang, ambiguity: NonNullable<Understanding['ambiguous']>): Question {
  const deal = ambiguity.arg === 'deal';
  return {
    key: `which:${ambiguity.arg}`,
    prompt: t(lang, deal ? 'understand.which_deal' : 'understand.which_contact'),
    choices: ambiguity.candidates.map((candidate) => ({ label: deal ? `#${candidate.id} ${candidate.name}` : candidate.name, value: deal ? `#${candidate.id}` : candidate.name })),
  };
}

/** Why nothing was done, and two or three commands to start from instead. */
export function notUnderstoodReply(lang: Lang, registry: Registry, understanding: Understanding, sentence: string): ReplyDraft {
  const reason = understanding.refusal ?? 'unknown';
  const blocks: Block[] = [
    { type: 'text', text: t(lang, 'understand.not_understood', { reason, text: clip(sentence.replace(/\s+/gu, ' ').trim(), INPUT_LIMITS.echo), name: understanding.subject?.name ?? '' }) },
  ];
  const buttons = understanding.closest.slice(0, 3).map((path) => ({ label: resolveCommand(registry, path).words(lang), actionId: 'run', value: path.join(' ') }));
  if (buttons.length > 0) blocks.push({ type: 'text', text: t(lang, 'understand.try_these' ) }, { type: 'buttons', buttons });
  return { blocks, visibility: 'private' };
}
