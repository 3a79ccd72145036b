// Questions the bot answers by running a read: how to use a command, the nudge preview,
// objectives, the pipeline, a KPI, a list of deals, a contact's or a deal's card.
import * as lexicon from './intent-lexicon.ts';
import { periodSlot, scopeSlot, stageFilter } from './read-slots.ts';
import { resolveDealMention, resolveNamed } from './record-resolver.ts';
import { understood, withDeal } from './rule-results.ts';
import { hasWriteSignal, LIST_OF_CLOSED } from './sentence-clues.ts';
import { findPeriod } from './slot-readers.ts';
import type { Slot, Understanding } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

/** « comment je déclare une affaire perdue ? », "how do I log a call?" → the help of that command. */
const HOW_TO = /^\W*(?:comment\b|how (?:do|can|should|to)\b|aide (?:sur|pour|avec)\b|help (?:on|with|for)\b|c'est quoi la commande|quelle commande|which command)/;
const HELP_TOPICS: Array<[RegExp, string[]]> = [
  [/\b(?:perdue?|lost|lose)\b/, ['deal', 'lost']],
  [/\b(?:gagnee?|won|win|signee?)\b/, ['deal', 'won']],
  [/\b(?:cree[rz]?|nouvelle|new|create|add|ajouter) (?:une |un |a )?(?:affaire|deal|opportunite)/, ['deal', 'new']],
  [/\b(?:qualif\w*|bant|meddic)\b/, ['qualify']],
  [/\b(?:kpi|indicateurs?|chiffres|figures|metrics)\b/, ['kpi']],
  [/\b(?:pipe|pipeline)\b/, ['pipeline']],
  [/\b(?:objectifs?|quota|targets?)\b/, ['objective']],
  [/\b(?:glossaire|definition|define|lexique)\b/, ['define']],
  [/\b(?:relances?|rappels?|reminders?|nudges?)\b/, ['relance']],
  [/\b(?:appel|call|mail|email|rdv|reunion|meeting|demo|activite|activity|log|journal\w*|enregistre\w*|note)\b/, ['log']],
  [/\b(?:affaires?|deals?)\b/, ['deal']],
];

export function howToRule(reading: Reading): Understanding | undefined {
  if (!HOW_TO.test(reading.folded.text) || /\b(?:comment (?:va|vont|ca va|se passe|avance)|how (?:is|are|'s)|how many|how much)\b/.test(reading.folded.text)) return undefined;
  const topic = HELP_TOPICS.find(([pattern]) => pattern.test(reading.folded.text));
  if (!topic) return undefined;
  const [command, sub] = topic[1];
  const slots: Record<string, Slot> = { command: { type: 'text', text: command ?? 'help' } };
  if (sub) slots['sub'] = { type: 'text', text: sub };
  return understood(['help'], slots, 0.85);
}

export function relancePreviewRule(reading: Reading): Understanding | undefined {
  if (!lexicon.RELANCE_PREVIEW.test(reading.folded.text)) return undefined;
  const digest = /\b(?:synthese|digest|resume d'equipe|team summary)\b/.test(reading.folded.text);
  // The member's own reminder is the command's default: no `what` to write.
  return understood(['relance', 'preview'], digest ? { what: { type: 'choice', value: 'digest' } } : {}, 0.9);
}

/** Where one stands against the objective: a figure, not the list of objectives. */
const ATTAINMENT = /\b(?:ou j'en suis|ou en suis-je|ou on en est|ou en est-on|where am i|where are we|how far|how close|atteint|reached|%|pourcentage|percent|par rapport a|against|vs)\b/;

export function objectivesRule(reading: Reading): Understanding | undefined {
  if (!lexicon.OBJECTIVES.test(reading.folded.text) || ATTAINMENT.test(reading.folded.text)) return undefined;
  if (/\b(?:fixe|fixer|definir|set|mets?)\b/.test(reading.folded.text) && !reading.question) return undefined;
  const slots: Record<string, Slot> = {};
  const period = findPeriod(reading.folded);
  if (period) slots['period'] = { type: 'period', value: period.value };
  return understood(['objective', 'list'], slots, 0.85);
}

export function pipelineRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  if (!lexicon.PIPELINE.test(text) || lexicon.PIPELINE_VALUE.test(text)) return undefined;
  if (/\b(?:pondere|weighted|forecast|prevision)\b/.test(text)) return undefined;
  const slots: Record<string, Slot> = { ...periodSlot(reading), ...scopeSlot(reading, 'scope'), ...stageFilter(reading) };
  if (/\b(?:non qualifiee?s?|unqualified|pas qualifiee?s?)\b/.test(text)) slots['qualification'] = { type: 'choice', value: 'none' };
  else if (/\b(?:qualifiees|qualified deals|deals qualified)\b/.test(text)) slots['qualification'] = { type: 'choice', value: 'qualified' };
  return understood(['pipeline'], slots, 0.9);
}

export function kpiRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  let key = kpiKey(reading);
  if (!key && /\b(?:how many|combien)\b.*\b(?:deals?|affaires?)\b.*\b(?:win|won|close|closed|sign|signed|gagne\w*|signe\w*)\b/.test(text)) key = 'deals_won';
  if (!key && ATTAINMENT.test(text) && /\b(?:objectifs?|quota|targets?)\b/.test(text)) key = 'quota_attainment';
  // « mes chiffres de la semaine », "my numbers for today": the figures, no one in particular.
  const figuresOnly = !key && /\b(?:mes chiffres|nos chiffres|les chiffres|niveau chiffres|cote chiffres|my numbers|our numbers|the numbers|kpis?|indicateurs|stats|statistiques|metrics)\b/.test(text);
  const list = /\b(?:liste des (?:indicateurs|kpi)|indicateurs dispo\w*|quels (?:indicateurs|kpi)|which (?:kpis|metrics)|list (?:of )?(?:kpis|metrics))\b/.test(text);
  if (!key && !figuresOnly && !list) return undefined;
  if (LIST_OF_CLOSED.test(text) && !/\b(?:combien|how many|nombre|count|total)\b/.test(text)) return undefined;
  if (list) return understood(['kpi'], { name: { type: 'choice', value: 'list' } }, 0.85);
  // « appels » is a figure in a question (« combien d'appels ? »), an activity in a report.
  if (key === 'activities' && !reading.question && !/\b(?:combien|nombre|how many|count|total|mes activites|my activit)/.test(text)) return undefined;
  if (!reading.question && !/\b(?:combien|nombre|how many|how much|count|total|taux|rate|niveau|level|mes|my|nos|our)\b/.test(text) && hasWriteSignal(reading)) return undefined;
  const slots: Record<string, Slot> = { ...periodSlot(reading), ...scopeSlot(reading, 'scope') };
  if (key) slots['name'] = { type: 'choice', value: key };
  return understood(['kpi'], slots, 0.9);
}

export function dealListRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  const listed = lexicon.DEAL_LIST.test(text) || /\b(?:everything|all|tout ce qu)\b[^.]*\b(?:has won|have won|won|a gagne|a signe|ont gagne|signed|lost|a perdu)\b/.test(text) || /\b(?:quelles|which|what) (?:affaires|deals|of my deals|opportunites)\b|\b(?:affaires|deals) (?:perdues|gagnees|won|lost|en cours|ouvertes|open)\b|\b(?:won|lost|open) deals\b/.test(text);
  if (!listed || (hasWriteSignal(reading) && !reading.question && !LIST_OF_CLOSED.test(text) && !/\b(?:mes|my|liste|list)\b/.test(text))) return undefined;
  const slots: Record<string, Slot> = { ...scopeSlot(reading, 'who'), ...stageFilter(reading) };
  if (!slots['who'] && /\b(?:all deals|toutes les affaires|tous les deals|every deal)\b/.test(text)) slots['who'] = { type: 'scope', value: 'all' };
  if (/\b(?:perdues|perdus|lost)\b/.test(text)) slots['status'] = { type: 'text', text: 'lost' };
  else if (/\b(?:gagnees|gagnes|signees|won|closed)\b/.test(text)) slots['status'] = { type: 'text', text: 'won' };
  if (/\b(?:non qualifiee?s|unqualified|pas qualifiee?s|a qualifier)\b/.test(text)) slots['qualification'] = { type: 'choice', value: 'unqualified' };
  return understood(['deal', 'list'], slots, 0.85);
}

export function contactShowRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  if (!lexicon.CONTACT_SHOW.test(text) && !/\b(?:infos? sur|le contact|contact card|fiche contact|who's|whos)\b/.test(text)) return undefined;
  if (lexicon.PAST_REPORT.test(text) && !reading.question && !/\b(?:infos?|fiche|contact)\b/.test(text)) return undefined;
  const contact = resolveNamed(reading.input.vocabulary, reading.mentions, 'contact');
  if (contact.kind === 'one') return understood(['contact', 'show'], { contact: { type: 'name', name: contact.record.name } }, 0.85);
  if (contact.kind === 'many') return { ...understood(['contact', 'show'], {}, 0.7), ambiguous: { arg: 'contact', candidates: contact.candidates } };
  return undefined;
}

export function dealShowRule(reading: Reading): Understanding | undefined {
  if (!lexicon.DEAL_SHOW.test(reading.folded.text) && !reading.question) return undefined;
  if (hasWriteSignal(reading)) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, false, reading.input.canSee);
  return withDeal(['deal', 'show'], deal, {}, 0.85, false);
}

/** The KPI a sentence names, if any: also what makes « KPI » a button when nothing was understood. */
export function kpiKey(reading: Reading): string | undefined {
  for (const phrase of lexicon.kpiPhrases(reading.input.registry)) if (phrase.pattern.test(reading.folded.text)) return phrase.key;
  // « CA » (chiffre d'affaires) only in capitals: « ça va » is no revenue question.
  if (/(?:^|[^\p{L}])CA(?:[^\p{L}]|$)/u.test(reading.input.sentence)) return 'revenue';
  return undefined;
}
