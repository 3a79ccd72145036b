// Typography per language, in one place (docs: ../shared/domain/writing-style.md).
// French: no-break space (U+00A0) before `:`, narrow no-break space (U+202F) before `; ! ?` and
// inside « », typographic apostrophe. English: no space before `: ; ! ?`, `50%`.
// `typesetReply` applies the spacing rules to every reply as it leaves the core (the reply
// knows its language), so a line never wraps before its colon, whoever built the text.
// `typographyProblems` is the lint the tests run on every catalogue, command text and glossary
// entry: the sources are right too, with no "(s)"-style plural and no word written twice.
import type { Block, Lang, Reply } from '../types.ts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** Parts that are not prose: URLs, inline code, slash commands, `key:value` tokens, mentions, emoji codes. */
const NOT_PROSE = /https?:\/\/\S+|`[^`]*`|(?:^|(?<=\s))\/[\p{L}\p{N}_-]+|[\p{L}\p{N}_-]+:(?=["“«\p{L}\p{N}#@<(-])\S*|<[@#!][^>]*>|:[a-z0-9_+-]+:/gu;

/** Runs `fix` on the prose between the parts that are not prose. */
function onProse(text: string, fix: (prose: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(NOT_PROSE)) {
    out += fix(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + fix(text.slice(last));
}

/** Spacing fixed for the language; words, apostrophes and member text otherwise untouched. */
export function typeset(text: string, lang: Lang): string {
  if (lang === 'fr') {
    return onProse(text, (prose) =>
      prose
        .replace(/[ \u00a0\u202f]+:(?=\s|$)/gu, `${NBSP}:`)
        .replace(/(?<=\S)[ \u00a0]+([;!?])/gu, `${NNBSP}$1`)
        .replace(/«[ \u00a0\u202f]*/gu, `«${NNBSP}`)
        .replace(/[ \u00a0\u202f]*»/gu, `${NNBSP}»`),
    );
  }
  return onProse(text, (prose) => prose.replace(/(?<=[\p{L}\p{N})"”’'%])[ \u00a0\u202f]+([:;!?])(?=\s|$)/gu, '$1').replace(/(\d)[ \u00a0\u202f]+%/gu, '$1%'));
}

const typesetBlock = (block: Block, lang: Lang): Block => {
  switch (block.type) {
    case 'text':
      return { ...block, text: typeset(block.text, lang) };
    case 'section':
      return { ...block, title: typeset(block.title, lang) };
    case 'list':
      return { ...block, ...(block.title === undefined ? {} : { title: typeset(block.title, lang) }), items: block.items.map((item) => typeset(item, lang)) };
    case 'fields':
      return { ...block, fields: block.fields.map((field) => ({ ...field, label: typeset(field.label, lang), value: typeset(field.value, lang) })) };
    default:
      return block;
  }
};

/** A reply with its language's typography; applied where replies leave the core. */
export const typesetReply = (reply: Reply): Reply => ({ ...reply, blocks: reply.blocks.map((block) => typesetBlock(block, reply.lang)) });

/** What breaks the rules in one source text (empty when it is right). */
export function typographyProblems(text: string, lang: Lang): string[] {
  const problems: string[] = [];
  if (/\((?:s|e|es|x|nt)\)/u.test(text)) problems.push('plural or gender written "(s)": use ICU plural/select');
  const twice = /(?<![\p{L}\p{N}])([\p{L}]{2,})\s+\1(?![\p{L}\p{N}])/iu.exec(text);
  if (twice && !ALLOWED_REPEATS.has(twice[1]!.toLowerCase())) problems.push(`word written twice: "${twice[0]}"`);
  const prose = text.replace(NOT_PROSE, ' ');
  if (lang === 'fr') {
    if (/ :(?=\s|$)|\S:(?=\s|$)/u.test(prose)) problems.push('":" needs a no-break space (U+00A0) before it');
    if (/(?:\s| |[\p{L}\p{N}»)])[;!?](?=\s|$|»)/u.test(prose.replace(/[\u202f][;!?]/gu, ''))) problems.push('"; ! ?" need a narrow no-break space (U+202F) before them');
    if (/«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»/u.test(prose)) problems.push('« » need no-break spaces inside');
    if (/\p{L}'\p{L}/u.test(prose)) problems.push('straight apostrophe: use ’');
  } else {
    if (/[\p{L}\p{N})"”%][ \u00a0\u202f]+[:;!?](?=\s|$)/u.test(prose)) problems.push('no space before ": ; ! ?" in English');
    if (/\d[ \u00a0\u202f]+%/u.test(prose)) problems.push('no space before "%" in English');
  }
  return problems;
}

/** Words a sentence may rightly repeat ("nous nous", "vous vous", "that that" is not one). */
const ALLOWED_REPEATS = new Set(['nous', 'vous']);
