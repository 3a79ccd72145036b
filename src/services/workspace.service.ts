// Finds or creates the workspace and member behind an event. The first member of a new
// workspace becomes its admin, so someone can always configure it; everyone after is a rep.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { conversations, members, stages, workspaces } from '../db/schema.ts';
import type { MemberRow, WorkspaceRow } from '../core/context.ts';
import type { Actor, ConversationRef } from '../core/types.ts';

export type StageRow = typeof stages.$inferSelect;

/**
 * Default pipeline (methods.md): lead → qualified → discovery → demo → proposal → negotiation → won/lost.
 * The closed stages agree with « affaire » (« Gagnée », « Perdue »); migration 0013 renamed the old defaults.
 */
export const defaultStages: Array<Omit<StageRow, 'workspaceId'>> = [
  { key: 'lead', nameFr: 'Lead', nameEn: 'Lead', position: 1, probability: 10, outcome: 'open' },
  { key: 'qualified', nameFr: 'Qualifié', nameEn: 'Qualified', position: 2, probability: 20, outcome: 'open' },
  { key: 'discovery', nameFr: 'Découverte', nameEn: 'Discovery', position: 3, probability: 30, outcome: 'open' },
  { key: 'demo', nameFr: 'Démo', nameEn: 'Demo', position: 4, probability: 50, outcome: 'open' },
  { key: 'proposal', nameFr: 'Proposition', nameEn: 'Proposal', position: 5, probability: 60, outcome: 'open' },
  { key: 'negotiation', nameFr: 'Négociation', nameEn: 'Negotiation', position: 6, probability: 80, outcome: 'open' },
  { key: 'won', nameFr: 'Gagnée', nameEn: 'Won', position: 7, probability: 100, outcome: 'won' },
  { key: 'lost', nameFr: 'Perdue', nameEn: 'Lost', position: 8, probability: 0, outcome: 'lost' },
];

export interface WorkspaceDefaults {
  name?: string;
  language?: 'fr' | 'en';
  timeZone?: string;
  currency?: string;
}

export async function ensureWorkspace(tx: Executor, ref: ConversationRef, now: Date, defaults: WorkspaceDefaults = {}): Promise<WorkspaceRow> {
  const found = await tx
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.platform, ref.platform), eq(workspaces.externalId, ref.workspaceId)))
    .limit(1);
  if (found[0]) return found[0];
  // Two first events may race: the unique index settles it and both read the winner.
  await tx
    .insert(workspaces)
    .values({
      platform: ref.platform,
      externalId: ref.workspaceId,
      name: defaults.name ?? ref.workspaceId,
      defaultLanguage: defaults.language ?? 'fr',
      timeZone: defaults.timeZone ?? 'Europe/Paris',
      currency: defaults.currency ?? 'EUR',
      createdAt: now,
    })
    .onConflictDoNothing();
  const [workspace] = await tx
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.platform, ref.platform), eq(workspaces.externalId, ref.workspaceId)))
    .limit(1);
  if (!workspace) throw new Error('workspace vanished after insert');
  await tx
    .insert(stages)
    .values(defaultStages.map((stage) => ({ ...stage, workspaceId: workspace.id })))
    .onConflictDoNothing();
  return workspace;
}

export async function ensureMember(tx: Executor, workspace: WorkspaceRow, actor: Actor, now: Date): Promise<MemberRow> {
  const where = and(eq(members.workspaceId, workspace.id), eq(members.platformUserId, actor.id));
  const [found] = await tx.select().from(members).where(where).limit(1);
  if (found) {
    const changes: Partial<MemberRow> = {};
    if (actor.displayName && found.displayName !== actor.displayName) changes.displayName = actor.displayName;
    if (actor.locale && found.locale !== actor.locale) changes.locale = actor.locale;
    if (Object.keys(changes).length > 0) {
      const [updated] = await tx.update(members).set(changes).where(where).returning();
      return updated ?? found;
    }
    return found;
  }
  const [{ count } = { count: 0 }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(members)
    .where(eq(members.workspaceId, workspace.id));
  await tx
    .insert(members)
    .values({
      workspaceId: workspace.id,
      platformUserId: actor.id,
      displayName: actor.displayName || actor.id,
      role: Number(count) === 0 ? 'admin' : 'rep',
      timeZone: actor.timeZone ?? null,
      locale: actor.locale ?? null,
      createdAt: now,
    })
    .onConflictDoNothing();
  const [member] = await tx.select().from(members).where(where).limit(1);
  if (!member) throw new Error('member vanished after insert');
  return member;
}

export async function setMember(
  tx: Executor,
  member: MemberRow,
  changes: Partial<Pick<MemberRow, 'role' | 'team' | 'language' | 'timeZone' | 'displayName' | 'nudgesEnabled'>>,
): Promise<MemberRow> {
  const [updated] = await tx
    .update(members)
    .set(changes)
    .where(and(eq(members.workspaceId, member.workspaceId), eq(members.id, member.id)))
    .returning();
  return updated ?? member;
}

export async function listStages(tx: Executor, workspaceId: number): Promise<StageRow[]> {
  return tx.select().from(stages).where(eq(stages.workspaceId, workspaceId)).orderBy(asc(stages.position), asc(stages.key));
}

export const stageName = (stage: Pick<StageRow, 'nameFr' | 'nameEn'>, lang: 'fr' | 'en'): string =>
  lang === 'en' ? stage.nameEn : stage.nameFr;

export interface FoundScope {
  workspace: WorkspaceRow;
  member: MemberRow | null;
  /** Whether the member has an open flow in this place (a bare message may answer it). */
  hasDialog: boolean;
  /** Whether the member has an open flow anywhere (saves looking one up on most commands). */
  hasFlows: boolean;
}

/** Workspace, member and open-flow flags in one round trip: the hot path of every event. */
export async function findScope(db: Executor, ref: ConversationRef, actorId: string, place: string): Promise<FoundScope | undefined> {
  // Flow keys start with `platform:user|` (core/dialog-store.ts flowKey).
  const flowPrefix = `${ref.platform}:${actorId}|`;
  const [row] = await db
    .select({
      workspace: workspaces,
      member: members,
      hasDialog: sql<boolean>`exists (select 1 from ${conversations} c where c.workspace_id = ${workspaces.id} and c.place = ${place})`,
      hasFlows: sql<boolean>`exists (select 1 from ${conversations} c where c.workspace_id = ${workspaces.id} and starts_with(c.key, ${flowPrefix}))`,
    })
    .from(workspaces)
    .leftJoin(members, and(eq(members.workspaceId, workspaces.id), eq(members.platformUserId, actorId)))
    .where(and(eq(workspaces.platform, ref.platform), eq(workspaces.externalId, ref.workspaceId)))
    .limit(1);
  return row ? { workspace: row.workspace, member: row.member, hasDialog: Boolean(row.hasDialog), hasFlows: Boolean(row.hasFlows) } : undefined;
}
