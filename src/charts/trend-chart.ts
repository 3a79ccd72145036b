// One value over consecutive periods (weeks "S45", months "oct."), as a line with a marker per
// period. A period without a value (null) is a gap in the line, never a drop to zero, and an
// optional objective is a dashed horizontal line. Values are labelled at the points with the
// caller's formatter, so no vega number formatting (d3-format, en-US) ever shows.
// Positions are computed here rather than by vega scales, because label placement (which side
// of the point, clear of the objective line) needs them too: one computation, no drift.
import type { Spec } from 'vega';
import { CHART_WIDTH, FONT_FAMILY, PADDING, TITLE_BASELINE, colors, fontSizes, titleMark } from './chart-theme.ts';
import { renderPng } from './png.renderer.ts';
import { placeLabels, type Align, type LabelCandidate, type Segment } from './label-placement.ts';
import { measureText, truncateText } from './text-measure.ts';

export interface TrendPoint {
  label: string;
  value: number | null;
}

export interface TrendChartInput {
  title: string;
  points: TrendPoint[];
  formatValue: (value: number) => string;
  objective?: { value: number; label: string };
}

const HEIGHT = 300;
const LEGEND_Y = TITLE_BASELINE + 20;
/** Top of the period labels along the bottom. */
const PERIODS_Y = HEIGHT - PADDING - fontSizes.label - 2;
/** Nothing of the plot (points, value labels) goes below this line. */
const FLOOR = PERIODS_Y - 8;
const PLOT_LEFT = PADDING;
const PLOT_RIGHT = CHART_WIDTH - PADDING;
/** The highest point sits this far under the legend, leaving room for its value label. */
const PLOT_TOP = LEGEND_Y + 12 + 22;
/** Distance from a point's centre to the near edge of its value label. */
const LABEL_OFFSET = 8;
const LABEL_HEIGHT = fontSizes.small + 2;
const LABEL_SPACING = 8;
/** Point markers: a circle of area 56 px², radius ≈ 4.2 px. */
const MARKER_SIZE = 56;
const MARKER_RADIUS = Math.sqrt(MARKER_SIZE / Math.PI);

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Whether a trend is worth drawing: some period has a value, and when zero means "nothing
 * happened" (a count or a sum with no records under it), some period has a value other than
 * zero. A line of six zeros for deals won in a workspace without deals is noise; one real zero
 * among real values is data and is drawn.
 */
export function hasTrendData(points: TrendPoint[], options: { zeroIsEmpty: boolean }): boolean {
  return points.some((point) => finite(point.value) && (!options.zeroIsEmpty || point.value !== 0));
}

/** Every k-th period label, counted back from the last period (the most recent matters most). */
function thinning(count: number, step: number, widest: number): (index: number) => boolean {
  const every = Math.max(1, Math.ceil((widest + LABEL_SPACING) / step));
  return (index) => (count - 1 - index) % every === 0;
}

/** Centred, unless that would push the label off the picture: then it hangs inwards from its point. */
function edgeAlign(x: number, width: number): Align {
  if (x - width / 2 < PADDING / 2) return 'left';
  if (x + width / 2 > CHART_WIDTH - PADDING / 2) return 'right';
  return 'center';
}

