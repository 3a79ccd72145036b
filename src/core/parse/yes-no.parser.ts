// Typed answers to a yes/no question, in French and English: `oui`, `ouais`, `ok`, `d’accord`,
// `yes`, `yep`, `non`, `nope`… Case, accents and apostrophes do not matter.
import { normalizeKey } from './tokenize.parser.ts';

// Keys as normalizeKey writes them (`d’accord` → `d accord`, `Bien sûr` → `bien sur`).
const YES = new Set([
  'oui', 'ouais', 'ouai', 'o', 'ok', 'okay', 'okey', 'd accord', 'daccord', 'dac', 'bien sur', 'volontiers', 'vas y', 'allez', 'confirmer', 'je confirme', 'oui oui',
  'yes', 'y', 'yep', 'yeah', 'yup', 'sure', 'of course', 'go', 'go ahead', 'confirm', 'yes please',
]);
const NO = new Set(['non', 'n', 'nan', 'nope', 'no', 'nah', 'pas question', 'surtout pas', 'non merci', 'no thanks', 'no thank you']);

/** `yes` or `no` when the text is one of the words that say so, else undefined. */
export function parseYesNo(raw: string): 'yes' | 'no' | undefined {
  const key = normalizeKey(raw);
  if (YES.has(key)) return 'yes';
  if (NO.has(key)) return 'no';
  return undefined;
}
