// Finds the deal, company or contact a member means by a typed name. Exact (case- and
// accent-insensitive) matches come from an index; otherwise fuse.js ranks close names so
// the command can propose them instead of creating a silent duplicate.
import Fuse from 'fuse.js';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { companies, contacts, deals } from '../db/schema.ts';
import type { MemberRow } from '../core/context.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { visibleDeals } from './access.service.ts';

export type RecordKind = 'deal' | 'company' | 'contact';

export interface RecordHit {
  kind: RecordKind;
  id: number;
  name: string;
}

export interface RecordMatch {
  /** Records whose normalised name equals the query. */
  exact: RecordHit[];
  /** Close names, best first (excluding exact ones). */
  close: RecordHit[];
}

/** How many names per kind fuzzy search looks at (most recent first). */
const CANDIDATE_LIMIT = 5000;

/** Characters of the query fuzzy search compares (fuse.js's bitap word). */
const FUZZY_PATTERN_MAX = 32;

/** Recent names of one kind, for fuzzy ranking when no exact name matched. */
async function candidates(tx: Executor, member: MemberRow, kind: RecordKind): Promise<RecordHit[]> {
  const ws = member.workspaceId;
  if (kind === 'deal') {
    const rows = await tx
      .select({ id: deals.id, name: deals.name })
      .from(deals)
      .where(visibleDeals(member, tx))
      .orderBy(desc(deals.updatedAt))
      .limit(CANDIDATE_LIMIT);
    return rows.map((row) => ({ kind, ...row }));
  }
  const table = kind === 'company' ? companies : contacts;
  const rows = await tx
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(eq(table.workspaceId, ws))
    .orderBy(desc(table.createdAt))
    .limit(CANDIDATE_LIMIT);
  return rows.map((row) => ({ kind, ...row }));
}

/** Exact-name hits of every kind in one round trip (the common case: the member typed the name right). */
async function exactHits(tx: Executor, member: MemberRow, key: string, kinds: RecordKind[]): Promise<RecordHit[]> {
  const ws = member.workspaceId;
  const parts = kinds.map((kind) => {
    if (kind === 'deal') {
      return tx
        .select({ kind: sql<RecordKind>`'deal'`.as('kind'), id: deals.id, name: deals.name })
        .from(deals)
        .where(and(visibleDeals(member, tx), eq(deals.nameKey, key)));
    }
    const table = kind === 'company' ? companies : contacts;
    return tx
      .select({ kind: sql<RecordKind>`${kind}`.as('kind'), id: table.id, name: table.name })
      .from(table)
      .where(and(eq(table.workspaceId, ws), eq(table.nameKey, key)));
  });
  const [first, ...rest] = parts;
  if (!first) return [];
  const query = rest.reduce<any>((acc, part) => acc.unionAll(part), first);
  const rows = (await query.limit(20)) as Array<{ kind: string; id: number; name: string }>;
  return rows.map((row) => ({ kind: row.kind as RecordKind, id: Number(row.id), name: row.name }));
}

export async function matchRecords(tx: Executor, member: MemberRow, query: string, kinds: RecordKind[]): Promise<RecordMatch> {
  const key = normalizeKey(query);
  const exact = await exactHits(tx, member, key, kinds);
  if (exact.length > 0) return { exact, close: [] };
  const pool: Array<RecordHit & { key: string }> = [];
  for (const kind of kinds) pool.push(...(await candidates(tx, member, kind)).map((hit) => ({ ...hit, key: normalizeKey(hit.name) })));
  // Threshold 0.4 catches one or two typos in a short company name without matching unrelated ones.
  const fuse = new Fuse(pool, { keys: ['key'], threshold: 0.4, ignoreLocation: true, includeScore: true });
  // fuse.js works through the pattern 32 characters at a time over every candidate (about 6 ms per
  // character at 5,000 names): the first 32 characters are what is compared, whatever was typed.
  const close = fuse
    .search(key.slice(0, FUZZY_PATTERN_MAX).trim(), { limit: 5 })
    .map((result) => ({ kind: result.item.kind, id: result.item.id, name: result.item.name }));
  return { exact: [], close };
}
