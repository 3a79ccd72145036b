// Sentence → command of the registry, offline and in microseconds: the rules of
// intent-lexicon.ts pick what the member wants, the workspace's names (vocabulary.ts) say which
// records, the parsers the commands use read dates and amounts. It writes nothing and runs
// nothing: the bot shows writes as a command line to confirm and answers reads through the
// ordinary engine.
import type { Registry } from '../core/registry.ts';
import { rawSpan, foldText, wordsOf, type FoldedText, type Word } from './folded-text.ts';
import { bestMentions, spotEntities, type Mention } from './entity-spotter.ts';
import { recordWords, type DealEntry } from './vocabulary.ts';
import { mayBeGlossaryTerm } from './glossary-words.ts';
import * as lexicon from './intent-lexicon.ts';
import { resolveDealMention, resolveNamed, type Resolved } from './record-resolver.ts';
import { findAmounts, findDates, findDirection, findDuration, findLossReason, findOutcome, findPeriod, findScopeWord, type Found, type ReadEnv } from './slot-readers.ts';
import { followUpFrame } from './follow-up.ts';
import type { Frame, Refusal, Slot, Understanding } from './understanding.types.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface UnderstandInput {
  sentence: string;
  registry: Registry;
  vocabulary: Vocabulary;
  env: ReadEnv;
  /** The member talking: « mes affaires » is theirs, their own name is no scope. */
  speakerId: number;
  /** The last question asked in this thread or DM, for « et le mois dernier ? ». */
  previous?: Frame;
  /** Deals the member may be told about (all when absent). */
  canSee?: (deal: DealEntry) => boolean;
}

/** What the rules know of one sentence while they read it. */
interface Reading {
  input: UnderstandInput;
  folded: FoldedText;
  words: Word[];
  mentions: Mention[];
  question: boolean;
}

const refuse = (refusal: Refusal, closest: string[][]): Understanding => ({ frame: null, confidence: 0, refusal, closest });
const understood = (path: string[], slots: Record<string, Slot>, confidence: number): Understanding => ({ frame: { path, slots }, confidence, closest: [] });

