// The workspace's own names (companies, contacts, deals, members), indexed by folded word so a
// sentence is matched against thousands of records in microseconds: an exact word table and a
// one-edit table (every name word with one letter deleted, SymSpell's trick) for typos.
import { nameWords } from './folded-text.ts';

export type EntityKind = 'company' | 'contact' | 'deal' | 'member';

export interface CompanyEntry {
  id: number;
  name: string;
}
export interface ContactEntry {
  id: number;
  name: string;
  companyId: number | null;
}
export interface DealEntry {
  id: number;
  name: string;
  companyId: number | null;
  contactId: number | null;
  status: string;
  ownerId: number;
}
export interface MemberEntry {
  id: number;
  name: string;
  /** Sales team, for what a manager may see. */
  team?: string | null;
}

export interface VocabularyRows {
  companies: CompanyEntry[];
  contacts: ContactEntry[];
  deals: DealEntry[];
  members: MemberEntry[];
}

/** A record as the name index knows it; one object per record, shared by all its words' lists. */
export interface Posting {
  kind: EntityKind;
  id: number;
  /** Distinct words of its name. */
  total: number;
}

export interface Vocabulary extends VocabularyRows {
  /** Folded name word → records. */
  exact: Map<string, Posting[]>;
  /** Name word with one letter deleted → the name words it came from. */
  deletes: Map<string, string[]>;
  /** Distinct folded words of each record's name (`kind:id` → words). */
  words: Map<string, string[]>;
  companyById: Map<number, CompanyEntry>;
  contactById: Map<number, ContactEntry>;
  dealById: Map<number, DealEntry>;
  memberById: Map<number, MemberEntry>;
  /** Open deals of each company, for "on a signé Garnier". */
  openDealsByCompany: Map<number, number[]>;
  /** Every deal of each company and of each contact: a sentence naming one reaches its deals without a scan. */
  dealsByCompany: Map<number, DealEntry[]>;
  dealsByContact: Map<number, DealEntry[]>;
}

/** Words that never identify a record on their own (articles, legal forms, deal-name fillers). */
const NAME_STOPWORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'et', 'd', 'the', 'of', 'and', 'a', 'sa', 'sas', 'sarl', 'inc', 'ltd', 'corp', 'group', 'groupe']);

const entityKey = (kind: EntityKind, id: number): string => `${kind}:${id}`;

export function recordWords(vocabulary: Vocabulary, kind: EntityKind, id: number): string[] {
  return vocabulary.words.get(entityKey(kind, id)) ?? [];
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Words long enough to be matched with one typo (`lefevre` → `lefebvre`); short ones must be exact. */
export const FUZZY_MIN_LENGTH = 5;

export function buildVocabulary(rows: VocabularyRows): Vocabulary {
  const exact = new Map<string, Posting[]>();
  const deletes = new Map<string, string[]>();
  const words = new Map<string, string[]>();
  const add = (kind: EntityKind, id: number, name: string): void => {
    const distinct = [...new Set(nameWords(name).filter((word) => !NAME_STOPWORDS.has(word)))];
    words.set(entityKey(kind, id), distinct);
    const record: Posting = { kind, id, total: distinct.length };
    for (const word of distinct) {
      let postings = exact.get(word);
      if (!postings) {
        postings = [];
        exact.set(word, postings);
        if (word.length >= FUZZY_MIN_LENGTH && !/^\d+$/.test(word)) {
          for (const deleted of deletions(word)) {
            const sources = deletes.get(deleted);
            if (sources) sources.push(word);
            else deletes.set(deleted, [word]);
          }
        }
      }
      postings.push(record);
    }
  };
  for (const company of rows.companies) add('company', company.id, company.name);
  for (const contact of rows.contacts) add('contact', contact.id, contact.name);
  for (const deal of rows.deals) add('deal', deal.id, deal.name);
  for (const member of rows.members) add('member', member.id, member.name);
  const openDealsByCompany = new Map<number, number[]>();
  for (const deal of rows.deals) {
    if (deal.status !== 'open' || deal.companyId === null) continue;
    const list = openDealsByCompany.get(deal.companyId);
    if (list) list.push(deal.id);
    else openDealsByCompany.set(deal.companyId, [deal.id]);
  }
  const dealsByCompany = new Map<number, DealEntry[]>();
  const dealsByContact = new Map<number, DealEntry[]>();
  const file = (map: Map<number, DealEntry[]>, key: number | null, deal: DealEntry): void => {
    if (key === null) return;
    const list = map.get(key);
    if (list) list.push(deal);
    else map.set(key, [deal]);
  };
  for (const deal of rows.deals) {
    file(dealsByCompany, deal.companyId, deal);
    file(dealsByContact, deal.contactId, deal);
  }
  return {
    ...rows,
    dealsByCompany,
    dealsByContact,
    exact,
    deletes,
    words,
    companyById: new Map(rows.companies.map((row) => [row.id, row])),
    contactById: new Map(rows.contacts.map((row) => [row.id, row])),
    dealById: new Map(rows.deals.map((row) => [row.id, row])),
    memberById: new Map(rows.members.map((row) => [row.id, row])),
    openDealsByCompany,
  };
}

/** The name words a sentence word may stand for: itself, or one edit away when long enough. */
export function nameWordsFor(vocabulary: Vocabulary, word: string): Array<{ word: string; exact: boolean }> {
  if (vocabulary.exact.has(word)) return [{ word, exact: true }];
  if (word.length < FUZZY_MIN_LENGTH || /^\d+$/.test(word)) return [];
  const found = new Set<string>();
  // One deletion in the name word (a letter the member left out), one in the typed word (a
  // letter too many), or one in both (a wrong letter).
  for (const source of vocabulary.deletes.get(word) ?? []) found.add(source);
  for (const deleted of deletions(word)) {
    if (vocabulary.exact.has(deleted) && deleted.length >= FUZZY_MIN_LENGTH) found.add(deleted);
    for (const source of vocabulary.deletes.get(deleted) ?? []) found.add(source);
  }
  return [...found].map((name) => ({ word: name, exact: false }));
}
