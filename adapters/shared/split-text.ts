// Platform limits on message sizes (Slack sections 3,000 characters, Discord content 2,000 and
// embeds 4,096): long replies are cut into pieces instead of failing, the same way everywhere.

// Cutting is the core's own `clip` (the one that bounds what a reply quotes of the member).
export { clip as cutText } from '../../src/core/limits.ts';

/**
 * Splits text into pieces of at most `max` characters, at line breaks when one falls in the
 * second half of a piece. Linear: each piece is searched for its last line break within itself,
 * never the text before it.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    const at = text.slice(start, start + max + 1).lastIndexOf('\n');
    const end = at < max / 2 ? start + max : start + at;
    pieces.push(text.slice(start, end));
    start = text[end] === '\n' ? end + 1 : end;
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
  return pieces;
}
