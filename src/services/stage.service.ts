// Workspace pipeline settings: rename, reorder, set probabilities, add stages.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { stages } from '../db/schema.ts';
import { listStages, type StageRow } from './workspace.service.ts';

export async function renameStage(tx: Executor, workspaceId: number, key: string, lang: 'fr' | 'en', name: string): Promise<void> {
  await tx
    .update(stages)
    .set(lang === 'en' ? { nameEn: name } : { nameFr: name })
    .where(and(eq(stages.workspaceId, workspaceId), eq(stages.key, key)));
}

export async function setStageProbability(tx: Executor, workspaceId: number, key: string, probability: number): Promise<void> {
  await tx.update(stages).set({ probability }).where(and(eq(stages.workspaceId, workspaceId), eq(stages.key, key)));
}

/** Puts a stage at 1-based `position`, renumbering the others so positions stay 1..n. */
export async function moveStageTo(tx: Executor, workspaceId: number, key: string, position: number): Promise<StageRow[]> {
  const all = await listStages(tx, workspaceId);
  const moving = all.find((s) => s.key === key);
  if (!moving) return all;
  const others = all.filter((s) => s.key !== key);
  const index = Math.min(Math.max(position, 1), all.length) - 1;
  others.splice(index, 0, moving);
  for (const [i, stage] of others.entries()) {
    if (stage.position !== i + 1) {
      await tx.update(stages).set({ position: i + 1 }).where(and(eq(stages.workspaceId, workspaceId), eq(stages.key, stage.key)));
    }
  }
  return listStages(tx, workspaceId);
}

/** Adds an open stage at `position` (default: just before the closed stages). */
export async function addStage(tx: Executor, workspaceId: number, stage: { key: string; nameFr: string; nameEn: string; probability: number }, position?: number): Promise<void> {
  const all = await listStages(tx, workspaceId);
  const firstClosed = all.find((s) => s.outcome !== 'open')?.position ?? all.length + 1;
  const at = position ?? firstClosed;
  await tx.update(stages).set({ position: sql`${stages.position} + 1` }).where(and(eq(stages.workspaceId, workspaceId), gte(stages.position, at)));
  await tx.insert(stages).values({ workspaceId, ...stage, position: at, outcome: 'open' });
}
