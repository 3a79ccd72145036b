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
import { contactOptOutRule } from './contact-optout.rules.ts';
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
  // « help with /deal lost » names a command's words: help, before any write they name.
  const howTo = howToRule(reading);
  if (howTo) return howTo;

  const order = reading.question ? [...READS, ...WRITES] : [...WRITES, ...READS];
  for (const rule of order) {
    const result = rule(reading);
    if (result) return askedNotTold(reading, result);
  }
  // Only names, or nothing Relance knows: too vague to act on.
  return refuse(mentions.length > 0 ? 'vague' : 'unknown', closestFor(reading));
}

// The order is the priority: a question tries the reads first, anything else the writes first.
const READS: Rule[] = [howToRule, relancePreviewRule, objectivesRule, pipelineRule, kpiRule, dealListRule, contactShowRule, dealShowRule];
const WRITES: Rule[] = [contactOptOutRule, newDealRule, qualifyRule, lostRule, wonRule, stageRule, closeDateRule, amountRule, nextStepRule, logRule];

/** Writes that close or move a deal: asked about (« Lambert a signé ? »), they are a look at the deal. */
const STATUS_WRITES = new Set(['deal won', 'deal lost', 'deal stage']);
/** A request put as a question (« tu peux passer Lambert en perdu ? », "can you mark it won?") is still a request. */
const POLITE_REQUEST = /\b(?:peux-tu|peux tu|tu peux|pourrais-tu|pourrais tu|tu pourrais|vous pouvez|pouvez-vous|can you|could you|would you|will you|please|pls|plz|stp|svp|merci de)\b/;

/**
 * « Lambert a signé ? », "did Mercier sign yet?": a question about a deal's status is answered
 * with the deal, never turned into the write its verb names.
 */
function askedNotTold(reading: Reading, result: Understanding): Understanding {
  const path = result.frame?.path.join(' ');
  if (!path || !STATUS_WRITES.has(path)) return result;
  const text = reading.folded.text;
  const asked = /\?\s*\W*$/u.test(reading.input.sentence) || /\b(?:ou pas|or not|yet|deja|encore)\s*\W*$/.test(text) || /^\W*(?:did|has|have|is|are|was|est-ce que|est ce que)\b/.test(text);
  if (!asked || POLITE_REQUEST.test(text)) return result;
  const deal = result.frame?.slots['deal'];
  return { ...result, frame: { path: ['deal', 'show'], slots: deal ? { deal } : {} }, confidence: Math.min(result.confidence, 0.8) };
}
