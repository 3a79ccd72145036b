// « appelé Thomas, ok pour une démo jeudi »: an activity to log with who, how it went, which
// way, how long, when, and the next step told after it.
import { bestMentions, type Mention } from './entity-spotter.ts';
import * as lexicon from './intent-lexicon.ts';
import { nextStep, reportPart } from './next-step-reader.ts';
import { resolveDealMention, resolveNamed, type Resolved } from './record-resolver.ts';
import { understood } from './rule-results.ts';
import { activityType, capitalisedAfter } from './sentence-clues.ts';
import { findDates, findDirection, findDuration, findOutcome } from './slot-readers.ts';
import type { Slot, Understanding } from './understanding.types.ts';
import { foldText } from './folded-text.ts';
import type { Found } from './slot-readers.ts';
import { recordWords, type Vocabulary } from './vocabulary.ts';
import type { Reading } from './reading.types.ts';

export function logRule(reading: Reading): Understanding | undefined {
  const report = reportPart(reading);
  // « m'a posé un lapin »: no one misses a call, a missed appointment is a meeting.
  const type = activityType(reading, report.text) ?? activityType(reading, reading.folded.text) ?? (missedMeeting(reading) ? 'meeting' : undefined);
  if (!type) return undefined;
  const text = reading.folded.text;
  // A report, not a wish: « appelle Marie » asks the bot to call (refused earlier); a bare noun is too vague.
  const past = lexicon.PAST_REPORT.test(text) || findOutcome(reading.folded) !== undefined || /\b(?:appele|appelee|rappele|envoye|relance|vu|rencontre|presente|fait|eu|called|emailed|met|sent|demoed|spoke|talked)\b/.test(text);
  const named = reading.mentions.some((mention) => mention.kind !== 'member');
  // « vous avez vu le match hier soir ? »: a question naming no one is no report, nor is « vu » alone.
  if (!named && (reading.question || /^\W*(?:vu|vue|seen|saw)\b|\b(?:avez|as|a|ont) vu\b/.test(text))) return undefined;
  // « démo pr Initech calée jeudi 14h »: an activity still to come is a next step (deal-update.rules.ts).
  if (plannedActivity(reading)) return undefined;
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
  const next = nextStep(reading);
  // The next step's date is never the activity's (« appelé Paul, rdv vendredi »).
  const notDue = dates.filter((date) => date.start !== next?.due?.start);
  const pastDate = notDue.find((date) => date.value < today && date.start < report.end) ?? toldInThePast(reading, report, notDue, today);
  if (pastDate) slots['on'] = { type: 'date', iso: pastDate.value, typed: pastDate.typed, ...(pastDate.lang ? { typedIn: pastDate.lang } : {}) };
  if (next?.step) slots['next'] = { type: 'text', text: next.step };
  if (next?.due) slots['due'] = { type: 'date', iso: next.due.value, typed: next.due.typed, ...(next.due.lang ? { typedIn: next.due.lang } : {}) };
  // A note is its text: what follows « note sur Lambert : », else the whole sentence, as typed.
  if (type === 'note') slots['notes'] = { type: 'text', text: noteText(reading.input.sentence) };
  const result = understood(['log'], slots, slots['contact'] || slots['company'] || slots['deal'] ? 0.85 : 0.6);
  return ambiguous ? { ...result, ambiguous } : result;
}

/** « Paul Laurent m'a posé un lapin »: someone named missed an appointment (not the no-show rate). */
function missedMeeting(reading: Reading): boolean {
  return findOutcome(reading.folded) === 'no_show' && !/\b(?:taux|rate|combien|how many)\b/.test(reading.folded.text) && reading.mentions.some((mention) => mention.kind === 'contact' || mention.kind === 'company');
}

/** A past marker narrower than PAST_REPORT (whose "we", "i" also start plans). */
const DONE = /\b(?:j'ai|j ai|jai|on a|nous avons|hier|yesterday|ce matin|this morning|tout a l'heure|earlier|avant-hier|dernier|derniere|last|had|did|done|was|went|just)\b/;

/**
 * An activity told with a date to come and nothing saying it happened (« démo pr Initech calée
 * jeudi », "demo with Globex on Friday"): it is planned, so logging it would record what has
 * not happened yet.
 */
export function plannedActivity(reading: Reading): boolean {
  const report = reportPart(reading);
  // Meetings and demos are booked ahead; a call or an email told with a date is a report, and a
  // duration says it took place.
  const type = activityType(reading, report.text);
  if (type !== 'meeting' && type !== 'demo') return false;
  if (PAST_VERB.test(report.text) || DONE.test(report.text) || findOutcome(reading.folded) !== undefined || findDuration(reading.folded) !== undefined) return false;
  const today = reading.input.env.now.toISOString().slice(0, 10);
  return findDates(reading.folded, reading.input.env).some((date) => date.start < report.end && date.value > today);
}

/** Said with a past verb: « vu Marie vendredi », « mail envoyé le 2 », "met her on Friday". */
const PAST_VERB = /\b(?:appele|appelee|rappele|rappelee|envoye|envoyee|relance|relancee|vu|vue|rencontre|rencontree|presente|presentee|fait|faite|eu|called|emailed|met|sent|demoed|spoke|talked|had|did|saw)\b/;

/**
 * « vu Marie Rousseau vendredi », « mail envoyé le 2 »: a weekday or a day of the month told
 * with a past verb is the last one gone, where the date readers give the next one to come.
 */
function toldInThePast(reading: Reading, report: { text: string; end: number }, dates: Array<Found<string>>, today: string): Found<string> | undefined {
  // Told as done: a past verb, a past marker, how long it lasted or how it went.
  if (!PAST_VERB.test(report.text) && !DONE.test(report.text) && !findDuration(reading.folded) && !findOutcome(reading.folded)) return undefined;
  for (const date of dates) {
    if (date.start >= report.end || date.value < today) continue;
    const typed = foldText(date.typed).text;
    const shift = /^(?:on )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.test(typed)
      ? { days: 7 }
      : /^(?:le|the) \d{1,2}(?:er|st|nd|rd|th)?$/.test(typed)
        ? { months: 1 }
        : // « le 3/12 », "Dec 2", « 2 décembre »: a day of the year without its year, the last one gone.
          /^(?:le |on |the )?\d{1,2}\/\d{1,2}$|^(?:le |on |the )?\d{1,2}(?:er|st|nd|rd|th)? [a-z]+\.?$|^(?:on )?[a-z]+\.? \d{1,2}(?:st|nd|rd|th)?$/.test(typed)
          ? { months: 12 }
          : undefined;
    if (!shift) continue;
    const [year, month, day] = date.value.split('-').map(Number) as [number, number, number];
    const back = new Date(Date.UTC(year, month - 1 - (shift.months ?? 0), day - (shift.days ?? 0)));
    // A day the earlier month does not have (« le 31 » in December, 29 February) is no date gone: left out.
    if (shift.months && back.getUTCDate() !== day) continue;
    const iso = back.toISOString().slice(0, 10);
    if (iso < today) return { ...date, value: iso };
  }
  return undefined;
}

/** What a note says: the words after its first colon (« note Lambert : le DSI part »), else all of it. */
function noteText(sentence: string): string {
  const afterColon = /[:：]\s*(\S[\s\S]*)$/u.exec(sentence)?.[1]?.trim();
  return afterColon || sentence.trim();
}

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
