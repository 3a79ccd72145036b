// The language of a sentence from its little words, for a member whose language nobody told
// us (a Discord message carries no locale): « j'ai eu Marie » is French, "we signed" English.
import type { Lang } from '../core/types.ts';
import { foldText, wordsOf } from './folded-text.ts';

const FRENCH = new Set('le la les un une des du de d l j c qu est et je tu il elle on nous vous ils pour avec chez pas ai a au aux ce cette mon ma mes notre nos sur dans qui que quoi quel quelle combien ou c est oui non merci tres bien fait signe perdu'.split(' '));
const ENGLISH = new Set('the a an is are was were i we you he she they it this that with for to of and my our your what how who which when where do does did have has had not no yes please thanks signed lost called just'.split(' '));

/** `fr` or `en` when the sentence says so clearly (two more telling words of one), else undefined. */
export function guessLanguage(sentence: string): Lang | undefined {
  let french = /[àâçéèêëîïôûùœ]/iu.test(sentence) ? 1 : 0;
  let english = 0;
  for (const word of wordsOf(foldText(sentence).text)) {
    if (FRENCH.has(word.text)) french += 1;
    if (ENGLISH.has(word.text)) english += 1;
  }
  if (french >= english + 2) return 'fr';
  if (english >= french + 2) return 'en';
  return undefined;
}
