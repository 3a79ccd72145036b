// Matches the header line of an imported file to the columns of its kind: French or English
// names, in any order, accents and case ignored. An unknown or repeated column is an error
// rather than ignored, since a misspelt `montnat` would otherwise import deals without amounts.
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { Lang } from '../core/types.ts';
import { csvColumns, type CsvColumn, type CsvKind } from './csv-columns.schema.ts';
import type { CsvIssue } from './csv-issues.ts';

/** Which column each position of the file holds, and the header as the file spells it. */
export interface HeaderMap {
  /** Column key per position. */
  keys: string[];
  /** Header text of a column key, for error messages (`Date signature`). */
  labels: Map<string, string>;
}

const wordsOf = (column: CsvColumn): string[] => [column.key, column.fr, column.en, ...(column.aliases ?? [])].map(normalizeKey);

// Built once per kind: every import reads its header through it.
const indexes = new Map<CsvKind, Map<string, CsvColumn>>();

export function headerIndex(kind: CsvKind): Map<string, CsvColumn> {
  let index = indexes.get(kind);
  if (!index) {
    index = new Map();
    for (const column of csvColumns[kind]) {
      for (const word of wordsOf(column)) {
        const other = index.get(word);
        if (other && other !== column) throw new Error(`CSV header "${word}" names both ${other.key} and ${column.key} (${kind})`);
        index.set(word, column);
      }
    }
    indexes.set(kind, index);
  }
  return index;
}

/** Every header word of every kind, to decide the separator before the kind's checks. */
export const knownHeaders = (kind: CsvKind): Set<string> => new Set(headerIndex(kind).keys());

export function readHeader(kind: CsvKind, header: string[], lang: Lang): { map: HeaderMap; issues: CsvIssue[] } {
  const index = headerIndex(kind);
  const issues: CsvIssue[] = [];
  const keys: string[] = [];
  const labels = new Map<string, string>();
  const choices = csvColumns[kind].map((column) => column[lang]).join(', ');
  for (const cell of header) {
    const column = index.get(normalizeKey(cell));
    if (!column) {
      issues.push({ line: 1, code: 'csv_column_unknown', params: { column: cell, choices } });
      keys.push('');
      continue;
    }
    if (labels.has(column.key)) issues.push({ line: 1, code: 'csv_column_twice', params: { column: cell } });
    labels.set(column.key, cell);
    keys.push(column.key);
  }
  for (const column of csvColumns[kind]) {
    if (column.required && !labels.has(column.key)) issues.push({ line: 1, code: 'csv_column_missing', params: { column: column[lang] } });
  }
  return { map: { keys, labels }, issues };
}

/** One record as `{ column key: cell }`; columns the file does not have are absent (undefined). */
export function recordValues(map: HeaderMap, cells: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [i, key] of map.keys.entries()) if (key) values[key] = cells[i] ?? '';
  return values;
}
