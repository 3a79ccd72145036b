// Turns the bytes of an uploaded CSV file into a header and records, each with the line it
// starts on (the header is line 1), using csv-parse. Decides the separator from the header line
// only (`;` from French spreadsheets, `,` from English ones) and accepts UTF-8 with or without
// a byte order mark. Problems come back as issues with line numbers, never as exceptions.
import { parse } from 'csv-parse/sync';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { CsvIssue } from './csv-issues.ts';

export type CsvSeparator = ';' | ',';

export interface CsvRecord {
  /** Line of the file where the record starts (1 is the header). */
  line: number;
  cells: string[];
}

export interface CsvFile {
  separator: CsvSeparator;
  header: string[];
  records: CsvRecord[];
}

const BOM = '\uFEFF';

/** UTF-8 only: a file saved as Windows-1252 by Excel would otherwise turn `é` into `�` silently. */
function decodeUtf8(bytes: Uint8Array): string | CsvIssue {
  try {
    // ignoreBOM keeps a leading BOM in the text: csv-parse's `bom` option takes it off.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Name the first line that is not valid UTF-8.
    let line = 1;
    let start = 0;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i <= bytes.length; i += 1) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          decoder.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line += 1;
        start = i + 1;
      }
    }
    return { line, code: 'csv_not_utf8', params: {} };
  }
}

/** The header line's cells for a separator, quotes removed (headers rarely need quoting). */
const headerCells = (headerLine: string, separator: CsvSeparator): string[] => headerLine.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/s, '$1'));

/**
 * `;` or `,`, from the header alone: the one present, or when both are (`nom;"Société, groupe"`)
 * the one that splits it into more known column names. Neither: a wrong separator (tab, `|`…).
 */
export function detectSeparator(text: string, knownHeaders: Set<string>): CsvSeparator | undefined {
  const headerLine = (text.startsWith(BOM) ? text.slice(1) : text).split(/\r\n|\n|\r/, 1)[0] ?? '';
  const candidates = ([';', ','] as const).filter((separator) => headerLine.includes(separator));
  if (candidates.length <= 1) return candidates[0];
  const known = (separator: CsvSeparator): number => headerCells(headerLine, separator).filter((cell) => knownHeaders.has(normalizeKey(cell))).length;
  return known(',') > known(';') ? ',' : ';';
}

/**
 * Line numbers from byte offsets: where each line of the file starts (after `\r\n`, `\n` or a
 * lone `\r`). csv-parse reports each record's end as a byte offset, which stays right whatever
 * the record holds; its own line count goes off by one after each `\r\n` inside quotes.
 */
function lineStarts(bytes: Uint8Array): Uint32Array {
  const starts: number[] = [0];
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return Uint32Array.from(starts);
}

/** 1-based line of the byte at `offset`, searching forward from line `from` (records come in order). */
function lineAt(starts: Uint32Array, offset: number, from: number): number {
  let line = from;
  while (line < starts.length && starts[line]! <= offset) line += 1;
  return line;
}

/** Skips what csv-parse skips before a record: empty (or, trimmed, blank) lines. */
function skipBlank(bytes: Uint8Array, offset: number): number {
  let at = offset;
  while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x20 || bytes[at] === 0x09)) at += 1;
  return at;
}

/**
 * Reads the whole file. Field counts are checked here for every record (csv-parse is told not
 * to stop at the first short line, so that every bad line is reported, not just the first).
 * `file` is undefined when nothing can be read past the problem (encoding, separator, quotes).
 */
export function readCsvFile(bytes: Uint8Array, knownHeaders: Set<string>): { file: CsvFile; issues: CsvIssue[] } | { file: undefined; issues: CsvIssue[] } {
  const fatal = (issue: CsvIssue) => ({ file: undefined, issues: [issue] });
  const decoded = decodeUtf8(bytes);
  if (typeof decoded !== 'string') return fatal(decoded);
  // A NUL is valid UTF-8 but no text: it is how a UTF-16 file ("Unicode text" in Excel) reads as
  // UTF-8, and PostgreSQL refuses it in text columns. Same answer as for any other non-UTF-8 file.
  const starts = lineStarts(bytes);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fatal({ line: lineAt(starts, nul, 1), code: 'csv_not_utf8', params: {} });
  if (decoded.replace(BOM, '').trim() === '') return fatal({ line: 1, code: 'csv_empty', params: {} });
  const separator = detectSeparator(decoded, knownHeaders);
  if (!separator) return fatal({ line: 1, code: 'csv_separator', params: {} });

  let parsed: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    // The bytes themselves (valid UTF-8, checked above), so offsets are byte offsets.
    parsed = parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      bom: true,
      delimiter: separator,
      // Windows, Unix and old Mac line ends, even mixed in one file (files pasted together).
      record_delimiter: ['\r\n', '\n', '\r'],
      // Every line is checked against the header below, with its number.
      relax_column_count: true,
      skip_empty_lines: true,
      // Spaces around separators and quotes (`"Acme" ; 12`) are layout, not data.
      trim: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { bytes: number } }>;
  } catch (error) {
    const { code, bytes: at, lines } = error as { code?: string; bytes?: number; lines?: number };
    const quote = typeof code === 'string' && code.includes('QUOTE');
    return fatal({ line: typeof at === 'number' ? lineAt(starts, Math.max(0, at - 1), 1) : (lines ?? 1), code: quote ? 'csv_quote' : 'csv_malformed', params: {} });
  }
  const [first, ...rest] = parsed;
  if (!first) return fatal({ line: 1, code: 'csv_empty', params: {} });
  const header = first.record;
  const issues: CsvIssue[] = [];
  const records: CsvRecord[] = [];
  let recordStart = first.info.bytes;
  let line = 1;
  for (const { record, info } of rest) {
    // A record starts where the previous one ended, past any empty lines.
    line = lineAt(starts, skipBlank(bytes, recordStart), line);
    recordStart = info.bytes;
    if (record.length !== header.length) {
      issues.push({ line, code: 'csv_field_count', params: { found: record.length, expected: header.length, separator } });
      continue;
    }
    records.push({ line, cells: record });
  }
  // Short or long lines are reported; the others are still checked, so one run shows every mistake.
  return { file: { separator, header, records }, issues };
}
