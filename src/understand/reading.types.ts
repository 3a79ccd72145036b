// What every rule is handed: the sentence with its context, and what was found in it once for
// all the rules (folded text, words, names), so no rule reads the sentence again.
import type { Registry } from '../core/registry.ts';
import type { FoldedText, Word } from './folded-text.ts';
import type { Mention } from './entity-spotter.ts';
import type { ReadEnv } from './slot-readers.ts';
import type { Frame, Understanding } from './understanding.types.ts';
import type { DealEntry, Vocabulary } from './vocabulary.ts';

export interface UnderstandInput {
  sentence: string;
  registry: Registry;
  vocabulary: Vocabulary;
  env: ReadEnv;
  /** The member talking: « mes affaires » is theirs, their own name is no scope. */
  speakerId: number;
  /** The last question asked in this thread or DM, for « et le mois dernier ? ». */
  previous?: Frame;
  /** Deals the member may be told about (all when absent). */
  canSee?: (deal: DealEntry) => boolean;
}

/** What the rules know of one sentence while they read it. */
export interface Reading {
  input: UnderstandInput;
  folded: FoldedText;
  words: Word[];
  mentions: Mention[];
  question: boolean;
}

/** One rule: what it recognises, or undefined to let the next rule try. */
export type Rule = (reading: Reading) => Understanding | undefined;
