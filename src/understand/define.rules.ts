// « c'est quoi le churn ? »: a word of the glossary, tried before every other rule, which it
// leaves alone when the question is about a figure or a record.
import { rawSpan } from './folded-text.ts';
import { mayBeGlossaryTerm } from './glossary-words.ts';
import * as lexicon from './intent-lexicon.ts';
import { refuse, understood } from './rule-results.ts';
import type { Understanding } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

/** « c'est quoi le churn ? » — but « c'est quoi notre churn ce mois ? » is a figure. */
export function defineRule(reading: Reading): Understanding | undefined {
  const after = lexicon.DEFINE.exec(reading.folded.text);
  // « un MQL c'est quoi exactement ? »: nothing but fillers after the question, the term is before it.
  const fillersOnly = after !== null && !(after[1] ?? '').replace(/[?!.…\s]+/gu, ' ').replace(lexicon.TERM_FILLERS, '').replace(/^(?:exactement|au juste|stp|svp|please)\s*$/u, '').trim();
  const found = after && !fillersOnly ? { start: after.index + after[0].length - (after[1] ?? '').length, text: after[1] ?? '' } : termFirst(reading.folded.text);
  if (!found) return undefined;
  // « c'est quoi les affaires de Léa ? » asks for records, not for a word.
  if (lexicon.DEAL_LIST.test(found.text) || lexicon.PIPELINE.test(found.text) || lexicon.RELANCE_PREVIEW.test(found.text)) return undefined;
  const termStart = found.start;
  const termText = found.text.replace(/[?!.…]+\s*$/u, '').trim();
  const personal = /\b(?:mon|ma|mes|notre|nos|our|my|team's|l'equipe|de l'equipe|ce mois|cette semaine|ce trimestre|this|last|dernier|derniere|on)\b/.test(termText);
  if (personal) return undefined;
  // « c'est quoi le statut de Soylent ? » is about a record, not a word.
  if (reading.mentions.some((mention) => mention.kind !== 'member' && mention.words.some((index) => (reading.words[index]?.start ?? 0) >= termStart))) return undefined;
  if (/\b(?:statut|status|etat|state)\b/.test(termText)) return undefined;
  if (/^(?:(?:i|we) (?:do|should|need)|(?:je|on) (?:fais|fait|dois|doit)|(?:la|le) (?:suite|plan)|(?:de )?(?:neuf|new|up))\b/.test(termText)) return undefined;
  const raw = rawSpan(reading.folded, termStart, termStart + termText.length);
  const term = raw.replace(/^(?:(?:le|la|les|un|une|des|du|de|a|an|the)\s+|(?:l|d)['’])+/iu, '').replace(/\s+(?:mean|means|stand for|stands for|veut dire|signifie|exactement|au juste|stp|svp|please|again)$/iu, '').replace(/[?!.…"«»]+/gu, '').trim();
  if (!term || term.split(/\s+/u).length > 5) return undefined;
  if (!mayBeGlossaryTerm(term)) return refuse('unknown', [['define', 'list'], ['help']]);
  return understood(['define', 'lookup'], { query: { type: 'text', text: term } }, 0.9);
}

/** « un MQL c'est quoi exactement ? », "SPIN selling = ?": the term before the question, and where it starts. */
function termFirst(text: string): { start: number; text: string } | undefined {
  const match = /^\W*(?:(?:un|une|le|la|les|l'|a|an|the)\s+)?([^?=,.]{2,40}?)\s*(?:,\s*)?(?:c'est quoi|c est quoi|cest quoi|c koi|ca veut dire quoi|ca veut dire|=\s*\?|means what|stands for what)/.exec(text);
  if (!match) return undefined;
  const term = match[1]!;
  return { start: text.indexOf(term, match.index), text: term };
}
