// Guesses whether a typed name is a person's (`Marie Dupont`, `Jean-Pierre Martin`) rather than a
// company's (`Acme Corp`, `Garnier`). It only decides which creation /log offers first: a wrong
// guess costs one click, so the rule stays short and predictable rather than clever.

/** Words that mark a company (legal forms and usual trade words), compared in lower case. */
const COMPANY_WORDS = new Set([
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'snc', 'sci', 'scop', 'gie', 'cie', 'co', 'company',
  'inc', 'corp', 'corporation', 'ltd', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'bv', 'nv', 'spa', 'srl',
  'group', 'groupe', 'holding', 'consulting', 'conseil', 'industries', 'industrie', 'solutions',
  'services', 'technologies', 'technology', 'tech', 'labs', 'systems', 'software', 'international',
  'partners', 'associes', 'associés', 'agency', 'agence', 'studio', 'bank', 'banque', 'assurances',
]);

/** Lower-case particles a surname may carry (`Marie de La Tour`, `Ludwig van Beethoven`). */
const PARTICLES = new Set(['de', 'du', 'des', 'd’', "d'", 'da', 'di', 'van', 'von', 'der', 'den', 'le', 'la']);

/** A capitalised word of letters, hyphenated or with an apostrophe (`Jean-Pierre`, `O’Brien`). */
const CAPITALISED = /^\p{Lu}[\p{L}]*(?:[-’'][\p{Lu}\p{Ll}][\p{L}]*)*$/u;

/** Two to four capitals read as an acronym (`IBM`, `SNCF`), not a surname. */
const ACRONYM = /^\p{Lu}{2,4}$/u;

/** True when `name` reads like a person: 2–3 capitalised words of letters and no company word. */
export function looksLikePersonName(name: string): boolean {
  const words = name.trim().split(/\s+/u).filter((word) => word.length > 0);
  const named = words.filter((word) => !PARTICLES.has(word));
  if (named.length < 2 || named.length > 3) return false;
  // A particle starts or ends no person's name: `de Paris` is a place.
  if (PARTICLES.has(words[0] ?? '') || PARTICLES.has(words.at(-1) ?? '')) return false;
  return named.every((word) => CAPITALISED.test(word) && !ACRONYM.test(word) && !COMPANY_WORDS.has(word.toLowerCase()));
}
