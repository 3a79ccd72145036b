// Every KPI the bot answers (kpis.md), as SQL aggregates over one period and one scope, and the
// short default set `/kpi` shows.
import { and, desc, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { deals, members } from '../db/schema.ts';
import { activityKpis } from './activity-kpis.ts';
import { customerKpis } from './customer-kpis.ts';
import { dealKpis } from './deal-kpis.ts';
import { dealScope, wonIn, type KpiDefinition, type KpiScope } from './kpi.types.ts';
import { attainmentKpi } from './objective.service.ts';
import type { Period } from './period.ts';

export type { KpiDefinition, KpiScope, KpiSubject, KpiValue } from './kpi.types.ts';

const revenue = dealKpis.find((kpi) => kpi.key === 'revenue')!;

export const kpis: KpiDefinition[] = [...activityKpis.slice(0, 1), ...dealKpis, attainmentKpi(revenue), ...activityKpis.slice(1), ...customerKpis];

/** What `/kpi` alone shows: a handful, as the sources advise. */
export const DEFAULT_KPIS = ['activities', 'new_deals', 'deals_won', 'revenue', 'win_rate'];

/** Revenue per rep (a breakdown, not one figure): who brought what, biggest first. */
export async function revenueByRep(tx: Executor, scope: KpiScope, period: Period): Promise<Array<{ memberId: number; name: string; revenueMinor: number; won: number }>> {
  const rows = await tx
    .select({ memberId: members.id, name: members.displayName, revenueMinor: sql<string>`coalesce(sum(${deals.amountMinor}), 0)`, won: sql<string>`count(*)` })
    .from(deals)
    .innerJoin(members, sql`${members.id} = ${deals.ownerId}`)
    .where(and(...dealScope(tx, scope), wonIn(period)))
    .groupBy(members.id, members.displayName)
    .orderBy(desc(sql`sum(${deals.amountMinor})`), members.displayName);
  return rows.map((row) => ({ memberId: row.memberId, name: row.name, revenueMinor: Number(row.revenueMinor), won: Number(row.won) }));
}
