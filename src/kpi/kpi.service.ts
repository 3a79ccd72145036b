// KPIs as SQL aggregates over one period and one scope (never loops over rows in JavaScript).
// Amounts are in the workspace currency; a value that cannot be computed (nothing to divide
// by) is null, shown as "no data", never NaN or Infinity.
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { activities, deals } from '../db/schema.ts';
import type { MemberRow } from '../core/context.ts';
import type { Localized } from '../core/registry.ts';
import { visibleDeals } from '../services/access.service.ts';
import type { Period } from './period.ts';

export interface KpiScope {
  viewer: MemberRow;
  /** Owners (deals) and loggers (activities) to count; undefined = everyone the viewer may see. */
  memberIds?: number[];
  currency: string;
}

export interface KpiDefinition {
  key: string;
  name: Localized;
  unit: 'money' | 'count' | 'percent' | 'days';
  /** Words people type for it. */
  aliases: string[];
  /** Snapshot KPIs (the pipeline now) have no previous period. */
  snapshot?: boolean;
  compute(tx: Executor, scope: KpiScope, period: Period): Promise<number | null>;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function dealScope(tx: Executor, scope: KpiScope): SQL[] {
  const conditions = [visibleDeals(scope.viewer, tx), eq(deals.currency, scope.currency)];
  if (scope.memberIds) conditions.push(inArray(deals.ownerId, scope.memberIds));
  return conditions;
}

function activityScope(scope: KpiScope, period: Period): SQL[] {
  const conditions = [eq(activities.workspaceId, scope.viewer.workspaceId), gte(activities.occurredAt, period.start), lt(activities.occurredAt, period.end)];
  // Reps only ever see their own activity.
  const ids = scope.viewer.role === 'rep' ? [scope.viewer.id] : scope.memberIds;
  if (ids) conditions.push(inArray(activities.loggedBy, ids));
  return conditions;
}

/** The single value of a one-row aggregate. */
async function one(query: Promise<Array<{ value: unknown }>>): Promise<number | null> {
  const [row] = await query;
  return num(row?.value);
}

const won = (period: Period) => and(eq(deals.status, 'won'), gte(deals.wonAt, period.start), lt(deals.wonAt, period.end));

export const kpis: KpiDefinition[] = [
  {
    key: 'revenue',
    name: { fr: "Chiffre d'affaires", en: 'Revenue' },
    unit: 'money',
    aliases: ['ca', 'chiffre d affaires', 'revenu', 'sales'],
    compute: (tx, scope, period) => one(tx.select({ value: sql`coalesce(sum(${deals.amountMinor}), 0)` }).from(deals).where(and(...dealScope(tx, scope), won(period)))),
  },
  {
    key: 'deals_won',
    name: { fr: 'Affaires gagnées', en: 'Deals won' },
    unit: 'count',
    aliases: ['gagnees', 'won', 'ventes'],
    compute: (tx, scope, period) => one(tx.select({ value: sql`count(*)` }).from(deals).where(and(...dealScope(tx, scope), won(period)))),
  },
  {
    key: 'win_rate',
    name: { fr: 'Taux de conversion (affaires)', en: 'Win rate' },
    unit: 'percent',
    aliases: ['conversion', 'taux de conversion', 'conversion rate', 'taux de gain'],
    compute: (tx, scope, period) =>
      one(
        tx
          .select({ value: sql`100.0 * count(*) filter (where ${deals.status} = 'won') / nullif(count(*), 0)` })
          .from(deals)
          .where(
            and(
              ...dealScope(tx, scope),
              sql`((${deals.status} = 'won' and ${deals.wonAt} >= ${period.start.toISOString()}::timestamptz and ${deals.wonAt} < ${period.end.toISOString()}::timestamptz)
                or (${deals.status} = 'lost' and ${deals.lostAt} >= ${period.start.toISOString()}::timestamptz and ${deals.lostAt} < ${period.end.toISOString()}::timestamptz))`,
            ),
          ),
      ),
  },
  {
    key: 'average_deal_size',
    name: { fr: 'Panier moyen', en: 'Average deal size' },
    unit: 'money',
    aliases: ['panier moyen', 'panier', 'deal size', 'aov'],
    compute: (tx, scope, period) => one(tx.select({ value: sql`avg(${deals.amountMinor})` }).from(deals).where(and(...dealScope(tx, scope), won(period)))),
  },
  {
    key: 'avg_time_to_close',
    name: { fr: 'Cycle de vente moyen', en: 'Average time to close' },
    unit: 'days',
    aliases: ['cycle de vente', 'cycle', 'delai de conversion', 'sales cycle', 'time to close'],
    compute: (tx, scope, period) =>
      one(tx.select({ value: sql`avg(extract(epoch from (${deals.wonAt} - ${deals.createdAt})) / 86400)` }).from(deals).where(and(...dealScope(tx, scope), won(period)))),
  },
  {
    key: 'new_deals',
    name: { fr: 'Nouvelles affaires', en: 'New deals' },
    unit: 'count',
    aliases: ['nouvelles affaires', 'creees', 'created'],
    compute: (tx, scope, period) =>
      one(tx.select({ value: sql`count(*)` }).from(deals).where(and(...dealScope(tx, scope), gte(deals.createdAt, period.start), lt(deals.createdAt, period.end)))),
  },
  {
    key: 'pipeline_value',
    name: { fr: 'Valeur du pipeline', en: 'Pipeline value' },
    unit: 'money',
    aliases: ['pipeline', 'valeur du pipeline', 'pipe'],
    snapshot: true,
    compute: (tx, scope) => one(tx.select({ value: sql`coalesce(sum(${deals.amountMinor}), 0)` }).from(deals).where(and(...dealScope(tx, scope), eq(deals.status, 'open')))),
  },
  {
    key: 'weighted_pipeline',
    name: { fr: 'Prévision pondérée', en: 'Weighted forecast' },
    unit: 'money',
    aliases: ['prevision', 'forecast', 'prevision des ventes', 'pondere'],
    compute: (tx, scope, period) =>
      one(
        tx
          .select({ value: sql`coalesce(sum(${deals.amountMinor} * ${deals.probability} / 100.0), 0)` })
          .from(deals)
          .where(and(...dealScope(tx, scope), eq(deals.status, 'open'), gte(deals.expectedCloseDate, period.from), lt(deals.expectedCloseDate, period.to))),
      ),
  },
  {
    key: 'activities',
    name: { fr: 'Activités', en: 'Activities' },
    unit: 'count',
    aliases: ['activite', 'activites', 'activity', 'appels', 'calls'],
    compute: (tx, scope, period) => one(tx.select({ value: sql`count(*)` }).from(activities).where(and(...activityScope(scope, period)))),
  },
  {
    key: 'prospects_contacted',
    name: { fr: 'Prospects contactés', en: 'Prospects contacted' },
    unit: 'count',
    aliases: ['prospects contactes', 'contactes', 'contacted'],
    compute: (tx, scope, period) =>
      one(tx.select({ value: sql`count(distinct ${activities.contactId})` }).from(activities).where(and(...activityScope(scope, period), eq(activities.direction, 'outbound')))),
  },
  {
    key: 'response_rate',
    name: { fr: 'Taux de réponse', en: 'Response rate' },
    unit: 'percent',
    aliases: ['taux de reponse', 'reponse', 'reply rate'],
    compute: (tx, scope, period) =>
      one(
        tx
          .select({
            value: sql`100.0 * count(distinct ${activities.contactId}) filter (where ${activities.outcome} not in ('no_answer', 'voicemail', 'no_show')) / nullif(count(distinct ${activities.contactId}), 0)`,
          })
          .from(activities)
          .where(and(...activityScope(scope, period), eq(activities.direction, 'outbound'), sql`${activities.contactId} is not null`)),
      ),
  },
  {
    key: 'no_show_rate',
    name: { fr: 'Taux de no-show', en: 'No-show rate' },
    unit: 'percent',
    aliases: ['no show', 'noshow', 'absences'],
    compute: (tx, scope, period) =>
      one(
        tx
          .select({ value: sql`100.0 * count(*) filter (where ${activities.outcome} = 'no_show') / nullif(count(*), 0)` })
          .from(activities)
          .where(and(...activityScope(scope, period), inArray(activities.type, ['meeting', 'demo']), sql`${activities.outcome} is not null`)),
      ),
  },
];

/** What `/kpi` alone shows: a handful, as the sources advise. */
export const DEFAULT_KPIS = ['activities', 'new_deals', 'deals_won', 'revenue', 'win_rate'];
