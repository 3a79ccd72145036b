// User text shown by the bot must neither format nor ping: markdown is escaped, and mention
// syntax is broken with a zero-width space (allowedMentions is also off on the client).
import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';

export function escapeDiscord(text: string): string {
  return escapeMarkdown(text)
    .replace(/@(everyone|here)/g, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, `<$1${ZWSP}$2>`);
}

export const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Splits text into pieces of at most `max` characters, at line breaks when possible. */
export function splitAt(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf('\n', max);
    if (at < max / 2) at = max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest || out.length === 0) out.push(rest);
  return out;
}
