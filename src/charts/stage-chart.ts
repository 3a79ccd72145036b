// The pipeline by stage as a funnel: one horizontal bar per stage, read top to bottom in the
// order given. Each bar is the open amount; the weighted amount (amount × stage probability) is
// overlaid in a lighter shade, and the end of the bar says how many deals and how much.
// Numbers are formatted by the caller (member's language and currency) and passed in as
// strings, so vega's own number formatting (d3-format, en-US) never shows.
import type { Spec } from 'vega';
import { CHART_WIDTH, FONT_FAMILY, PADDING, TITLE_BASELINE, colors, fontSizes, titleMark } from './chart-theme.ts';
import { renderPng } from './png.renderer.ts';
import { measureText, truncateText } from './text-measure.ts';

export interface StageBar {
  label: string;
  count: number;
  amount: number;
  weighted: number;
}

export interface StageChartInput {
  title: string;
  bars: StageBar[];
  /** Legend words for the two bars. */
  labels: { amount: string; weighted: string };
  formatAmount: (value: number) => string;
  /** "1 affaire" / "3 affaires": plural rules belong to the caller's catalogue. */
  formatCount: (count: number) => string;
}

const ROW = 34;
const BAR = 22;
/** The weighted bar is drawn thinner inside the amount bar, so both stay visible. */
const WEIGHTED_BAR = 10;
const LEGEND_Y = TITLE_BASELINE + 20;
const PLOT_TOP = LEGEND_Y + 18;
/** Stage names longer than this are cut with an ellipsis rather than squeezing the bars. */
const MAX_LABEL_COLUMN = 190;
const LABEL_GAP = 10;
const END_LABEL_GAP = 6;
const MIN_BAR_SPACE = 180;
/** Amount and count at the bar end; anything longer (a very long unit word) is cut. */
const MAX_END_LABEL = 220;

/** Negative or non-finite values (bad data) draw as empty bars rather than breaking the scale. */
const clean = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);

export function stageChartSpec(input: StageChartInput): Spec {
  const labelFont = { size: fontSizes.label };
  const rows = input.bars.map((bar, index) => {
    const amount = clean(bar.amount);
    return {
      index,
      amount,
      // Weighted never exceeds the amount it is a share of; a larger value would hide the bar end.
      weighted: Math.min(clean(bar.weighted), amount),
      end: truncateText(`${input.formatAmount(amount)} · ${input.formatCount(bar.count)}`, MAX_END_LABEL, { size: fontSizes.label }),
      label: bar.label,
    };
  });

  const endColumn = Math.max(0, ...rows.map((row) => measureText(row.end, labelFont))) + END_LABEL_GAP;
  const available = CHART_WIDTH - 2 * PADDING - LABEL_GAP - endColumn - MIN_BAR_SPACE;
  const labelColumn = Math.min(MAX_LABEL_COLUMN, Math.max(60, available), Math.max(0, ...rows.map((row) => measureText(row.label, labelFont))));
  const barLeft = PADDING + labelColumn + LABEL_GAP;
  const barRight = CHART_WIDTH - PADDING - endColumn;
  const values = rows.map((row) => ({ ...row, label: truncateText(row.label, labelColumn, labelFont) }));
  const maxAmount = Math.max(0, ...rows.map((row) => row.amount));
  const height = rows.length > 0 ? PLOT_TOP + rows.length * ROW + PADDING : TITLE_BASELINE + PADDING;
  const title = truncateText(input.title, CHART_WIDTH - 2 * PADDING, { size: fontSizes.title, bold: true });

  const legend =
    rows.length === 0
      ? []
      : [
          { key: 'amount', x: PADDING, color: colors.primary, text: input.labels.amount },
          {
            key: 'weighted',
            x: PADDING + 10 + 6 + measureText(input.labels.amount, { size: fontSizes.small }) + 18,
            color: colors.secondary,
            text: input.labels.weighted,
          },
        ];

  return {
    width: CHART_WIDTH,
    height,
    padding: 0,
    autosize: 'none',
    background: colors.background,
    data: [
      { name: 'bars', values },
      { name: 'legend', values: legend },
      // One row when there is something to frame: an empty chart is just its title.
      { name: 'frame', values: rows.length > 0 ? [{}] : [] },
    ],
    scales: [
      {
        name: 'y',
        type: 'band',
        domain: { data: 'bars', field: 'index' },
        range: [PLOT_TOP, PLOT_TOP + rows.length * ROW],
      },
      {
        name: 'x',
        type: 'linear',
        // An all-zero pipeline keeps a non-empty domain: a [0, 0] domain would put bars mid-way.
        domain: [0, maxAmount > 0 ? maxAmount : 1],
        range: [barLeft, barRight],
        nice: false,
        zero: true,
        clamp: true,
      },
    ],
    marks: [
      titleMark(title),
      {
        type: 'rect',
        from: { data: 'legend' },
        encode: {
          enter: {
            x: { field: 'x' },
            y: { value: LEGEND_Y - 5 },
            width: { value: 10 },
            height: { value: 10 },
            fill: { field: 'color' },
            cornerRadius: { value: 2 },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'legend' },
        encode: {
          enter: {
            x: { field: 'x', offset: 16 },
            y: { value: LEGEND_Y },
            text: { field: 'text' },
            font: { value: FONT_FAMILY },
            fontSize: { value: fontSizes.small },
            fill: { value: colors.text },
            baseline: { value: 'middle' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'bars' },
        encode: {
          enter: {
            x: { value: barLeft - LABEL_GAP },
            y: { scale: 'y', field: 'index', band: 0.5 },
            text: { field: 'label' },
            font: { value: FONT_FAMILY },
            fontSize: { value: fontSizes.label },
            fill: { value: colors.text },
            align: { value: 'right' },
            baseline: { value: 'middle' },
          },
        },
      },
      {
        type: 'rect',
        from: { data: 'bars' },
        encode: {
          enter: {
            x: { scale: 'x', value: 0 },
            x2: { scale: 'x', field: 'amount' },
            yc: { scale: 'y', field: 'index', band: 0.5 },
            height: { value: BAR },
            fill: { value: colors.primary },
          },
        },
      },
      {
        type: 'rect',
        from: { data: 'bars' },
        encode: {
          enter: {
            x: { scale: 'x', value: 0 },
            x2: { scale: 'x', field: 'weighted' },
            yc: { scale: 'y', field: 'index', band: 0.5 },
            height: { value: WEIGHTED_BAR },
            fill: { value: colors.secondary },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'bars' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'amount', offset: END_LABEL_GAP },
            y: { scale: 'y', field: 'index', band: 0.5 },
            text: { field: 'end' },
            font: { value: FONT_FAMILY },
            fontSize: { value: fontSizes.label },
            fill: { value: colors.text },
            baseline: { value: 'middle' },
          },
        },
      },
      {
        // The zero line: stages with nothing in them still show where their bar would start.
        type: 'rule',
        from: { data: 'frame' },
        encode: {
          enter: {
            x: { value: barLeft },
            y: { value: PLOT_TOP },
            y2: { value: PLOT_TOP + rows.length * ROW },
            stroke: { value: colors.rule },
            strokeWidth: { value: 1 },
          },
        },
      },
    ],
  };
}

/** PNG of the pipeline by stage. */
export async function stageChart(input: StageChartInput): Promise<Uint8Array> {
  return renderPng(stageChartSpec(input));
}
