// The escapers and splitters that every reply goes through: same effect as before on normal
// text, inert on hostile text, and one pass over 100,000 characters (timing is the benchmark's
// job: test/bench/input-length.bench.ts).
import { escapeMarkdown } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { escapeDiscord, splitAt } from '../../adapters/discord/discord-escape.ts';
import { escapeMrkdwn, readSlackText, splitText } from '../../adapters/slack/slack-escape.ts';
import { tokenize } from '../../src/core/parse/tokenize.parser.ts';

const ZWSP = '\u200b';

/** What escapeDiscord did before: discord.js's escapeMarkdown, then mentions broken. */
const previousEscape = (text: string): string =>
  escapeMarkdown(text)
    .replace(/@(everyone|here)/g, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, `<$1${ZWSP}$2>`);

/** What Discord shows: a backslash before ASCII punctuation is dropped (simple-markdown's escape rule). */
const shown = (markdown: string): string => markdown.replace(/\\([^0-9A-Za-z\s])/g, '$1');

/** True when no character that Discord formats is left unescaped (outside links). */
function inert(markdown: string): boolean {
  let lineStart = true;
  for (let i = 0; i < markdown.length; i += 1) {
    const char = markdown[i]!;
    if (char === '\\') {
      i += 1;
      lineStart = false;
      continue;
    }
    if ('*_~`|['.includes(char)) return false;
    if (lineStart && '#>-'.includes(char)) return false;
    if (char === '\n') lineStart = true;
    else if (char !== ' ' && char !== '\t') lineStart = false;
  }
  return !/@(everyone|here)|<(@[!&]?|#)\d/.test(markdown);
}

const NORMAL = [
  'Budget validé, rappeler mardi',
  "l'appel du lundi : 20 min, positif !",
  'Acme Corp — 15 000 € HT (remise 5 %)',
  'snake_case_name and **bold** and *italic* and __underline__',
  '~~struck~~ and ||spoiler|| and `code` and ```block```',
  'back\\slash C:\\temp',
  'see https://example.com/a_b*c?x=1 for details',
  'emoji <:deal_won:123456789012345678> and <a:party_time:1>',
  'ping @everyone and @here, <@123456789012345678>, <@!42>, <@&7>, <#99>',
  'math: 2*3*4 = 24, a_b_c',
  'Marie Dupont <marie@acme.fr>',
];

describe('escapeDiscord', () => {
  it.each(NORMAL)('shows the same text as discord.js escapeMarkdown did: %s', (text) => {
    expect(shown(escapeDiscord(text))).toBe(shown(previousEscape(text)));
    expect(shown(escapeDiscord(text))).toBe(text.replace(/@(everyone|here)/g, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/g, `<$1${ZWSP}$2>`));
  });

  it.each([
    'Plain text without any markup',
    'Acme Corp — 15 000 € HT',
    '**bold**',
    'snake_case',
    '||spoiler||',
    'a\\b',
    '@everyone <@123> <#9>',
    'https://example.com/a_b',
    '<:deal_won:123>',
  ])('escapes exactly as before where discord.js escaped every mark: %s', (text) => {
    expect(escapeDiscord(text)).toBe(previousEscape(text));
  });

  it('escapes what discord.js left formatted by default: headings, quotes, lists, masked links', () => {
    expect(escapeDiscord('# Title\n> quote\n- item\n  -# small\n1. first\n[click](https://evil.example)')).toBe(
      '\\# Title\n\\> quote\n\\- item\n  \\-# small\n1\\. first\n\\[click\\](https://evil.example)',
    );
    // Mid-line, these characters format nothing and stay as they are.
    expect(escapeDiscord('a # b > c - d 2. e')).toBe('a # b > c - d 2. e');
  });

  it('leaves no formatting and no mention in hostile text', () => {
    const samples = [
      '*'.repeat(7),
      '_*~`|[]\\#>-',
      '\n# a\n\n>>> b\n - c\n',
      '@@everyone @here@here <@<@123>> <#<#1>>',
      '`'.repeat(9) + '|'.repeat(5) + '~'.repeat(5),
    ];
    for (const text of samples) {
      const escaped = escapeDiscord(text);
      expect(inert(escaped), escaped).toBe(true);
      expect(shown(escaped).replaceAll(ZWSP, '')).toBe(text);
    }
  });

  it('escapes 100,000 hostile characters in one pass, correctly', () => {
    // discord.js's look-behinds rescanned the text before every mark: minutes at this size.
    const unit = '*_~`|\\';
    const text = unit.repeat(100_000 / unit.length);
    const escaped = escapeDiscord(text);
    expect(escaped.length).toBe(2 * text.length);
    expect(shown(escaped)).toBe(text);
    expect(inert(escaped)).toBe(true);
    const link = `https://example.com/${'a_'.repeat(50_000)}`;
    expect(escapeDiscord(link)).toBe(link);
    const lines = '# x\n'.repeat(25_000);
    expect(escapeDiscord(lines)).toBe('\\# x\n'.repeat(25_000));
  });
});

describe('Slack text', () => {
  it('reads unclosed markup on 100,000 characters and leaves it as typed', () => {
    // `[^>]*` used to run to the end of the text from every `<@U1|`: quadratic.
    const text = '<@U1|'.repeat(20_000);
    expect(readSlackText(text)).toBe(text);
    expect(readSlackText('<@U1|marie> <#C1|ventes> <https://x.fr|x> &lt;b&gt; &amp;')).toBe('<@U1> #ventes https://x.fr <b> &');
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });
});

describe('splitting long text', () => {
  const previousSplit = (text: string, max: number): string[] => {
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
  };

  it.each([
    ['', 10],
    ['short', 10],
    ['0123456789abc', 10],
    ['line one\nline two\nline three', 10],
    ['aaaaa\nbbbbbbbbbbbbbbbbbbbb\nc', 8],
    ['x'.repeat(10) + '\n' + 'y'.repeat(25), 10],
    [Array.from({ length: 200 }, (_, i) => `row ${i} ${'z'.repeat(i % 37)}`).join('\n'), 120],
  ])('cuts where it did before (%#)', (text, max) => {
    expect(splitAt(text, max)).toEqual(previousSplit(text, max));
    expect(splitText(text, max)).toEqual(previousSplit(text, max));
  });

  it('splits 100,000 characters without a line break into full pieces', () => {
    const pieces = splitText('x'.repeat(100_000), 3000);
    expect(pieces).toHaveLength(34);
    expect(pieces.slice(0, -1).every((piece) => piece.length === 3000)).toBe(true);
    expect(splitAt('y'.repeat(100_000), 2000).join('')).toBe('y'.repeat(100_000));
  });
});

// No wall-clock bound here: a quadratic pass over 100,000 characters takes tens of seconds (the
// tokenizer's unclosed-quote search took 71 s before it remembered hopeless searches), far past
// the test timeout, while these complete in milliseconds. The benchmark measures the slopes.
describe('tokenize on long input', () => {
  it('reads 100,000 characters of hostile quoting in one pass', () => {
    // Unclosed quotes of every kind, apostrophes: each one takes the rest of its line at most.
    // (A straight `"` may span lines when closed later, so every quote here stays unclosed.)
    const lines = [`'a'b "c « d “e f`, `x 'y « z`, `« a “b ‘c`, `'${"'".repeat(50)}`];
    for (const line of lines) {
      const count = Math.ceil(100_000 / (line.length + 1));
      const once = tokenize(line);
      expect(once.length).toBeGreaterThan(0);
      // An unclosed quote stops at the end of its line: every line reads the same, alone or not.
      expect(tokenize(`${line}\n`.repeat(count))).toEqual(Array.from({ length: count }, () => once).flat());
    }
    expect(tokenize(`'a'b "c « d “e f`)).toEqual([`a'b "c « d “e f`]);
  });
});
