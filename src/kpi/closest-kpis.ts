// The figures whose names come closest to a word that names none (`/kpi convrsion`), so the
// member gets a few words to type instead of a bare "unknown". Ranked by fuse.js over every word
// a figure answers to (key, aliases, names in both languages).
import Fuse from 'fuse.js';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { Lang } from '../core/types.ts';
import { kpis, type KpiDefinition } from './kpi.service.ts';

/** Fuse's 0.4 lets one or two typos through in a short word without matching unrelated ones. */
const THRESHOLD = 0.4;
/** Figures further behind the best one than this are noise, not alternatives. */
const SPREAD = 0.15;

const pool = kpis.flatMap((kpi) => [kpi.key.replace(/_/g, ' '), ...kpi.aliases, kpi.name.fr, kpi.name.en].map((word) => ({ kpi, word: normalizeKey(word) })));
const fuse = new Fuse(pool, { keys: ['word'], includeScore: true, threshold: THRESHOLD });

/** Up to `limit` figures close to `word`, best first; none when nothing is close. */
export function closestKpis(word: string, limit = 3): KpiDefinition[] {
  const hits = fuse.search(normalizeKey(word), { limit: 20 });
  const best = hits[0]?.score ?? 0;
  const found: KpiDefinition[] = [];
  for (const hit of hits) {
    if ((hit.score ?? 1) > best + SPREAD) break;
    if (!found.includes(hit.item.kpi)) found.push(hit.item.kpi);
    if (found.length === limit) break;
  }
  return found;
}

/**
 * The word a member types for a figure in their language: the English key (`conversion_rate`),
 * or the first French alias (`ca`, `conversion`), hyphenated so it stays one token.
 */
export function kpiWord(kpi: KpiDefinition, lang: Lang): string {
  const word = lang === 'fr' ? (kpi.aliases[0] ?? kpi.key) : kpi.key;
  return word.replace(/\s+/g, '-');
}
