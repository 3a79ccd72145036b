// Figures about customers, spend and satisfaction. They describe the company as a whole (one
// customer is served by several people), so they ignore the member/team scope.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { customerEvents, deals, spendEntries, surveyResponses } from '../db/schema.ts';
import { dealScope, one, wonIn, type KpiDefinition, type KpiScope } from './kpi.types.ts';
import type { Period } from './period.ts';

/** Companies that are customers at `instant`: their latest event before it is an acquisition. */
async function customersAt(tx: Executor, workspaceId: number, instant: Date): Promise<number> {
  const latest = tx
    .selectDistinctOn([customerEvents.companyId], { kind: customerEvents.kind })
    .from(customerEvents)
    .where(and(eq(customerEvents.workspaceId, workspaceId), lt(customerEvents.occurredAt, instant)))
    .orderBy(customerEvents.companyId, desc(customerEvents.occurredAt), desc(customerEvents.id))
    .as('latest');
  const [row] = await tx.select({ value: sql<string>`count(*)` }).from(latest).where(eq(latest.kind, 'acquired'));
  return Number(row?.value ?? 0);
}

/** First-ever acquisitions in the period (a customer won back is not new), optionally by deal owner. */
async function newCustomers(tx: Executor, scope: KpiScope, period: Period, byOwner: boolean): Promise<number> {
  const first = sql`not exists (select 1 from ${customerEvents} earlier where earlier.workspace_id = ${customerEvents.workspaceId}
    and earlier.company_id = ${customerEvents.companyId} and earlier.kind = 'acquired' and earlier.occurred_at < ${customerEvents.occurredAt})`;
  const conditions: SQL[] = [
    eq(customerEvents.workspaceId, scope.viewer.workspaceId),
    eq(customerEvents.kind, 'acquired'),
    gte(customerEvents.occurredAt, period.start),
    lt(customerEvents.occurredAt, period.end),
    first,
  ];
  if (byOwner) {
    const [row] = await tx
      .select({ value: sql<string>`count(distinct ${customerEvents.companyId})` })
      .from(customerEvents)
      .innerJoin(deals, eq(deals.id, customerEvents.dealId))
      .where(and(...conditions, ...dealScope(tx, scope)));
    return Number(row?.value ?? 0);
  }
  const [row] = await tx.select({ value: sql<string>`count(distinct ${customerEvents.companyId})` }).from(customerEvents).where(and(...conditions));
  return Number(row?.value ?? 0);
}

/** Spend overlapping the period, prorated by days (a monthly budget counts 7/30 in a week). */
async function spendIn(tx: Executor, workspaceId: number, period: Period): Promise<number | null> {
  const overlap = sql`greatest(0, least(${spendEntries.periodTo}, ${period.to}::date) - greatest(${spendEntries.periodFrom}, ${period.from}::date))`;
  const [row] = await tx
    .select({ value: sql<string | null>`sum(${spendEntries.amountMinor} * ${overlap}::numeric / nullif(${spendEntries.periodTo} - ${spendEntries.periodFrom}, 0))` })
    .from(spendEntries)
    .where(and(eq(spendEntries.workspaceId, workspaceId), lt(spendEntries.periodFrom, period.to), sql`${spendEntries.periodTo} > ${period.from}::date`));
  return row?.value === null || row?.value === undefined ? null : Number(row.value);
}

async function wonRevenue(tx: Executor, scope: KpiScope, period: Period): Promise<number> {
  const [row] = await tx
    .select({ value: sql<string>`coalesce(sum(${deals.amountMinor}), 0)` })
    .from(deals)
    .where(and(eq(deals.workspaceId, scope.viewer.workspaceId), eq(deals.currency, scope.currency), wonIn(period)));
  return Number(row?.value ?? 0);
}

const ratio = (top: number, bottom: number | null): number | null => (bottom === null || bottom === 0 ? null : top / bottom);

