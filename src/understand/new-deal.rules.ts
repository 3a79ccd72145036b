// « nouvelle affaire chez Acme, 12k, closing fin mars »: a deal to create, with whatever the
// sentence already says of it (company, name, amount, close date, contact, stage, owner).
import * as lexicon from './intent-lexicon.ts';
import { resolveNamed } from './record-resolver.ts';
import { understood } from './rule-results.ts';
import { capitalisedAfter, futureDate } from './sentence-clues.ts';
import { findAmounts, findDates } from './slot-readers.ts';
import type { Slot, Understanding } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

export function newDealRule(reading: Reading): Understanding | undefined {
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
