// Sentences that become no command whatever names they hold — empty, destructive (erase, purge),
// or asking the bot to do what it cannot (send the mail, call someone) — and the commands offered
// as buttons when nothing was understood.
import { bestMentions } from './entity-spotter.ts';
import type { FoldedText, Word } from './folded-text.ts';
import * as lexicon from './intent-lexicon.ts';
import { kpiKey } from './read-questions.rules.ts';
import { refuse } from './rule-results.ts';
import type { Understanding } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

/** Checked before any name is looked for: these refusals do not depend on the workspace. */
export function refusedOutright(folded: FoldedText, words: Word[]): Understanding | undefined {
  if (words.length === 0) return refuse('vague', [['help']]);
  if (lexicon.DESTRUCTIVE.test(folded.text)) return refuse('unsafe', [['deal', 'list'], ['help']]);
  if (lexicon.UNSUPPORTED.test(folded.text)) return refuse('unsupported', [['log'], ['deal', 'next'], ['help']]);
  return undefined;
}

/** Commands close to what was said, for the buttons of "I did not understand". */
export function closestFor(reading: Reading): string[][] {
  const text = reading.folded.text;
  const out: string[][] = [];
  const add = (path: string[]): void => {
    if (!out.some((p) => p.join(' ') === path.join(' '))) out.push(path);
  };
  if (lexicon.ACTIVITY_TYPES.some(([pattern]) => pattern.test(text))) add(['log']);
  if (bestMentions(reading.mentions, 'deal').length > 0 || bestMentions(reading.mentions, 'company').length > 0) add(['deal', 'show']);
  if (lexicon.WON.test(text)) add(['deal', 'won']);
  if (lexicon.LOST.test(text)) add(['deal', 'lost']);
  if (kpiKey(reading)) add(['kpi']);
  add(['deal', 'list']);
  add(['help']);
  return out.slice(0, 3);
}
