// What erasing one person changes, cell by cell, without changing anything yet. The erasure
// applies this plan and the right-of-access export lists it, so both always agree.
//
// Columns come from the catalogue (information_schema): every text and JSON column of every
// table with a `workspace_id`, so a column added later is covered without anyone listing it.
// For each table one query returns only candidate rows (a regular expression built from the
// person's name tokens with any accents, their e-mail and their phone digits), and the exact
// folded match runs in TypeScript (`person-matcher.ts`).
import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { queryRows, type Executor } from '../db/client.ts';
import { activities, contacts, deals, workspaces } from '../db/schema.ts';
import { createPersonMatcher, replaceSpans, snippet, workspaceCountry, type PersonMatcher, type ReviewReason } from './person-matcher.ts';

/** What replaces the person in free text. */
export const ERASED = '[effacé]';

/** Tables that must never be rewritten: the audit log is append-only and holds no personal data. */
const UNTOUCHED = new Set(['audit_log', 'suppressions', '__drizzle_migrations']);

/** Most review items kept (the reply shows fewer; the export file holds these). */
const REVIEW_LIMIT = 200;

export interface CellChange {
  table: string;
  column: string;
  /** The row's primary key: `45`, or `key=forget:12` for composite keys (workspace aside). */
  id: string;
  /** Primary-key values, to address the row. */
  key: Array<{ column: string; type: string; value: string }>;
  /** For JSON columns, the type the new text is cast to. */
  json: 'json' | 'jsonb' | null;
  before: string;
  after: string | null;
  /** The contact's own card, their own activity notes (dropped), a mention, a rebuilt search key. */
  reason: 'card' | 'own_note' | 'mention' | 'search_key';
}

export interface ReviewItem {
  table: string;
  column: string;
  id: string;
  reason: ReviewReason;
  /** About 60 characters around the mention, taken after the erasure's own rewrites. */
  snippet: string;
}

export interface ErasurePlan {
  contactId: number;
  placeholder: string;
  changes: CellChange[];
  review: ReviewItem[];
}

type Column = {
  table_name: string;
  column_name: string;
  data_type: string;
};

async function catalogue(tx: Executor) {
  const columns = await queryRows<Column & { udt_name: string }>(
    tx,
    sql`select c.table_name, c.column_name, c.data_type, c.udt_name from information_schema.columns c
        where c.table_schema = 'public'
          and exists (select 1 from information_schema.columns w where w.table_schema = 'public' and w.table_name = c.table_name and w.column_name = 'workspace_id')
        order by c.table_name, c.ordinal_position`,
  );
  // (Joining information_schema.columns here takes seconds on PostgreSQL: types come from above.)
  const keys = await queryRows<{ table_name: string; column_name: string }>(
    tx,
    sql`select k.table_name, k.column_name from information_schema.table_constraints t
        join information_schema.key_column_usage k on k.constraint_schema = t.constraint_schema and k.constraint_name = t.constraint_name and k.table_name = t.table_name
        where t.table_schema = 'public' and t.constraint_type = 'PRIMARY KEY'
        order by k.table_name, k.ordinal_position`,
  );
  const tables = new Map<string, { text: Column[]; all: Set<string>; key: Array<{ column: string; type: string }> }>();
  for (const column of columns) {
    if (UNTOUCHED.has(column.table_name)) continue;
    const entry = tables.get(column.table_name) ?? { text: [], all: new Set<string>(), key: [] };
    entry.all.add(column.column_name);
    if (['text', 'character varying', 'jsonb', 'json'].includes(column.data_type)) entry.text.push(column);
    tables.set(column.table_name, entry);
  }
  for (const key of keys) {
    const type = columns.find((c) => c.table_name === key.table_name && c.column_name === key.column_name)?.udt_name;
    if (!type) continue;
    // Type names come from the catalogue; anything unexpected is refused rather than spliced in.
    if (!/^[a-z0-9_]+$/.test(type)) throw new Error(`unexpected key type ${type}`);
    tables.get(key.table_name)?.key.push({ column: key.column_name, type });
  }
  return tables;
}

