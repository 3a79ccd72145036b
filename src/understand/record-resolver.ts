// Turns the names a sentence holds into the deal, contact or company a command needs: a deal
// named directly, or through its company (« on a signé Garnier ») or its contact. Two records
// that fit equally are returned together, for the member to choose.
import { bestMentions, mentionScore, type Mention } from './entity-spotter.ts';
import type { DealEntry, Vocabulary } from './vocabulary.ts';
import type { Candidate } from './understanding.types.ts';

export type Resolved = { kind: 'one'; record: Candidate } | { kind: 'many'; candidates: Candidate[] } | { kind: 'closed'; record: Candidate } | { kind: 'none' };

/** The deal a sentence is about. `openOnly`: closed deals are reported as such, never picked. */
export function resolveDealMention(vocabulary: Vocabulary, mentions: Mention[], openOnly: boolean, canSee: (deal: DealEntry) => boolean = () => true): Resolved {
  const scores = new Map<number, number>();
  const bump = (id: number, by: number): void => {
    // Deals the member may not see are never named back to them.
    const deal = vocabulary.dealById.get(id);
    if (!deal || !canSee(deal)) return;
    scores.set(id, (scores.get(id) ?? 0) + by);
  };
  for (const mention of mentions) {
    if (mention.kind === 'deal') bump(mention.id, mentionScore(mention));
  }
  const companies = bestMentions(mentions, 'company');
  const contacts = bestMentions(mentions, 'contact');
  for (const company of companies) {
    for (const deal of vocabulary.dealsByCompany.get(company.id) ?? []) bump(deal.id, 6 + mentionScore(company) / 10);
  }
  for (const contact of contacts) {
    const row = vocabulary.contactById.get(contact.id);
    const own = vocabulary.dealsByContact.get(contact.id) ?? [];
    for (const deal of own) bump(deal.id, 6 + mentionScore(contact) / 10);
    // Her company's other deals fit less well than her own.
    if (row?.companyId !== null && row?.companyId !== undefined) {
      for (const deal of vocabulary.dealsByCompany.get(row.companyId) ?? []) if (deal.contactId !== contact.id) bump(deal.id, 3);
    }
  }
  if (scores.size === 0) return { kind: 'none' };
  const ranked = [...scores.entries()].map(([id, score]) => ({ deal: vocabulary.dealById.get(id)!, score }));
  const open = ranked.filter((entry) => entry.deal.status === 'open');
  const pool = openOnly ? open : ranked;
  if (pool.length === 0) {
    const best = ranked.sort((a, b) => b.score - a.score)[0]!;
    return { kind: 'closed', record: { id: best.deal.id, name: best.deal.name } };
  }
  const top = Math.max(...pool.map((entry) => entry.score));
  // Oldest first: the order the database returned the rows in is not a promise, and the
  // choice list must read the same on every run and every replica.
  const winners = pool.filter((entry) => entry.score === top).sort((a, b) => a.deal.id - b.deal.id);
  // A closed deal that fits better than every open one: the member means it, and it is closed.
  if (openOnly) {
    const closedTop = Math.max(-1, ...ranked.filter((entry) => entry.deal.status !== 'open').map((entry) => entry.score));
    if (closedTop > top) {
      const closed = ranked.find((entry) => entry.score === closedTop)!;
      return { kind: 'closed', record: { id: closed.deal.id, name: closed.deal.name } };
    }
  }
  if (winners.length === 1) return { kind: 'one', record: { id: winners[0]!.deal.id, name: winners[0]!.deal.name } };
  return { kind: 'many', candidates: winners.slice(0, 5).map((entry) => ({ id: entry.deal.id, name: entry.deal.name })) };
}

/** The contact, company or member a sentence names, when it names one of that kind. */
export function resolveNamed(vocabulary: Vocabulary, mentions: Mention[], kind: 'contact' | 'company' | 'member'): Resolved {
  const best = [...bestMentions(mentions, kind)].sort((a, b) => a.id - b.id);
  const nameOf = (id: number): string =>
    (kind === 'contact' ? vocabulary.contactById.get(id)?.name : kind === 'company' ? vocabulary.companyById.get(id)?.name : vocabulary.memberById.get(id)?.name) ?? '';
  if (best.length === 0) return { kind: 'none' };
  if (best.length === 1) return { kind: 'one', record: { id: best[0]!.id, name: nameOf(best[0]!.id) } };
  return { kind: 'many', candidates: best.slice(0, 5).map((mention) => ({ id: mention.id, name: nameOf(mention.id) })) };
}
