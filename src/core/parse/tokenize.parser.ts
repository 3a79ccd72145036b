// Splits a command line into arguments the way a member naturally types them in chat:
// whitespace separates arguments, quotes group words (`"Acme Corp"`, `“Acme Corp”`,
// `« Acme Corp »`, `'Acme Corp'`), and French apostrophes inside words are left alone.

/** Closing quote for each opening quote that may appear anywhere in a token. */
const PAIRED_QUOTES: Record<string, string> = {
  '"': '"',
  '“': '”',
  '«': '»',
};

/**
 * Single quotes double as apostrophes in French (`l'appel`, `aujourd’hui`), so they only
 * open a quoted part at the start of a token, and only close it before whitespace or the end.
 */
const SINGLE_QUOTES: Record<string, string> = {
  "'": "'",
  '‘': '’',
  '’': '’',
};

// Printable ASCII is never a space: the regular expression is left for the rest (tokenize reads every character).
const isSpace = (char: string | undefined): boolean => char === undefined || ((char <= ' ' || char >= '\u007f') && /\s/u.test(char));

/** One token and where it stands in the line, so free text can be taken back exactly as typed. */
export interface Token {
  /** The token without its quotes. */
  value: string;
  /** Offset of its first character (an opening quote included) in the line. */
  start: number;
  /** Offset just past its last character (a closing quote included). */
  end: number;
  /** True when the whole token was one quoted part (`"Acme Corp"`), not `next:"send quote"`. */
  quoted: boolean;
}

/**
 * Splits `text` into tokens on whitespace, keeping quoted parts together and removing the quotes.
 * An unterminated quote takes the rest of the line. Explicitly quoted empty strings (`""`) are kept.
 */
export function tokenize(text: string): string[] {
  return tokenizeSpans(text).map((token) => token.value);
}

/** {@link tokenize}, with each token's position in the line. */
export function tokenizeSpans(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  // True once the current token exists, even if empty (so `""` yields an empty token).
  let inToken = false;
  let start = 0;
  // Quoted parts in the current token, and whether it began with one.
  let quotedParts = 0;
  let plainChars = 0;
  let i = 0;

  const begin = (): void => {
    if (!inToken) {
      start = i;
      quotedParts = 0;
      plainChars = 0;
    }
    inToken = true;
  };
  // For each closing quote, a position after which the text holds none: an unclosed `«` on every
  // line would otherwise search the whole rest of the text each time (quadratic on long input).
  const noCloseFrom = new Map<string, number>();

  const flush = (): void => {
    if (inToken) tokens.push({ value: current, start, end: i, quoted: quotedParts === 1 && plainChars === 0 });
    current = '';
    inToken = false;
  };

  while (i < text.length) {
    const char = text[i] as string;

    if (isSpace(char)) {
      flush();
      i += 1;
      continue;
    }

    const pairedClose = PAIRED_QUOTES[char];
    const singleClose = !inToken ? SINGLE_QUOTES[char] : undefined;
    const close = pairedClose ?? singleClose;
    if (close !== undefined) {
      const start = i + 1;
      let end = -1;
      // Single quotes close only before a space, so they are remembered apart from paired ones.
      const cacheKey = singleClose !== undefined ? `single${close}` : close;
      const hopeless = noCloseFrom.get(cacheKey);
      for (let j = start; j < text.length && (hopeless === undefined || j < hopeless); j += 1) {
        if (text[j] !== close) continue;
        // A single quote followed by a letter is an apostrophe (`'l'appel du lundi'`), not the end.
        if (singleClose !== undefined && !isSpace(text[j + 1])) continue;
        end = j;
        break;
      }
      if (end === -1) noCloseFrom.set(cacheKey, Math.min(start, hopeless ?? start));
      begin();
      quotedParts += 1;
      let inner: string;
      if (end === -1) {
        // Unterminated: the quote runs to the end of the line.
        const newline = text.indexOf('\n', start);
        end = newline === -1 ? text.length : newline;
        inner = text.slice(start, end);
        i = end;
      } else {
        inner = text.slice(start, end);
        i = end + 1;
      }
      // Guillemets are typographically written with inner spaces (`« Acme »`): drop them.
      current += char === '«' ? inner.trim() : inner;
      continue;
    }

    begin();
    current += char;
    plainChars += 1;
    i += 1;
  }
  flush();
  return tokens;
}

/**
 * Normalises a name for case- and accent-insensitive matching: lower case, accents removed,
 * typographic apostrophes unified, and every run of non-letter/digit characters (apostrophes
 * and hyphens included) collapsed to one space. `L’Oréal-Paris` → `l oreal paris`.
 */
export function normalizeKey(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      // NFD does not split French ligatures; spell them out so `cœur` matches `coeur`.
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/[’‘ʼ`´]/g, "'")
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}
