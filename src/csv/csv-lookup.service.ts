// Everything an import needs to look up, loaded once per file with a handful of set-based
// queries (never one per line): the workspace's members and stages, the records the file
// names by external id, `#id` or name, and the erased people among its emails and phones.
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { MemberRow } from '../core/context.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { Executor } from '../db/client.ts';
import { members, stages, suppressions } from '../db/schema.ts';
import { identifierHash } from '../services/suppression.service.ts';
import { listStages, type StageRow } from '../services/workspace.service.ts';
import { inValues } from './csv-bulk.service.ts';

/** `#12`: Relance's own number of a record (what the export writes for records without an external id). */
export function internalId(text: string): number | undefined {
  const match = /^#(\d{1,9})$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** A lookup that failed: the error code (under `errors.`) and its parameters. */
export interface LookupFailure {
  code: string;
  params: Record<string, string | number>;
}

export const isFailure = (value: unknown): value is LookupFailure => typeof value === 'object' && value !== null && 'code' in value && 'params' in value;

/** Members by platform id or display name (a member name typed in a spreadsheet). */
export interface MemberIndex {
  resolve(text: string): MemberRow | LookupFailure;
  /** What the export writes for a member: the display name, or the platform id when two members share it. */
  label(memberId: number): string;
}

export async function loadMembers(tx: Executor, workspaceId: number): Promise<MemberIndex> {
  const rows = await tx.select().from(members).where(eq(members.workspaceId, workspaceId));
  const byPlatformId = new Map(rows.map((m) => [m.platformUserId, m]));
  const byId = new Map(rows.map((m) => [m.id, m]));
  const byName = new Map<string, MemberRow[]>();
  for (const m of rows) byName.set(normalizeKey(m.displayName), [...(byName.get(normalizeKey(m.displayName)) ?? []), m]);
  return {
    resolve(text) {
      const bare = text.replace(/^@/, '');
      const exact = byPlatformId.get(bare);
      if (exact) return exact;
      const named = byName.get(normalizeKey(bare)) ?? [];
      if (named.length === 1) return named[0]!;
      return { code: named.length > 1 ? 'csv_member_ambiguous' : 'csv_member_unknown', params: { input: text } };
    },
    label(memberId) {
      const m = byId.get(memberId);
      if (!m) return '';
      return (byName.get(normalizeKey(m.displayName)) ?? []).length > 1 ? m.platformUserId : m.displayName;
    },
  };
}

/** Stages by key or French/English name. */
export interface StageIndex {
  resolve(text: string): StageRow | LookupFailure;
  /** Where a new deal starts when the file gives no stage: the first open stage. */
  first: StageRow;
  byKey: Map<string, StageRow>;
}

export async function loadStages(tx: Executor, workspaceId: number, lang: 'fr' | 'en'): Promise<StageIndex> {
  const rows = await listStages(tx, workspaceId);
  const byWord = new Map<string, Set<StageRow>>();
  for (const stage of rows) {
    for (const word of [stage.key, stage.nameFr, stage.nameEn]) {
      const key = normalizeKey(word);
      byWord.set(key, (byWord.get(key) ?? new Set()).add(stage));
    }
  }
  // The closed stages under either agreement (« Gagné » in older files, « Gagnée » since the
  // stages agree with « affaire »), unless a stage of the workspace already uses the word.
  for (const stage of rows) {
    const words = stage.outcome === 'won' ? ['gagne', 'gagnee', 'won'] : stage.outcome === 'lost' ? ['perdu', 'perdue', 'lost'] : [];
    for (const word of words) if (!byWord.has(word)) byWord.set(word, new Set([stage]));
  }
  const first = rows.find((s) => s.outcome === 'open') ?? rows[0];
  if (!first) throw new Error(`workspace ${workspaceId} has no stages`);
  const choices = rows.map((s) => (lang === 'fr' ? s.nameFr : s.nameEn)).join(', ');
  return {
    first,
    byKey: new Map(rows.map((s) => [s.key, s])),
    resolve(text) {
      const found = [...(byWord.get(normalizeKey(text)) ?? [])];
      if (found.length === 1) return found[0]!;
      return { code: found.length > 1 ? 'csv_stage_ambiguous' : 'csv_stage_unknown', params: { input: text, choices } };
    },
  };
}

/** The identifiers a file uses for records of one table. */
export interface RecordKeys {
  externalIds: string[];
  ids: number[];
  nameKeys?: string[];
}

/** Splits texts naming records into external ids, `#id`s and (for named records) name keys. */
export function recordKeys(texts: Iterable<string>, named: boolean): RecordKeys {
  const externalIds = new Set<string>();
  const ids = new Set<number>();
  const nameKeys = new Set<string>();
  for (const text of texts) {
    externalIds.add(text);
    const id = internalId(text);
    if (id !== undefined) ids.add(id);
    if (named) nameKeys.add(normalizeKey(text));
  }
  return { externalIds: [...externalIds], ids: [...ids], ...(named ? { nameKeys: [...nameKeys] } : {}) };
}

/** `workspace_id = ? AND (external_id IN … OR id IN … OR name_key IN …)`. */
export function recordsWhere(
  table: { workspaceId: Parameters<typeof eq>[0]; externalId: Parameters<typeof inValues>[0]; id: Parameters<typeof inValues>[0]; nameKey?: Parameters<typeof inValues>[0] },
  workspaceId: number,
  keys: RecordKeys,
): SQL {
  const parts = [inValues(table.externalId, keys.externalIds), inValues(table.id, keys.ids)];
  if (table.nameKey && keys.nameKeys) parts.push(inValues(table.nameKey, keys.nameKeys));
  return and(eq(table.workspaceId, workspaceId), or(...parts))!;
}

/** Records found by external id or by `#id`, the external id first. */
export interface RecordIndex<R extends { id: number; externalId: string | null }> {
  byExternal: Map<string, R>;
  byId: Map<number, R>;
  /** The record a text names by external id, then by `#id`; undefined when neither. */
  find(text: string): R | undefined;
}

export function indexRecords<R extends { id: number; externalId: string | null }>(rows: R[]): RecordIndex<R> {
  const byExternal = new Map<string, R>();
  const byId = new Map<number, R>();
  for (const row of rows) {
    byId.set(row.id, row);
    if (row.externalId !== null) byExternal.set(row.externalId, row);
  }
  return {
    byExternal,
    byId,
    find(text) {
      const external = byExternal.get(text);
      if (external) return external;
      const id = internalId(text);
      return id === undefined ? undefined : byId.get(id);
    },
  };
}

/**
 * Which of these emails and phones belong to an erased person (suppression.service keeps only
 * salted hashes): one query for the whole file, with the same hashing as `suppressedIdentifiers`.
 */
export async function loadSuppressed(tx: Executor, workspaceId: number, people: Array<{ email?: string | null; phone?: string | null }>): Promise<(person: { email?: string | null; phone?: string | null }) => boolean> {
  const hashOf = (kind: 'email' | 'phone', value: string) => identifierHash(workspaceId, kind, value);
  const wanted = new Set<string>();
  for (const person of people) {
    if (person.email) wanted.add(hashOf('email', person.email));
    if (person.phone) wanted.add(hashOf('phone', person.phone));
  }
  if (wanted.size === 0) return () => false;
  const found = await tx
    .select({ kind: suppressions.kind, hash: suppressions.hash })
    .from(suppressions)
    .where(and(eq(suppressions.workspaceId, workspaceId), inValues(suppressions.hash, [...wanted])));
  const erased = new Set(found.filter((row) => row.kind === 'email' || row.kind === 'phone').map((row) => row.hash));
  return (person) => Boolean((person.email && erased.has(hashOf('email', person.email))) || (person.phone && erased.has(hashOf('phone', person.phone))));
}

export type { StageRow };
