// Finds the workspace's records a sentence names: each sentence word is looked up in the name
// index (exact, then one edit away), and records are ranked by how much of their name the
// sentence covers. "Garnier" covers half of « Garnier Bâtiment » and is enough when nothing
// else fits; "Marie" fits two contacts equally, and the caller asks which.
import { rawSpan, type FoldedText, type Word } from './folded-text.ts';
import { nameWordsFor, recordWords, type EntityKind, type Vocabulary } from './vocabulary.ts';

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

export function spotEntities(vocabulary: Vocabulary, folded: FoldedText, words: Word[], skip: ReadonlySet<number> = new Set()): Mention[] {
  const found = new Map<string, Mention & { seen: Set<string> }>();
  words.forEach((word, index) => {
    if (skip.has(index) || word.text.length < MIN_WORD || SENTENCE_STOPWORDS.has(word.text)) return;
    if (COMMON_WORDS.has(word.text) && !/^\p{Lu}/u.test(rawSpan(folded, word.start, word.end))) return;
    // A typo is forgiven on a capitalised word or a long one: « matin » is no « Martin ».
    const capitalised = /^\p{Lu}/u.test(rawSpan(folded, word.start, word.end));
    const candidates = nameWordsFor(vocabulary, word.text).filter((candidate) => candidate.exact || capitalised || word.text.length >= 7);
    for (const candidate of candidates) {
      for (const posting of vocabulary.exact.get(candidate.word) ?? []) {
        const key = `${posting.kind}:${posting.id}`;
        let mention = found.get(key);
        if (!mention) {
          mention = { kind: posting.kind, id: posting.id, matched: 0, exact: 0, total: recordWords(vocabulary, posting.kind, posting.id).length, words: [], seen: new Set() };
          found.set(key, mention);
        }
        if (mention.seen.has(candidate.word)) continue;
        mention.seen.add(candidate.word);
        mention.matched += 1;
        if (candidate.exact) mention.exact += 1;
        mention.words.push(index);
      }
    }
  });
  return dropOverlaps([...found.values()].map(({ seen: _seen, ...mention }) => mention));
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

/** The best mentions of one kind: every record tied at the top score. */
export function bestMentions(mentions: Mention[], kind: EntityKind): Mention[] {
  const ofKind = mentions.filter((mention) => mention.kind === kind);
  if (ofKind.length === 0) return [];
  const top = Math.max(...ofKind.map(mentionScore));
  return ofKind.filter((mention) => mentionScore(mention) === top);
}
