// Thrown by `ctx.ask` when a question has no answer yet. It is a control-flow signal, not an
// error: the bot rolls the command's transaction back, stores the question and asks it.
// `confirmQuestion` builds the yes/no questions that also understand typed yes/no words.
import type { Question } from './context.ts';
import type { Block } from './types.ts';

export class NeedInput {
  constructor(
    readonly question: Question,
    /** Set when the question asks for a missing argument. */
    readonly argName?: string,
  ) {}
}

export const isNeedInput = (value: unknown): value is NeedInput => value instanceof NeedInput;

/** A yes/no question: two buttons answering `yes` and `no`, and typed yes/no words understood. */
export function confirmQuestion(question: { key: string; prompt: string; yes: string; no: string; details?: Block[] }): Question {
  return {
    key: question.key,
    prompt: question.prompt,
    kind: 'confirm',
    choices: [
      { label: question.yes, value: 'yes' },
      { label: question.no, value: 'no' },
    ],
    ...(question.details ? { details: question.details } : {}),
  };
}
