// « Emma David ne veut plus qu'on l'appelle », "asked us to stop emailing her": a person who
// refuses calls or emails. Data protection makes this worth catching in a sentence; like every
// write it is shown as `/contact optout` and done only after a click.
import { resolveNamed } from './record-resolver.ts';
import { understood } from './rule-results.ts';
import type { Slot, Understanding } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

/** Someone refusing to be contacted, as reps report it. */
const REFUSES =
  /\b(?:ne veut plus|veut plus|ne souhaite plus|souhaite plus|ne plus (?:l'|la |le |les )?(?:appeler|contacter|relancer|ecrire)|demande (?:a ne plus|qu'on ne|de ne plus|qu'on arrete)|(?:asked|told) (?:us|me) (?:to stop|not to)|wants? (?:us|me) to stop|(?:doesn'?t|does not|don'?t|do not) want (?:to be|any more|more|us to)|do not (?:call|email|contact)|don'?t (?:call|email|contact)|no more (?:calls|emails)|stop (?:calling|emailing|mailing|contacting)|unsubscribe\w*|desinscri\w*|opt(?:ed|s)?[- ]?out|bloctel|liste rouge)\b/;
const PHONE = /\b(?:appel\w*|l'appelle|appelle|telephone\w*|tel|calls?|calling|phone\w*|ring\w*|bloctel|liste rouge|demarchage telephonique)\b/;
const EMAIL = /\b(?:e-?mails?|emailing|mails?|mailing|courriels?|newsletters?|ecrire|ecrive|unsubscribe\w*|desinscri\w*)\b/;

export function contactOptOutRule(reading: Reading): Understanding | undefined {
  const text = reading.folded.text;
  if (!REFUSES.test(text)) return undefined;
  const contact = resolveNamed(reading.input.vocabulary, reading.mentions, 'contact');
  if (contact.kind === 'none' || contact.kind === 'closed') return undefined;
  const phone = PHONE.test(text);
  const email = EMAIL.test(text);
  const slots: Record<string, Slot> = { channel: { type: 'choice', value: phone === email ? 'all' : phone ? 'phone' : 'email' } };
  if (contact.kind === 'one') return understood(['contact', 'optout'], { contact: { type: 'name', name: contact.record.name }, ...slots }, 0.85);
  return { ...understood(['contact', 'optout'], slots, 0.75), ambiguous: { arg: 'contact', candidates: contact.candidates } };
}
