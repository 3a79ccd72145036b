// What the per-kind importers share: the context they run in, the shape of their answer (the
// problems found, then a write step run only when the whole file is clean), and how a line's
// values are compared with the stored record to tell created, updated and unchanged apart.
import type { MemberRow, WorkspaceRow } from '../core/context.ts';
import type { Executor } from '../db/client.ts';
import type { CsvIssue } from './csv-issues.ts';
import type { RowEnv } from './csv-rows.schema.ts';
import type { FieldRow } from './csv-bulk.service.ts';

/** A line that passed its schema: its number and its read cells. */
export interface ParsedLine<C> {
  line: number;
  cells: C;
}

export interface PlanContext {
  tx: Executor;
  workspace: WorkspaceRow;
  /** The importing member: owner and author of lines that name none. */
  member: MemberRow;
  now: Date;
  env: RowEnv;
  /** Records a problem on a line; `column` (a column key) adds the file's header for it. */
  issue(line: number, code: string, params?: Record<string, string | number>, column?: string): void;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Companies and contacts created because lines named them. */
  companiesCreated: number;
  contactsCreated: number;
}

export interface KindPlan {
  /** Lines not imported because they are about an erased person (never an error). */
  skippedErased: number[];
  /** Writes everything; called only when no line had a problem. */
  write(): Promise<ImportCounts>;
}

/** A stored value as compared with an imported one: instants by time, the rest as is. */
const comparable = (value: unknown): unknown => (value instanceof Date ? value.getTime() : value === undefined ? null : value);

/** True when `next` differs from `stored` on any of `fields`. */
export function differs(stored: FieldRow, next: FieldRow, fields: readonly string[]): boolean {
  return fields.some((field) => comparable(stored[field]) !== comparable(next[field]));
}

/**
 * A nullable field's new value: the cell when the file has the column (`null` clears it), else
 * the stored value (or `fallback` for a new record).
 */
export const pick = <T>(cell: T | null | undefined, stored: T | null | undefined, fallback: T | null = null): T | null => (cell !== undefined ? cell : stored !== undefined ? stored : fallback);

/** A required field's new value: the cell when filled; an empty cell or no column keeps it. */
export const pickRequired = <T>(cell: T | null | undefined, stored: T | undefined, fallback: T): T => cell ?? stored ?? fallback;

/**
 * The external id a record keeps after an import: its own when it has one; none when the line
 * named it by its Relance number (`#12`, what the export writes for records created in chat);
 * otherwise the line's, so the next import finds it. A new record takes the line's, `#12`
 * included (imported into another workspace, `#12` then names it there).
 */
export function keptExternalId(existing: { externalId: string | null } | undefined, lineId: string): string | null {
  if (!existing) return lineId;
  if (existing.externalId !== null) return existing.externalId;
  return /^#\d+$/.test(lineId) ? null : lineId;
}

/**
 * Whether a matched record must be written by id: the upsert on (workspace, external id) only
 * reaches records that already carry the line's external id.
 */
export const writeById = (existing: { externalId: string | null } | undefined, lineId: string): boolean => existing !== undefined && existing.externalId !== lineId;

/** Remembers which line matched each stored record: two lines may not both update one (`abc` and `#12`). */
export function oneLinePerRecord(ctx: PlanContext): (line: number, recordId: number | undefined) => boolean {
  const firstLine = new Map<number, number>();
  return (line, recordId) => {
    if (recordId === undefined) return true;
    const first = firstLine.get(recordId);
    if (first !== undefined) {
      ctx.issue(line, 'csv_duplicate_record', { first }, 'external_id');
      return false;
    }
    firstLine.set(recordId, line);
    return true;
  };
}
