// « qualifie Garnier en BANT », "revisit the champion on Acme": a qualification to start or a
// criterion to revisit — not a stage move to « Qualifiée » nor a list of qualified deals.
import * as lexicon from './intent-lexicon.ts';
import { resolveDealMention } from './record-resolver.ts';
import { withDeal } from './rule-results.ts';
import { futureDate } from './sentence-clues.ts';
import { findDates } from './slot-readers.ts';
import type { Slot, Understanding } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

/** A criterion to revisit in a qualification (« le critère budget », "the champion"). */
const CRITERIA: Array<[RegExp, string]> = [
  [/\b(?:economic buyer|acheteur economique)\b/, 'economic_buyer'],
  [/\b(?:decision criteria|criteres de decision)\b/, 'decision_criteria'],
  [/\b(?:decision process|processus de decision)\b/, 'decision_process'],
  [/\b(?:paper process|processus d'achat)\b/, 'paper_process'],
  [/\b(?:identify pain|douleur)\b/, 'identify_pain'],
  [/\bbudget\b/, 'budget'],
  [/\b(?:authority|autorite|decideur)\b/, 'authority'],
  [/\b(?:need|besoin)\b/, 'need'],
  [/\b(?:timing|calendrier)\b/, 'timing'],
  [/\bchampion\b/, 'champion'],
  [/\b(?:metrics|metriques)\b/, 'metrics'],
  [/\b(?:competition|concurrence)\b/, 'competition'],
];

export function qualifyRule(reading: Reading): Understanding | undefined {
  if (!lexicon.QUALIFY.test(reading.folded.text)) return undefined;
  if (/\b(?:non qualifiee?s|unqualified|a qualifier|qualifiees|qualified deals)\b/.test(reading.folded.text) && reading.question) return undefined;
  if (lexicon.STAGE_MOVE.test(reading.folded.text) && /\b(?:en|to|vers)\s+(?:qualifiee?|qualified)\b/.test(reading.folded.text)) return undefined;
  if (/\b(?:is|est|sont|are)(?: now| maintenant| desormais)? qualifi/.test(reading.folded.text)) return undefined;
  // « Vincent Labs : qualifié » tells a state (the stage), where « qualifie Vincent Labs » asks to start.
  if (/^[^:]{2,40}:\s*(?:qualifiee?|qualified)\W*$/.test(reading.folded.text) && /qualifiée?|qualified/iu.test(reading.input.sentence)) return undefined;
  if (futureDate(reading, findDates(reading.folded, reading.input.env)) && !lexicon.FRAMEWORK.test(reading.folded.text)) return undefined;
  const slots: Record<string, Slot> = {};
  const framework = lexicon.FRAMEWORK.exec(reading.folded.text)?.[1];
  if (framework) slots['framework'] = { type: 'choice', value: framework };
  const criterion = CRITERIA.find(([pattern]) => pattern.test(reading.folded.text));
  if (criterion) slots['criterion'] = { type: 'choice', value: criterion[1] };
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['qualify'], deal, slots, 0.85, false);
}
