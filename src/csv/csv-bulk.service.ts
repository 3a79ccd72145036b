// Set-based writes and reads for imports: thousands of rows per statement, never one query
// per line. Rows travel as one JSON parameter expanded by `json_populate_recordset` (as the
// seed does), which behaves the same on PGlite and PostgreSQL and stays far from PostgreSQL's
// 65,535 bind-parameter limit whatever the number of columns: a multi-row VALUES list of 16
// deal columns would hit it at 4,096 rows. Chunks keep each parameter to a few megabytes.
import { getTableColumns, getTableName, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '../db/client.ts';

/** Rows per statement. */
export const CHUNK_ROWS = 10_000;

/** A row keyed by drizzle field name (`amountMinor`); turned into column names here. */
export type FieldRow = Record<string, unknown>;

/** Field name → SQL column name of a table (`amountMinor` → `amount_minor`). */
function columnNames(table: PgTable): Map<string, string> {
  return new Map(Object.entries(getTableColumns(table)).map(([field, column]) => [field, column.name]));
}

function toColumnRows(table: PgTable, rows: FieldRow[], fields: string[]): { columns: string[]; rows: Array<Record<string, unknown>> } {
  const names = columnNames(table);
  const columns = fields.map((field) => {
    const name = names.get(field);
    if (!name) throw new Error(`${getTableName(table)} has no field ${field}`);
    return name;
  });
  return {
    columns,
    rows: rows.map((row) => Object.fromEntries(fields.map((field, i) => [columns[i]!, row[field] ?? null]))),
  };
}

const list = (columns: string[], prefix = ''): SQL => sql.raw(columns.map((c) => `${prefix}"${c}"`).join(', '));

/**
 * INSERT of `rows` (every field in `fields` given: json_populate_recordset leaves missing keys
 * NULL, so column defaults do not apply). With `upsertOnExternalId`, a row whose
 * (workspace_id, external_id) exists updates it instead: a concurrent import of the same file
 * cannot duplicate rows. Returns `returning` fields of the written rows.
 */
export async function insertRows<T extends Record<string, unknown> = never>(
  tx: Executor,
  table: PgTable,
  fields: string[],
  rows: FieldRow[],
  options: { upsertOnExternalId?: boolean; returning?: string[] } = {},
): Promise<T[]> {
  if (rows.length === 0) return [];
  const name = getTableName(table);
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = toColumnRows(table, rows.slice(i, i + CHUNK_ROWS), fields);
    const columns = list(chunk.columns);
    const updates = chunk.columns.filter((c) => c !== 'workspace_id' && c !== 'external_id');
    const conflict = options.upsertOnExternalId
      ? sql` on conflict ("workspace_id", "external_id") do update set ${sql.raw(updates.map((c) => `"${c}" = excluded."${c}"`).join(', '))}`
      : sql``;
    const returning = options.returning ? sql` returning ${list(toColumnRows(table, [], options.returning).columns)}` : sql``;
    const query = sql`insert into ${sql.identifier(name)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.identifier(name)}, ${JSON.stringify(chunk.rows)}::json)${conflict}${returning}`;
    if (options.returning) out.push(...(await queryRows<T>(tx, query)));
    else await tx.execute(query);
  }
  return out;
}

/** UPDATE of existing rows by `id` (within the workspace), setting `fields`. */
export async function updateRowsById(tx: Executor, table: PgTable, workspaceId: number, fields: string[], rows: FieldRow[]): Promise<void> {
  if (rows.length === 0) return;
  const name = getTableName(table);
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = toColumnRows(table, rows.slice(i, i + CHUNK_ROWS), ['id', ...fields.filter((f) => f !== 'id')]);
    const set = sql.raw(chunk.columns.filter((c) => c !== 'id').map((c) => `"${c}" = j."${c}"`).join(', '));
    await tx.execute(
      sql`update ${sql.identifier(name)} t set ${set} from json_populate_recordset(null::${sql.identifier(name)}, ${JSON.stringify(chunk.rows)}::json) j where t."id" = j."id" and t."workspace_id" = ${workspaceId}`,
    );
  }
}

/**
 * `column = ANY(the values)`, the values passed as one JSON parameter (any number of them). The
 * array is built once (an InitPlan), so the condition can use an index — and two of them joined
 * by OR a BitmapOr — where `IN (SELECT …)` would scan the whole table.
 */
export function inValues(column: AnyColumn, values: Array<string | number>): SQL {
  if (values.length === 0) return sql`false`;
  const json = JSON.stringify(values.map(String));
  return typeof values[0] === 'number'
    ? sql`${column} = any(array(select (value)::int from json_array_elements_text(${json}::json)))`
    : sql`${column} = any(array(select value from json_array_elements_text(${json}::json)))`;
}
