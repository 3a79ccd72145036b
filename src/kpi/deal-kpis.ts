// Figures read from deals: revenue, wins, conversion, deal size, cycle length, the pipeline.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { activities, deals } from '../db/schema.ts';
import { dealScope, one, wonIn, type KpiDefinition } from './kpi.types.ts';

export const dealKpis: KpiDefinition[] = [
  {
    key: 'revenue',
    name: { fr: "Chiffre d’affaires", en: 'Revenue' },
    unit: 'money',
    aliases: ['ca', 'chiffre d affaires', 'revenu', 'sales'],
    summary: { fr: 'Montant hors taxes des affaires gagnées sur la période.', en: 'Amount of the deals won in the period, before tax.' },
    objective: 'revenue',
    compute: (tx, scope, period) => one(tx.select({ value: sql`coalesce(sum(${deals.amountMinor}), 0)` }).from(deals).where(and(...dealScope(tx, scope), wonIn(period)))),
  },
  {
    key: 'deals_won',
    name: { fr: 'Affaires gagnées', en: 'Deals won' },
    unit: 'count',
    aliases: ['gagnees', 'won', 'ventes', 'affaires gagnees'],
    summary: { fr: 'Nombre d’affaires passées à « gagnée » sur la période.', en: 'Number of deals marked won in the period.' },
    objective: 'deals_won',
    compute: (tx, scope, period) => one(tx.select({ value: sql`count(*)` }).from(deals).where(and(...dealScope(tx, scope), wonIn(period)))),
  },
  {
    // The cohort reading: of the deals opened during the period, the share won so far.
    key: 'conversion_rate',
    name: { fr: 'Taux de conversion', en: 'Conversion rate' },
    unit: 'percent',
    aliases: ['conversion', 'taux de conversion', 'conversion rate', 'transformation'],
    summary: { fr: 'Part des affaires ouvertes sur la période qui sont gagnées à ce jour.', en: 'Share of the deals opened in the period that have been won so far.' },
    compute: (tx, scope, period) =>
      one(
        tx
          .select({ value: sql`100.0 * count(*) filter (where ${deals.status} = 'won') / nullif(count(*), 0)` })
          .from(deals)
          .where(and(...dealScope(tx, scope), gte(deals.createdAt, period.start), lt(deals.createdAt, period.end))),
      ),
  },
  {
    key: 'win_rate',
    name: { fr: 'Taux de gain', en: 'Win rate' },
    unit: 'percent',
    aliases: ['taux de gain', 'win', 'gain', 'taux de closing', 'closing rate'],
    summary: { fr: 'Part des affaires gagnées parmi celles conclues (gagnées ou perdues) sur la période.', en: 'Share of deals won among those closed (won or lost) in the period.' },
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
    aliases: ['panier moyen', 'panier', 'deal size', 'aov', 'ticket moyen'],
    summary: { fr: 'Montant moyen d’une affaire gagnée sur la période.', en: 'Mean amount of a deal won in the period.' },
    compute: (tx, scope, period) => one(tx.select({ value: sql`avg(${deals.amountMinor})` }).from(deals).where(and(...dealScope(tx, scope), wonIn(period)))),
  },
  {
    key: 'avg_time_to_close',
    name: { fr: 'Durée moyenne du cycle de vente', en: 'Average sales cycle' },
    unit: 'days',
    aliases: ['duree moyenne du cycle de vente', 'duree du cycle de vente', 'cycle de vente', 'cycle', 'delai de conversion', 'average sales cycle', 'sales cycle', 'time to close'],
    summary: {
      fr: 'Nombre moyen de jours entre l’ouverture d’une affaire et sa signature, pour les affaires gagnées sur la période (avec la médiane).',
      en: 'Average number of days from opening a deal to signing it, for the deals won in the period (with the median).',
    },
    compute: (tx, scope, period) => {
      const days = sql`extract(epoch from (${deals.wonAt} - ${deals.createdAt})) / 86400`;
      return one(
        tx
          .select({ value: sql`avg(${days})`, median: sql`percentile_cont(0.5) within group (order by ${days})` })
          .from(deals)
          .where(and(...dealScope(tx, scope), wonIn(period))),
      );
    },
  },
  {
    key: 'new_deals',
    name: { fr: 'Nouvelles affaires', en: 'New deals' },
    unit: 'count',
    aliases: ['nouvelles affaires', 'creees', 'created', 'opportunites'],
    summary: { fr: 'Nombre d’affaires ouvertes sur la période.', en: 'Number of deals opened in the period.' },
    compute: (tx, scope, period) =>
      one(tx.select({ value: sql`count(*)` }).from(deals).where(and(...dealScope(tx, scope), gte(deals.createdAt, period.start), lt(deals.createdAt, period.end)))),
  },
  {
    // "Relances": activities on a won deal before its win, the first contact excluded.
    key: 'followups_before_close',
    name: { fr: 'Relances avant signature', en: 'Follow-ups before close' },
    unit: 'count',
    aliases: ['relances', 'relances avant closing', 'relances avant signature', 'followups', 'follow ups'],
    summary: { fr: 'Nombre moyen de relances sur une affaire gagnée sur la période, avant sa signature (le premier contact non compris).', en: 'Average number of follow-ups on a deal won in the period, before it was signed (the first contact not included).' },
    compute: async (tx, scope, period) => {
      const perDeal = tx
        .select({ followups: sql`greatest(count(${activities.id}) - 1, 0)`.as('followups') })
        .from(deals)
        .leftJoin(
          activities,
          and(eq(activities.workspaceId, deals.workspaceId), eq(activities.dealId, deals.id), sql`${activities.type} <> 'note'`, sql`${activities.occurredAt} <= ${deals.wonAt}`),
        )
        .where(and(...dealScope(tx, scope), wonIn(period)))
        .groupBy(deals.id)
        .as('per_deal');
      return one(tx.select({ value: sql`avg(${perDeal.followups})` }).from(perDeal));
    },
  },
  {
    key: 'pipeline_value',
    name: { fr: 'Valeur du pipeline', en: 'Pipeline value' },
    unit: 'money',
    aliases: ['pipeline', 'valeur du pipeline', 'pipe'],
    summary: { fr: 'Montant total des affaires en cours, aujourd’hui.', en: 'Total amount of open deals, now.' },
    snapshot: true,
    compute: (tx, scope) => one(tx.select({ value: sql`coalesce(sum(${deals.amountMinor}), 0)` }).from(deals).where(and(...dealScope(tx, scope), eq(deals.status, 'open')))),
  },
  {
    key: 'weighted_pipeline',
    name: { fr: 'Prévision pondérée', en: 'Weighted forecast' },
    unit: 'money',
    aliases: ['prevision', 'forecast', 'prevision des ventes', 'pondere'],
    summary: { fr: 'Montant des affaires en cours dont la signature est prévue sur la période, chacune multipliée par sa probabilité.', en: 'Amount of the open deals expected to close in the period, each multiplied by its probability.' },
    compute: (tx, scope, period) =>
      one(
        tx
          .select({ value: sql`coalesce(sum(${deals.amountMinor} * ${deals.probability} / 100.0), 0)` })
          .from(deals)
          .where(and(...dealScope(tx, scope), eq(deals.status, 'open'), gte(deals.expectedCloseDate, period.from), lt(deals.expectedCloseDate, period.to))),
      ),
  },
];