export const customerKpis: KpiDefinition[] = [
  {
    key: 'new_customers',
    name: { fr: 'Nouveaux clients', en: 'New customers' },
    unit: 'count',
    aliases: ['nouveaux clients', 'clients acquis', 'new customers', 'acquisitions'],
    summary: { fr: 'Entreprises devenues clientes pour la première fois sur la période.', en: 'Companies that became customers for the first time in the period.' },
    compute: async (tx, scope, period) => ({ value: await newCustomers(tx, scope, period, scope.memberIds !== undefined || scope.viewer.role === 'rep') }),
  },
  {
    key: 'retention_rate',
    name: { fr: 'Taux de rétention client', en: 'Customer retention rate' },
    unit: 'percent',
    aliases: ['retention', 'taux de retention', 'fidelisation'],
    summary: { fr: 'Part des clients du début de la période qui le sont toujours à la fin, sans compter les nouveaux.', en: 'Share of the customers at the start of the period who are still customers at the end, new ones not counted.' },
    workspaceWide: true,
    compute: async (tx, scope, period) => {
      const atStart = await customersAt(tx, scope.viewer.workspaceId, period.start);
      const atEnd = await customersAt(tx, scope.viewer.workspaceId, period.end);
      const fresh = await newCustomers(tx, scope, period, false);
      return { value: ratio(100 * (atEnd - fresh), atStart) };
    },
  },
  {
    key: 'churn_rate',
    name: { fr: 'Taux de churn', en: 'Churn rate' },
    unit: 'percent',
    aliases: ['churn', 'attrition', 'taux d attrition', 'taux de churn'],
    summary: { fr: 'Part des clients du début de la période perdus pendant celle-ci.', en: 'Share of the customers at the start of the period lost during it.' },
    workspaceWide: true,
    compute: async (tx, scope, period) => {
      const atStart = await customersAt(tx, scope.viewer.workspaceId, period.start);
      const [lost] = await tx
        .select({ value: sql<string>`count(distinct ${customerEvents.companyId})` })
        .from(customerEvents)
        .where(and(eq(customerEvents.workspaceId, scope.viewer.workspaceId), eq(customerEvents.kind, 'churned'), gte(customerEvents.occurredAt, period.start), lt(customerEvents.occurredAt, period.end)));
      return { value: ratio(100 * Number(lost?.value ?? 0), atStart) };
    },
  },
  {
    // Simple form: revenue won from customers since the start, per customer, up to the period's end.
    key: 'clv',
    name: { fr: 'Valeur client (CLV)', en: 'Customer lifetime value (CLV)' },
    unit: 'money',
    aliases: ['valeur client', 'ltv', 'customer lifetime value', 'valeur vie client'],
    summary: { fr: 'Chiffre d’affaires gagné par client depuis le début, jusqu’à la fin de la période.', en: 'Revenue won per customer since the start, up to the end of the period.' },
    workspaceWide: true,
    compute: async (tx, scope, period) => {
      const [row] = await tx
        .select({ revenue: sql<string>`coalesce(sum(${deals.amountMinor}), 0)`, customers: sql<string>`count(distinct ${deals.companyId})` })
        .from(deals)
        .where(and(eq(deals.workspaceId, scope.viewer.workspaceId), eq(deals.currency, scope.currency), eq(deals.status, 'won'), lt(deals.wonAt, period.end), sql`${deals.companyId} is not null`));
      return { value: ratio(Number(row?.revenue ?? 0), Number(row?.customers ?? 0)) };
    },
  },
  {
    key: 'cac',
    name: { fr: "Coût d’acquisition client (CAC)", en: 'Customer acquisition cost (CAC)' },
    unit: 'money',
    aliases: ['cout d acquisition', 'customer acquisition cost', 'cout acquisition'],
    summary: { fr: 'Dépenses commerciales et marketing de la période divisées par le nombre de nouveaux clients.', en: 'Sales and marketing spend in the period divided by the number of new customers.' },
    workspaceWide: true,
    managersOnly: true,
    compute: async (tx, scope, period) => {
      const spend = await spendIn(tx, scope.viewer.workspaceId, period);
      if (spend === null) return { value: null };
      return { value: ratio(spend, await newCustomers(tx, scope, period, false)) };
    },
  },
  {
    key: 'roi',
    name: { fr: 'ROI commercial', en: 'Sales ROI' },
    unit: 'percent',
    aliases: ['retour sur investissement', 'return on investment', 'rentabilite'],
    summary: { fr: 'Chiffre d’affaires gagné sur la période moins les dépenses, rapporté aux dépenses.', en: 'Revenue won in the period minus spend, divided by spend.' },
    workspaceWide: true,
    managersOnly: true,
    compute: async (tx, scope, period) => {
      const spend = await spendIn(tx, scope.viewer.workspaceId, period);
      if (spend === null) return { value: null };
      return { value: ratio(100 * ((await wonRevenue(tx, scope, period)) - spend), spend) };
    },
  },
  {
    key: 'nps',
    name: { fr: 'Net Promoter Score (NPS)', en: 'Net Promoter Score (NPS)' },
    unit: 'score',
    aliases: ['net promoter score', 'recommandation'],
    summary: { fr: 'Part des promoteurs (9 ou 10) moins celle des détracteurs (0 à 6), sur les réponses NPS de la période, de −100 à +100.', en: 'Share of promoters (9 or 10) minus share of detractors (0 to 6) among the period’s NPS answers, from −100 to +100.' },
    workspaceWide: true,
    compute: (tx, scope, period) =>
      one(
        tx
          .select({ value: sql`100.0 * (count(*) filter (where ${surveyResponses.score} >= 9) - count(*) filter (where ${surveyResponses.score} <= 6)) / nullif(count(*), 0)` })
          .from(surveyResponses)
          .where(surveyIn(scope, period, 'nps')),
      ),
  },
  {
    key: 'csat',
    name: { fr: 'Satisfaction client (CSAT)', en: 'Customer satisfaction (CSAT)' },
    unit: 'percent',
    aliases: ['satisfaction', 'satisfaction client', 'customer satisfaction'],
    summary: { fr: 'Part des réponses CSAT de la période notées 4 ou 5 sur 5.', en: 'Share of the period’s CSAT answers scored 4 or 5 out of 5.' },
    workspaceWide: true,
    compute: (tx, scope, period) =>
      one(
        tx
          .select({ value: sql`100.0 * count(*) filter (where ${surveyResponses.score} >= 4) / nullif(count(*), 0)` })
          .from(surveyResponses)
          .where(surveyIn(scope, period, 'csat')),
      ),
  },
];

function surveyIn(scope: KpiScope, period: Period, kind: 'nps' | 'csat'): SQL {
  return and(eq(surveyResponses.workspaceId, scope.viewer.workspaceId), eq(surveyResponses.kind, kind), gte(surveyResponses.respondedAt, period.start), lt(surveyResponses.respondedAt, period.end))!;
}

