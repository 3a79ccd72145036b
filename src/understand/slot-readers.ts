// Readers for the values a sentence carries besides names: dates, amounts, durations, periods,
// scopes, outcomes and directions. Each finds its phrase in the folded text and reads it with
// the parsers the commands use (parseDate, parseAmount, parseDuration), so a sentence and a
// command line can never disagree on what « fin du mois » or « 15 k€ » means.
import { parseAmount, isAmbiguousAmount, type Amount } from '../core/parse/amount.parser.ts';
import { parseDate } from '../core/parse/date.parser.ts';
import { parseDuration } from '../core/parse/duration.parser.ts';
import type { Lang } from '../core/types.ts';
import { rawSpan, type FoldedText } from './folded-text.ts';

export interface ReadEnv {
  lang: Lang;
  now: Date;
  timeZone: string;
  currency: string;
}

/** A phrase found in the folded text: where it is and what it reads as. */
export interface Found<T> {
  value: T;
  start: number;
  end: number;
  /** The phrase as typed. */
  typed: string;
  /** The language the phrase was read in (dates: « jeudi » is French even in an English line). */
  lang?: Lang;
}

const WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
// Abbreviations (« mon », « mar », « mer ») are everyday words in French sentences: full names only.
const MONTH =
  '(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|janv|fevr|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)';
