// /pipeline [period] [scope] — open deals by stage, forecast, what moved, what needs attention.
import { z } from 'zod';
import { formatMoney } from '../core/format.ts';
import { addDays, todayIn } from '../core/parse/date.parser.ts';
import { formatDate } from '../core/format.ts';
import { defineCommand } from '../core/registry.ts';
import type { Block } from '../core/types.ts';
import { isPeriodWord, parsePeriod } from '../kpi/period.ts';
import { pipelineSummary, qualificationFilterValues, STALE_DAYS } from '../kpi/pipeline.service.ts';
import { chartsEnabled } from './shared/kpi-chart.ts';
import { pipelineChartBlock } from './shared/pipeline-chart.ts';
import { resolveStage } from './shared/resolve-stage.ts';
import { choiceLabel, lostReasonChoices } from './shared/choices.ts';
import { resolveKpiScope } from './shared/kpi-scope.ts';
import { formatList } from './shared/kpi-format.ts';

export const pipelineCommand = defineCommand({
  name: 'pipeline',
  aliases: { fr: ['pipe', 'entonnoir'], en: ['pipeline', 'funnel'] },
  description: { fr: 'Le pipeline : étapes, prévision, mouvements, points d’attention', en: 'The pipeline: stages, forecast, movements, attention points' },
  examples: { fr: ['/pipe', '/pipe trimestre equipe', '/pipe mois @marie', '/pipe equipe qualification:aucune', '/pipe tous etape:proposition'], en: ['/pipeline', '/pipeline quarter team', '/pipeline month @marie', '/pipeline team qualification:none', '/pipeline all stage:proposal'] },
  args: [
    { name: 'period', kind: 'text', keys: ['periode', 'period'], detect: true, recognize: isPeriodWord, label: { fr: 'Période', en: 'Period' }, prompt: { fr: 'Sur quelle période ?', en: 'Over which period?' }, example: { fr: 'mois', en: 'month' } },
    { name: 'scope', kind: 'text', completes: 'member', keys: ['qui', 'scope', 'who', 'proprietaire', 'owner'], position: 0, label: { fr: 'Périmètre', en: 'Scope' }, prompt: { fr: 'Pour qui (moi, equipe, tous, @membre) ?', en: 'For whom (me, team, all, @member)?' }, example: { fr: 'equipe', en: 'team' } },
    { name: 'stage', kind: 'text', completes: 'stage', keys: ['etape', 'stage'], label: { fr: 'Étape', en: 'Stage' }, prompt: { fr: 'Pour quelle étape seulement ?', en: 'For which stage only?' }, example: { fr: 'etape:proposition', en: 'stage:proposal' } },
    {
      name: 'qualification',
      kind: 'enum',
      keys: ['qualification', 'qualif'],
      choices: [
        { value: 'qualified', label: { fr: 'qualifiées', en: 'qualified' }, aliases: ['qualifiee', 'qualifiees', 'qualified'] },
        { value: 'nurture', label: { fr: 'à faire mûrir', en: 'to nurture' }, aliases: ['murir', 'a murir', 'nurture'] },
        { value: 'disqualified', label: { fr: 'disqualifiées', en: 'disqualified' }, aliases: ['disqualifiee', 'disqualifiees', 'disqualified'] },
        { value: 'none', label: { fr: 'non qualifiées', en: 'not qualified' }, aliases: ['aucune', 'non qualifiee', 'non qualifiees', 'none', 'unqualified'] },
      ],
      label: { fr: 'Qualification', en: 'Qualification' },
      prompt: { fr: 'Quelle qualification ?', en: 'Which qualification?' },
      example: { fr: 'qualification:aucune', en: 'qualification:none' },
    },
  ],
  schema: z.object({ period: z.string().optional(), scope: z.string().optional(), stage: z.string().optional(), qualification: z.enum(qualificationFilterValues).optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function pipelineHandler(ctx) {
    const period = parsePeriod(ctx.args.period ?? 'month', { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
    const { scope, label, group } = await resolveKpiScope(ctx, ctx.args.scope);
    const stage = ctx.args.stage ? await resolveStage(ctx, ctx.args.stage) : undefined;
    const filters = { ...(stage ? { stage: stage.key } : {}), ...(ctx.args.qualification ? { qualification: ctx.args.qualification } : {}) };
    const summary = await pipelineSummary(ctx.tx, scope, period, todayIn(ctx.timeZone, ctx.now()), ctx.now(), filters);
    const money = (minor: number) => formatMoney(minor, ctx.workspace.currency, ctx.lang);
    const total = summary.byStage.reduce((acc, s) => ({ count: acc.count + s.count, amount: acc.amount + s.amountMinor }), { count: 0, amount: 0 });
    const blocks: Block[] = [
      { type: 'section', title: ctx.t('pipeline.title', { scope: label, from: formatDate(period.from, ctx.lang), to: formatDate(addDays(period.to, -1), ctx.lang) }) },
      {
        type: 'list',
        title: ctx.t('pipeline.by_stage'),
        items: [
          ...summary.byStage.map((s) =>
            ctx.t('pipeline.stage_line', { stage: ctx.lang === 'fr' ? s.nameFr : s.nameEn, count: s.count, amount: money(s.amountMinor), weighted: money(s.weightedMinor) }),
          ),
          ctx.t('pipeline.total_line', { count: total.count, amount: money(total.amount) }),
        ],
      },
      { type: 'text', text: ctx.t('pipeline.forecast', { amount: money(summary.forecastMinor) }) },
      {
        type: 'text',
        text: ctx.t('pipeline.moved', {
          created: summary.moved.created,
          advanced: summary.moved.advanced,
          won: summary.moved.won,
          wonAmount: money(summary.moved.wonMinor),
          lost: summary.moved.lost,
        }),
      },
    ];
    if (summary.moved.lostReasons.length > 0) {
      blocks.push({ type: 'text', text: ctx.t('pipeline.lost_reasons', { reasons: formatList(ctx.lang, summary.moved.lostReasons.map((r) => ctx.t('pipeline.lost_reason', { reason: choiceLabel(lostReasonChoices, r.reason, ctx.lang), count: r.count }))) }) });
    }
    if (summary.top.length > 0) {
      blocks.push({ type: 'list', title: ctx.t('pipeline.top'), items: summary.top.map((d) => ctx.t('pipeline.top_line', { id: String(d.id), name: d.name, amount: money(d.amountMinor) })) });
    }
    blocks.push({ type: 'text', text: ctx.t('pipeline.attention', { overdue: summary.overdue, stale: summary.stale, days: STALE_DAYS, unqualified: summary.unqualified }) });
    const filterText = formatList(ctx.lang, [stage ? (ctx.lang === 'fr' ? stage.nameFr : stage.nameEn) : null, ctx.args.qualification ? ctx.t(`pipeline.qualification_${ctx.args.qualification}`) : null].filter((f): f is string => f !== null));
    if (filterText) blocks.splice(1, 0, { type: 'text', text: ctx.t('pipeline.filtered', { filters: filterText }) });
    const chart = chartsEnabled(ctx) ? await pipelineChartBlock(ctx, summary) : null;
    if (chart) blocks.push(chart);
    // Team figures may be shared in a channel by a manager; one person's pipeline stays private.
    ctx.reply({ blocks, visibility: group && ctx.member.role !== 'rep' && !ctx.ref.isDM ? 'channel' : 'private' });
  },
});
