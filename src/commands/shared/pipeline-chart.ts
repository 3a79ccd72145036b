// The pipeline chart: value per stage in stage order, weighted value inside each bar.
import type { CommandContext } from '../../core/context.ts';
import { formatMoney } from '../../core/format.ts';
import type { Block } from '../../core/types.ts';
import { stageChart } from '../../charts/stage-chart.ts';
import { formatList } from './kpi-format.ts';
import type { PipelineSummary } from '../../kpi/pipeline.service.ts';

/** The chart, or null when there is no open deal to draw (the text already says 0). */
export async function pipelineChartBlock(ctx: CommandContext<unknown>, summary: PipelineSummary): Promise<Block | null> {
  if (!summary.byStage.some((s) => s.count > 0)) return null;
  // Amounts stay in minor units: the chart only compares them and prints them through formatMoney.
  const money = (minor: number) => formatMoney(Math.round(minor), ctx.workspace.currency, ctx.lang);
  const bars = summary.byStage.map((s) => ({ label: ctx.lang === 'fr' ? s.nameFr : s.nameEn, count: s.count, amount: s.amountMinor, weighted: s.weightedMinor }));
  const title = ctx.t('pipeline.chart_title');
  const png = await stageChart({
    title,
    bars,
    labels: { amount: ctx.t('pipeline.chart_amount'), weighted: ctx.t('pipeline.chart_weighted') },
    formatAmount: money,
    formatCount: (count) => ctx.t('pipeline.chart_deals', { count }),
  });
  const alt = ctx.t('pipeline.chart_alt', { stages: formatList(ctx.lang, bars.map((b) => ctx.t('pipeline.chart_stage', { stage: b.label, count: b.count, amount: money(b.amount) }))) });
  return { type: 'image', png, fileName: 'pipeline.png', alt, title };
}
