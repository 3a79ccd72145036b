// Finds the workspace's records a sentence names: each sentence word is looked up in the name
// index (exact, then one edit away), and records are ranked by how much of their name the
// sentence covers. "Garnier" covers half of « Garnier Bâtiment » and is enough when nothing
// else fits; "Marie" fits two contacts equally, and the caller asks which.
import { rawSpan, type FoldedText, type Word } from './folded-text.ts';
import { nameWordsFor, type EntityKind, type Posting, type Vocabulary } from './vocabulary.ts';

export interface Mention {
  kind: EntityKind;
  id: number;
  /** Name words the sentence holds. */
  matched: number;
  /** Of which typed exactly (no typo). */
  exact: number;
  /** Distinct words of the record's name. */
  total: number;
  /** Sentence words that named it (indexes into the words list). */
  words: number[];
}

// Function words and the bot's own vocabulary: never a name on their own.
const SENTENCE_STOPWORDS = new Set(
  (
    'le la les un une des du de d l au aux et ou a en sur pour par avec chez dans ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs ' +
    'je j tu il elle on nous vous ils elles me m te t se s lui y qui que qu quoi quel quelle quels quelles est c ca cela ok oui non pas ne n plus tres bien ' +
    'ai as avons avez ont eu fait faire etait ete sont suis es the an of to for with at on in by from and or is are was were be been it its this that my our your ' +
    'their his her he she we they i me us them what how who which when where do does did have has had just not no yes please merci stp svp ' +
    'affaire affaires deal deals opp opportunite appel appele tel mail email rdv reunion demo call called meeting note client clients contact societe ' +
    'semaine mois trimestre annee jour aujourd hui demain hier lundi mardi mercredi jeudi vendredi samedi dimanche week month quarter year today tomorrow yesterday ' +
    'monday tuesday wednesday thursday friday saturday sunday prochain prochaine dernier derniere next last'
  ).split(' '),
);

// Surnames that are everyday words too: they name someone only when capitalised (« Julien Petit »
// but "un petit point").
const COMMON_WORDS = new Set(['petit', 'blanc', 'martin', 'roux', 'vincent', 'simon', 'laurent', 'david', 'bonnet', 'marie', 'morel', 'leroy', 'hooli']);

const MIN_WORD = 3;

/**
 * A name word shared by more records than this (« déploiement » in a thousand deal names) only
 * adds to records another word already found; companies, contacts and members are still found
 * by it (a deal is then reached through its company). Keeps a sentence in microseconds at
 * 100,000 deals.
 */
const COMMON_POSTINGS = 200;

/** Records kept per kind after counting: every tie that matters, and no more (a common first name fits hundreds of contacts). */
const KEPT_PER_KIND = 64;

interface Draft {
  record: Posting;
  matched: number;
  exact: number;
  words: number[];
  seen: string[];
}

export function spotEntities(vocabulary: Vocabulary, folded: FoldedText, words: Word[], skip: ReadonlySet<number> = new Set()): Mention[] {
  const found = new Map<Posting, Draft>();
  const hits: Array<{ index: number; word: string; exact: boolean; postings: Posting[] }> = [];
  words.forEach((word, index) => {
    if (skip.has(index) || word.text.length < MIN_WORD || SENTENCE_STOPWORDS.has(word.text)) return;
    const capitalised = /^\p{Lu}/u.test(rawSpan(folded, word.start, word.end));
    if (COMMON_WORDS.has(word.text) && !capitalised) return;
    // A typo is forgiven on a capitalised word or a long one: « matin » is no « Martin ».
    for (const candidate of nameWordsFor(vocabulary, word.text)) {
      if (!candidate.exact && !capitalised && word.text.length < 7) continue;
      hits.push({ index, word: candidate.word, exact: candidate.exact, postings: vocabulary.exact.get(candidate.word) ?? [] });
    }
  });
  // Rare words first: they say which records are meant; common ones then add to those.
  hits.sort((a, b) => a.postings.length - b.postings.length);
  for (const hit of hits) {
    const common = hit.postings.length > COMMON_POSTINGS;
    for (const record of hit.postings) {
      let draft = found.get(record);
      if (!draft) {
        if (common && record.kind === 'deal') continue;
        draft = { record, matched: 0, exact: 0, words: [], seen: [] };
        found.set(record, draft);
      }
      if (draft.seen.includes(hit.word)) continue;
      draft.seen.push(hit.word);
      draft.matched += 1;
      if (hit.exact) draft.exact += 1;
      draft.words.push(hit.index);
    }
  }
  const byKind = new Map<EntityKind, Mention[]>();
  for (const draft of found.values()) {
    const mention: Mention = { kind: draft.record.kind, id: draft.record.id, matched: draft.matched, exact: draft.exact, total: draft.record.total, words: draft.words.sort((a, b) => a - b) };
    const list = byKind.get(mention.kind);
    if (list) list.push(mention);
    else byKind.set(mention.kind, [mention]);
  }
  const kept: Mention[] = [];
  for (const list of byKind.values()) kept.push(...(list.length > KEPT_PER_KIND ? list.sort((a, b) => mentionScore(b) - mentionScore(a)).slice(0, KEPT_PER_KIND) : list));
  return dropOverlaps(kept);
}

const coverage = (mention: Mention): number => mention.matched / Math.max(mention.total, 1);

/**
 * A company and a contact named by the same words: the one whose name the words cover better
 * wins (« Lucas Blanc » is the contact, not « Blanc Foods »; « chez Blanc Foods » the company).
 */
function dropOverlaps(mentions: Mention[]): Mention[] {
  const people = mentions.filter((mention) => mention.kind === 'contact' || mention.kind === 'member');
  const companies = mentions.filter((mention) => mention.kind === 'company');
  const dropped = new Set<Mention>();
  for (const company of companies) {
    for (const person of people) {
      if (!company.words.some((index) => person.words.includes(index))) continue;
      if (coverage(person) > coverage(company) && company.words.every((index) => person.words.includes(index))) dropped.add(company);
      else if (coverage(company) > coverage(person) && person.words.every((index) => company.words.includes(index))) dropped.add(person);
    }
  }
  return mentions.filter((mention) => !dropped.has(mention));
}

/** How well a mention fits: words matched first, then exactness, then how much of the name. */
export const mentionScore = (mention: Mention): number => mention.matched * 10 + mention.exact * 3 + (mention.matched / Math.max(mention.total, 1)) * 5;

// The rules ask for the best mentions of a kind several times per sentence.
const bestCache = new WeakMap<Mention[], Map<EntityKind, Mention[]>>();

/** The best mentions of one kind: every record tied at the top score. */
export function bestMentions(mentions: Mention[], kind: EntityKind): Mention[] {
  let byKind = bestCache.get(mentions);
  if (!byKind) {
    byKind = new Map();
    bestCache.set(mentions, byKind);
  }
  const known = byKind.get(kind);
  if (known) return known;
  const best = computeBest(mentions, kind);
  byKind.set(kind, best);
  return best;
}

function computeBest(mentions: Mention[], kind: EntityKind): Mention[] {
  const ofKind = mentions.filter((mention) => mention.kind === kind);
  if (ofKind.length === 0) return [];
  const top = Math.max(...ofKind.map(mentionScore));
  return ofKind.filter((mention) => mentionScore(mention) === top);
}
