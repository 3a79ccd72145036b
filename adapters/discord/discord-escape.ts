// User text shown by the bot must neither format nor ping: markdown is escaped, and mention
// syntax is broken with a zero-width space (allowedMentions is also off on the client).
//
// One regular-expression pass, linear in the length of the text. discord.js's `escapeMarkdown`
// did the same job with look-behinds that rescan the text before each `*` and `_` (quadratic:
// 16,000 characters took 1.2 s). Discord shows `\x` as `x` for any ASCII punctuation, so
// escaping a character where it would not have formatted anything changes nothing on screen.

const ZWSP = '\u200b';

/**
 * What the pass stops at, first match wins at each position:
 * 1. a link (`https://…`): kept whole, as backslashes would break it (mentions still broken);
 * 2. a custom emoji (`<:name_1:123>`, `<a:…>`): kept whole, its name has underscores;
 * 3. `@everyone` / `@here`;
 * 4. a user, role or channel mention (`<@1>`, `<@!1>`, `<@&1>`, `<#1>`);
 * 5. at the start of a line, after spaces: a heading or subtext `#`, a quote `>`, a list `-`,
 *    or a numbered list's `1.`;
 * 6. any character that formats anywhere: \ * _ ~ ` | [ ] (masked links `[x](url)` need the bracket).
 */
const PATTERN = /(https?:\/\/[^\s<>]+)|(<a?:\w{1,64}:\d{1,25}>)|@(everyone|here)|<(@[!&]?|#)(\d+)>|^([ \t]*)(?:([#>-])|(\d{1,9})\.(?=[ \t]))|([\\*_~`|[\]])/gm;

const breakMentions = (text: string): string => text.replace(/@(everyone|here)/g, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/g, `<$1${ZWSP}$2>`);

export function escapeDiscord(text: string): string {
  return text.replace(PATTERN, (whole, link?: string, emoji?: string, everyone?: string, mentionKind?: string, mentionId?: string, indent?: string, lineMark?: string, listNumber?: string, char?: string) => {
    if (link !== undefined) return breakMentions(link);
    if (emoji !== undefined) return emoji;
    if (everyone !== undefined) return `@${ZWSP}${everyone}`;
    if (mentionKind !== undefined) return `<${mentionKind}${ZWSP}${mentionId}>`;
    if (lineMark !== undefined) return `${indent}\\${lineMark}`;
    if (listNumber !== undefined) return `${indent}${listNumber}\\.`;
    if (char !== undefined) return `\\${char}`;
    return whole;
  });
}

export { cutText as cut, splitText as splitAt } from '../shared/split-text.ts';
