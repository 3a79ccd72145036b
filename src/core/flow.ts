// What makes two runs of a command the same flow: the command path and the record it is about
// (`/qualify #12` and `/qualifier 12` are one flow, `/qualify #13` another). The record is the
// first record argument given (deal, company, contact), else the first positional one.
import type { ArgValues } from './args.ts';
import { readRecordNumber } from './limits.ts';
import { normalizeKey } from './parse/tokenize.parser.ts';
import { displayName, type CommandDefinition, type Registry } from './registry.ts';
import type { Lang } from './types.ts';

const RECORD_KINDS = new Set(['deal', 'company', 'contact', 'record']);

/** The argument holding the record a run is about, or undefined when the command names none. */
export function flowSubjectArg(command: CommandDefinition<any>, values: ArgValues): string | undefined {
  const given = (name: string) => {
    const value = values[name];
    return typeof value === 'string' && value.trim() !== '';
  };
  const record = command.args.find((arg) => arg.completes && RECORD_KINDS.has(arg.completes) && given(arg.name));
  if (record) return record.name;
  const first = command.args.find((arg) => arg.position === 0);
  return first && given(first.name) ? first.name : undefined;
}

/** The record a run is about, as typed, or undefined when the command names none. */
export function flowSubject(command: CommandDefinition<any>, values: ArgValues): string | undefined {
  const name = flowSubjectArg(command, values);
  return name === undefined ? undefined : String(values[name]).trim();
}

/** The subject as part of a key: `#12` for `12` and `#12`, otherwise case and accents ignored. */
export function subjectKey(subject: string | undefined): string | undefined {
  if (subject === undefined) return undefined;
  const id = readRecordNumber(subject);
  return typeof id === 'number' ? `#${id}` : normalizeKey(subject);
}

/** A value as a command line writes it: `#12`, `Acme`, `"Acme renewal"` (quoted when it has spaces). */
export const quotedSubject = (subject: string): string => (/\s/u.test(subject) ? `"${subject.replace(/"/gu, '')}"` : subject);

/** The record argument a command line gives first, when it is the command's first positional one. */
const subjectFirst = (command: CommandDefinition<any>): boolean => {
  const first = command.args.find((arg) => arg.position === 0);
  return first !== undefined && (first.completes === undefined || RECORD_KINDS.has(first.completes));
};

/**
 * The line that resumes a flow, in the member's words: `/qualifier #12` when the record comes
 * first, else the line as first typed (`/journal appel Acme`), else the command alone.
 */
export function resumeLine(registry: Registry, path: string[], flow: { subject?: string; line?: string }, lang: Lang): string {
  const [head, sub] = path;
  const entry = head === undefined ? undefined : registry.find(head);
  if (!entry) return `/${path.join(' ')}`;
  const words = [displayName(entry, lang)];
  let command = 'subcommands' in entry ? undefined : entry;
  if ('subcommands' in entry && sub !== undefined) {
    command = registry.findSub(entry, sub);
    words.push(command ? displayName(command, lang) : sub);
  }
  const { subject, line } = flow;
  if (command && subject !== undefined && subjectFirst(command)) words.push(quotedSubject(subject));
  else if (line !== undefined && line.trim() !== '' && line.length <= RESUME_LINE_MAX) words.push(line.trim());
  return `/${words.join(' ')}`;
}

/** Longer first lines are not repeated back (they hold notes): the command alone is shown. */
const RESUME_LINE_MAX = 120;
