// A deal lost (with its reason and the competitor who took it) or won: writes that close a deal,
// kept apart from a list of closed deals and from a call that merely went badly.
import { foldText, wordsOf } from './folded-text.ts';
import { spotEntities, type Mention } from './entity-spotter.ts';
import * as lexicon from './intent-lexicon.ts';
import { resolveDealMention } from './record-resolver.ts';
import { withDeal } from './rule-results.ts';
import { activityType, futureDate, LIST_OF_CLOSED } from './sentence-clues.ts';
import { findDates, findLossReason } from './slot-readers.ts';
import type { Slot, Understanding } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

export function lostRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  if (!lexicon.LOST.test(text) && !lexicon.LOST_TO.test(text)) return undefined;
  if (/\b(?:combien|how many|taux|rate)\b/.test(text) || LIST_OF_CLOSED.test(text)) return undefined;
  // « j'ai eu Chloé au tel, c'est non pour cette année » reports a call.
  const strong = lexicon.LOST_TO.test(text) || lexicon.LOST.test(text.replace(lexicon.WEAK_LOST, ' '));
  if (!strong && activityType(reading, text)) return undefined;
  if (/\b(?:rdv|reunion|meeting|demo|visio|rendez-vous)\b/.test(text) && /\b(?:reporte\w*|recaler|annule\w*|cancel\w*|decale\w*)\b/.test(text)) return undefined;
  const slots: Record<string, Slot> = {};
  const reason = findLossReason(reading.folded);
  if (reason) {
    slots['reason'] = { type: 'choice', value: reason.reason };
    if (reason.competitorAt !== undefined) {
      const competitor = /^\s*((?:[\p{Lu}\d][\p{L}\d&.'-]*)(?:\s+[\p{Lu}\d][\p{L}\d&.'-]*)*)/u.exec(reading.folded.raw.slice(reading.folded.origin[reason.competitorAt] ?? reading.folded.raw.length));
      const name = competitor?.[1]?.replace(/[.,;!]+$/u, '');
      if (name && !isWorkspaceName(reading, name)) slots['note'] = { type: 'text', text: name };
    }
  }
  const deal = resolveDealMention(reading.input.vocabulary, excludeAfter(reading, reason?.competitorAt), true, reading.input.canSee);
  return withDeal(['deal', 'lost'], deal, slots, 0.85, true);
}

export function wonRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  if (!lexicon.WON.test(text) || LIST_OF_CLOSED.test(text)) return undefined;
  const future = futureDate(reading, findDates(reading.folded, reading.input.env));
  if (future && !/\b(?:on a signe|ont signe|a signe|c'est signe|we signed|they signed|we closed|signed|won|gagne|gagnee|remporte)\b/.test(text)) return undefined;
  if (/\b(?:signer|signera|signeront|will sign|to sign|should sign)\b/.test(text) && !/\b(?:vient de signer|viennent de signer|just signed)\b/.test(text)) return undefined;
  if (/\b(?:combien|how many|how much|taux|rate|pas (?:encore )?signe|not (?:yet )?signed|toujours pas|still not|pas signe)\b/.test(text)) return undefined;
  if (/\b(?:close|closing|closed)\b/.test(text) && !/\b(?:closed[- ]won|we|on|nous|i|j'ai|just|deal|they|ils)\b/.test(text) && !/!/.test(text)) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'won'], deal, {}, 0.9, true);
}

/** Whether a name is one of the workspace's own (a competitor never is). */
function isWorkspaceName(reading: Reading, name: string): boolean {
  const folded = foldText(name);
  return spotEntities(reading.input.vocabulary, folded, wordsOf(folded.text)).some((mention) => mention.kind === 'company' && mention.matched === mention.total);
}

/** Mentions before a competitor's name (« perdu Lambert, ils ont pris Salesforce »). */
function excludeAfter(reading: Reading, at: number | undefined): Mention[] {
  if (at === undefined) return reading.mentions;
  return reading.mentions.filter((mention) => mention.words.some((index) => (reading.words[index]?.start ?? 0) < at));
}
