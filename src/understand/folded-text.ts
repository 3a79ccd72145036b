// A sentence folded for matching (lower case, no accents, one kind of apostrophe) that still
// knows where each folded character came from, so what a member typed (a next step, a
// competitor's name) is taken back from the original text, accents and capitals kept.

export interface FoldedText {
  /** The sentence as typed. */
  raw: string;
  /** Lower case, accents removed, `œ` → `oe`, apostrophes as `'`, spaces collapsed. */
  text: string;
  /** For each character of `text`, the offset of the character of `raw` it came from. */
  origin: number[];
}

/** One word of the folded text (letters and digits only) and its place in it. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

function foldChar(char: string): string {
  if (/[’‘ʼ`´]/u.test(char)) return "'";
  if (/\s/u.test(char)) return ' ';
  const lower = char.toLowerCase();
  if (lower === 'œ') return 'oe';
  if (lower === 'æ') return 'ae';
  return lower.normalize('NFD').replace(/\p{M}+/gu, '');
}

export function foldText(raw: string): FoldedText {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of raw) {
    const folded = foldChar(char);
    // One space for any run of spaces; one origin entry per UTF-16 unit, so offsets in `text`
    // index `origin` directly even after an emoji.
    if (folded === ' ' && (text === '' || text.endsWith(' '))) {
      index += char.length;
      continue;
    }
    for (let unit = 0; unit < folded.length; unit += 1) origin.push(index);
    text += folded;
    index += char.length;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    origin.pop();
  }
  return { raw, text, origin };
}

/** The original text behind a span of the folded text, trimmed. */
export function rawSpan(folded: FoldedText, start: number, end: number): string {
  if (start >= end || start >= folded.origin.length) return '';
  const from = folded.origin[start] ?? 0;
  const lastOrigin = folded.origin[Math.min(end, folded.origin.length) - 1] ?? from;
  // The last folded character may come from a character of two code units (an emoji) or
  // from a ligature: take the whole original character.
  const char = String.fromCodePoint(folded.raw.codePointAt(lastOrigin) ?? 32);
  return folded.raw.slice(from, lastOrigin + char.length).trim();
}

/** The words of a folded text: runs of letters and digits. */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    out.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** Folds a name the way sentences are folded, as its words. */
export const nameWords = (name: string): string[] => wordsOf(foldText(name).text).map((word) => word.text);
