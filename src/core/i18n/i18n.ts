// Looks up user-facing text by key in the member's language and formats it as an ICU message
// (message-format.ts).
// French is the source catalogue; English must have exactly the same keys (a test checks it,
// and the `Catalogue` type makes a missing English key a compile error).
import type { Lang } from '../types.ts';
import { en } from './en.ts';
import { fr, type Catalogue } from './fr.ts';
import { formatMessage, type MessageParams } from './message-format.ts';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, such as `errors.amount_invalid`. */
export type MessageKey = Leaves<Catalogue>;

export const catalogues: Record<Lang, Catalogue> = { fr, en };

const lookup = (lang: Lang, key: string): string | undefined => {
  let node: unknown = catalogues[lang];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
};

/** True when `key` names a message (used for error codes, which arrive as plain strings). */
export const hasMessage = (key: string): boolean => lookup('fr', key) !== undefined;

export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return translate(lang, key, params);
}

/** Like `t` for keys built at run time (error codes, enum values); falls back to the key. */
export function translate(lang: Lang, key: string, params: MessageParams = {}): string {
  const template = lookup(lang, key) ?? lookup('fr', key);
  return template === undefined ? key : formatMessage(lang, template, params);
}

/** A `{fr, en}` text kept beside its command (a label, a prompt), as an ICU message. */
export const localized = (text: Record<Lang, string>, lang: Lang, params: MessageParams = {}): string => formatMessage(lang, text[lang], params);

/** Picks the member's language: their own setting, the platform locale, the workspace default. */
export function pickLang(memberLanguage: string | null | undefined, locale: string | undefined, workspaceDefault: string): Lang {
  if (memberLanguage === 'fr' || memberLanguage === 'en') return memberLanguage;
  const fromLocale = locale?.slice(0, 2).toLowerCase();
  if (fromLocale === 'fr' || fromLocale === 'en') return fromLocale;
  return workspaceDefault === 'en' ? 'en' : 'fr';
}

/** Flattened `key → text` pairs of a catalogue, for the key-parity test. */
export function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}
