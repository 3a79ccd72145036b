// The workspace's names for the understanding rules, read once and kept while they do not
// change. A one-row fingerprint (counts, newest change and a hash of the names) is read at most
// every two seconds: a deal renamed, a contact erased or a company added on another replica
// makes it differ and the names are read again. Nothing outlives an erasure in memory by more
// than that; this process's own writes drop the names at once.
import { and, eq, sql } from 'drizzle-orm';
import type { MemberRow } from '../core/context.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { companies, contacts, deals, members } from '../db/schema.ts';
import { buildVocabulary, type DealEntry, type Vocabulary } from './vocabulary.ts';

interface CacheEntry {
  fingerprint: string;
  vocabulary: Vocabulary;
  /** When the fingerprint was last read (monotonic clock, not the bot's business clock). */
  checkedAt: number;
}

/**
 * How long names are used without reading the fingerprint again. A burst of sentences costs one
 * query; a change made on another replica is seen within this delay (this process's own writes
 * are seen at once, see forgetVocabulary).
 */
const FRESH_FOR_MS = 2000;

/** Workspaces kept per database (a deployment serves a few; tests open many databases). */
const MAX_WORKSPACES = 32;
const caches = new WeakMap<DatabaseHandle, Map<number, CacheEntry>>();

async function fingerprintOf(database: DatabaseHandle, workspaceId: number): Promise<string> {
  const [row] = await database.rows<Record<string, unknown>>(
    database.db,
    sql`select
      (select count(*) from ${deals} where ${deals.workspaceId} = ${workspaceId}) as d,
      (select max(${deals.updatedAt}) || ':' || max(${deals.id}) from ${deals} where ${deals.workspaceId} = ${workspaceId}) as du,
      (select count(*) || ':' || coalesce(sum(hashtext(${companies.name})), 0) from ${companies} where ${companies.workspaceId} = ${workspaceId}) as c,
      (select count(*) || ':' || coalesce(sum(hashtext(${contacts.name} || coalesce(${contacts.companyId}, 0)::text)), 0) from ${contacts} where ${contacts.workspaceId} = ${workspaceId}) as p,
      (select count(*) || ':' || coalesce(sum(hashtext(${members.displayName})), 0) from ${members} where ${members.workspaceId} = ${workspaceId}) as m`,
  );
  return JSON.stringify(row ?? {});
}

async function readVocabulary(database: DatabaseHandle, workspaceId: number): Promise<Vocabulary> {
  const db = database.db;
  const [companyRows, contactRows, dealRows, memberRows] = await Promise.all([
    db.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.workspaceId, workspaceId)),
    db.select({ id: contacts.id, name: contacts.name, companyId: contacts.companyId }).from(contacts).where(eq(contacts.workspaceId, workspaceId)),
    db
      .select({ id: deals.id, name: deals.name, companyId: deals.companyId, contactId: deals.contactId, status: deals.status, ownerId: deals.ownerId })
      .from(deals)
      .where(eq(deals.workspaceId, workspaceId)),
    db.select({ id: members.id, name: members.displayName, team: members.team }).from(members).where(and(eq(members.workspaceId, workspaceId))),
  ]);
  return buildVocabulary({ companies: companyRows, contacts: contactRows, deals: dealRows, members: memberRows });
}

/**
 * Forgets a workspace's names after this process changed them (a deal won, renamed or
 * created): the fingerprint alone cannot see a change made within the same clock tick.
 */
export function forgetVocabulary(database: DatabaseHandle, workspaceId: number): void {
  caches.get(database)?.delete(workspaceId);
}

/** The names of a workspace, fresh as of this call. */
export async function loadVocabulary(database: DatabaseHandle, workspaceId: number): Promise<Vocabulary> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  const known = cache.get(workspaceId);
  const checkedAt = performance.now();
  if (known && checkedAt - known.checkedAt < FRESH_FOR_MS) return known.vocabulary;
  const fingerprint = await fingerprintOf(database, workspaceId);
  if (known && known.fingerprint === fingerprint) {
    known.checkedAt = checkedAt;
    return known.vocabulary;
  }
  const vocabulary = await readVocabulary(database, workspaceId);
  cache.delete(workspaceId);
  cache.set(workspaceId, { fingerprint, vocabulary, checkedAt });
  // Least recently read first out.
  while (cache.size > MAX_WORKSPACES) cache.delete(cache.keys().next().value as number);
  return vocabulary;
}

/**
 * Which deals the member may be told about, as `visibleDeals` (access.service.ts) decides in
 * SQL: everything for admins and team-less managers, the team's for managers, their own for reps.
 */
export function dealVisibility(member: MemberRow, vocabulary: Vocabulary): (deal: DealEntry) => boolean {
  if (member.role === 'admin' || (member.role === 'manager' && !member.team)) return () => true;
  if (member.role === 'manager') {
    const team = new Set(vocabulary.members.filter((row) => row.team === member.team).map((row) => row.id));
    return (deal) => deal.ownerId === member.id || team.has(deal.ownerId);
  }
  return (deal) => deal.ownerId === member.id;
}
