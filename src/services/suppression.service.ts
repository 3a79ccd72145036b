// Suppression list: when a person is erased, salted hashes of their email, phone and name are
// kept (never the values), so an import or a new contact bringing them back is caught.
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { Executor } from '../db/client.ts';
import { suppressions } from '../db/schema.ts';

export type SuppressionKind = 'email' | 'phone' | 'name';

/** Same person, same key: case and spaces in emails, formatting and +33/0 in phones, accents in names. */
export function normalizeIdentifier(kind: SuppressionKind, value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  if (kind === 'phone') {
    const digits = value.replace(/\D/g, '');
    return digits.length === 10 && digits.startsWith('0') ? `33${digits.slice(1)}` : digits;
  }
  return normalizeKey(value);
}

export function identifierHash(workspaceId: number, kind: SuppressionKind, value: string): string {
  // The workspace id salts the hash (the same email in two workspaces gives two hashes);
  // RELANCE_HASH_SECRET, when set, keeps the list from being matched against guessed emails.
  const secret = process.env['RELANCE_HASH_SECRET'] ?? '';
  return createHash('sha256').update(`${secret}:${workspaceId}:${kind}:${normalizeIdentifier(kind, value)}`).digest('hex');
}

export async function suppress(tx: Executor, workspaceId: number, person: { email?: string | null; phone?: string | null; name?: string | null }, at: Date): Promise<void> {
  const rows = (['email', 'phone', 'name'] as const)
    .filter((kind) => person[kind])
    .map((kind) => ({ workspaceId, kind, hash: identifierHash(workspaceId, kind, person[kind]!), createdAt: at }));
  if (rows.length > 0) await tx.insert(suppressions).values(rows).onConflictDoNothing();
}

/** Which identifiers of this person belong to someone erased (empty when none). */
export async function suppressedIdentifiers(tx: Executor, workspaceId: number, person: { email?: string | null; phone?: string | null; name?: string | null }): Promise<SuppressionKind[]> {
  const wanted = (['email', 'phone', 'name'] as const).filter((kind) => person[kind]).map((kind) => identifierHash(workspaceId, kind, person[kind]!));
  if (wanted.length === 0) return [];
  const found = await tx.select({ kind: suppressions.kind }).from(suppressions).where(and(eq(suppressions.workspaceId, workspaceId), inArray(suppressions.hash, wanted)));
  return found.map((row) => row.kind);
}
