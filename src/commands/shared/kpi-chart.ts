// The trend chart next to a figure: the same KPI over the last six periods of the same length.
// No chart when the six periods hold no data: the text already says "no data" or 0.
import type { CommandContext } from '../../core/context.ts';
import type { Block } from '../../core/types.ts';
import { periodLabels } from '../../charts/period-labels.ts';
import { hasTrendData, trendChart } from '../../charts/trend-chart.ts';
import type { KpiDefinition, KpiScope, KpiValue } from '../../kpi/kpi.service.ts';
import { previousPeriod, type Period } from '../../kpi/period.ts';
import { formatKpiValue, formatList } from './kpi-format.ts';

const POINTS = 6;

/** Teams that find images noisy turn them off with `/settings charts off`. */
export const chartsEnabled = (ctx: CommandContext<unknown>): boolean => ctx.workspace.settings['charts'] !== false;

export async function kpiTrendBlock(
  ctx: CommandContext<unknown>,
  kpi: KpiDefinition,
  scope: KpiScope,
  period: Period,
  known: { current: KpiValue; previous: KpiValue },
  objective: number | null,
): Promise<Block | null> {
  const periods: Period[] = [period];
  while (periods.length < POINTS) periods.push(previousPeriod(periods[periods.length - 1]!, ctx.timeZone));
  const values: Array<number | null> = [known.current.value, known.previous.value];
  for (const older of periods.slice(2)) values.push((await kpi.compute(ctx.tx, scope, older)).value);
  periods.reverse();
  values.reverse();
  const labels = periodLabels(periods.map((p) => p.from), ctx.lang);
  const points = periods.map((_, i) => ({ label: labels[i] ?? '', value: values[i] ?? null }));
  // Counts and sums are 0 when nothing was recorded, so six zeros are as empty as six nulls;
  // a rate or a duration of 0 is a real reading.
  if (!hasTrendData(points, { zeroIsEmpty: kpi.unit === 'count' || kpi.unit === 'money' })) return null;
  const format = (value: number) => formatKpiValue(ctx, kpi, value);
  const title = ctx.t('kpi.chart_title', { kpi: kpi.name[ctx.lang] });
  const png = await trendChart({ title, points, formatValue: format, ...(objective !== null && objective > 0 ? { objective: { value: objective, label: ctx.t('kpi.objective_short', { target: format(objective) }) } } : {}) });
  const readings = points.map((p) => ctx.t('kpi.chart_point', { label: p.label, value: p.value === null ? ctx.t('kpi.no_data') : format(p.value) }));
  const alt = ctx.t('kpi.chart_alt', { kpi: kpi.name[ctx.lang], values: formatList(ctx.lang, readings) });
  return { type: 'image', png, fileName: `kpi-${kpi.key}.png`, alt, title };
}
