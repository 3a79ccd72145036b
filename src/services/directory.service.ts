// Companies and contacts: created only after the member confirmed (see record matching),
// and looked up by id within the workspace.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { companies, contacts } from '../db/schema.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';

export type CompanyRow = typeof companies.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;

export async function createCompany(tx: Executor, workspaceId: number, name: string, now: Date): Promise<CompanyRow> {
  const nameKey = normalizeKey(name);
  // The unique (workspace, name_key) index makes a concurrent create of the same name return the existing row.
  await tx.insert(companies).values({ workspaceId, name, nameKey, createdAt: now }).onConflictDoNothing();
  const [company] = await tx.select().from(companies).where(and(eq(companies.workspaceId, workspaceId), eq(companies.nameKey, nameKey))).limit(1);
  if (!company) throw new Error('company vanished after insert');
  return company;
}

export async function createContact(tx: Executor, workspaceId: number, name: string, companyId: number | null, now: Date): Promise<ContactRow> {
  const [contact] = await tx
    .insert(contacts)
    .values({ workspaceId, name, nameKey: normalizeKey(name), companyId, createdAt: now })
    .returning();
  if (!contact) throw new Error('contact insert returned nothing');
  return contact;
}

export async function getCompany(tx: Executor, workspaceId: number, id: number): Promise<CompanyRow | undefined> {
  const [row] = await tx.select().from(companies).where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id))).limit(1);
  return row;
}

export async function getContact(tx: Executor, workspaceId: number, id: number): Promise<ContactRow | undefined> {
  const [row] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id))).limit(1);
  return row;
}
