// Storage limitation: contacts with no activity for the workspace's retention period (3 years
// by default, the CNIL's usual horizon for prospects) are listed, and erased when the workspace
// has turned automatic erasure on. Contacts on an open deal are kept.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client.ts';
import { activities, contacts, deals } from '../db/schema.ts';
import { ERASED } from './erasure.service.ts';

export const retentionSettingsSchema = z.object({ erase: z.boolean().default(false), years: z.number().int().min(1).max(10).default(3) });
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export function retentionSettings(settings: Record<string, unknown>): RetentionSettings {
  const parsed = retentionSettingsSchema.safeParse(settings['retention'] ?? {});
  return parsed.success ? parsed.data : retentionSettingsSchema.parse({});
}

export async function expiredContacts(tx: Executor, workspaceId: number, years: number, now: Date): Promise<Array<{ id: number; name: string; lastSeen: Date }>> {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  // Written with explicit table names: drizzle prints a single-table query's select fields
  // without them, and inside the subquery a bare `id` would mean the activity's.
  const lastSeen = sql<string>`greatest("contacts"."created_at", coalesce((select max(a.occurred_at) from ${activities} a where a.workspace_id = "contacts"."workspace_id" and a.contact_id = "contacts"."id"), "contacts"."created_at"))`;
  const rows = await tx
    .select({ id: contacts.id, name: contacts.name, lastSeen })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        sql`${contacts.name} not like ${`${ERASED}%`}`,
        sql`${lastSeen} < ${cutoff.toISOString()}::timestamptz`,
        sql`not exists (select 1 from ${deals} d where d.workspace_id = "contacts"."workspace_id" and d.contact_id = "contacts"."id" and d.status = 'open')`,
      ),
    )
    .orderBy(contacts.id)
    .limit(1000);
  return rows.map((r) => ({ id: r.id, name: r.name, lastSeen: new Date(r.lastSeen) }));
}
