// The pipeline summary: open deals by stage, the weighted forecast for the period, what moved
// during it, the biggest deals, overdue next steps and stale deals. All SQL aggregates.
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
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
  // One pass over the open deals, grouped by stage: the amounts per stage, and, the same on
  // every row (window sums of the per-stage figures), the weighted forecast of the period and the
  // overdue / stale / unqualified counts. The deals are aggregated first and matched to the few
  // stages afterwards. "Unqualified" is an anti-join on the workspace's qualified deals, hashed
  // once. Weighted sums divide once per group, not once per deal (numeric division is slow).
  const qualified = tx
    .selectDistinct({ dealId: sql<number>`${qualifications.dealId}`.as('qualified_deal_id') })
    .from(qualifications)
    .where(and(eq(qualifications.workspaceId, scope.viewer.workspaceId), eq(qualifications.verdict, 'qualified')))
    .as('qualified');
  const staleBefore = new Date(now.getTime() - STALE_DAYS * 86_400_000).toISOString();
  const openByStage = await tx
    .select({
      stage: deals.stage,
      count: sql<string>`count(*)`,
      amountMinor: sql<string>`coalesce(sum(${deals.amountMinor}), 0)`,
      weightedMinor: sql<string>`coalesce(sum(${deals.amountMinor} * ${deals.probability}) / 100.0, 0)`,
      forecastMinor: sql<string>`coalesce(sum(sum(${deals.amountMinor} * ${deals.probability}) filter (where ${deals.expectedCloseDate} >= ${period.from} and ${deals.expectedCloseDate} < ${period.to})) over () / 100.0, 0)`,
      overdue: sql<string>`sum(count(*) filter (where ${deals.nextStepDue} < ${today})) over ()`,
      stale: sql<string>`sum(count(*) filter (where coalesce(${deals.lastActivityAt}, ${deals.createdAt}) < ${staleBefore}::timestamptz)) over ()`,
      unqualified: sql<string>`sum(count(*) filter (where ${qualified.dealId} is null)) over ()`,
    })
    .from(deals)
    .leftJoin(qualified, eq(qualified.dealId, deals.id))
    .where(open)
    .groupBy(deals.stage);
  const pipelineStages = await tx
    .select({ key: stages.key, nameFr: stages.nameFr, nameEn: stages.nameEn })
    .from(stages)
    .where(and(eq(stages.workspaceId, scope.viewer.workspaceId), eq(stages.outcome, 'open')))
    .orderBy(stages.position);
  const openStage = new Map(openByStage.map((row) => [row.stage, row]));
  const overall = (key: 'forecastMinor' | 'overdue' | 'stale' | 'unqualified'): number => Number(openByStage[0]?.[key] ?? 0);
  const inPeriod = (column: typeof deals.createdAt | typeof deals.wonAt | typeof deals.lostAt) => and(gte(column, period.start), lt(column, period.end));
  const wonIn = and(eq(deals.status, 'won'), inPeriod(deals.wonAt));
  const lostIn = and(eq(deals.status, 'lost'), inPeriod(deals.lostAt));
  // Only the deals created, won or lost in the period, each found through its own index.
  const [moves] = await tx
    .select({
      created: sql<string>`count(*) filter (where ${inPeriod(deals.createdAt)})`,
      won: sql<string>`count(*) filter (where ${wonIn})`,
      wonMinor: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${wonIn}), 0)`,
      lost: sql<string>`count(*) filter (where ${lostIn})`,
    })
    .from(deals)
    .where(and(...base, or(inPeriod(deals.createdAt), wonIn, lostIn)));
  // "Advanced": stage moves forward during the period (history rows between open stages or to won).
  // History rows live in their deal's workspace: the condition lets the (workspace, time) index
  // find the period's rows.
  const [advanced] = await tx
    .select({ value: sql<string>`count(distinct ${dealStageHistory.dealId})` })
    .from(dealStageHistory)
    .innerJoin(deals, eq(deals.id, dealStageHistory.dealId))
    .where(
      and(
        ...base,
        eq(dealStageHistory.workspaceId, scope.viewer.workspaceId),
        gte(dealStageHistory.changedAt, period.start),
        lt(dealStageHistory.changedAt, period.end),
        sql`${dealStageHistory.fromStage} is not null`,
        sql`${dealStageHistory.toStage} <> 'lost'`,
      ),
    );
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
    byStage: pipelineStages.map((stage) => {
      const row = openStage.get(stage.key);
      return { ...stage, count: Number(row?.count ?? 0), amountMinor: Number(row?.amountMinor ?? 0), weightedMinor: Math.round(Number(row?.weightedMinor ?? 0)) };
    }),
    forecastMinor: Math.round(overall('forecastMinor')),
    moved: {
      created: Number(moves?.created ?? 0),
      advanced: Number(advanced?.value ?? 0),
      won: Number(moves?.won ?? 0),
      wonMinor: Number(moves?.wonMinor ?? 0),
      lost: Number(moves?.lost ?? 0),
      lostReasons: lostReasons.map((row) => ({ reason: row.reason, count: Number(row.count) })),
    },
    top: top.map((row) => ({ id: row.id, name: row.name, amountMinor: Number(row.amountMinor), stage: row.stage })),
    overdue: overall('overdue'),
    stale: overall('stale'),
    unqualified: overall('unqualified'),
  };
}
