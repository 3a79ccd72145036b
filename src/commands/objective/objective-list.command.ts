// /objective list — objectives overlapping a period (this month by default) with what has been
// achieved so far. Reps see their own and their team's; managers everyone's they may see.
import { and, asc, eq, gt, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { formatDate, formatMoney, formatNumber } from '../../core/format.ts';
import { addDays } from '../../core/parse/date.parser.ts';
import { defineCommand } from '../../core/registry.ts';
import { members, objectives } from '../../db/schema.ts';
import { kpis, type KpiScope } from '../../kpi/kpi.service.ts';
import { isPeriodWord, parsePeriod, type Period } from '../../kpi/period.ts';
import { startOfLocalDay } from '../../kpi/period.ts';
import { choiceLabel, objectiveMetricChoices } from '../shared/choices.ts';

export const objectiveListCommand = defineCommand({
  name: 'list',
  aliases: { fr: ['liste', 'voir'], en: ['list', 'show'] },
  description: { fr: 'Voir les objectifs de la période et leur réalisation', en: 'See the period’s objectives and how far along they are' },
  examples: { fr: ['/objectif liste', '/objectif liste trimestre'], en: ['/objective list', '/objective list quarter'] },
  args: [{ name: 'period', kind: 'text', keys: ['periode', 'period'], detect: true, recognize: isPeriodWord, position: 0, label: { fr: 'Période', en: 'Period' }, prompt: { fr: 'Sur quelle période ?', en: 'Over which period?' }, example: { fr: 'mois', en: 'month' } }],
  schema: z.object({ period: z.string().optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function listObjectivesHandler(ctx) {
    const period = parsePeriod(ctx.args.period ?? 'month', { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
    const visible = [eq(objectives.workspaceId, ctx.workspace.id), lt(objectives.periodFrom, period.to), gt(objectives.periodTo, period.from)];
    if (ctx.member.role === 'rep') {
      const own = [eq(objectives.memberId, ctx.member.id), eq(objectives.subject, 'all')];
      if (ctx.member.team) own.push(eq(objectives.team, ctx.member.team));
      visible.push(or(...own)!);
    }
    const rows = await ctx.tx
      .select({ objective: objectives, memberName: members.displayName })
      .from(objectives)
      .leftJoin(members, eq(members.id, objectives.memberId))
      .where(and(...visible))
      .orderBy(asc(objectives.periodFrom), asc(objectives.metric), asc(objectives.subject))
      .limit(50);
    const title = ctx.t('objective.list_title', { from: formatDate(period.from, ctx.lang), to: formatDate(addDays(period.to, -1), ctx.lang) });
    if (rows.length === 0) {
      ctx.reply([{ type: 'section', title, text: ctx.t('objective.none', { example: ctx.t('examples.objective_set') }) }]);
      return;
    }
    const teamMembers = new Map<string, number[]>();
    const items: string[] = [];
    for (const { objective, memberName } of rows) {
      // Achievement over the objective's own dates, whatever period was asked for.
      const own: Period = { from: objective.periodFrom, to: objective.periodTo, start: startOfLocalDay(objective.periodFrom, ctx.timeZone), end: startOfLocalDay(objective.periodTo, ctx.timeZone), label: '' };
      let memberIds: number[] | undefined;
      if (objective.memberId !== null) memberIds = [objective.memberId];
      else if (objective.team !== null) {
        if (!teamMembers.has(objective.team)) {
          const team = await ctx.tx.select({ id: members.id }).from(members).where(and(eq(members.workspaceId, ctx.workspace.id), eq(members.team, objective.team)));
          teamMembers.set(objective.team, team.map((m) => m.id));
        }
        memberIds = teamMembers.get(objective.team);
      }
      // Progress is computed as an admin would see it: the objective's subject decides, not the viewer.
      const scope: KpiScope = { viewer: { ...ctx.member, role: 'admin' }, currency: ctx.workspace.currency, subject: { kind: 'all' }, ...(memberIds ? { memberIds: memberIds.length > 0 ? memberIds : [-1] } : {}) };
      const kpi = kpis.find((k) => k.key === objective.metric)!;
      const achieved = (await kpi.compute(ctx.tx, scope, own)).value ?? 0;
      const money = (value: number) => (objective.metric === 'revenue' ? formatMoney(Math.round(value), ctx.workspace.currency, ctx.lang) : formatNumber(value, ctx.lang));
      const who = memberName ?? (objective.team !== null ? ctx.t('kpi.scope_team', { team: objective.team }) : ctx.t('kpi.scope_all'));
      items.push(
        ctx.t('objective.line', {
          metric: choiceLabel(objectiveMetricChoices, objective.metric, ctx.lang),
          who,
          from: formatDate(objective.periodFrom, ctx.lang),
          to: formatDate(addDays(objective.periodTo, -1), ctx.lang),
          target: money(objective.target),
          achieved: money(achieved),
          ratio: achieved / objective.target,
        }),
      );
    }
    ctx.reply([{ type: 'list', title, items }]);
  },
});