export function trendChartSpec(input: TrendChartInput): Spec {
  const { points, objective } = input;
  const values = points.map((point) => (finite(point.value) ? point.value : null));
  const present = values.filter(finite);
  const target = objective !== undefined && finite(objective.value) ? objective.value : null;
  // Zero stays in view so a small change does not look like a collapse.
  const low = Math.min(0, ...present, ...(target === null ? [] : [target]));
  let high = Math.max(0, ...present, ...(target === null ? [] : [target]));
  if (high === low) high = low + 1;
  // With negative values the lowest point needs room under it for its label; with none, the
  // zero line sits right on top of the period labels.
  const plotBottom = low < 0 ? FLOOR - LABEL_OFFSET - LABEL_HEIGHT : FLOOR;
  const yOf = (value: number): number => plotBottom - ((value - low) / (high - low)) * (plotBottom - PLOT_TOP);
  const zeroY = yOf(0);
  const objectiveY = target === null ? null : yOf(target);

  const step = points.length > 0 ? (PLOT_RIGHT - PLOT_LEFT) / points.length : 0;
  const xOf = (index: number): number => PLOT_LEFT + step * (index + 0.5);
  const periodFont = { size: fontSizes.label };
  const valueFont = { size: fontSizes.small, bold: true };
  const showPeriod = thinning(points.length, step, Math.max(0, ...points.map((point) => measureText(point.label, periodFont))));

  const texts = values.map((value) => (value === null ? '' : input.formatValue(value)));
  const latest = values.findLastIndex(finite);
  const highest = present.length > 0 ? values.indexOf(Math.max(...present)) : -1;
  const lowest = present.length > 0 ? values.indexOf(Math.min(...present)) : -1;

  const segments: Segment[] = [];
  values.forEach((value, index) => {
    const next = values[index + 1];
    if (finite(value) && finite(next)) segments.push([xOf(index), yOf(value), xOf(index + 1), yOf(next)]);
  });

  // Most important first: the latest value, the extremes, then the others from the latest back.
  const order = [latest, highest, lowest, ...values.map((_, index) => values.length - 1 - index)];
  const candidates: LabelCandidate[] = [...new Set(order)].flatMap((index) => {
    const value = values[index];
    if (!finite(value)) return [];
    const x = xOf(index);
    const width = measureText(texts[index] ?? '', valueFont);
    const neighbours = [values[index - 1], values[index + 1]].filter(finite);
    const preferAbove = neighbours.length === 0 || value >= neighbours.reduce((sum, v) => sum + v, 0) / neighbours.length;
    return [{ index, x, y: yOf(value), width, align: edgeAlign(x, width), preferAbove, required: index === latest || index === highest || index === lowest }];
  });
  const sides = placeLabels(candidates, {
    segments,
    ruleY: objectiveY,
    top: LEGEND_Y + 8,
    bottom: FLOOR,
    offset: LABEL_OFFSET,
    height: LABEL_HEIGHT,
    markerRadius: MARKER_RADIUS,
  });

  const rows = points.map((point, index) => {
    const value = values[index] ?? null;
    const x = xOf(index);
    const y = value === null ? null : yOf(value);
    const label = showPeriod(index) ? truncateText(point.label, Math.max(step * 2, 40), periodFont) : '';
    const side = sides.get(index);
    const text = side === undefined ? '' : (texts[index] ?? '');
    const above = side ?? true;
    return {
      x,
      y,
      label,
      labelAlign: edgeAlign(x, measureText(label, periodFont)),
      text,
      textAlign: edgeAlign(x, measureText(text, valueFont)),
      textY: y === null ? 0 : above ? y - LABEL_OFFSET : y + LABEL_OFFSET,
      textBaseline: above ? 'bottom' : 'top',
      latest: index === latest,
    };
  });

  const title = truncateText(input.title, CHART_WIDTH - 2 * PADDING, { size: fontSizes.title, bold: true });
  const drawn = points.length > 0;
  const objectiveRows =
    drawn && target !== null && objective !== undefined
      ? [{ y: objectiveY, label: truncateText(objective.label, CHART_WIDTH - 2 * PADDING - 30, { size: fontSizes.small }) }]
      : [];

  const valueLabel = (halo: boolean) => ({
    type: 'text' as const,
    from: { data: 'present' },
    encode: {
      enter: {
        x: { field: 'x' },
        y: { field: 'textY' },
        text: { field: 'text' },
        font: { value: FONT_FAMILY },
        fontSize: { value: fontSizes.small },
        fontWeight: { signal: "datum.latest ? 'bold' : 'normal'" },
        fill: { value: halo ? colors.background : colors.title },
        // A white outline drawn first keeps a label readable where it crosses a line.
        ...(halo ? { stroke: { value: colors.background }, strokeWidth: { value: 3 }, strokeJoin: { value: 'round' as const } } : {}),
        align: { field: 'textAlign' },
        baseline: { field: 'textBaseline' },
      },
    },
  });

  return {
    width: CHART_WIDTH,
    height: drawn ? HEIGHT : TITLE_BASELINE + PADDING,
    padding: 0,
    autosize: 'none',
    background: colors.background,
    data: [
      { name: 'points', values: rows },
      { name: 'present', source: 'points', transform: [{ type: 'filter', expr: 'datum.y !== null' }] },
      { name: 'objective', values: objectiveRows },
      // One row when there is something to frame: an empty chart is just its title.
      { name: 'frame', values: drawn ? [{ y: zeroY }] : [] },
    ],
    marks: [
      titleMark(title),
      {
        // The objective's meaning sits under the title, where it cannot collide with the
        // value labels along the line.
        type: 'rule',
        from: { data: 'objective' },
        encode: {
          enter: {
            x: { value: PADDING },
            x2: { value: PADDING + 22 },
            y: { value: LEGEND_Y },
            stroke: { value: colors.accent },
            strokeWidth: { value: 2 },
            strokeDash: { value: [5, 3] },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'objective' },
        encode: {
          enter: {
            x: { value: PADDING + 30 },
            y: { value: LEGEND_Y },
            text: { field: 'label' },
            font: { value: FONT_FAMILY },
            fontSize: { value: fontSizes.small },
            fill: { value: colors.text },
            baseline: { value: 'middle' },
          },
        },
      },
      {
        type: 'rule',
        from: { data: 'frame' },
        encode: {
          enter: {
            x: { value: PLOT_LEFT },
            x2: { value: PLOT_RIGHT },
            y: { field: 'y' },
            stroke: { value: colors.rule },
            strokeWidth: { value: 1 },
          },
        },
      },
      {
        type: 'rule',
        from: { data: 'objective' },
        encode: {
          enter: {
            x: { value: PLOT_LEFT },
            x2: { value: PLOT_RIGHT },
            y: { field: 'y' },
            stroke: { value: colors.accent },
            strokeWidth: { value: 1.5 },
            strokeDash: { value: [6, 4] },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'points' },
        encode: {
          enter: {
            x: { field: 'x' },
            y: { value: PERIODS_Y },
            text: { field: 'label' },
            font: { value: FONT_FAMILY },
            fontSize: { value: fontSizes.label },
            fill: { value: colors.muted },
            align: { field: 'labelAlign' },
            baseline: { value: 'top' },
          },
        },
      },
      {
        type: 'line',
        from: { data: 'points' },
        encode: {
          enter: {
            x: { field: 'x' },
            y: { field: 'y' },
            // A missing period breaks the line instead of dropping it to zero.
            defined: { signal: 'datum.y !== null' },
            stroke: { value: colors.primary },
            strokeWidth: { value: 2.5 },
            strokeJoin: { value: 'round' },
            strokeCap: { value: 'round' },
          },
        },
      },
      {
        type: 'symbol',
        from: { data: 'present' },
        encode: {
          enter: {
            x: { field: 'x' },
            y: { field: 'y' },
            shape: { value: 'circle' },
            size: { value: MARKER_SIZE },
            fill: { value: colors.primary },
            stroke: { value: colors.background },
            strokeWidth: { value: 1.5 },
          },
        },
      },
      valueLabel(true),
      valueLabel(false),
    ],
  };
}

/** PNG of a value over periods. */
export async function trendChart(input: TrendChartInput): Promise<Uint8Array> {
  return renderPng(trendChartSpec(input));
}
