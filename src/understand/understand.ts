// Sentence → command of the registry, offline and in microseconds: the rules of
// intent-lexicon.ts pick what the member wants, the workspace's names (vocabulary.ts) say which
// records, the parsers the commands use read dates and amounts. It writes nothing and runs
// nothing: the bot shows writes as a command line to confirm and answers reads through the
// ordinary engine.
//
// This file is the order the rules are tried in; each family of rules lives in its own
// `*.rules.ts` file, and what they share in reading.types.ts, rule-results.ts,
// sentence-clues.ts, read-slots.ts and next-step-reader.ts.
import { foldText, wordsOf } from './folded-text.ts';
import { spotEntities } from './entity-spotter.ts';
import * as lexicon from './intent-lexicon.ts';
import { followUpFrame } from './follow-up.ts';
import { logRule } from './activity-log.rules.ts';
import { amountRule, closeDateRule, nextStepRule, stageRule } from './deal-update.rules.ts';
import { defineRule } from './define.rules.ts';
import { lostRule, wonRule } from './deal-outcome.rules.ts';
import { newDealRule } from './new-deal.rules.ts';
import { qualifyRule } from './qualify.rules.ts';
import { contactShowRule, dealListRule, dealShowRule, howToRule, kpiRule, objectivesRule, pipelineRule, relancePreviewRule } from './read-questions.rules.ts';
import { memberSlot } from './read-slots.ts';
import { closestFor, refusedOutright } from './refusals.rules.ts';
import { refuse, understood } from './rule-results.ts';
import type { Reading, Rule, UnderstandInput } from './reading.types.ts';
import type { Understanding } from './understanding.types.ts';

export type { UnderstandInput } from './reading.types.ts';

export function understandSentence(input: UnderstandInput): Understanding {
  const folded = foldText(input.sentence.replace(/<@[^>]+>/g, ' '));
  const words = wordsOf(folded.text);
  const refused = refusedOutright(folded, words);
  if (refused) return refused;
  if (lexicon.HELP.test(folded.text)) return understood(['help'], {}, 0.95);

  const mentions = spotEntities(input.vocabulary, folded, words);
  const reading: Reading = { input, folded, words, mentions, question: lexicon.QUESTION.test(folded.text) };

  if (input.previous) {
    const followUp = followUpFrame(reading.folded, input.previous, (kind) => memberSlot(reading, kind));
    if (followUp) return { frame: followUp, confidence: 0.85, closest: [], followUp: true };
  }

  const define = defineRule(reading);
  if (define) return define;

  const order = reading.question ? [...READS, ...WRITES] : [...WRITES, ...READS];
  for (const rule of order) {
    const result = rule(reading);
    if (result) return result;
  }
  // Only names, or nothing Relance knows: too vague to act on.
  return refuse(mentions.length > 0 ? 'vague' : 'unknown', closestFor(reading));
}

// The order is the priority: a question tries the reads first, anything else the writes first.
const READS: Rule[] = [howToRule, relancePreviewRule, objectivesRule, pipelineRule, kpiRule, dealListRule, contactShowRule, dealShowRule];
const WRITES: Rule[] = [newDealRule, qualifyRule, lostRule, wonRule, stageRule, closeDateRule, amountRule, nextStepRule, logRule];
