// The one message engine: ICU MessageFormat through formatjs's intl-messageformat. A message is
// compiled once per language and kept; `{count, plural, one {…} other {…}}` and `{kind, select,
// …}` come from the message itself, numbers in `{n, number}` and dates from Intl. Tags are not
// parsed (`<@U123>` and `<https://…>` are text), and member text in arguments is never read as
// message syntax.
import { IntlMessageFormat } from 'intl-messageformat';
import type { Lang } from '../types.ts';

export type MessageParams = Record<string, string | number | Date>;

const compiled: Record<Lang, Map<string, IntlMessageFormat>> = { fr: new Map(), en: new Map() };

/** A parsed message, from the cache. Throws on invalid syntax (tests compile every message). */
export function compileMessage(lang: Lang, message: string): IntlMessageFormat {
  let format = compiled[lang].get(message);
  if (!format) {
    format = new IntlMessageFormat(message, lang, undefined, { ignoreTag: true });
    compiled[lang].set(message, format);
  }
  return format;
}

/** A message filled in; an argument the call forgot stays visible as `{name}` rather than failing. */
export function formatMessage(lang: Lang, message: string, params: MessageParams = {}): string {
  const format = compileMessage(lang, message);
  try {
    return String(format.format(params));
  } catch {
    // intl-messageformat throws on a missing argument: show the slot, never an error to the member.
    const filled: MessageParams = { ...params };
    for (const name of messageArguments(message)) if (!(name in filled)) filled[name] = `{${name}}`;
    return String(format.format(filled));
  }
}

type MessageElement = ReturnType<IntlMessageFormat['getAst']>[number];

/** The names of the arguments whose element passes `keep`, in plural and select branches too. */
function argumentsWhere(message: string, keep: (element: MessageElement) => boolean): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageElement[]): void => {
    for (const element of elements) {
      if (keep(element) && 'value' in element && typeof element.value === 'string') names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options as Record<string, { value: MessageElement[] }>)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

// Element types of @formatjs/icu-messageformat-parser: 0 literal text, 6 plural (and selectordinal).
const LITERAL = 0;
const PLURAL = 6;

/** The argument names a message uses, plural and select ones included (for the parity test). */
export const messageArguments = (message: string): string[] => argumentsWhere(message, (element) => element.type !== LITERAL);

/** The arguments a message reads through `plural` (or `selectordinal`). */
export const pluralArguments = (message: string): string[] => argumentsWhere(message, (element) => element.type === PLURAL);
