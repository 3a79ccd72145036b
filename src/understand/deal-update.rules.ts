// Changes to an open deal: its stage, close date, amount or next step. Each gives way when the
// sentence reports an activity: « j'ai appelé Thomas, on passe en négo » is a call to log.
import * as lexicon from './intent-lexicon.ts';
import { nextStep, reportPart, stepAfter } from './next-step-reader.ts';
import { resolveDealMention } from './record-resolver.ts';
import { withDeal } from './rule-results.ts';
import { activityType, firstActivityWord, futureDate } from './sentence-clues.ts';
import { plannedActivity } from './activity-log.rules.ts';
import { rawSpan } from './folded-text.ts';
import { findAmounts, findDates, findOutcome, type Found } from './slot-readers.ts';
import type { Slot, Understanding } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

export function stageRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  // « mon pipe, juste l'étape négo » filters the pipeline: no deal to move.
  if (lexicon.PIPELINE.test(text) && !reading.mentions.some((mention) => mention.kind !== 'member')) return undefined;
  // « Vincent Labs : qualifié ✅ »: a record, a colon, its new state in a word or two.
  const headedState = /^[^:]{2,40}:\s*[\w'-]+(?:\s+[\w'-]+)?\W*$/u.test(text);
  if ((!lexicon.STAGE_MOVE.test(text) && !headedState) || (activityType(reading, text) && lexicon.PAST_REPORT.test(text))) return undefined;
  // « Paul s'est jamais connecté à la démo »: how an activity went is a report, not a stage.
  if (activityType(reading, text) && findOutcome(reading.folded) !== undefined) return undefined;
  if (findAmounts(reading.folded, reading.input.env).length > 0 && !/\b(?:etape|stage|passe|move)\b/.test(text)) return undefined;
  const stage = lexicon.STAGES.find(([pattern]) => {
    const match = pattern.exec(text);
    if (!match) return false;
    const before = text.slice(0, match.index);
    // « next step is a demo »: a step to come, not the stage the deal is in.
    if (/\b(?:next step|next steps|prochaine etape|etape suivante|suite)\b/.test(before)) return false;
    // « Lambert : démo » may as well tell a demo held: only the colon form's other states are moves.
    if (headedState && !lexicon.STAGE_MOVE.test(text) && pattern === lexicon.STAGES.find(([, key]) => key === 'demo')?.[0]) return false;
    return /(?:\b(?:en|to|vers|au stade|a l'etape|stage|etape|into|in|a|is|est|now|maintenant|desormais|phase|phase de|stade de|stage of|attaque|attaquons|entame|entamons)|→|->)\s*(?:la |le |l'|the )?$/.test(before.slice(-25)) || (headedState && /:\s*$/.test(before));
  });
  if (!stage) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'stage'], deal, { stage: { type: 'stage', key: stage[1] } }, 0.85, true);
}

export function closeDateRule(reading: Reading): Understanding | undefined {
  const date = futureDate(reading, findDates(reading.folded, reading.input.env));
  const signs = /\b(?:signe|signent|sign|signs|close|closes|closing|cloture)\b/.test(reading.folded.text) && !/\b(?:on a signe|c'est signe|a signe|ont signe|signed|closed)\b/.test(reading.folded.text);
  if (!lexicon.CLOSE_DATE.test(reading.folded.text) && !(signs && date)) return undefined;
  if (!date) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'close'], deal, { date: { type: 'date', iso: date.value, typed: date.typed, ...(date.lang ? { typedIn: date.lang } : {}) } }, 0.8, true);
}

export function amountRule(reading: Reading): Understanding | undefined {
  const amount = findAmounts(reading.folded, reading.input.env)[0];
  if (!amount) return undefined;
  if (activityType(reading, reading.folded.text)) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'amount'], deal, { amount: { type: 'amount', amount: amount.value, typed: amount.typed } }, 0.8, true);
}

export function nextStepRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  const named = /\b(?:prochaine etape|etape suivante|next step|next steps|next action|action suivante|suite)\b/.test(text);
  // « Garnier : relancer Thomas vendredi » — a record, a colon, then what to do.
  const headed = /^[^:,]{2,40}(?:[:,]| [-–—=] )\s*\S/.exec(text);
  const headedStep = headed !== null && reading.mentions.some((mention) => mention.kind !== 'member' && mention.words.some((index) => (reading.words[index]?.end ?? 99) <= headed[0].length));
  // « pour Bonnet faut envoyer la propal avant vendredi »: what must be done for a record, by a date.
  const owed = /\b(?:il faut|faut|je dois|on doit|need to|needs to|have to|has to|must)\b/.test(text) && futureDate(reading, findDates(reading.folded, reading.input.env)) !== undefined && reading.mentions.some((mention) => mention.kind !== 'member');
  const planned = plannedActivity(reading) && reading.mentions.some((mention) => mention.kind !== 'member');
  if (!named && !headedStep && !owed && !planned) return undefined;
  const leading = /^\W*(?:prochaine etape|etape suivante|next steps?)\b/.test(text);
  if (!leading && !planned && activityType(reading, reportPart(reading).text)) return undefined;
  if (headedStep && !named && !lexicon.NEXT_TRIGGERS[1]!.pattern.test(text) && !futureDate(reading, findDates(reading.folded, reading.input.env))) return undefined;
  const next = planned && !named && !headedStep && !owed ? plannedStep(reading) : headedStep && !named ? stepAfter(reading, headed[0].length - 1) : nextStep(reading);
  const slots: Record<string, Slot> = {};
  if (next?.step) slots['step'] = { type: 'text', text: next.step };
  if (next?.due) slots['due'] = { type: 'date', iso: next.due.value, typed: next.due.typed, ...(next.due.lang ? { typedIn: next.due.lang } : {}) };
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'next'], deal, slots, 0.8, true);
}

/** The step of a planned activity: its word as typed (« démo »), due on its date. */
function plannedStep(reading: Reading): { step?: string; due?: Found<string> } {
  const due = futureDate(reading, findDates(reading.folded, reading.input.env));
  const word = firstActivityWord(reading.folded.text);
  const step = word ? rawSpan(reading.folded, word.at, word.end) : undefined;
  return { ...(step ? { step } : {}), ...(due ? { due } : {}) };
}
