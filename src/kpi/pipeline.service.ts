// The pipeline summary: open deals by stage, the weighted forecast for the period, what moved
// during it, the biggest deals, overdue next steps and stale deals. All SQL aggregates.
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { dealStageHistory, deals, qualifications, stages } from '../db/schema.ts';
import { visibleDeals } from '../services/access.service.ts';
import type { KpiScope } from './kpi.service.ts';
import type { Period } from './period.ts';

export interface PipelineSummary {
  byStage: Array<{ key: string; nameFr: string; nameEn: string; count: number; amountMinor: number; weightedMinor: number }>;
  forecastMinor: number;
  moved: { created: number; advanced: number; won: number; wonMinor: number; lost: number; lostReasons: Array<{ reason: string; count: number }> };
  top: Array<{ id: number; name: string; amountMinor: number; stage: string }>;
  overdue: number;
  stale: number;
  unqualified: number;
}

/** No activity for this many days makes an open deal stale. */
export const STALE_DAYS = 14;

export const qualificationFilterValues = ['qualified', 'nurture', 'disqualified', 'none'] as const;

export interface PipelineFilters {
  /** One stage key. */
  stage?: string;
  /** The verdict of the deal's latest qualification, `none` when never qualified. */
  qualification?: (typeof qualificationFilterValues)[number];
}

export async function pipelineSummary(tx: Executor, scope: KpiScope, period: Period, today: string, now: Date, filters: PipelineFilters = {}): Promise<PipelineSummary> {
  const base: SQL[] = [visibleDeals(scope.viewer, tx), eq(deals.currency, scope.currency)];
  if (scope.memberIds) base.push(inArray(deals.ownerId, scope.memberIds));
  if (filters.stage) base.push(eq(deals.stage, filters.stage));
  if (filters.qualification) {
    base.push(
      sql`coalesce((select q.verdict from ${qualifications} q where q.workspace_id = ${deals.workspaceId} and q.deal_id = ${deals.id} order by q.created_at desc, q.id desc limit 1), 'none') = ${filters.qualification}`,
    );
  }
  const open = and(...base, eq(deals.status, 'open'));
  const byStage = await tx
    .select({
      key: stages.key,
      nameFr: stages.nameFr,
      nameEn: stages.nameEn,
      count: sql<string>`count(${deals.id})`,
      amountMinor: sql<string>`coalesce(sum(${deals.amountMinor}), 0)`,
      weightedMinor: sql<string>`coalesce(sum(${deals.amountMinor} * ${deals.probability} / 100.0), 0)`,
    })
    .from(stages)
    .leftJoin(deals, and(eq(deals.workspaceId, stages.workspaceId), eq(deals.stage, stages.key), open))
    .where(and(eq(stages.workspaceId, scope.viewer.workspaceId), eq(stages.outcome, 'open')))
    .groupBy(stages.key, stages.nameFr, stages.nameEn, stages.position)
    .orderBy(stages.position);
  const [forecast] = await tx
    .select({ value: sql<string>`coalesce(sum(${deals.amountMinor} * ${deals.probability} / 100.0), 0)` })
    .from(deals)
    .where(and(open, gte(deals.expectedCloseDate, period.from), lt(deals.expectedCloseDate, period.to)));
  const inPeriod = (column: typeof deals.createdAt | typeof deals.wonAt | typeof deals.lostAt) => and(gte(column, period.start), lt(column, period.end));
  const [moves] = await tx
    .select({
      created: sql<string>`count(*) filter (where ${inPeriod(deals.createdAt)})`,
      won: sql<string>`count(*) filter (where ${deals.status} = 'won' and ${inPeriod(deals.wonAt)})`,
      wonMinor: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${deals.status} = 'won' and ${inPeriod(deals.wonAt)}), 0)`,
      lost: sql<string>`count(*) filter (where ${deals.status} = 'lost' and ${inPeriod(deals.lostAt)})`,
      overdue: sql<string>`count(*) filter (where ${deals.status} = 'open' and ${deals.nextStepDue} < ${today})`,
      stale: sql<string>`count(*) filter (where ${deals.status} = 'open' and coalesce(${deals.lastActivityAt}, ${deals.createdAt}) < ${new Date(now.getTime() - STALE_DAYS * 86_400_000).toISOString()}::timestamptz)`,
      unqualified: sql<string>`count(*) filter (where ${deals.status} = 'open' and not exists (select 1 from qualifications q where q.workspace_id = ${deals.workspaceId} and q.deal_id = ${deals.id} and q.verdict = 'qualified'))`,
    })
    .from(deals)
    .where(and(...base));
  // "Advanced": stage moves forward during the period (history rows between open stages or to won).
  const [advanced] = await tx
    .select({ value: sql<string>`count(distinct ${dealStageHistory.dealId})` })
    .from(dealStageHistory)
    .innerJoin(deals, eq(deals.id, dealStageHistory.dealId))
    .where(and(...base, gte(dealStageHistory.changedAt, period.start), lt(dealStageHistory.changedAt, period.end), sql`${dealStageHistory.fromStage} is not null`, sql`${dealStageHistory.toStage} <> 'lost'`));
  const lostReasons = await tx
    .select({ reason: sql<string>`coalesce(${deals.lostReason}, 'other')`, count: sql<string>`count(*)` })
    .from(deals)
    .where(and(...base, eq(deals.status, 'lost'), inPeriod(deals.lostAt)))
    .groupBy(deals.lostReason)
    .orderBy(desc(sql`count(*)`));
  const top = await tx
    .select({ id: deals.id, name: deals.name, amountMinor: deals.amountMinor, stage: deals.stage })
    .from(deals)
    .where(and(open, sql`${deals.amountMinor} is not null`))
    .orderBy(desc(deals.amountMinor))
    .limit(5);
  return {
    byStage: byStage.map((row) => ({ ...row, count: Number(row.count), amountMinor: Number(row.amountMinor), weightedMinor: Math.round(Number(row.weightedMinor)) })),
    forecastMinor: Math.round(Number(forecast?.value ?? 0)),
    moved: {
      created: Number(moves?.created ?? 0),
      advanced: Number(advanced?.value ?? 0),
      won: Number(moves?.won ?? 0),
      wonMinor: Number(moves?.wonMinor ?? 0),
      lost: Number(moves?.lost ?? 0),
      lostReasons: lostReasons.map((row) => ({ reason: row.reason, count: Number(row.count) })),
    },
    top: top.map((row) => ({ id: row.id, name: row.name, amountMinor: Number(row.amountMinor), stage: row.stage })),
    overdue: Number(moves?.overdue ?? 0),
    stale: Number(moves?.stale ?? 0),
    unqualified: Number(moves?.unqualified ?? 0),
  };
}
