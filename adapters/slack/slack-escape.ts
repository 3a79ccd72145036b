// Slack mrkdwn treats `<…>` as links and mentions (`<!channel>`, `<@U123>`, `<http://x|y>`) and
// `&` as an entity start. Escaping these three characters makes user text inert.
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cuts text to `max` characters, marking the cut. */
export const truncate = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Splits text into chunks of at most `max` characters, preferring line breaks, so long
 * replies become several sections instead of an API error.
 */
export function splitText(text: string, max: number): string[] {
  // Linear: each chunk is searched for its last line break within itself, never the text before it.
  const chunks: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    const at = text.slice(start, start + max + 1).lastIndexOf('\n');
    const end = at < max / 2 ? start + max : start + at;
    chunks.push(text.slice(start, end));
    start = text[end] === '\n' ? end + 1 : end;
  }
  if (start < text.length || chunks.length === 0) chunks.push(text.slice(start));
  return chunks;
}

/**
 * Slack sends command text with mentions and links in its own markup (`<@U123|marie>`,
 * `<#C123|ventes>`, `<https://x.fr|x.fr>`) and `& < >` as entities. The core wants what the
 * member typed: user mentions stay as `<@U123>` (the core resolves them to members), channels
 * become `#name`, links their URL, entities their character.
 */
export function readSlackText(text: string): string {
  // No class below crosses a `<`: Slack writes a literal one as `&lt;`, so a markup tag never holds
  // one, and an unclosed tag is read up to the next `<` only (linear, not quadratic, on hostile text).
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g, '\u0000@$1\u0001')
    .replace(/<#[A-Z0-9]+\|([^<>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^<>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto|tel):[^|<>]+)(?:\|[^<>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u0000@([A-Z0-9]+)\u0001/g, '<@$1>');
}
