// Glossary lookup: exact names, aliases and acronyms through a Map; otherwise fuse.js ranks
// close spellings. Filler words ("c'est quoi", "what is", "définition") are removed first.
// Each workspace sees the built-in terms plus its own (same id = its version wins).
import Fuse from 'fuse.js';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { glossaryTerms } from '../db/schema.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { builtInTerms } from '../glossary/glossary-data.ts';
import type { GlossaryTerm } from '../glossary/glossary.schema.ts';

export interface GlossaryEntry extends GlossaryTerm {
  /** True for a workspace's own term. */
  team: boolean;
}

export interface GlossaryMatch {
  /** The term, when one stands out. */
  best?: GlossaryEntry;
  /** Close candidates, best first (up to 3), when none stands out. */
  candidates: GlossaryEntry[];
}

// Longest first: "qu est ce qu un" must go before "qu est ce".
const FILLERS = [
  'qu est ce que c est qu un', 'qu est ce que c est que', 'qu est ce que c est', 'qu est ce qu une', 'qu est ce qu un', 'qu est ce que le', 'qu est ce que la',
  'qu est ce que les', 'qu est ce que', 'qu est ce qu', 'c est quoi un', 'c est quoi une', 'c est quoi le', 'c est quoi la', 'c est quoi les', 'c est quoi',
  'c quoi un', 'c quoi une', 'c quoi le', 'c quoi la', 'c quoi', 'definition de', 'definition du', 'definition des', 'definition d', 'definition', 'def',
  'signification de', 'signification du', 'signification', 'sens de', 'explique moi le', 'explique moi la', 'explique moi les', 'explique moi',
  'explique le', 'explique la', 'explique', 'expliquer', 'what s an', 'what s a', 'what s the', 'what s', 'what is an', 'what is a', 'what is the', 'what is', 'whats an',
  'whats a', 'whats', 'what are', 'what does', 'define', 'definition of', 'meaning of', 'meaning', 'explain', 'ca veut dire quoi', 'que veut dire', 'que signifie',
].map(normalizeKey);
// Endings of questions: "what does MEDDPICC stand for", "SQL ça veut dire quoi".
const TRAILERS = ['stand for', 'stands for', 'mean', 'means', 'ca veut dire quoi', 'veut dire quoi', 'c est quoi', 'signifie quoi'].map(normalizeKey);
const ARTICLES = new Set(['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'a', 'an', 'the']);

/** What the member is asking about, without the question around it. */
export function cleanQuery(query: string): string {
  let text = normalizeKey(query).replace(/\?/g, '');
  for (const filler of FILLERS) {
    if (text === filler) return '';
    if (text.startsWith(`${filler} `)) {
      text = text.slice(filler.length + 1);
      break;
    }
  }
  for (const trailer of TRAILERS) {
    if (text.endsWith(` ${trailer}`)) {
      text = text.slice(0, -trailer.length - 1);
      break;
    }
  }
  const words = text.split(' ');
  while (words.length > 1 && ARTICLES.has(words[0]!)) words.shift();
  return words.join(' ');
}

/** Three-letter slices of a name, padded so short words and word starts count too. */
function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
  return out;
}

interface Key {
  key: string;
  id: string;
}

export interface GlossaryIndex {
  entries: Map<string, GlossaryEntry>;
  search(query: string): GlossaryMatch;
}

export function buildIndex(entries: GlossaryEntry[]): GlossaryIndex {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const exact = new Map<string, string>();
  const keys: Key[] = [];
  for (const entry of entries) {
    const names = [entry.fr.name, entry.en.name, ...entry.fr.aliases, ...entry.en.aliases, entry.id.replace(/-/g, ' ')];
    for (const name of names) {
      const key = normalizeKey(name);
      if (!key) continue;
      // Team terms were added after the built-in ones and win the key.
      if (!exact.has(key) || entry.team) exact.set(key, entry.id);
      keys.push({ key, id: entry.id });
      // Plural forms people type ("leads", "objections").
      if (!key.endsWith('s')) exact.has(`${key}s`) || exact.set(`${key}s`, entry.id);
    }
  }
  // fuse.js over every name costs tens of milliseconds for a long query; a trigram index first
  // keeps the 40 names sharing the most trigrams with the query, and fuse.js ranks only those.
  const trigramIndex = new Map<string, number[]>();
  keys.forEach((entry, position) => {
    for (const gram of trigrams(entry.key)) {
      const list = trigramIndex.get(gram);
      if (list) list.push(position);
      else trigramIndex.set(gram, [position]);
    }
  });
  const shortlist = (query: string): Key[] => {
    const counts = new Map<number, number>();
    for (const gram of trigrams(query)) for (const position of trigramIndex.get(gram) ?? []) counts.set(position, (counts.get(position) ?? 0) + 1);
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([position]) => keys[position]!);
  };
  return {
    entries: byId,
    search(query) {
      const cleaned = cleanQuery(query.slice(0, 120));
      if (!cleaned) return { candidates: [] };
      const direct = exact.get(cleaned) ?? exact.get(cleaned.replace(/s$/, ''));
      if (direct) return { best: byId.get(direct)!, candidates: [] };
      // Best score per term among its names.
      const scores = new Map<string, number>();
      const fuse = new Fuse(shortlist(cleaned), { keys: ['key'], includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 2 });
      for (const hit of fuse.search(cleaned, { limit: 30 })) {
        const previous = scores.get(hit.item.id);
        if (previous === undefined || (hit.score ?? 1) < previous) scores.set(hit.item.id, hit.score ?? 1);
      }
      const ranked = [...scores.entries()].sort((a, b) => a[1] - b[1]);
      const [first, second] = ranked;
      if (!first) return { candidates: [] };
      // One clear winner: close enough, and clearly ahead of the next one.
      const gap = second ? second[1] - first[1] : 1;
      if ((first[1] <= 0.3 && gap >= 0.05) || (first[1] <= 0.45 && gap >= 0.15)) return { best: byId.get(first[0])!, candidates: [] };
      return { candidates: ranked.slice(0, 3).map(([id]) => byId.get(id)!) };
    },
  };
}

