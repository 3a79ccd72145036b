// How a figure reads: money in the workspace currency, percentages, days, scores, with the
// previous period, the change and the objective. "No data" instead of NaN or Infinity. Numbers
// and percentages come from Intl through the messages (`50 %` in French, `50%` in English).
import type { CommandContext } from '../../core/context.ts';
import { formatMoney, formatNumber } from '../../core/format.ts';
import type { Lang } from '../../core/types.ts';
import type { KpiDefinition, KpiValue } from '../../kpi/kpi.service.ts';

const lists: Partial<Record<Lang, Intl.ListFormat>> = {};

/** Items joined the way the language joins them (`a, b et c` / `a, b and c`). */
export const formatList = (lang: Lang, items: string[]): string =>
  (lists[lang] ??= new Intl.ListFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' })).format(items);

/** One decimal at most, so the plural agrees with the number printed (1,5 jour, 2 jours). */
const tenth = (value: number): number => Math.round(value * 10) / 10;

export function formatKpiValue(ctx: Pick<CommandContext<unknown>, 't' | 'lang' | 'workspace'>, kpi: Pick<KpiDefinition, 'unit'>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return ctx.t('kpi.no_data');
  switch (kpi.unit) {
    case 'money':
      return formatMoney(Math.round(value), ctx.workspace.currency, ctx.lang);
    case 'percent':
      return ctx.t('kpi.percent', { value: value / 100 });
    case 'days':
      return ctx.t('kpi.days', { days: tenth(value) });
    case 'score':
      // NPS runs from −100 to +100: the sign is part of the reading.
      return `${value > 0 ? '+' : ''}${formatNumber(Math.round(value), ctx.lang)}`;
    default:
      return formatNumber(value, ctx.lang, 1);
  }
}

/** `12 (+20 % · avant : 10)`; `(=)` when unchanged; only the previous value when a change cannot be computed. */
export function formatTrend(ctx: CommandContext<unknown>, kpi: KpiDefinition, value: number | null, before: number | null): string {
  if (kpi.snapshot || (value === null && before === null)) return '';
  const previous = formatKpiValue(ctx, kpi, before);
  if (value === null || before === null || before === 0) return ` (${ctx.t('kpi.trend_before', { before: previous })})`;
  if (before === value) return ' (=)';
  // Rates change in points, not in percent of a percent.
  const change =
    kpi.unit === 'percent' || kpi.unit === 'score'
      ? ctx.t('kpi.points', { points: tenth(value - before) })
      : ctx.t('kpi.change_percent', { ratio: (value - before) / Math.abs(before) });
  return ` (${ctx.t('kpi.trend', { change, before: previous })})`;
}

/** The full line: value, median when there is one, trend, objective and attainment. */
export function formatKpiLine(ctx: CommandContext<unknown>, kpi: KpiDefinition, current: KpiValue, before: KpiValue | null, objective: number | null): string {
  let text = formatKpiValue(ctx, kpi, current.value);
  if (current.median !== undefined && current.median !== null) text += ` · ${ctx.t('kpi.median', { value: formatKpiValue(ctx, kpi, current.median) })}`;
  text += formatTrend(ctx, kpi, current.value, before?.value ?? null);
  if (objective !== null && objective > 0) {
    const attained = current.value === null ? 0 : current.value / objective;
    text += ` — ${ctx.t('kpi.objective', { target: formatKpiValue(ctx, kpi, objective), ratio: attained })}`;
  }
  return text;
}
