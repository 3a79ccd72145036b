// One look for every chart: white background, DejaVu Sans (installed on every host we run on,
// and the font the PNG renderer loads), and colours from the Okabe–Ito palette, which stays
// distinguishable under the common colour-vision deficiencies. Paired colours (a value and
// its lighter companion) differ in lightness too, so they still read apart in greyscale.

import type { Mark } from 'vega';

/** Logical width in CSS pixels; the renderer draws at 2× so it stays crisp in chat clients. */
export const CHART_WIDTH = 640;

export const FONT_FAMILY = 'DejaVu Sans';

export const colors = {
  background: '#ffffff',
  title: '#1f2933',
  text: '#3e4c59',
  muted: '#7b8794',
  rule: '#cbd2d9',
  /** Okabe–Ito blue: the main series. */
  primary: '#0072B2',
  /** Okabe–Ito sky blue: the companion series drawn over or beside the main one. */
  secondary: '#56B4E9',
  /** Okabe–Ito vermillion: targets and thresholds, which must stand out from the data. */
  accent: '#D55E00',
} as const;

export const fontSizes = { title: 15, label: 12, small: 11 } as const;

/** Outer margin around the whole drawing. */
export const PADDING = 16;

/** Baseline of the chart title, from the top edge. */
export const TITLE_BASELINE = PADDING + fontSizes.title;

/** The bold title at the top left, the same on every chart. */
export const titleMark = (title: string): Mark => ({
  type: 'text',
  encode: {
    enter: {
      x: { value: PADDING },
      y: { value: TITLE_BASELINE },
      text: { value: title },
      font: { value: FONT_FAMILY },
      fontSize: { value: fontSizes.title },
      fontWeight: { value: 'bold' },
      fill: { value: colors.title },
      baseline: { value: 'alphabetic' },
    },
  },
});