const DATE_PATTERNS: RegExp[] = [
  new RegExp(`\\b(?:fin|debut|mi)[- ](?:du mois prochain|du mois|de mois|de la semaine prochaine|de la semaine|de semaine|d'annee|de l'annee|${MONTH})\\b`, 'g'),
  new RegExp(`\\b(?:end|start|beginning|mid|early|late)[- ]?(?:of )?(?:next month|the month|this month|next week|the week|this week|the year|month|week|${MONTH}|q[1-4])\\b`, 'g'),
  /\b(?:fin|end of) (?:t|q)[1-4]\b/g,
  /\b(?:d'ici|sous|dans|in|within) (?:\d{1,3}|deux|trois|quinze) (?:jours|semaines|days|weeks)\b/g,
  /\b(?:la semaine prochaine|semaine prochaine|next week|le mois prochain|next month)\b/g,
  /\b(?:apres-demain|apres demain|the day after tomorrow|demain|tomorrow|tmrw|tmr|2morrow|aujourd'hui|aujourd hui|today|avant-hier|avant hier|hier|yesterday)\b/g,
  // `mardi 15`: the weekday and its day, read together (a mismatch is no date, then asked).
  new RegExp(`\\b${WEEKDAY} (?:the )?\\d{1,2}(?:er|st|nd|rd|th)?\\b(?! ?(?:h\\b|k\\b|€|%|min))`, 'g'),
  new RegExp(`\\b(?:(?:next|last|this) ${WEEKDAY}|${WEEKDAY} (?:prochain|dernier|next)|${WEEKDAY})\\b`, 'g'),
  new RegExp(`\\b(?:\\d{1,2}(?:er)? ${MONTH}(?: \\d{4})?|${MONTH} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?)\\b`, 'g'),
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g,
  /\bthe \d{1,2}(?:st|nd|rd|th)\b/g,
  /\ble \d{1,2}(?:er)?\b(?! ?(?:k|€|%|min|h\b))/g,
];

// Several rules ask for the dates and amounts of the same sentence; chrono is the costly part.
const datesCache = new WeakMap<FoldedText, Array<Found<string>>>();
const amountsCache = new WeakMap<FoldedText, Array<Found<Amount>>>();

/** Date phrases of the sentence, read as ISO dates; a phrase the parser refuses is skipped (never guessed). */
export function findDates(folded: FoldedText, env: ReadEnv): Array<Found<string>> {
  const known = datesCache.get(folded);
  if (known) return known;
  const found = readDates(folded, env);
  datesCache.set(folded, found);
  return found;
}

function readDates(folded: FoldedText, env: ReadEnv): Array<Found<string>> {
  const spans: Array<{ start: number; end: number }> = [];
  for (const pattern of DATE_PATTERNS) {
    for (const match of folded.text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (spans.some((span) => start < span.end && end > span.start)) continue;
      spans.push({ start, end });
    }
  }
  const out: Array<Found<string>> = [];
  for (const span of spans.sort((a, b) => a.start - b.start)) {
    const typed = rawSpan(folded, span.start, span.end);
    // Chat spellings of tomorrow, read as the word.
    const readable = /^(?:tmrw|tmr|2morrow)$/iu.test(typed) ? 'tomorrow' : typed;
    try {
      // parseDate tries the sentence's language, then the other one.
      out.push({ value: parseDate(readable, { now: env.now, timeZone: env.timeZone, lang: env.lang }), ...span, typed, lang: env.lang });
    } catch {
      // Not a date after all (or one the parser refuses as ambiguous): never guessed.
    }
  }
  return out;
}

const AMOUNT = /(?:[$€£]\s?)?\b\d{1,3}(?:[ .,\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?\s?(?:k|m)?\s?(?:€|eur|euros?|\$|usd|£|gbp|k€|m€)?(?:\s?(?:ht|ttc|hors taxes?|excl\.? vat|incl\.? vat))?(?![\p{L}\d/])/gu;

/**
 * Amounts: a number with a currency or a `k` (`15 k€`, `$40k`, `25 000 €`, `30k`). A bare number
 * is never an amount (it may be a count, a day, a duration). An amount that reads two ways is
 * skipped, like a date: the command then asks for it.
 */
export function findAmounts(folded: FoldedText, env: ReadEnv): Array<Found<Amount>> {
  const known = amountsCache.get(folded);
  if (known) return known;
  const found = readAmounts(folded, env);
  amountsCache.set(folded, found);
  return found;
}

function readAmounts(folded: FoldedText, env: ReadEnv): Array<Found<Amount>> {
  const out: Array<Found<Amount>> = [];
  for (const match of folded.text.matchAll(AMOUNT)) {
    const phrase = match[0].trim();
    if (!/[k€$£]|eur|usd|gbp|\bm\b/.test(phrase.replace(/\d/g, ''))) continue;
    const start = match.index + match[0].indexOf(phrase);
    const typed = rawSpan(folded, start, start + phrase.length);
    try {
      const value = parseAmount(typed, { lang: env.lang, currency: env.currency });
      if (!isAmbiguousAmount(value)) out.push({ value, start, end: start + phrase.length, typed });
    } catch {
      // Not an amount after all (a phone number, a reference).
    }
  }
  return out;
}

const DURATION_WORDS: Array<[RegExp, number]> = [
  [/\b(?:une heure et demie|d'une heure et demie|an hour and a half|one and a half hours?)\b/, 90],
  [/\b(?:deux heures|two hours)\b/, 120],
  [/\b(?:une demi[- ]heure|une demie[- ]heure|half an hour|30 ?mn|trente minutes|thirty minutes)\b/, 30],
  [/\b(?:quarante-cinq minutes|quarante cinq minutes|forty-five minutes)\b/, 45],
  [/\b(?:vingt minutes|twenty minutes)\b/, 20],
  [/\b(?:dix minutes|ten minutes)\b/, 10],
  [/\b(?:cinq minutes|five minutes)\b/, 5],
  [/\b(?:un quart d'heure|quart d'heure|quarter of an hour|a quarter hour)\b/, 15],
  [/\b(?:une heure|d'une heure|an hour|one hour)\b/, 60],
];
const DURATION = /\b(\d{1,2}) ?h ?(\d{2})\b|\b(\d{1,3}) ?-?(?:min|mins|minutes?|mn|m)\b|\b(\d{1,2}(?:[.,]5)?) ?(?:h|heures?|hours?|hrs?)\b/g;

export function findDuration(folded: FoldedText): Found<number> | undefined {
  for (const [pattern, minutes] of DURATION_WORDS) {
    const match = pattern.exec(folded.text);
    if (match) return { value: minutes, start: match.index, end: match.index + match[0].length, typed: match[0] };
  }
  for (const match of folded.text.matchAll(DURATION)) {
    // `1h30`, `20 min`, `2h`: read by the duration parser the commands use.
    // « le rdv de 9h » is a time of day: no call or meeting lasts six hours or more.
    if ((match[1] !== undefined && Number(match[1]) >= 6) || (match[4] !== undefined && Number.parseFloat(match[4].replace(',', '.')) >= 6)) continue;
    const phrase = match[1] !== undefined ? `${match[1]}h${match[2]}` : match[3] !== undefined ? `${match[3]}min` : `${match[4]}h`;
    try {
      return { value: parseDuration(phrase), start: match.index, end: match.index + match[0].length, typed: match[0] };
    } catch {
      continue;
    }
  }
  return undefined;
}

export type PeriodKey = 'today' | 'week' | 'last_week' | 'month' | 'last_month' | 'quarter' | 'last_quarter' | 'year' | 'last_year';

const PERIODS: Array<[RegExp, PeriodKey]> = [
  [/\b(?:la semaine (?:derniere|passee)|semaine (?:derniere|passee)|last week|previous week|past week)\b/, 'last_week'],
  [/\b(?:le mois (?:dernier|passe)|mois (?:dernier|passe)|last month|previous month|past month)\b/, 'last_month'],
  [/\b(?:le trimestre (?:dernier|passe|precedent)|trimestre (?:dernier|passe|precedent)|dernier trimestre|last quarter|previous quarter|past quarter)\b/, 'last_quarter'],
  [/\b(?:l'annee (?:derniere|passee)|annee (?:derniere|passee)|l'an dernier|an dernier|l'an passe|last year|previous year)\b/, 'last_year'],
  [/\b(?:aujourd'hui|aujourd hui|today|ce jour|du jour|today's)\b/, 'today'],
  [/\b(?:cette semaine|this week|de la semaine|semaine en cours|sur la semaine|so far this week|la semaine|the week|weekly)\b/, 'week'],
  [/\b(?:ce mois(?:-| )ci|ce mois|this month|du mois|le mois|mois en cours|the month|monthly|mtd)\b/, 'month'],
  [/\b(?:ce trimestre|this quarter|du trimestre|le trimestre|trimestre en cours|the quarter|quarterly|qtd|sur le trimestre)\b/, 'quarter'],
  [/\b(?:cette annee|this year|de l'annee|l'annee|depuis le debut de l'annee|ytd|year to date|the year|sur l'annee)\b/, 'year'],
];

export function findPeriod(folded: FoldedText): Found<PeriodKey> | undefined {
  for (const [pattern, value] of PERIODS) {
    const match = pattern.exec(folded.text);
    if (match) return { value, start: match.index, end: match.index + match[0].length, typed: match[0] };
  }
  return undefined;
}

export type ScopeWord = 'team' | 'all';

export function findScopeWord(folded: FoldedText): ScopeWord | undefined {
  if (/\b(?:tout le monde|toute l'equipe commerciale|toute la boite|toute la societe|tous les commerciaux|everyone|everybody|whole company|all reps|company-wide|toutes les equipes)\b/.test(folded.text)) return 'all';
  if (/\b(?:equipe|team|team's|l'equipe|squad)\b/.test(folded.text)) return 'team';
  return undefined;
}

/** `/log` outcome, negations first (« pas intéressé » is not « intéressé »), "done" last. */
const OUTCOMES: Array<[RegExp, string]> = [
  // Waiting for someone's go-ahead is no verdict yet (the empty value: no outcome).
  [/\b(?:attend(?:ent)? (?:le|son|leur|la) (?:feu vert|go|accord|validation)|en attente (?:du|de la|de) (?:feu vert|go|validation)|waiting (?:for|on) (?:the |his |her |their )?(?:green light|go-ahead|sign-off|approval))\b/, ''],
  [/\b(?:messagerie|repondeur|laisse un (?:message|vocal|msg|mot)|(?:msg|message) vocal|vocal laisse|left (?:a )?(?:voicemail|voice mail|message|vm)|voicemail|voice mail|vm)\b/, 'voicemail'],
  [/\b(?:pas (?:reussi|pu|arrive) a (?:le |la |les |l')?(?:joindre|avoir|contacter)|injoignable|pas de reponse|pas de retour|sans retour|(?:n'a|n'ont|a|ont) (?:pas|jamais|toujours pas) (?:repondu|decroche)|n'(?:a|ont) (?:jamais )?(?:repondu|decroche)|ne repond (?:pas|plus)|repond (?:pas|plus)|sans reponse|toujours rien|personne|occupe|rien$|no answer|didn'?t (?:pick up|answer)|did not (?:pick up|answer)|couldn'?t (?:reach|get hold of|get through)|could not reach|no reply|unreachable|no response|didn'?t reply|never answered|n'a pas decroche|busy|nothing back|still nothing|ghosted|no luck|sans succes|pas de chance|no pickup|no pick up|sonne dans le vide|rings out|rang out|pas de rep|no rep|nrp|no pickup|decroche(?:nt)? pas|a pas decroche|ne decroche|nobody picked up|no one picked up|nobody answered|no one answered|tjs pas de reponse|toujours pas de reponse)\b/, 'no_answer'],
  [/\b(?:(?:n'est|est|s'est) pas (?:venue?|presentee?)|no-showed|no showed|noshowed|ne s'est pas presentee?|pas venue?s?|lapin|no[- ]show|didn'?t (?:show|turn up)|did not show|never showed|absente?|a pose un lapin|stood (?:me|us) up|(?:s'est |est )?(?:jamais|pas) connectee?s?|never (?:joined|connected|logged in)|didn'?t (?:join|connect|log in)|(?:s'est |est )?pas pointee?s?|ne s'est pas pointee?|pas presente?s?|absents?)\b/, 'no_show'],
  [/\b(?:reporte|reportee|reporter|a recaler|decale|decalee|reprogramme|reprogrammee|rescheduled|reschedule|pushed (?:back|to|our)|postponed|moved (?:it )?to|annulee?,? (?:a|on) (?:recaler|reporter))\b/, 'rescheduled'],
  [/\b(?:pas (?:du tout )?interesses?|pas interessees?|pas du (?:tout|tt) interessee?s?|pas chauds?|pas convaincue?s?|pas concluant|c'est non|a dit non|said no|no for now|refus|refuse|refusee|negatif|negative|mal passe|ca s'est mal passe|not interested|went badly|went poorly|no thanks|declined|turned (?:us|me) down|pas pour eux|not for them|froid|bad call|bof|mitige|not convinced|not keen|not happy|unhappy|pas contente?s?|mecontente?s?|hung up|raccroche|went sideways|sideways|froidement|furax|furieu(?:x|se)|en colere|angry|furious|upset|remontee?s?)\b/, 'negative'],
  [/\b(?:ok pour|d'accord pour|partant|partante|partants|interesse|interessee|interesses|chaud|chaude|chauds|chaudes|bon feeling|bonne (?:reunion|discussion|rencontre|demo|ecoute)|good (?:meeting|call|chat|demo)|went (?:really |very |super )?(?:well|great)|tres bien passe|bien passe|super (?:echange|call|rdv|appel|demo)|positif|positive|went (?:well|great)|great call|interested|keen|valide|c'est bon pour (?:lui|elle|eux|nous)|c'est ok pour (?:lui|elle|eux)|ravie?s?|client content|cliente contente|contente?s? de nous|satisfaite?s?|(?:he's|she's|they're|is|are) ok(?:ay)? (?:for|with)|ok(?:ay)? for a|enthousiastes?|excellent|top|adore|loved|prometteur|prometteuse|promising|bon potentiel|good potential|tres bonne ecoute|le go|c'est go|go pour|feu vert|kiffe|kiffer|ont kiffe|ont adore|loved it|bons retours|good feedback|green light|avance bien|on avance|tout est ok|all good|pousse en interne|good vibes|bonnes vibes|on board|(?:she|he|they)(?:'s|'re| is| are) in|emballee?s?|convaincue?s?|great|awesome|nickel|super|valident|solid (?:call|meeting|demo|chat)|really good|tres bon|tres bonne)\b/, 'positive'],
  [/(?:\b(?:rdv|rendez-vous|demo|reunion|appel|call|meeting|visio)\b(?:[\s:,-]+[\p{L}\d']+){0,4}?[\s:,-]+(?:fait|faite|faits|done|termine|terminee|realisee?)\b|✅)/u, 'done'],
];

export function findOutcome(folded: FoldedText): string | undefined {
  for (const [pattern, value] of OUTCOMES) if (pattern.test(folded.text)) return value || undefined;
  return undefined;
}

/** Who reached out: the other side (« m'a appelé », "called me") or the member. */
export function findDirection(folded: FoldedText): 'inbound' | 'outbound' | undefined {
  const text = folded.text;
  if (/\bhad .{1,40} on the (?:phone|line)\b|^\W*(?:un |mon )?(?:coup de fil|coup de tel|appel|call) (?:a|to) /.test(text)) return 'outbound';
  if (/\b(?:sortant|sortante|outbound|outgoing|appel a froid|cold call|cold-call|prospection|standard de|au standard|switchboard)\b/.test(text)) return 'outbound';
  if (/\b(?:entrant|entrante|inbound|incoming)\b/.test(text)) return 'inbound';
  if (/\b(?:mail|email|e-mail|message) de (?:relance|suivi|prospection)|follow-?up email\b/.test(text)) return 'outbound';
  if (/^\W*(?:un |une )?(?:appel|coup de fil|coup de tel|call|mail|email|e-mail|message|msg|reponse)\s+(?:(?:de|du|from)\s+(?!\d|suivi\b|relance\b|prospection\b|qualification\b|decouverte\b|closing\b|cadrage\b|follow)|d'(?!equipe))|\b(?:mail|email|appel|message) recu\b|\bm'a (?:ecrit|envoye)|\b(?:reached out to us|got back to (?:me|us))\b/.test(text)) return 'inbound';
  if (/\b(?:m'a|m'ont|nous a|nous ont|m a) (?:appele|rappele|ecrit|envoye|telephone|contacte|relance|joint)|\b(?:called|rang|phoned|emailed|mailed|texted|wrote to|reached out to) (?:me|us)\b|\b(?:got|had|received) (?:a |an )?(?:call|email|mail|phone call) from|\brecu (?:un |son )?(?:appel|mail|email|coup de fil|message)|\bappel (?:entrant|recu) |\bcalled back\b|\ba rappele\b|\bm'a repondu|\brecu (?:la |sa |leur )?reponse|\b(?:eu|recu) (?:un |une |son |sa )?(?:mail|email|e-mail|appel|coup de fil|message|msg) (?:de|du|d')|\breplied\b|\bresponded\b/.test(text)) {
    return 'inbound';
  }
  if (/\b(?:mon mail|my email|ma relance|relance (?:mail|par|tel)|\d(?:e|eme) relance|tentative|follow-?up email|tried|followed up|pinged (?!me\b|us\b))/.test(text)) return 'outbound';
  if (/\b(?:j'ai|j ai|jai|on a|nous avons|i|we|i've|we've|ai|je)\b/.test(text) || /\b(?:pas reussi a|tried to|essaye de|tente de|laisse un)/.test(text) || /\b(?:appele|telephone|called|phoned|rang|emailed|maile|mailee|envoye|sent|relance|joint|eu .{1,40} au (?:tel|telephone|fil))\b/.test(text)) {
    return 'outbound';
  }
  return undefined;
}

/** Loss reasons a sentence implies: « ils ont pris Salesforce » is a competitor, « trop cher » the price. */
const REASONS: Array<[RegExp, string]> = [
  [/\b(?:ont (?:choisi|pris|prefere|retenu|signe avec|opte pour)|partis? (?:chez|avec)|passent chez|part chez|partent chez|passe chez|vont chez|(?:went|go|going|gone) with|chose|picked|selected|signed with|opted for|concurrent|concurrence|competitor|competition|lost to|perdu (?:face a|contre)|au profit de|ont (?:choisi|pris|prefere|retenu|signe avec|opte pour)|a (?:choisi|retenu|signe avec|opte pour|prefere)|chose|picked)\b|\blost\b[^,.;]*?\bto\b(?= \S)/, 'competitor'],
  [/\b(?:pas de budget|plus de budget|aucun budget|plus aucun budget|(?:ont|a|n'ont|n'a) pas (?:le|de|du) budget|pas le budget|budget (?:gele|coupe|supprime|a zero|bloque)|sans budget|no budget|budget (?:cut|freeze|frozen)|budget (?:got|was|has been) (?:cut|frozen|slashed)|budget pas (?:debloque|valide|vote)|pas de budget|out of budget|no money|pas les moyens|can'?t afford)\b/, 'no_budget'],
  [/\b(?:trop cher|trop chere|trop chers|trop cheres|prix|tarifs?|too expensive|too pricey|pricey|price|pricing|cost too|couteux|hors de prix|cher)\b/, 'price'],
  [/\b(?:pas le (?:bon )?moment|trop tot|trop tard|timing|not the right time|bad timing|not now|next year|l'an prochain|l'annee prochaine|plus tard|later|reporte a|repousse|repoussent|pushed (?:it )?to|20[2-9]\d)\b/, 'timing'],
  [/\b(?:plus de nouvelles|pas de nouvelles|aucune nouvelle|silence radio|ghost\w*|no decision|pas de decision|aucune decision|ne repondent plus|ne repond plus|repondent plus|repond plus|stopped (?:answering|responding)|went (?:dark|silent|quiet)|radio silence|never heard back|n'arrive(?:nt)? pas a (?:trancher|decider|se decider)|arrive(?:nt)? pas a (?:trancher|decider|se decider)|gelent le projet|projet gele|gel du projet|on hold|can'?t decide|cannot decide|no one decides)\b/, 'no_decision'],
  [/\b(?:pas (?:de )?besoin|plus besoin|n'en ont plus besoin|n'en a plus besoin|aucun besoin|no need|don'?t need|doesn'?t need|no longer need|pas interesses?|not interested|no use case)\b/, 'no_need'],
];

export function findLossReason(folded: FoldedText): { reason: string; competitorAt?: number } | undefined {
  for (const [pattern, reason] of REASONS) {
    const match = pattern.exec(folded.text);
    if (match) return reason === 'competitor' ? { reason, competitorAt: match.index + match[0].length } : { reason };
  }
  return undefined;
}
