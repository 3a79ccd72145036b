// Right to erasure: a person's name, email and phone are removed from every text column of the
// workspace (cards, deal names, next steps, notes, qualification answers, pending dialogs…),
// their activities' free-text notes are dropped, and their contact row is kept anonymised so
// deal amounts, dates and activity counts — the KPIs — stay right. A salted hash of each
// identifier goes to the suppression list. Columns are found through the catalogue rather than
// listed by hand, so a column added later is covered too.
import { and, eq, sql } from 'drizzle-orm';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { queryRows, type Executor } from '../db/client.ts';
import { activities, companies, contacts, deals } from '../db/schema.ts';
import { suppress } from './suppression.service.ts';

/** What replaces the person in free text. */
export const ERASED = '[effacé]';

/** Tables that must never be rewritten: the audit log is append-only and holds no personal data. */
const UNTOUCHED = new Set(['audit_log', 'suppressions', '__drizzle_migrations']);

const escapeRegex = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface ErasureResult {
  /** Text cells rewritten, per table.column. */
  rewritten: Record<string, number>;
  notesDropped: number;
}

export async function eraseContact(tx: Executor, workspaceId: number, contactId: number, at: Date): Promise<ErasureResult> {
  const rows = queryRows;
  const [person] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (!person) throw new Error(`contact ${contactId} not found`);
  await suppress(tx, workspaceId, { email: person.email, phone: person.phone, name: person.name }, at);
  const placeholder = `${ERASED} #${contactId}`;
  // Their own activities keep type, date, outcome and deal (the counts), never the notes.
  const dropped = await tx
    .update(activities)
    .set({ notes: null })
    .where(and(eq(activities.workspaceId, workspaceId), eq(activities.contactId, contactId), sql`${activities.notes} is not null`))
    .returning({ id: activities.id });
  await tx
    .update(contacts)
    .set({ name: placeholder, nameKey: normalizeKey(`erased ${contactId}`), email: null, phone: null, title: null, externalId: null, optOutPhone: true, optOutEmail: true })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));

  // Every other mention, wherever it is: text and jsonb columns of the workspace's tables.
  // The normalised name too: search keys (`name_key`) hold it lower-cased without accents.
  const needles = [person.name, normalizeKey(person.name), person.email, person.phone].filter((v): v is string => Boolean(v && v.trim().length >= 3));
  const pattern = needles.map(escapeRegex).join('|');
  const rewritten: Record<string, number> = {};
  if (pattern) {
    const columns = await rows<{ table_name: string; column_name: string; data_type: string }>(
      tx,
      sql`select c.table_name, c.column_name, c.data_type from information_schema.columns c
          where c.table_schema = 'public' and c.data_type in ('text', 'jsonb', 'character varying')
            and exists (select 1 from information_schema.columns w where w.table_schema = 'public' and w.table_name = c.table_name and w.column_name = 'workspace_id')
          order by c.table_name, c.column_name`,
    );
    for (const column of columns) {
      if (UNTOUCHED.has(column.table_name)) continue;
      const table = sql.identifier(column.table_name);
      const col = sql.identifier(column.column_name);
      const asText = column.data_type === 'jsonb' ? sql`${col}::text` : col;
      const replaced = sql`regexp_replace(${asText}, ${pattern}, ${placeholder}, 'gi')`;
      const changed = await rows<{ n: number }>(
        tx,
        sql`with changed as (
              update ${table} set ${col} = ${column.data_type === 'jsonb' ? sql`(${replaced})::jsonb` : replaced}
              where workspace_id = ${workspaceId} and ${asText} ~* ${pattern}
              returning 1)
            select count(*)::int as n from changed`,
      );
      const n = Number(changed[0]?.n ?? 0);
      if (n > 0) rewritten[`${column.table_name}.${column.column_name}`] = n;
    }
  }
  // Names changed in place need their search keys rebuilt (keys are computed in JavaScript).
  for (const table of [companies, deals] as const) {
    const renamed = await tx.select({ id: table.id, name: table.name }).from(table).where(and(eq(table.workspaceId, workspaceId), sql`${table.name} like ${`%${ERASED}%`}`));
    for (const row of renamed) await tx.update(table).set({ nameKey: normalizeKey(row.name) }).where(eq(table.id, row.id));
  }
  return { rewritten, notesDropped: dropped.length };
}
