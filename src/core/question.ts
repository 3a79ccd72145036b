// Thrown by `ctx.ask` when a question has no answer yet. It is a control-flow signal, not an
// error: the bot rolls the command's transaction back, stores the question and asks it.
import type { Question } from './context.ts';

export class NeedInput {
  constructor(
    readonly question: Question,
    /** Set when the question asks for a missing argument. */
    readonly argName?: string,
  ) {}
}

export const isNeedInput = (value: unknown): value is NeedInput => value instanceof NeedInput;
