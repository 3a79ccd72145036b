import { describe, it, expect } from 'vitest';
import type { Spec } from 'vega';
import { ExternalResourceError, renderPng } from '../../src/charts/png.renderer.ts';
import { stageChart, type StageBar } from '../../src/charts/stage-chart.ts';
import { hasTrendData, trendChart, trendChartSpec, type TrendPoint } from '../../src/charts/trend-chart.ts';
import { periodLabels, spansMoreThanAYear } from '../../src/charts/period-labels.ts';
import { measureText, truncateText } from '../../src/charts/text-measure.ts';
import { placeLabels, type LabelCandidate } from '../../src/charts/label-placement.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which always comes first, right after the signature. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(String.fromCharCode(...bytes.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A chart with content: a 2× render of a 640 px-wide chart, and a size a chat upload takes easily. */
function expectChart(bytes: Uint8Array): { width: number; height: number } {
  const size = pngSize(bytes);
  expect(size.width).toBeGreaterThanOrEqual(800);
  expect(size.width).toBeLessThanOrEqual(2000);
  expect(size.height).toBeGreaterThanOrEqual(200);
  expect(size.height).toBeLessThanOrEqual(2000);
  expect(bytes.byteLength).toBeGreaterThan(3 * 1024);
  expect(bytes.byteLength).toBeLessThan(400 * 1024);
  return size;
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const formatAmount = (value: number): string => euros.format(value);
const labels = { amount: 'Montant', weighted: 'Pondéré' };
const formatCount = (count: number) => `${count} ${count === 1 ? 'affaire' : 'affaires'}`;

const STAGES: StageBar[] = [
  { label: 'Découverte', count: 12, amount: 184_000, weighted: 18_400 },
  { label: 'Qualification', count: 9, amount: 142_500, weighted: 28_500 },
  { label: 'Démonstration', count: 7, amount: 98_000, weighted: 39_200 },
  { label: 'Proposition envoyée', count: 5, amount: 76_400, weighted: 45_840 },
  { label: 'Négociation', count: 3, amount: 51_000, weighted: 40_800 },
  { label: 'Engagement verbal du décideur économique', count: 2, amount: 23_000, weighted: 20_700 },
  { label: 'Signature', count: 1, amount: 0, weighted: 0 },
];

describe('stageChart', () => {
  it('renders the pipeline by stage as a 2× PNG', async () => {
    const png = await stageChart({ title: 'Pipeline par étape — équipe France’s', bars: STAGES, labels, formatAmount, formatCount });
    expect(expectChart(png).width).toBe(1280);
  });

  it('grows with the number of stages', async () => {
    const seven = pngSize(await stageChart({ title: 'Pipeline', bars: STAGES, labels, formatAmount, formatCount }));
    const two = pngSize(await stageChart({ title: 'Pipeline', bars: STAGES.slice(0, 2), labels, formatAmount, formatCount }));
    expect(seven.width).toBe(two.width);
    expect(seven.height).toBeGreaterThan(two.height);
  });

  it('gives a valid PNG for no stages and for an all-zero pipeline', async () => {
    const empty = pngSize(await stageChart({ title: 'Pipeline vide', bars: [], labels, formatAmount, formatCount }));
    expect(empty.width).toBe(1280);
    expect(empty.height).toBeGreaterThan(0);
    const zeros = STAGES.map((bar) => ({ ...bar, amount: 0, weighted: 0 }));
    expectChart(await stageChart({ title: 'Pipeline à zéro', bars: zeros, labels, formatAmount, formatCount }));
  });

  it('draws bad numbers as empty bars instead of failing', async () => {
    const bars = [
      { label: 'A', count: 1, amount: Number.NaN, weighted: 5 },
      { label: 'B', count: 1, amount: -10, weighted: Number.POSITIVE_INFINITY },
    ];
    expectChart(await stageChart({ title: 'Données douteuses', bars, labels, formatAmount, formatCount }));
  });

  it('formats amounts only through formatAmount', async () => {
    const seen: number[] = [];
    await stageChart({ title: 'Pipeline', bars: STAGES.slice(0, 2), labels, formatAmount: (value) => (seen.push(value), formatAmount(value)), formatCount });
    expect(seen).toEqual([184_000, 142_500]);
  });
});

const WEEKS: TrendPoint[] = [42_000, 51_000, null, 38_000, 61_000, 57_000, 72_000, 68_500].map((value, index) => ({ label: `S${38 + index}`, value }));

describe('trendChart', () => {
  it('renders a line over periods with an objective as a 2× PNG', async () => {
    const png = await trendChart({ title: 'Chiffre signé — équipe Île-de-France', points: WEEKS, formatValue: formatAmount, objective: { value: 60_000, label: 'Objectif : 60 000 €' } });
    expect(expectChart(png).width).toBe(1280);
  });

  it('renders without an objective, with many periods, and with negative values', async () => {
    expectChart(await trendChart({ title: 'Appels', points: WEEKS, formatValue: String }));
    const many = Array.from({ length: 52 }, (_, index) => ({ label: `S${index + 1}`, value: index % 7 === 3 ? null : 100 + ((index * 37) % 60) }));
    expectChart(await trendChart({ title: 'Appels sur un an', points: many, formatValue: String, objective: { value: 130, label: 'Objectif' } }));
    const changes = [5, -3, 8, null, -12, 4].map((value, index) => ({ label: `S${index + 1}`, value }));
    expectChart(await trendChart({ title: 'Variation nette', points: changes, formatValue: String }));
  });

  it('gives a valid PNG for no periods, all-null and all-zero values', async () => {
    const empty = pngSize(await trendChart({ title: 'Rien', points: [], formatValue: String }));
    expect(empty.width).toBe(1280);
    const nulls = WEEKS.map((point) => ({ ...point, value: null }));
    expectChart(await trendChart({ title: 'Aucune donnée', points: nulls, formatValue: String, objective: { value: 10, label: 'Objectif' } }));
    const zeros = WEEKS.map((point) => ({ ...point, value: 0 }));
    expectChart(await trendChart({ title: 'Zéro', points: zeros, formatValue: String }));
  });

  it('formats only the values that exist, through formatValue', async () => {
    const seen: number[] = [];
    await trendChart({ title: 'Trois semaines', points: [{ label: 'S1', value: 1 }, { label: 'S2', value: null }, { label: 'S3', value: 3 }], formatValue: (value) => (seen.push(value), String(value)) });
    expect(seen).toEqual([1, 3]);
  });
});

describe('time axis labels', () => {
  // Six quarters: eighteen months, from July 2025 to the end of December 2026.
  const QUARTERS = ['2025-07-01', '2025-10-01', '2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01'];
  const MONTHS = ['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'];
  const WEEKS_FROM = ['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
  /** The period labels the chart spec draws, in order (thinned labels are ''). */
  const drawnLabels = (labels: string[]): unknown[] => {
    const spec = trendChartSpec({ title: 'CA', points: labels.map((label, index) => ({ label, value: index * 10 })), formatValue: String });
    const points = spec.data?.find((data) => data.name === 'points') as { values: Array<{ label: string }> } | undefined;
    return points?.values.map((row) => row.label) ?? [];
  };

  it('puts the year on every tick of an axis spanning 18 months, in French and in English', () => {
    expect(spansMoreThanAYear(QUARTERS)).toBe(true);
    const fr = periodLabels(QUARTERS, 'fr');
    const en = periodLabels(QUARTERS, 'en');
    expect(fr).toEqual(['juil. 2025', 'oct. 2025', 'janv. 2026', 'avr. 2026', 'juil. 2026', 'oct. 2026']);
    expect(en).toEqual(['Jul 2025', 'Oct 2025', 'Jan 2026', 'Apr 2026', 'Jul 2026', 'Oct 2026']);
    // The spec draws them whole: six labels fit a 640 px axis without thinning or cutting.
    expect(drawnLabels(fr)).toEqual(fr);
    expect(drawnLabels(en)).toEqual(en);
  });

  it('keeps day and month within a year, even across New Year', () => {
    expect(spansMoreThanAYear(MONTHS)).toBe(false);
    expect(periodLabels(MONTHS, 'fr')).toEqual(['1 juin', '1 juil.', '1 août', '1 sept.', '1 oct.', '1 nov.']);
    expect(periodLabels(MONTHS, 'en')).toEqual(['1 Jun', '1 Jul', '1 Aug', '1 Sept', '1 Oct', '1 Nov']);
    expect(periodLabels(WEEKS_FROM, 'fr')).toEqual(['19 oct.', '26 oct.', '2 nov.', '9 nov.', '16 nov.', '23 nov.']);
    const winter = ['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01', '2027-01-01'];
    expect(periodLabels(winter, 'en').every((label) => !/\d{4}/.test(label))).toBe(true);
    expect(drawnLabels(periodLabels(MONTHS, 'fr'))).toEqual(periodLabels(MONTHS, 'fr'));
  });

  it('shows whole years as the year alone, and odd-length periods with day, month and year', () => {
    const years = ['2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01', '2026-01-01'];
    expect(periodLabels(years, 'fr')).toEqual(['2021', '2022', '2023', '2024', '2025', '2026']);
    // 90-day periods: six of them span well over a year and start on any day.
    const ninety = ['2025-06-01', '2025-08-30', '2025-11-28', '2026-02-26', '2026-05-27', '2026-08-25'];
    expect(periodLabels(ninety, 'fr')[2]).toBe('28 nov. 2025');
    expect(periodLabels(ninety, 'en')[3]).toBe('26 Feb 2026');
  });
});

describe('hasTrendData', () => {
  const points = (values: Array<number | null>): TrendPoint[] => values.map((value, index) => ({ label: `S${index + 1}`, value }));

  it('finds no data in periods that are all null, or all zero for a count or a sum', () => {
    expect(hasTrendData(points([null, null, null]), { zeroIsEmpty: false })).toBe(false);
    expect(hasTrendData(points([0, 0, null, 0]), { zeroIsEmpty: true })).toBe(false);
    expect(hasTrendData(points([]), { zeroIsEmpty: false })).toBe(false);
  });

  it('finds data in a real zero among real values, and in a rate of zero', () => {
    expect(hasTrendData(points([0, 0, 3, 0]), { zeroIsEmpty: true })).toBe(true);
    expect(hasTrendData(points([null, 0, null]), { zeroIsEmpty: false })).toBe(true);
  });
});

describe('renderPng', () => {
  const textSpec = (text: string): Spec => ({
    width: 200,
    height: 40,
    padding: 0,
    autosize: 'none',
    background: 'white',
    marks: [{ type: 'text', encode: { enter: { x: { value: 10 }, y: { value: 25 }, text: { value: text }, font: { value: 'DejaVu Sans' }, fontSize: { value: 16 } } } }],
  });

  it('draws text, accents included (fonts were found)', async () => {
    const blank = await renderPng(textSpec(''));
    const text = await renderPng(textSpec('Élan reçu, l’été'));
    expect(text.byteLength).toBeGreaterThan(blank.byteLength + 300);
  });

  it('renders at the requested scale', async () => {
    expect(pngSize(await renderPng(textSpec('x'), { scale: 1 }))).toEqual({ width: 200, height: 40 });
    expect(pngSize(await renderPng(textSpec('x')))).toEqual({ width: 400, height: 80 });
  });

  it('escapes markup characters in labels', async () => {
    pngSize(await renderPng(textSpec('R&D <Q4> "top" \'ok\'')));
  });

  it('refuses specs that load files or URLs', async () => {
    const fileData: Spec = { ...textSpec(''), data: [{ name: 'secret', url: 'file:///etc/passwd', format: { type: 'tsv' } }] };
    await expect(renderPng(fileData)).rejects.toBeInstanceOf(ExternalResourceError);
    const remoteData: Spec = { ...textSpec(''), data: [{ name: 'remote', url: 'https://example.com/data.json' }] };
    await expect(renderPng(remoteData)).rejects.toBeInstanceOf(ExternalResourceError);
    const image: Spec = {
      ...textSpec(''),
      marks: [{ type: 'image', encode: { enter: { url: { value: '/etc/hostname' }, width: { value: 10 }, height: { value: 10 } } } }],
    };
    await expect(renderPng(image)).rejects.toBeInstanceOf(ExternalResourceError);
  });
});

describe('text measurement', () => {
  it('measures DejaVu Sans widths, accents as their base letter', () => {
    expect(measureText('0000', { size: 10 })).toBeCloseTo(25.44);
    expect(measureText('é', { size: 10 })).toBeCloseTo(measureText('e', { size: 10 }));
    expect(measureText('Total', { size: 12, bold: true })).toBeGreaterThan(measureText('Total', { size: 12 }));
  });

  it('cuts long text with an ellipsis to fit', () => {
    expect(truncateText('Court', 100, { size: 12 })).toBe('Court');
    const cut = truncateText('Engagement verbal du décideur économique', 120, { size: 12 });
    expect(cut.endsWith('…')).toBe(true);
    expect(measureText(cut, { size: 12 })).toBeLessThanOrEqual(120);
  });
});

describe('label placement', () => {
  const area = { segments: [], ruleY: null, top: 0, bottom: 200, offset: 8, height: 13 };
  const label = (index: number, x: number, y: number, required = false): LabelCandidate => ({ index, x, y, width: 40, align: 'center', preferAbove: true, required });

  it('puts a label on its preferred side when free, the other side when not, and drops it when neither is', () => {
    const sides = placeLabels([label(0, 100, 100), label(1, 110, 100), label(2, 105, 100)], area);
    expect(sides.get(0)).toBe(true);
    expect(sides.get(1)).toBe(false);
    expect(sides.has(2)).toBe(false);
  });

  it('keeps required labels and moves labels off the line', () => {
    const crowded = placeLabels([label(0, 100, 100), label(1, 110, 100), label(2, 105, 100, true)], area);
    expect(crowded.has(2)).toBe(true);
    // The line leaving the point up and to the right sends its label below.
    const rising = placeLabels([label(0, 100, 100)], { ...area, segments: [[100, 100, 130, 60]] });
    expect(rising.get(0)).toBe(false);
  });
});