export function understandSentence(input: UnderstandInput): Understanding {
  const folded = foldText(input.sentence.replace(/<@[^>]+>/g, ' '));
  const words = wordsOf(folded.text);
  if (words.length === 0) return refuse('vague', [['help']]);
  if (lexicon.DESTRUCTIVE.test(folded.text)) return refuse('unsafe', [['deal', 'list'], ['help']]);
  if (lexicon.UNSUPPORTED.test(folded.text)) return refuse('unsupported', [['log'], ['deal', 'next'], ['help']]);
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

type Rule = (reading: Reading) => Understanding | undefined;

/** « c'est quoi le churn ? » — but « c'est quoi notre churn ce mois ? » is a figure. */
function defineRule(reading: Reading): Understanding | undefined {
  const match = lexicon.DEFINE.exec(reading.folded.text);
  if (!match) return undefined;
  const termStart = match.index + match[0].length - (match[1] ?? '').length;
  const termText = (match[1] ?? '').replace(/[?!.…]+\s*$/u, '').trim();
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

// --- reads -----------------------------------------------------------------------------------

const READS: Rule[] = [howToRule, relancePreviewRule, objectivesRule, pipelineRule, kpiRule, dealListRule, contactShowRule, dealShowRule];

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

function howToRule(reading: Reading): Understanding | undefined {
  if (!HOW_TO.test(reading.folded.text) || /\b(?:comment (?:va|vont|ca va|se passe|avance)|how (?:is|are|'s)|how many|how much)\b/.test(reading.folded.text)) return undefined;
  const topic = HELP_TOPICS.find(([pattern]) => pattern.test(reading.folded.text));
  if (!topic) return undefined;
  const [command, sub] = topic[1];
  const slots: Record<string, Slot> = { command: { type: 'text', text: command ?? 'help' } };
  if (sub) slots['sub'] = { type: 'text', text: sub };
  return understood(['help'], slots, 0.85);
}

function relancePreviewRule(reading: Reading): Understanding | undefined {
  if (!lexicon.RELANCE_PREVIEW.test(reading.folded.text)) return undefined;
  const digest = /\b(?:synthese|digest|resume d'equipe|team summary)\b/.test(reading.folded.text);
  const mine = /\b(?:my reminder|mon rappel|my nudge)\b/.test(reading.folded.text);
  return understood(['relance', 'preview'], digest ? { what: { type: 'choice', value: 'digest' } } : mine ? { what: { type: 'choice', value: 'me' } } : {}, 0.9);
}

/** Where one stands against the objective: a figure, not the list of objectives. */
const ATTAINMENT = /\b(?:ou j'en suis|ou en suis-je|ou on en est|ou en est-on|where am i|where are we|how far|how close|atteint|reached|%|pourcentage|percent|par rapport a|against|vs)\b/;

function objectivesRule(reading: Reading): Understanding | undefined {
  if (!lexicon.OBJECTIVES.test(reading.folded.text) || ATTAINMENT.test(reading.folded.text)) return undefined;
  if (/\b(?:fixe|fixer|definir|set|mets?)\b/.test(reading.folded.text) && !reading.question) return undefined;
  const slots: Record<string, Slot> = {};
  const period = findPeriod(reading.folded);
  if (period) slots['period'] = { type: 'period', value: period.value };
  return understood(['objective', 'list'], slots, 0.85);
}

function pipelineRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  if (!lexicon.PIPELINE.test(text) || lexicon.PIPELINE_VALUE.test(text)) return undefined;
  if (/\b(?:pondere|weighted|forecast|prevision)\b/.test(text)) return undefined;
  const slots: Record<string, Slot> = { ...periodSlot(reading), ...scopeSlot(reading, 'scope'), ...stageFilter(reading) };
  if (/\b(?:non qualifiee?s?|unqualified|pas qualifiee?s?)\b/.test(text)) slots['qualification'] = { type: 'choice', value: 'none' };
  else if (/\b(?:qualifiees|qualified deals|deals qualified)\b/.test(text)) slots['qualification'] = { type: 'choice', value: 'qualified' };
  return understood(['pipeline'], slots, 0.9);
}

function kpiRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  let key = kpiKey(reading);
  if (!key && /\b(?:how many|combien)\b.*\b(?:deals?|affaires?)\b.*\b(?:win|won|close|closed|sign|signed|gagne\w*|signe\w*)\b/.test(text)) key = 'deals_won';
  if (!key && ATTAINMENT.test(text) && /\b(?:objectifs?|quota|targets?)\b/.test(text)) key = 'quota_attainment';
  // « mes chiffres de la semaine », "my numbers for today": the figures, no one in particular.
  const figuresOnly = !key && /\b(?:mes chiffres|nos chiffres|les chiffres|my numbers|our numbers|the numbers|kpis?|indicateurs|stats|statistiques|metrics)\b/.test(text);
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

function dealListRule(reading: Reading): Understanding | undefined {
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

function contactShowRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  if (!lexicon.CONTACT_SHOW.test(text) && !/\b(?:infos? sur|le contact|contact card|fiche contact|who's|whos)\b/.test(text)) return undefined;
  if (lexicon.PAST_REPORT.test(text) && !reading.question && !/\b(?:infos?|fiche|contact)\b/.test(text)) return undefined;
  const contact = resolveNamed(reading.input.vocabulary, reading.mentions, 'contact');
  if (contact.kind === 'one') return understood(['contact', 'show'], { contact: { type: 'name', name: contact.record.name } }, 0.85);
  if (contact.kind === 'many') return { ...understood(['contact', 'show'], {}, 0.7), ambiguous: { arg: 'contact', candidates: contact.candidates } };
  return undefined;
}

function dealShowRule(reading: Reading): Understanding | undefined {
  if (!lexicon.DEAL_SHOW.test(reading.folded.text) && !reading.question) return undefined;
  if (hasWriteSignal(reading)) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, false, reading.input.canSee);
  return withDeal(['deal', 'show'], deal, {}, 0.85, false);
}

// --- writes ----------------------------------------------------------------------------------

const WRITES: Rule[] = [newDealRule, qualifyRule, lostRule, wonRule, stageRule, closeDateRule, amountRule, nextStepRule, logRule];

/** Signals that the sentence reports or changes something (a figure question has none). */
function hasWriteSignal(reading: Reading): boolean {
  const text = reading.folded.text;
  return (
    lexicon.LOST.test(text) ||
    lexicon.LOST_TO.test(text) ||
    (lexicon.WON.test(text) && !/\b(?:combien|how many|how much|taux|rate)\b/.test(text)) ||
    lexicon.NEW_DEAL.test(text) ||
    (lexicon.PAST_REPORT.test(text) && activityType(reading, reading.folded.text) !== undefined)
  );
}

function newDealRule(reading: Reading): Understanding | undefined {
  if (!lexicon.NEW_DEAL.test(reading.folded.text)) return undefined;
  const slots: Record<string, Slot> = {};
  const company = resolveNamed(reading.input.vocabulary, reading.mentions, 'company');
  if (company.kind === 'one') slots['company'] = { type: 'name', name: company.record.name };
  else {
    const typed = capitalisedAfter(reading, /\b(?:chez|avec|pour|with|at|for|de chez|affaire|deal|opportunite|opportunity|opp)\s+$/);
    if (typed) slots['company'] = { type: 'name', name: typed };
  }
  const named = /(?:appelee?|nommee?|intitulee?|called|named)\s+["«“]?([^"»”,.;]+)/u.exec(reading.input.sentence) ?? /["«“]([^"»”]+)["»”]/u.exec(reading.input.sentence);
  if (named?.[1]) slots['name'] = { type: 'text', text: named[1].trim() };
  const amount = findAmounts(reading.folded, reading.input.env)[0];
  if (amount) slots['amount'] = { type: 'amount', amount: amount.value, typed: amount.typed };
  const date = futureDate(reading, findDates(reading.folded, reading.input.env));
  if (date) slots['close'] = { type: 'date', iso: date.value, typed: date.typed, ...(date.lang ? { typedIn: date.lang } : {}) };
  const contact = resolveNamed(reading.input.vocabulary, reading.mentions, 'contact');
  if (contact.kind === 'one') slots['contact'] = { type: 'name', name: contact.record.name };
  const stage = lexicon.STAGES.find(([pattern]) => pattern.test(reading.folded.text));
  if (stage) slots['stage'] = { type: 'stage', key: stage[1] };
  if (/\b(?:responsable|owner|proprietaire|pour|for|assigne[e]? a|assigned to)\b/.test(reading.folded.text)) {
    const owner = resolveNamed(reading.input.vocabulary, reading.mentions, 'member');
    if (owner.kind === 'one' && owner.record.id !== reading.input.speakerId) slots['owner'] = { type: 'name', name: owner.record.name };
  }
  return understood(['deal', 'new'], slots, slots['company'] ? 0.8 : 0.6);
}

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

function qualifyRule(reading: Reading): Understanding | undefined {
  if (!lexicon.QUALIFY.test(reading.folded.text)) return undefined;
  if (/\b(?:non qualifiee?s|unqualified|a qualifier|qualifiees|qualified deals)\b/.test(reading.folded.text) && reading.question) return undefined;
  if (lexicon.STAGE_MOVE.test(reading.folded.text) && /\b(?:en|to|vers)\s+(?:qualifiee?|qualified)\b/.test(reading.folded.text)) return undefined;
  if (/\b(?:is|est|sont|are)(?: now| maintenant| desormais)? qualifi/.test(reading.folded.text)) return undefined;
  if (futureDate(reading, findDates(reading.folded, reading.input.env)) && !lexicon.FRAMEWORK.test(reading.folded.text)) return undefined;
  const slots: Record<string, Slot> = {};
  const framework = lexicon.FRAMEWORK.exec(reading.folded.text)?.[1];
  if (framework) slots['framework'] = { type: 'choice', value: framework };
  const criterion = CRITERIA.find(([pattern]) => pattern.test(reading.folded.text));
  if (criterion) slots['criterion'] = { type: 'choice', value: criterion[1] };
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['qualify'], deal, slots, 0.85, false);
}

function lostRule(reading: Reading): Understanding | undefined {
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

/** « mes affaires perdues », "my won deals": a list, not a loss. */
const LIST_OF_CLOSED = /\b(?:affaires|deals|opportunites|opps) (?:perdues|gagnees|signees|won|lost)\b|\b(?:won|lost|closed) deals\b/;

function wonRule(reading: Reading): Understanding | undefined {
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

function stageRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  if (!lexicon.STAGE_MOVE.test(text) || (activityType(reading, text) && lexicon.PAST_REPORT.test(text))) return undefined;
  if (findAmounts(reading.folded, reading.input.env).length > 0 && !/\b(?:etape|stage|passe|move)\b/.test(text)) return undefined;
  const stage = lexicon.STAGES.find(([pattern]) => {
    const match = pattern.exec(text);
    return match && /(?:\b(?:en|to|vers|au stade|a l'etape|stage|etape|into|in|a|is|est|now|maintenant|desormais|phase|phase de|stade de|stage of)|→|->)\s*(?:la |le |l'|the )?$/.test(text.slice(0, match.index).slice(-25));
  });
  if (!stage) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'stage'], deal, { stage: { type: 'stage', key: stage[1] } }, 0.85, true);
}

function closeDateRule(reading: Reading): Understanding | undefined {
  const date = futureDate(reading, findDates(reading.folded, reading.input.env));
  const signs = /\b(?:signe|signent|sign|signs|close|closes|closing|cloture)\b/.test(reading.folded.text) && !/\b(?:on a signe|c'est signe|a signe|ont signe|signed|closed)\b/.test(reading.folded.text);
  if (!lexicon.CLOSE_DATE.test(reading.folded.text) && !(signs && date)) return undefined;
  if (!date) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'close'], deal, { date: { type: 'date', iso: date.value, typed: date.typed, ...(date.lang ? { typedIn: date.lang } : {}) } }, 0.8, true);
}

function amountRule(reading: Reading): Understanding | undefined {
  const amount = findAmounts(reading.folded, reading.input.env)[0];
  if (!amount) return undefined;
  if (activityType(reading, reading.folded.text)) return undefined;
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'amount'], deal, { amount: { type: 'amount', amount: amount.value, typed: amount.typed } }, 0.8, true);
}

function nextStepRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  const named = /\b(?:prochaine etape|etape suivante|next step|next steps|next action|action suivante|suite)\b/.test(text);
  // « Garnier : relancer Thomas vendredi » — a record, a colon, then what to do.
  const headed = /^[^:,]{2,40}[:,]\s*\S/.exec(text);
  const headedStep = headed !== null && reading.mentions.some((mention) => mention.kind !== 'member' && mention.words.some((index) => (reading.words[index]?.end ?? 99) <= headed[0].length));
  if (!named && !headedStep) return undefined;
  const leading = /^\W*(?:prochaine etape|etape suivante|next steps?)\b/.test(text);
  if (!leading && activityType(reading, reportPart(reading).text)) return undefined;
  if (headedStep && !named && !lexicon.NEXT_TRIGGERS[1]!.pattern.test(text) && !futureDate(reading, findDates(reading.folded, reading.input.env))) return undefined;
  const next = headedStep && !named ? stepAfter(reading, headed[0].length - 1) : nextStep(reading);
  const slots: Record<string, Slot> = {};
  if (next?.step) slots['step'] = { type: 'text', text: next.step };
  if (next?.due) slots['due'] = { type: 'date', iso: next.due.value, typed: next.due.typed, ...(next.due.lang ? { typedIn: next.due.lang } : {}) };
  const deal = resolveDealMention(reading.input.vocabulary, reading.mentions, true, reading.input.canSee);
  return withDeal(['deal', 'next'], deal, slots, 0.8, true);
}

function logRule(reading: Reading): Understanding | undefined {
  const report = reportPart(reading);
  const type = activityType(reading, report.text) ?? activityType(reading, reading.folded.text);
  if (!type) return undefined;
  const text = reading.folded.text;
  // A report, not a wish: « appelle Marie » asks the bot to call (refused earlier); a bare noun is too vague.
  const past = lexicon.PAST_REPORT.test(text) || findOutcome(reading.folded) !== undefined || /\b(?:appele|appelee|rappele|envoye|relance|vu|rencontre|presente|fait|eu|called|emailed|met|sent|demoed|spoke|talked)\b/.test(text);
  const named = reading.mentions.some((mention) => mention.kind !== 'member');
  if (!past && !named && type !== 'note') return undefined;
  const slots: Record<string, Slot> = { type: { type: 'choice', value: type } };
  const vocabulary = reading.input.vocabulary;
  const company = resolveNamed(vocabulary, reading.mentions, 'company');
  const contact = narrowByCompany(vocabulary, resolveNamed(vocabulary, reading.mentions, 'contact'), company);
  let ambiguous: Understanding['ambiguous'];
  if (contact.kind === 'one') slots['contact'] = { type: 'name', name: contact.record.name };
  else if (contact.kind === 'many') ambiguous = { arg: 'contact', candidates: contact.candidates };
  if (company.kind === 'one') slots['company'] = { type: 'name', name: company.record.name };
  // The deal itself is meant when named as one (« l'affaire Lambert ») or by more than its company (« Acme formation »).
  const explicitDeal = /\b(?:affaire|deal|opportunite|opp|oppo|dossier)\b/.test(text) || /#\d+/.test(text) || bestMentions(reading.mentions, 'deal').some((mention) => namesMoreThanCompany(reading, mention));
  if (explicitDeal) {
    const deal = resolveDealMention(vocabulary, reading.mentions, false, reading.input.canSee);
    if (deal.kind === 'one') {
      slots['deal'] = { type: 'deal', id: deal.record.id, name: deal.record.name };
      delete slots['company'];
    }
  }
  if (!slots['contact'] && !slots['company'] && !slots['deal'] && !ambiguous) {
    const typed = capitalisedAfter(reading, /\b(?:avec|chez|a|au|aux|de chez|with|to|at|from)\s+$/);
    if (typed) slots['target'] = { type: 'name', name: typed };
  }
  const outcome = findOutcome({ ...reading.folded, text: report.text }) ?? findOutcome(reading.folded);
  if (outcome && type !== 'note') slots['outcome'] = { type: 'choice', value: outcome };
  if (type === 'call' || type === 'email') {
    // « Inès Garcia called », "Chloé emailed back": they reached out; no answer or voicemail: the member did.
    const direction = theyReachedOut(reading) ? 'inbound' : (findDirection(reading.folded) ?? (outcome === 'no_answer' || outcome === 'voicemail' ? 'outbound' : undefined));
    if (direction) slots['direction'] = { type: 'choice', value: direction };
  }
  const duration = findDuration(reading.folded);
  if (duration && type !== 'email' && type !== 'note') slots['duration'] = { type: 'duration', minutes: duration.value };
  const dates = findDates(reading.folded, reading.input.env);
  const today = reading.input.env.now.toISOString().slice(0, 10);
  const pastDate = dates.find((date) => date.value < today && date.start < report.end);
  if (pastDate) slots['on'] = { type: 'date', iso: pastDate.value, typed: pastDate.typed, ...(pastDate.lang ? { typedIn: pastDate.lang } : {}) };
  const next = nextStep(reading);
  if (next?.step) slots['next'] = { type: 'text', text: next.step };
  if (next?.due) slots['due'] = { type: 'date', iso: next.due.value, typed: next.due.typed, ...(next.due.lang ? { typedIn: next.due.lang } : {}) };
  const result = understood(['log'], slots, slots['contact'] || slots['company'] || slots['deal'] ? 0.85 : 0.6);
  return ambiguous ? { ...result, ambiguous } : result;
}

// --- helpers ---------------------------------------------------------------------------------

/** « Marie de chez Lefèvre »: of two Maries, the one who works there. */
function narrowByCompany(vocabulary: Vocabulary, contact: Resolved, company: Resolved): Resolved {
  if (contact.kind !== 'many' || company.kind !== 'one') return contact;
  const there = contact.candidates.filter((candidate) => vocabulary.contactById.get(candidate.id)?.companyId === company.record.id);
  return there.length === 1 ? { kind: 'one', record: there[0]! } : contact;
}

/** A deal named by more than its company's name (« Acme formation »), not by a year. */
function namesMoreThanCompany(reading: Reading, mention: Mention): boolean {
  const deal = reading.input.vocabulary.dealById.get(mention.id);
  const companyWords = new Set(deal?.companyId ? recordWords(reading.input.vocabulary, 'company', deal.companyId) : []);
  return mention.words.some((index) => {
    const word = reading.words[index]?.text ?? '';
    return !/^\d+$/.test(word) && ![...companyWords].some((name) => name === word || (word.length >= 7 && name.length >= 7 && name.slice(0, 5) === word.slice(0, 5)));
  }) && mention.matched >= 2;
}

/** The sentence starts with the contact or company, who then called or wrote. */
function theyReachedOut(reading: Reading): boolean {
  const first = reading.mentions.filter((mention) => mention.kind === 'contact' || mention.kind === 'company').flatMap((mention) => mention.words).sort((a, b) => a - b)[0];
  if (first === undefined || first > 1) return false;
  const after = reading.folded.text.slice(reading.words[first]?.end ?? 0);
  return /^[^,.;]{0,30}?\b(?:called|emailed|rang|phoned|wrote|replied|pinged (?:me|us)|reached out|got back|texted|m'a|nous a|a appele|a rappele|a ecrit|a repondu|m'ont|nous ont)\b/.test(after) && !/^\W*(?:i|je|j'ai)\b/.test(reading.folded.text);
}

/** The part of the sentence that tells what happened, before any next step. */
function reportPart(reading: Reading): { text: string; end: number } {
  let end = reading.folded.text.length;
  for (const trigger of lexicon.NEXT_TRIGGERS) {
    const match = trigger.pattern.exec(reading.folded.text);
    if (match && match.index > 0 && match.index < end) end = match.index;
  }
  return { text: reading.folded.text.slice(0, end), end };
}

function activityType(_reading: Reading, text: string): string | undefined {
  let best: { type: string; at: number } | undefined;
  for (const [pattern, type] of lexicon.ACTIVITY_TYPES) {
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.at)) best = { type, at: match.index };
  }
  if (!best && lexicon.WEAK_CALL.test(text)) return 'call';
  // « visio démo », "demo meeting": a demo is the more precise kind.
  if (best?.type === 'meeting' && lexicon.ACTIVITY_TYPES[0]![0].test(text)) return 'demo';
  // « eu X au tel » and « rappelé » are calls even when a meeting word comes first (« rdv calé au tel »).
  if (best?.type === 'meeting' && /\b(?:au (?:tel|telephone|fil)|par telephone|by phone|on the phone|over the phone)\b/.test(text) && !/\b(?:rdv|rendez-vous|reunion|meeting)\b/.test(text.slice(0, best.at + 12))) return 'call';
  return best?.type;
}

