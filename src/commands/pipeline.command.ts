// /pipeline [period] [scope] — open deals by stage, forecast, what moved, what needs attention.
import { z } from 'zod';
import { formatMoney } from '../core/format.ts';
import { addDays, todayIn } from '../core/parse/date.parser.ts';
import { formatDate } from '../core/format.ts';
import { defineCommand } from '../core/registry.ts';
import type { Block } from '../core/types.ts';
import { isPeriodWord, parsePeriod } from '../kpi/period.ts';
import { pipelineSummary, STALE_DAYS } from '../kpi/pipeline.service.ts';
import { choiceLabel, lostReasonChoices } from './shared/choices.ts';
import { resolveKpiScope } from './shared/kpi-scope.ts';

export const pipelineCommand = defineCommand({
  name: 'pipeline',
  aliases: { fr: ['pipe', 'entonnoir'], en: ['pipeline', 'funnel'] },
  description: { fr: 'Le pipeline : étapes, prévision, mouvements, points d’attention', en: 'The pipeline: stages, forecast, movements, attention points' },
  examples: { fr: ['/pipe', '/pipe trimestre equipe', '/pipe mois @marie'], en: ['/pipeline', '/pipeline quarter team', '/pipeline month @marie'] },
  args: [
    { name: 'period', kind: 'text', keys: ['periode', 'period'], detect: true, recognize: isPeriodWord, prompt: { fr: 'Période', en: 'Period' }, example: { fr: 'mois', en: 'month' } },
    { name: 'scope', kind: 'text', completes: 'member', keys: ['qui', 'scope', 'who'], position: 0, prompt: { fr: 'Pour qui ? (moi, equipe, tous, @membre)', en: 'For whom? (me, team, all, @member)' }, example: { fr: 'equipe', en: 'team' } },
  ],
  schema: z.object({ period: z.string().optional(), scope: z.string().optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function pipelineHandler(ctx) {
    const period = parsePeriod(ctx.args.period ?? 'month', { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
    const { scope, label } = await resolveKpiScope(ctx, ctx.args.scope);
    const summary = await pipelineSummary(ctx.tx, scope, period, todayIn(ctx.timeZone, ctx.now()), ctx.now());
    const money = (minor: number) => formatMoney(minor, ctx.workspace.currency, ctx.lang);
    const total = summary.byStage.reduce((acc, s) => ({ count: acc.count + s.count, amount: acc.amount + s.amountMinor }), { count: 0, amount: 0 });
    const blocks: Block[] = [
      { type: 'section', title: ctx.t('pipeline.title', { scope: label, from: formatDate(period.from, ctx.lang), to: formatDate(addDays(period.to, -1), ctx.lang) }) },
      {
        type: 'list',
        title: ctx.t('pipeline.by_stage', { count: total.count, amount: money(total.amount) }),
        items: summary.byStage.map((s) => `${ctx.lang === 'fr' ? s.nameFr : s.nameEn}: ${s.count} · ${money(s.amountMinor)} (${ctx.t('pipeline.weighted')} ${money(s.weightedMinor)})`),
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
      blocks.push({ type: 'text', text: ctx.t('pipeline.lost_reasons', { reasons: summary.moved.lostReasons.map((r) => `${choiceLabel(lostReasonChoices, r.reason, ctx.lang)} ×${r.count}`).join(', ') }) });
    }
    if (summary.top.length > 0) {
      blocks.push({ type: 'list', title: ctx.t('pipeline.top'), items: summary.top.map((d) => `#${d.id} ${d.name} · ${money(d.amountMinor)}`) });
    }
    blocks.push({ type: 'text', text: ctx.t('pipeline.attention', { overdue: summary.overdue, stale: summary.stale, days: STALE_DAYS, unqualified: summary.unqualified }) });
    ctx.reply(blocks);
  },
});
