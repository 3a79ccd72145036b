// The next step told in a sentence, its words as typed and its date — read the same way for a
// logged activity (`next:`/`due:`) and for a deal's next step (`step:`/`due:`).
import { rawSpan } from './folded-text.ts';
import * as lexicon from './intent-lexicon.ts';
import { futureDate } from './sentence-clues.ts';
import { findDates, type Found } from './slot-readers.ts';
import type { Reading } from './reading.types.ts';

/** The part of the sentence that tells what happened, before any next step. */
export function reportPart(reading: Reading): { text: string; end: number } {
  let end = reading.folded.text.length;
  for (const trigger of lexicon.NEXT_TRIGGERS) {
    const match = trigger.pattern.exec(reading.folded.text);
    if (match && match.index > 0 && match.index < end) end = match.index;
  }
  return { text: reading.folded.text.slice(0, end), end };
}

/** The next step's words as typed and its date: « ok pour une démo jeudi » → démo, jeudi. */
export function nextStep(reading: Reading): { step?: string; due?: Found<string> } | undefined {
  const text = reading.folded.text;
  let start: number | undefined;
  let at: number | undefined;
  let namedSeen = false;
  const dated = futureDate(reading, findDates(reading.folded, reading.input.env));
  for (const trigger of lexicon.NEXT_TRIGGERS) {
    const match = trigger.pattern.exec(text);
    // « mail envoyé pour caler la démo »: a purpose, not a step to come.
    if (!match || (trigger.keepTrigger && /\b(?:pour|to|afin de)\s+$/.test(text.slice(0, match.index)))) continue;
    // « elle veut le devis » is a wish; with its date (« pour vendredi ») it is the next step.
    if (trigger.needsDate && (!dated || dated.start < match.index)) continue;
    // « …, ok pour avancer, prochaine étape réunion le 15 »: a step named as such wins over earlier words.
    const namedStep = /^(?:prochaine etape|next action|action suivante|etape suivante|next steps?|suite ?:|a suivre ?:)/.test(match[0]);
    if (namedStep && !namedSeen) {
      namedSeen = true;
      at = match.index;
      start = trigger.keepTrigger ? match.index : match.index + match[0].length;
      continue;
    }
    if (!namedSeen && (at === undefined || match.index < at)) {
      at = match.index;
      start = trigger.keepTrigger ? match.index : match.index + match[0].length;
    }
  }
  if (start === undefined) return datedClause(reading);
  return stepAfter(reading, start);
}

/** Words that say "going on" but name no step (« ok pour la suite », "to move forward"). */
const NO_STEP = /^(?:la suite|suite|avancer|continuer|poursuivre|go|move forward|proceed|it|ca|en parler|y reflechir|reflechir)$/iu;

/** A step told after the report without a trigger: « …, rdv semaine prochaine ». */
function datedClause(reading: Reading): { step?: string; due?: Found<string> } | undefined {
  const due = futureDate(reading, findDates(reading.folded, reading.input.env));
  if (!due) return undefined;
  const clauseStart = reading.folded.text.lastIndexOf(', ', due.start);
  if (clauseStart < 0) return undefined;
  return stepAfter(reading, clauseStart + 2);
}

export function stepAfter(reading: Reading, from: number): { step?: string; due?: Found<string> } | undefined {
  const text = reading.folded.text;
  let start = from;
  // « prochaine étape pour Dupuis : envoyer la proposition » — the step is what follows the colon.
  const colon = /^[^:=]{0,40}[:=]\s*/.exec(text.slice(start));
  if (colon) start += colon[0].length;
  const dates = findDates(reading.folded, reading.input.env).filter((date) => date.end > start!);
  const today = reading.input.env.now.toISOString().slice(0, 10);
  const due = dates.find((date) => date.value >= today);
  // The step ends at the end of its clause.
  const clauseEnd = /[.;!?\n]|,\s|\s(?:et|and|mais|but)\s(?:j'ai|on a|il|elle|ils|she|he|they|i)\b/.exec(text.slice(start));
  let end = clauseEnd ? start + clauseEnd.index : text.length;
  let words = text.slice(start, end);
  if (due && due.start >= start && due.start < end) {
    // The date and the little word before it (« pour », "by") are not the step.
    const before = text.slice(start, due.start).replace(/(?:\s*\b(?:pour|pr|par|by|on|le|la|avant|before|d'ici|for|au plus tard|max|at|the|ce|cette|this|des|from|starting|in|dans|sous|within|due|prevu|prevue|planned)\s*)+$/, '');
    const after = text.slice(due.end, end);
    words = after.trim() ? `${before} ${after}` : before;
    end = before.trim() ? start + before.length : end;
    if (!after.trim()) {
      const step = cleanStep(rawSpan(reading.folded, start, start + before.length));
      return { ...(step ? { step } : {}), due };
    }
  }
  const step = cleanStep(words.trim() ? rawSpan(reading.folded, start, end) : '');
  return { ...(step ? { step } : {}), ...(due ? { due } : {}) };
}

function cleanStep(raw: string): string | undefined {
  // « il est chaud 🔥 envoi propal »: an emoji ends a clause, the step is what comes after it.
  const clauses = raw.split(/\p{Extended_Pictographic}+/u).map((part) => part.trim()).filter((part) => /\p{L}/u.test(part));
  const step = (clauses.length > 1 ? clauses.at(-1)! : raw)
    .replace(/^[\s:,=-]+/u, '')
    .replace(/^(?:is|est|sera|c'est|will be|(?:il )?faut|je dois|on doit|il faut que je|need to|needs to|must|we must|i must)\s+/iu, '')
    .replace(/^(?:to|à)\s+/iu, '')
    // « et nous avons convenu d'une réunion », « on cale un rdv »: the agreement is not the step.
    .replace(/^(?:et\s+)?(?:nous avons|on a|on s'est|we)\s+(?:convenu|mis d'accord|agreed)\s+(?:d['’]\s*|de\s+|sur\s+|on\s+|to\s+)?/iu, '')
    .replace(/^(?:on\s+|we\s+)?(?:cale|se cale|calons|book|booked|set up|fixe|fixons)\s+/iu, '')
    .replace(/^(?:chaude?s?|hot|keen)\s+(?:pour|pr|for)\s+/iu, '')
    .replace(/^(?:que|qu['’])\s*(?:je\s+|j['’]\s*|l['’]on\s+|on\s+|nous\s+)/iu, '')
    // « on enchaîne sur la propal »: the step is the proposal.
    .replace(/^(?:on\s+|we\s+)?(?:enchaîne|enchaine|part|repart|passe|move on|go)\s+(?:sur|avec|à|a|to|on|with)\s+/iu, '')
    .replace(/\s+(?:asap|dès que possible|des que possible|rapidement)\b.*$/iu, '')
    .replace(/\s+(?:prévue?|prevue?|planifiée?|planifiee?|calée?|calee?|scheduled|booked|planned)$/iu, '')
    .replace(/^(?:(?:une|un|les|le|la|des|du|an|a|the)\s+|(?:l|d)['’]\s*)+/iu, '')
    .replace(/[\s.,;:!?…)]+$/u, '')
    .replace(/\s*\p{Extended_Pictographic}+\s*/gu, ' ')
    .trim();
  return step && step.length <= 120 && !NO_STEP.test(step) ? step : undefined;
}
