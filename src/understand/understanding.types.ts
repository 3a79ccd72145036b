// What the understanding module hands back: a command of the registry with its values in
// semantic form (a deal by id, a period by key), rendered later as a command line in either
// language. Nothing here is run: the bot runs the rendered line through the ordinary engine.
import type { Amount } from '../core/parse/amount.parser.ts';
import type { PeriodKey } from './slot-readers.ts';
import type { Lang } from '../core/types.ts';

export type Slot =
  | { type: 'deal'; id: number; name: string }
  /** A company, contact or member by its stored name, or a name as typed. */
  | { type: 'name'; name: string }
  /** Free text as typed (a next step, a glossary term, a competitor). */
  | { type: 'text'; text: string }
  /** An enum argument's value. */
  | { type: 'choice'; value: string }
  | { type: 'period'; value: PeriodKey }
  | { type: 'scope'; value: 'team' | 'all' }
  /** `typedIn`: the language of the words typed; another language's line writes the ISO date. */
  | { type: 'date'; iso: string; typed: string; typedIn?: Lang }
  | { type: 'amount'; amount: Amount; typed: string }
  | { type: 'duration'; minutes: number }
  | { type: 'stage'; key: string };

/** A command and its values: what a sentence means, or what the last question in a thread was. */
export interface Frame {
  /** Canonical path, e.g. `['deal', 'won']`. */
  path: string[];
  slots: Record<string, Slot>;
}

export interface Candidate {
  id: number;
  name: string;
}

/** Why a sentence became no command. */
export type Refusal = 'unsafe' | 'unsupported' | 'vague' | 'no_record' | 'closed' | 'unknown';

export interface Understanding {
  frame: Frame | null;
  /** Records that fit an argument equally well: the member is asked which. */
  ambiguous?: { arg: string; candidates: Candidate[] };
  /** 0 to 1: how sure the rules are. */
  confidence: number;
  refusal?: Refusal;
  /** Commands to offer when the sentence was not understood (paths), best first. */
  closest: string[][];
  /** True when the result came from the elliptic follow-up of an earlier question. */
  followUp?: boolean;
  /** The record a refusal is about (the closed deal). */
  subject?: Candidate;
}