const rowId = (key: Array<{ column: string; value: string }>): string => {
  const own = key.filter((k) => k.column !== 'workspace_id');
  return own.length === 1 && own[0]!.column === 'id' ? own[0]!.value : own.map((k) => `${k.column}=${k.value}`).join(', ');
};

/** Applies `rewrite` to every string of a JSON value, keys included. */
function mapStrings(value: unknown, rewrite: (s: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, rewrite));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [rewrite(k), mapStrings(v, rewrite)]));
  return value;
}

/**
 * Everything erasing `contactId` changes, and the mentions left for an admin to check.
 * `lock` takes row locks on the rows read (the erasure, which then writes them).
 */
export async function planErasure(tx: Executor, workspaceId: number, contactId: number, options: { lock?: boolean } = {}): Promise<ErasurePlan> {
  const [person] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (!person) throw new Error(`contact ${contactId} not found`);
  const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const matcher: PersonMatcher = createPersonMatcher(person, { country: workspace ? workspaceCountry(workspace) : undefined });
  const placeholder = `${ERASED} #${contactId}`;
  const tables = await catalogue(tx);
  const keyOf = (table: string, row: Record<string, unknown>) => (tables.get(table)?.key ?? []).map((k, i) => ({ ...k, value: String(row[`k${i}`]) }));
  const changes: CellChange[] = [];
  const planned = new Set<string>();
  const add = (change: Omit<CellChange, 'id'>) => {
    const id = rowId(change.key);
    planned.add(`${change.table}|${id}|${change.column}`);
    changes.push({ ...change, id });
  };

  // The card itself: kept for the figures, every identifier gone.
  const card: Record<string, string | null> = { name: placeholder, name_key: normalizeKey(`erased ${contactId}`), email: null, phone: null, title: null, external_id: null };
  const current: Record<string, string | null> = { name: person.name, name_key: person.nameKey, email: person.email, phone: person.phone, title: person.title, external_id: person.externalId };
  for (const [column, after] of Object.entries(card)) {
    const before = current[column];
    if (before !== null && before !== undefined && before !== after) add({ table: 'contacts', column, key: [{ column: 'id', type: 'int4', value: String(contactId) }], json: null, before, after, reason: 'card' });
  }
  // Their own activities keep type, date, outcome and deal (the counts), never the notes.
  const own = await tx
    .select({ id: activities.id, notes: activities.notes })
    .from(activities)
    .where(and(eq(activities.workspaceId, workspaceId), eq(activities.contactId, contactId), isNotNull(activities.notes)))
    .orderBy(activities.id);
  for (const row of own) add({ table: 'activities', column: 'notes', key: [{ column: 'id', type: 'int4', value: String(row.id) }], json: null, before: row.notes!, after: null, reason: 'own_note' });

  // Records linked to them: rows naming them as contact, and rows of their deals. There the
  // first name or surname alone is theirs too.
  const theirDeals = (await tx.select({ id: deals.id }).from(deals).where(and(eq(deals.workspaceId, workspaceId), eq(deals.contactId, contactId)))).map((d) => d.id);
  const review: ReviewItem[] = [];
  if (matcher.prefilter || matcher.linkedPrefilter) {
    for (const [table, info] of tables) {
      if (info.text.length === 0 || info.key.length === 0) continue;
      const linkedIf: SQL[] = [];
      if (info.all.has('contact_id')) linkedIf.push(sql`contact_id = ${contactId}`);
      if (info.all.has('deal_id') && theirDeals.length > 0) linkedIf.push(sql`deal_id in (${sql.join(theirDeals.map((id) => sql`${id}`), sql`, `)})`);
      if (table === 'deals' && theirDeals.length > 0) linkedIf.push(sql`id in (${sql.join(theirDeals.map((id) => sql`${id}`), sql`, `)})`);
      if (table === 'contacts') linkedIf.push(sql`id = ${contactId}`);
      const linked = linkedIf.length > 0 ? sql.join(linkedIf, sql` or `) : sql`false`;
      const rows = await queryRows<Record<string, unknown>>(
        tx,
        sql`select ${sql.join(
          info.key.map((k, i) => sql`${sql.identifier(k.column)}::text as ${sql.identifier(`k${i}`)}`),
          sql`, `,
        )}, (${linked}) as linked, ${sql.join(
          info.text.map((c, i) => sql`${sql.identifier(c.column_name)}::text as ${sql.identifier(`c${i}`)}`),
          sql`, `,
        )}
            from ${sql.identifier(table)}
            where workspace_id = ${workspaceId}
              and (${sql.join(
                [
                  ...(matcher.prefilter ? info.text.map((c) => sql`${sql.identifier(c.column_name)}::text ~* ${matcher.prefilter}`) : []),
                  ...(matcher.linkedPrefilter && linkedIf.length > 0 ? [sql`((${linked}) and (${sql.join(info.text.map((c) => sql`${sql.identifier(c.column_name)}::text ~* ${matcher.linkedPrefilter}`), sql` or `)}))`] : []),
                  sql`false`,
                ],
                sql` or `,
              )})
            ${options.lock ? sql`for update` : sql``}`,
      );
      for (const row of rows) {
        const key = keyOf(table, row);
        const id = rowId(key);
        const isLinked = row['linked'] === true || row['linked'] === 't';
        const afterByColumn = new Map<string, string>();
        info.text.forEach((column, i) => {
          const before = row[`c${i}`];
          if (typeof before !== 'string' || planned.has(`${table}|${id}|${column.column_name}`)) return;
          const json = column.data_type === 'jsonb' || column.data_type === 'json' ? column.data_type : null;
          const texts: string[] = [];
          const rewrite = (text: string): string => {
            const spans = matcher.erasable(text, isLinked);
            const after = spans.length > 0 ? replaceSpans(text, spans, placeholder) : text;
            texts.push(after);
            return after;
          };
          let after: string;
          if (json) {
            const value = JSON.parse(before) as unknown;
            const rewritten = mapStrings(value, rewrite);
            after = JSON.stringify(rewritten) === JSON.stringify(value) ? before : JSON.stringify(rewritten);
          } else after = rewrite(before);
          if (after !== before) {
            add({ table, column: column.column_name, key, json, before, after, reason: 'mention' });
            afterByColumn.set(column.column_name, after);
          }
          for (const text of texts) {
            for (const match of matcher.review(text)) {
              if (review.length < REVIEW_LIMIT) review.push({ table, column: column.column_name, id, reason: match.reason, snippet: snippet(text, match) });
            }
          }
        });
        // A renamed record's search key follows its new name (keys are computed in JavaScript).
        const newName = afterByColumn.get('name');
        const keyIndex = info.text.findIndex((c) => c.column_name === 'name_key');
        if (newName !== undefined && keyIndex >= 0) {
          const before = String(row[`c${keyIndex}`] ?? '');
          const after = normalizeKey(newName);
          const existing = changes.find((c) => c.table === table && c.id === id && c.column === 'name_key');
          if (existing) Object.assign(existing, { after, reason: 'search_key' });
          else if (before !== after) add({ table, column: 'name_key', key, json: null, before, after, reason: 'search_key' });
        }
      }
    }
  }
  return { contactId, placeholder, changes, review };
}

/** Writes a plan: one UPDATE per changed cell, addressed by primary key within the workspace. */
export async function applyErasurePlan(tx: Executor, workspaceId: number, plan: ErasurePlan): Promise<Record<string, number>> {
  const rewritten: Record<string, number> = {};
  for (const change of plan.changes) {
    const value = change.after === null ? sql`null` : change.json ? sql`${change.after}::${sql.raw(change.json)}` : sql`${change.after}`;
    const where = change.key.map((k) => sql`${sql.identifier(k.column)} = ${k.value}::${sql.raw(k.type)}`);
    await tx.execute(sql`update ${sql.identifier(change.table)} set ${sql.identifier(change.column)} = ${value} where workspace_id = ${workspaceId} and ${sql.join(where, sql` and `)}`);
    const label = `${change.table}.${change.column}`;
    rewritten[label] = (rewritten[label] ?? 0) + 1;
  }
  return rewritten;
}
