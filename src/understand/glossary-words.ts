// The glossary's names and aliases, folded, so « c'est quoi le churn ? » is told from "what's
// the capital of Australia?": a definition is looked up only for a word the glossary knows,
// or one short enough to be a team term or a typo the lookup corrects.
import { builtInTerms } from '../glossary/glossary-data.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';

let names: Set<string> | undefined;

function glossaryNames(): Set<string> {
  if (!names) {
    names = new Set();
    for (const term of builtInTerms()) {
      for (const side of [term.fr, term.en]) for (const name of [side.name, ...side.aliases]) names.add(normalizeKey(name));
    }
  }
  return names;
}

/** Whether a term may be a glossary entry: known, containing or contained in one, or a single word. */
export function mayBeGlossaryTerm(term: string): boolean {
  const key = normalizeKey(term);
  if (!key) return false;
  if (!key.includes(' ')) return true;
  const known = glossaryNames();
  if (known.has(key)) return true;
  for (const name of known) if (name.includes(' ') && (key.includes(name) || name.includes(key))) return true;
  // « lead froid », "hot lead": a known word with a qualifier; /define finds the closest entry.
  return key.split(' ').some((word) => word.length >= 3 && known.has(word));
}
