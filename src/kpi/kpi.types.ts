// What every KPI shares: the scope it covers, its definition, and the SQL fragments that scope
// deals and activities. A value that cannot be computed (nothing to divide by) is null, shown as
// "no data", never NaN or Infinity.
import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { activities, deals, type ObjectiveMetric } from '../db/schema.ts';
import type { MemberRow } from '../core/context.ts';
import type { Localized } from '../core/registry.ts';
import { visibleDeals } from '../services/access.service.ts';
import type { Period } from './period.ts';

/** Whose numbers: one member, a team, or the whole workspace (objectives are looked up by it). */
export type KpiSubject = { kind: 'member'; id: number } | { kind: 'team'; name: string } | { kind: 'all' };

export interface KpiScope {
  viewer: MemberRow;
  /** Owners (deals) and loggers (activities) to count; undefined = everyone the viewer may see. */
  memberIds?: number[];
  subject: KpiSubject;
  currency: string;
}

/** A figure with an optional second reading (the median next to a mean). */
export interface KpiValue {
  value: number | null;
  median?: number | null;
}

export interface KpiDefinition {
  key: string;
  name: Localized;
  unit: 'money' | 'count' | 'percent' | 'days' | 'score';
  /** Words people type for it. */
  aliases: string[];
  /** The figure's own one-line definition, shown by `/kpi list`. */
  summary: Localized;
  /** Snapshot KPIs (the pipeline now) have no previous period. */
  snapshot?: boolean;
  /** Customer, spend and survey figures belong to the company, not to one person's deals. */
  workspaceWide?: boolean;
  /** Spend is management information: reps are not shown CAC or ROI. */
  managersOnly?: boolean;
  /** The objective metric this figure is measured against, when there is one. */
  objective?: ObjectiveMetric;
  compute(tx: Executor, scope: KpiScope, period: Period): Promise<KpiValue>;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** The single value of a one-row aggregate. */
export async function one(query: Promise<Array<{ value: unknown; median?: unknown }>>): Promise<KpiValue> {
  const [row] = await query;
  return row && 'median' in row ? { value: num(row.value), median: num(row.median) } : { value: num(row?.value) };
}

export function dealScope(tx: Executor, scope: KpiScope): SQL[] {
  const conditions = [visibleDeals(scope.viewer, tx), eq(deals.currency, scope.currency)];
  if (scope.memberIds) conditions.push(inArray(deals.ownerId, scope.memberIds));
  return conditions;
}

export function activityScope(scope: KpiScope, period: Period): SQL[] {
  const conditions = [eq(activities.workspaceId, scope.viewer.workspaceId), gte(activities.occurredAt, period.start), lt(activities.occurredAt, period.end)];
  // Reps only ever see their own activity.
  const ids = scope.viewer.role === 'rep' ? [scope.viewer.id] : scope.memberIds;
  if (ids) conditions.push(inArray(activities.loggedBy, ids));
  return conditions;
}

/** Deals won during the period: a deal reopened and won again counts once, at its last win. */
export const wonIn = (period: Period) => and(eq(deals.status, 'won'), gte(deals.wonAt, period.start), lt(deals.wonAt, period.end))!;
