// Clues several rules read the same way, so that a read and a write agree on what a sentence
// is: the kind of activity told, whether it reports or changes something, a list of closed
// deals, the first date still to come, a name the workspace does not have yet.
import { foldText } from './folded-text.ts';
import * as lexicon from './intent-lexicon.ts';
import type { Found } from './slot-readers.ts';
import type { Reading } from './reading.types.ts';

/** Signals that the sentence reports or changes something (a figure question has none). */
export function hasWriteSignal(reading: Reading): boolean {
  const text = reading.folded.text;
  return (
    lexicon.LOST.test(text) ||
    lexicon.LOST_TO.test(text) ||
    (lexicon.WON.test(text) && !/\b(?:combien|how many|how much|taux|rate)\b/.test(text)) ||
    lexicon.NEW_DEAL.test(text) ||
    (lexicon.PAST_REPORT.test(text) && activityType(reading, reading.folded.text) !== undefined)
  );
}

/** The kind of activity the text tells (call, email, meeting, demo…): the word that comes first wins. */
export function activityType(_reading: Reading, text: string): string | undefined {
  const best = firstActivityWord(text);
  if (!best && lexicon.WEAK_CALL.test(text)) return 'call';
  // « visio démo », "demo meeting": a demo is the more precise kind.
  if (best?.type === 'meeting' && lexicon.ACTIVITY_TYPES[0]![0].test(text)) return 'demo';
  // « eu X au tel » and « rappelé » are calls even when a meeting word comes first (« rdv calé au tel »).
  if (best?.type === 'meeting' && /\b(?:au (?:tel|telephone|fil)|par telephone|by phone|on the phone|over the phone)\b/.test(text) && !/\b(?:rdv|rendez-vous|reunion|meeting)\b/.test(text.slice(0, best.at + 12))) return 'call';
  return best?.type;
}

/** The activity word that comes first in the text (« démo » in « démo pr Initech calée jeudi »): its kind and where it is. */
export function firstActivityWord(text: string): { type: string; at: number; end: number } | undefined {
  let best: { type: string; at: number; end: number } | undefined;
  for (const [pattern, type] of lexicon.ACTIVITY_TYPES) {
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.at)) best = { type, at: match.index, end: match.index + match[0].length };
  }
  return best;
}

/** « mes affaires perdues », "my won deals": a list, not a loss. */
export const LIST_OF_CLOSED = /\b(?:affaires|deals|opportunites|opps) (?:perdues|perdus|gagnees|gagnes|signees|signes|won|lost)\b|\b(?:won|lost|closed) deals\b/;

/** The first date from today on: a close or due date, where a past date only dates an activity. */
export function futureDate(reading: Reading, dates: Array<Found<string>>): Found<string> | undefined {
  const today = reading.input.env.now.toISOString().slice(0, 10);
  return dates.find((date) => date.value >= today);
}

/** A name the workspace does not have yet: the capitalised words after « chez », "with"… */
export function capitalisedAfter(reading: Reading, preposition: RegExp): string | undefined {
  const pattern = /(\p{Lu}[\p{L}\d&'-]*(?:\s+(?:\p{Lu}[\p{L}\d&'-]*|&))*)/gu;
  for (const match of reading.input.sentence.matchAll(pattern)) {
    if (match.index === 0) continue;
    const before = foldText(reading.input.sentence.slice(Math.max(0, match.index - 12), match.index)).text + ' ';
    if (preposition.test(before)) return match[1]?.trim();
  }
  return undefined;
}