let builtInIndex: GlossaryIndex | undefined;
const builtInEntries = (): GlossaryEntry[] => builtInTerms().map((term) => ({ ...term, team: false }));

/** The index of the built-in terms only (shared; rebuilt never). */
export function builtInGlossary(): GlossaryIndex {
  builtInIndex ??= buildIndex(builtInEntries());
  return builtInIndex;
}

// Workspace indexes, keyed by workspace and the time of its last team-term change.
const workspaceIndexes = new Map<number, { stamp: string; index: GlossaryIndex }>();

export async function workspaceGlossary(tx: Executor, workspaceId: number): Promise<GlossaryIndex> {
  const rows = await tx.select().from(glossaryTerms).where(eq(glossaryTerms.workspaceId, workspaceId));
  if (rows.length === 0) return builtInGlossary();
  const stamp = rows.map((row) => `${row.termId}@${row.updatedAt.getTime()}`).sort().join('|');
  const cached = workspaceIndexes.get(workspaceId);
  if (cached?.stamp === stamp) return cached.index;
  const team: GlossaryEntry[] = rows.map((row) => ({
    id: row.termId,
    category: row.category as GlossaryTerm['category'],
    fr: { name: row.nameFr, definition: row.definitionFr, aliases: row.aliases },
    en: { name: row.nameEn, definition: row.definitionEn, aliases: row.aliases },
    related: row.related,
    team: true,
  }));
  const teamIds = new Set(team.map((entry) => entry.id));
  const index = buildIndex([...builtInEntries().filter((entry) => !teamIds.has(entry.id)), ...team]);
  workspaceIndexes.set(workspaceId, { stamp, index });
  return index;
}
