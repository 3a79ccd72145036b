// Slack mrkdwn treats `<…>` as links and mentions (`<!channel>`, `<@U123>`, `<http://x|y>`) and
// `&` as an entity start. Escaping these three characters makes user text inert.
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export { cutText as truncate, splitText } from '../shared/split-text.ts';

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
