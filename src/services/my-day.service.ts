// "My day" (issue 18): what one member has to do today and how their week stands, read in one
// transaction. Every query is scoped by workspace and by what the member may see
// (`visibleDeals`); a member's own lists are their own deals. The deals to follow up are the
// morning reminder's own selection and order (`dueDealsQuery` through `dueDealLines`), the
// week's figures are the KPI definitions /kpi computes, measured against the objective service.
// Managers and admins also get their team: stale deals per owner (the reminder's stale rule),
// this month's weighted forecast (the KPI) and what moved this month.
import { and, asc, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { MemberRow, WorkspaceRow } from '../core/context.ts';
import { addDays } from '../core/parse/date.parser.ts';
import type { Executor } from '../db/client.ts';
import { deals, members, stages } from '../db/schema.ts';
import { kpis, type KpiDefinition, type KpiScope } from '../kpi/kpi.service.ts';
import { objectiveTarget } from '../kpi/objective.service.ts';
import { localClock, parsePeriod, type Period } from '../kpi/period.ts';
import { dueDealLines, type DueDealLine } from '../nudges/nudge-message.ts';
import { staleDealCondition } from '../nudges/nudge-planner.service.ts';
import { nudgeSettings } from '../nudges/nudge-settings.ts';
import { visibleDeals } from './access.service.ts';

/** At most this many items in each list; the rest are counted. */
export const MY_DAY_LIST_LIMIT = 10;
/** Owners shown in the managers' stale-deal count. */
export const MY_DAY_STALE_OWNERS = 5;
/** This week's figures, in the order shown: the keys of the KPI definitions. */
export const MY_DAY_FIGURES = ['activities', 'deals_won', 'revenue'] as const;

/** A list cut at `MY_DAY_LIST_LIMIT`: `total` counts every item. */
export interface Cut<T> {
  total: number;
  items: T[];
}

export interface OverdueStep {
  dealId: number;
  name: string;
  nextStep: string | null;
  /** Local calendar date the step was due. */
  due: string;
  /** Whole days between `due` and today. */
  daysLate: number;
}

export interface ClosingDeal {
  dealId: number;
  name: string;
  amountMinor: number | null;
  currency: string;
  stageFr: string;
  stageEn: string;
  expectedCloseDate: string;
}

export interface WeekFigure {
  kpi: Pick<KpiDefinition, 'key' | 'name' | 'unit'>;
  value: number | null;
  /** The objective prorated to this week; null when none is set. */
  objective: number | null;
}

export interface StaleOwner {
  memberId: number;
  name: string;
  count: number;
}

export interface TeamDay {
  /** The team's name, or null when the member sees the whole workspace. */
  team: string | null;
  /** The workspace's stale threshold (days), stage overrides aside. */
  staleDays: number;
  stale: { owners: StaleOwner[]; totalOwners: number; totalDeals: number };
  /** Weighted pipeline of the deals expected to close this month (the `weighted_pipeline` KPI). */
  forecastMinor: number;
  movement: { created: number; createdMinor: number; won: number; wonMinor: number; lost: number; lostMinor: number };
}

export interface MyDay {
  /** The member's local date. */
  today: string;
  /** This calendar month and this week (Monday to Sunday), in the member's time zone. */
  month: Period;
  week: Period;
  currency: string;
  followUps: { total: number; lines: DueDealLine[] };
  overdue: Cut<OverdueStep>;
  closing: Cut<ClosingDeal>;
  figures: WeekFigure[];
  /** Managers and admins only. */
  team: TeamDay | null;
}

export interface MyDayInput {
  workspace: WorkspaceRow;
  member: MemberRow;
  /** The member's time zone (the scope's), which sets today, the week and the month. */
  timeZone: string;
  now: Date;
}

const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Everything "my day" shows, for one member. Read-only. */
export async function loadMyDay(tx: Executor, input: MyDayInput): Promise<MyDay> {
  const { workspace, member, timeZone, now } = input;
  const today = localClock(now, timeZone).date;
  const periodOptions = { now, timeZone, lang: 'en' as const };
  const week = parsePeriod('week', periodOptions);
  const month = parsePeriod('month', periodOptions);
  const settings = nudgeSettings(workspace.settings);
  // The member's own open deals, within what they may see.
  const mine = and(visibleDeals(member, tx), eq(deals.ownerId, member.id), eq(deals.status, 'open'));

  // Independent reads, sent together: postgres.js pipelines them on the transaction's
  // connection (one round trip's wait instead of one per query); PGlite runs them in turn.
  const self: KpiScope = { viewer: member, memberIds: [member.id], subject: { kind: 'member', id: member.id }, currency: workspace.currency };
  const [followUps, overdueRows, closingRows, figures, team] = await Promise.all([
    dueDealLines(tx, workspace.id, member.id, settings, today, now, MY_DAY_LIST_LIMIT),
    tx
      .select({ id: deals.id, name: deals.name, nextStep: deals.nextStep, due: deals.nextStepDue, total: sql<string>`count(*) over ()` })
      .from(deals)
      .where(and(mine, lt(deals.nextStepDue, today)))
      .orderBy(asc(deals.nextStepDue), asc(deals.id))
      .limit(MY_DAY_LIST_LIMIT),
    tx
      .select({
        id: deals.id,
        name: deals.name,
        amountMinor: deals.amountMinor,
        currency: deals.currency,
        stageFr: stages.nameFr,
        stageEn: stages.nameEn,
        expectedCloseDate: deals.expectedCloseDate,
        total: sql<string>`count(*) over ()`,
      })
      .from(deals)
      .innerJoin(stages, and(eq(stages.workspaceId, deals.workspaceId), eq(stages.key, deals.stage)))
      .where(and(mine, gte(deals.expectedCloseDate, month.from), lt(deals.expectedCloseDate, month.to)))
      .orderBy(asc(deals.expectedCloseDate), sql`${deals.amountMinor} desc nulls last`, asc(deals.id))
      .limit(MY_DAY_LIST_LIMIT),
    // The same figures /kpi gives for `me` this week, each with its objective.
    Promise.all(
      MY_DAY_FIGURES.map(async (key): Promise<WeekFigure> => {
        const kpi = kpiByKey(key);
        const [{ value }, objective] = await Promise.all([kpi.compute(tx, self, week), kpi.objective ? objectiveTarget(tx, self, kpi.objective, week) : null]);
        return { kpi: { key: kpi.key, name: kpi.name, unit: kpi.unit }, value, objective };
      }),
    ),
    member.role === 'rep' ? null : loadTeamDay(tx, input, month),
  ]);

  return {
    today,
    month,
    week,
    currency: workspace.currency,
    followUps,
    overdue: {
      total: Number(overdueRows[0]?.total ?? 0),
      items: overdueRows.map((row) => ({ dealId: row.id, name: row.name, nextStep: row.nextStep, due: row.due ?? today, daysLate: daysBetween(row.due ?? today, today) })),
    },
    closing: {
      total: Number(closingRows[0]?.total ?? 0),
      items: closingRows.map((row) => ({
        dealId: row.id,
        name: row.name,
        amountMinor: row.amountMinor,
        currency: row.currency,
        stageFr: row.stageFr,
        stageEn: row.stageEn,
        expectedCloseDate: row.expectedCloseDate ?? month.from,
      })),
    },
    figures,
    team,
  };
}

function kpiByKey(key: string): KpiDefinition {
  const kpi = kpis.find((candidate) => candidate.key === key);
  if (!kpi) throw new Error(`unknown KPI ${key}`);
  return kpi;
}

/** The team part: every deal the manager (or admin) may see. */
async function loadTeamDay(tx: Executor, input: MyDayInput, month: Period): Promise<TeamDay> {
  const { workspace, member, now } = input;
  const settings = nudgeSettings(workspace.settings);
  const visible = visibleDeals(member, tx);

  // Whose figures: what the manager sees (their team, or everyone), as /kpi's scopes name it.
  const team: KpiScope = {
    viewer: member,
    subject: member.role === 'manager' && member.team ? { kind: 'team', name: member.team } : { kind: 'all' },
    currency: workspace.currency,
  };
  // Only the deals created, won or lost this month, each found through its own index (as /pipeline does).
  const inMonth = (column: typeof deals.createdAt | typeof deals.wonAt | typeof deals.lostAt) => and(gte(column, month.start), lt(column, month.end));
  const created = inMonth(deals.createdAt);
  const won = and(eq(deals.status, 'won'), inMonth(deals.wonAt));
  const lost = and(eq(deals.status, 'lost'), inMonth(deals.lostAt));

  const staleQuery = tx
    .select({
      memberId: members.id,
      name: members.displayName,
      count: sql<string>`count(*)`,
      owners: sql<string>`count(*) over ()`,
      deals: sql<string>`sum(count(*)) over ()`,
    })
    .from(deals)
    .innerJoin(members, eq(members.id, deals.ownerId))
    .where(and(visible, eq(deals.status, 'open'), staleDealCondition(settings, now)))
    .groupBy(members.id, members.displayName)
    .orderBy(desc(sql`count(*)`), asc(members.displayName), asc(members.id))
    .limit(MY_DAY_STALE_OWNERS);
  const movesQuery = tx
    .select({
      created: sql<string>`count(*) filter (where ${created})`,
      createdMinor: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${created}), 0)`,
      won: sql<string>`count(*) filter (where ${won})`,
      wonMinor: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${won}), 0)`,
      lost: sql<string>`count(*) filter (where ${lost})`,
      lostMinor: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${lost}), 0)`,
    })
    .from(deals)
    .where(and(visible, eq(deals.currency, workspace.currency), or(created, won, lost)));
  const [staleRows, forecast, [moves]] = await Promise.all([staleQuery, kpiByKey('weighted_pipeline').compute(tx, team, month), movesQuery]);

  return {
    team: team.subject.kind === 'team' ? team.subject.name : null,
    staleDays: settings.staleDays,
    stale: {
      owners: staleRows.map((row) => ({ memberId: row.memberId, name: row.name, count: Number(row.count) })),
      totalOwners: Number(staleRows[0]?.owners ?? 0),
      totalDeals: Number(staleRows[0]?.deals ?? 0),
    },
    forecastMinor: Math.round(forecast.value ?? 0),
    movement: {
      created: Number(moves?.created ?? 0),
      createdMinor: Number(moves?.createdMinor ?? 0),
      won: Number(moves?.won ?? 0),
      wonMinor: Number(moves?.wonMinor ?? 0),
      lost: Number(moves?.lost ?? 0),
      lostMinor: Number(moves?.lostMinor ?? 0),
    },
  };
}

/** Last day of a period (its `to` is exclusive). */
export const lastDayOf = (period: Period): string => addDays(period.to, -1);
