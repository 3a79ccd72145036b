// Objectives: set per member, team or workspace and date range; read back for any period,
// prorated by days (a monthly objective counts 7/30 in a week, a quarter is the sum of its
// months). A team or workspace without its own objective adds up its members' objectives.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { objectives, type ObjectiveMetric } from '../db/schema.ts';
import { type KpiDefinition, type KpiScope, type KpiSubject } from './kpi.types.ts';
import type { Period } from './period.ts';

export const subjectKey = (subject: KpiSubject): string =>
  subject.kind === 'member' ? `member:${subject.id}` : subject.kind === 'team' ? `team:${subject.name}` : 'all';

/** The objective for the scope over the period, in minor units or a count; null when none is set. */
export async function objectiveTarget(tx: Executor, scope: KpiScope, metric: ObjectiveMetric, period: Period): Promise<number | null> {
  const overlap = sql`greatest(0, least(${objectives.periodTo}, ${period.to}::date) - greatest(${objectives.periodFrom}, ${period.from}::date))::numeric / (${objectives.periodTo} - ${objectives.periodFrom})`;
  const own = subjectKey(scope.subject);
  const memberRows = scope.subject.kind === 'member' ? sql`false` : scope.memberIds ? inArray(objectives.memberId, scope.memberIds) : sql`${objectives.memberId} is not null`;
  const [row] = await tx
    .select({
      own: sql<string | null>`sum(${objectives.target} * ${overlap}) filter (where ${objectives.subject} = ${own})`,
      members: sql<string | null>`sum(${objectives.target} * ${overlap}) filter (where ${memberRows})`,
    })
    .from(objectives)
    .where(and(eq(objectives.workspaceId, scope.viewer.workspaceId), eq(objectives.metric, metric), lt(objectives.periodFrom, period.to), sql`${objectives.periodTo} > ${period.from}::date`));
  const value = row?.own ?? row?.members ?? null;
  return value === null ? null : Math.round(Number(value));
}

/** Attainment of the revenue objective: achieved / objective × 100. */
export function attainmentKpi(revenue: KpiDefinition): KpiDefinition {
  return {
    key: 'quota_attainment',
    name: { fr: 'Réalisation des objectifs', en: 'Quota attainment' },
    unit: 'percent',
    aliases: ['quota', 'objectif', 'objectifs', 'realisation', 'attainment', 'taux de realisation'],
    summary: { fr: 'Chiffre d’affaires gagné sur la période, rapporté à l’objectif de chiffre d’affaires.', en: 'Revenue won in the period as a share of the revenue objective.' },
    compute: async (tx, scope, period) => {
      const target = await objectiveTarget(tx, scope, 'revenue', period);
      if (target === null || target === 0) return { value: null };
      const achieved = await revenue.compute(tx, scope, period);
      return { value: achieved.value === null ? null : (100 * achieved.value) / target };
    },
  };
}