/** The next step's words as typed and its date: « ok pour une démo jeudi » → démo, jeudi. */
function nextStep(reading: Reading): { step?: string; due?: Found<string> } | undefined {
  const text = reading.folded.text;
  let start: number | undefined;
  let at: number | undefined;
  const dated = futureDate(reading, findDates(reading.folded, reading.input.env));
  for (const trigger of lexicon.NEXT_TRIGGERS) {
    const match = trigger.pattern.exec(text);
    // « mail envoyé pour caler la démo »: a purpose, not a step to come.
    if (!match || (trigger.keepTrigger && /\b(?:pour|to|afin de)\s+$/.test(text.slice(0, match.index)))) continue;
    // « elle veut le devis » is a wish; with its date (« pour vendredi ») it is the next step.
    if (trigger.needsDate && (!dated || dated.start < match.index)) continue;
    if (at === undefined || match.index < at) {
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

function stepAfter(reading: Reading, from: number): { step?: string; due?: Found<string> } | undefined {
  const text = reading.folded.text;
  let start = from;
  // « prochaine étape pour Dupuis : envoyer la proposition » — the step is what follows the colon.
  const colon = /^[^:]{0,40}:\s*/.exec(text.slice(start));
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
    const before = text.slice(start, due.start).replace(/(?:\s*\b(?:pour|par|by|on|le|la|avant|before|d'ici|for|au plus tard|max|at|the|ce|cette|this|des|from|starting|in|dans|sous|within|due|prevu|prevue|planned)\s*)+$/, '');
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
  const step = raw
    .replace(/^[\s:,=-]+/u, '')
    .replace(/^(?:is|est|sera|c'est|will be|(?:il )?faut|je dois|on doit|il faut que je|need to|needs to|must|we must|i must)\s+/iu, '')
    .replace(/\s+(?:asap|dès que possible|des que possible|rapidement)\b.*$/iu, '')
    .replace(/\s+(?:prévue?|prevue?|planifiée?|planifiee?|calée?|calee?|scheduled|booked|planned)$/iu, '')
    .replace(/^(?:(?:une|un|les|le|la|des|du|an|a|the)\s+|(?:l|d)['’]\s*)+/iu, '')
    .replace(/[\s.,;:!?…)]+$/u, '')
    .replace(/\s*\p{Extended_Pictographic}+\s*/gu, ' ')
    .trim();
  return step && step.length <= 120 && !NO_STEP.test(step) ? step : undefined;
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

/** « en négo », "in proposal": a stage a list or the pipeline is narrowed to. */
function stageFilter(reading: Reading): Record<string, Slot> {
  for (const [pattern, key] of lexicon.STAGES) {
    const match = pattern.exec(reading.folded.text);
    if (match && /\b(?:en|in|at|au stade|a l'etape|stage|etape)\s+(?:la |le |l')?$/.test(reading.folded.text.slice(Math.max(0, match.index - 16), match.index))) return { stage: { type: 'stage', key } };
  }
  return {};
}

function futureDate(reading: Reading, dates: Array<Found<string>>): Found<string> | undefined {
  const today = reading.input.env.now.toISOString().slice(0, 10);
  return dates.find((date) => date.value >= today);
}

/** A name the workspace does not have yet: the capitalised words after « chez », "with"… */
function capitalisedAfter(reading: Reading, preposition: RegExp): string | undefined {
  const pattern = /(\p{Lu}[\p{L}\d&'-]*(?:\s+(?:\p{Lu}[\p{L}\d&'-]*|&))*)/gu;
  for (const match of reading.input.sentence.matchAll(pattern)) {
    if (match.index === 0) continue;
    const before = foldText(reading.input.sentence.slice(Math.max(0, match.index - 12), match.index)).text + ' ';
    if (preposition.test(before)) return match[1]?.trim();
  }
  return undefined;
}

function kpiKey(reading: Reading): string | undefined {
  for (const phrase of lexicon.kpiPhrases(reading.input.registry)) if (phrase.pattern.test(reading.folded.text)) return phrase.key;
  // « CA » (chiffre d'affaires) only in capitals: « ça va » is no revenue question.
  if (/(?:^|[^\p{L}])CA(?:[^\p{L}]|$)/u.test(reading.input.sentence)) return 'revenue';
  return undefined;
}

function periodSlot(reading: Reading): Record<string, Slot> {
  const period = findPeriod(reading.folded);
  return period ? { period: { type: 'period', value: period.value } } : {};
}

/** A member named in the sentence (not the speaker), or « équipe »/"everyone". */
function memberSlot(reading: Reading, _kind: 'member'): Slot | undefined {
  const member = resolveNamed(reading.input.vocabulary, reading.mentions.filter((mention) => !(mention.kind === 'member' && mention.id === reading.input.speakerId)), 'member');
  if (member.kind === 'one') return { type: 'name', name: member.record.name };
  const scope = findScopeWord(reading.folded);
  return scope ? { type: 'scope', value: scope } : undefined;
}

function scopeSlot(reading: Reading, arg: string): Record<string, Slot> {
  const slot = memberSlot(reading, 'member');
  if (slot) return { [arg]: slot };
  // "our win rate", « notre taux de gain »: the team's figure, not the speaker's.
  if (arg === 'scope' && /\b(?:notre|nos|our|we|we've|ours)\b/.test(reading.folded.text)) return { [arg]: { type: 'scope', value: 'team' } };
  return {};
}

/** A write or read about one deal: the deal found, asked among equals, or none (then refused). */
function withDeal(path: string[], deal: Resolved, slots: Record<string, Slot>, confidence: number, write: boolean): Understanding | undefined {
  switch (deal.kind) {
    case 'one':
      return understood(path, { deal: { type: 'deal', id: deal.record.id, name: deal.record.name }, ...slots }, confidence);
    case 'many':
      return { ...understood(path, slots, confidence - 0.1), ambiguous: { arg: 'deal', candidates: deal.candidates } };
    case 'closed':
      return write ? { ...refuse('closed', [['deal', 'show']]), subject: deal.record } : understood(path, { deal: { type: 'deal', id: deal.record.id, name: deal.record.name }, ...slots }, confidence);
    case 'none':
      // « passe le deal en gagné » with no deal: never a write on a guess.
      return write ? refuse('no_record', [path, ['deal', 'list']]) : undefined;
  }
}

/** Commands close to what was said, for the buttons of "I did not understand". */
function closestFor(reading: Reading): string[][] {
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
