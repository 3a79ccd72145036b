// Text widths for layout. Vega in Node has no canvas, so it guesses 0.8 em per character:
// that is too wide for DejaVu Sans (digits are 0.64 em) and would leave labels cramped or
// over-truncated. These are the real DejaVu Sans advance widths, so layout matches what
// resvg draws.

// Advance widths in thousandths of an em for U+0020…U+007E, read from DejaVuSans.ttf and
// DejaVuSans-Bold.ttf (hmtx via cmap).
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838,
  838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611,
  685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592,
  818, 592, 592, 525, 636, 337, 636, 838,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838,
  838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724,
  725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652,
  924, 645, 652, 582, 712, 365, 712, 838,
];
/** Non-ASCII characters money and dates bring in (Intl's fr-FR output uses U+202F and U+00A0). */
const SPECIAL: Record<string, [number, number]> = {
  '\u2019': [318, 380],
  '\u2026': [1000, 1000],
  '\u20ac': [636, 696],
  '\u00b7': [318, 380],
  '\u202f': [200, 200],
  '\u00a0': [318, 348],
  '\u2014': [1000, 1000],
  '\u2013': [500, 500],
  '\u00a3': [636, 696],
};
/** Anything else (other scripts, symbols): a deliberately generous guess, so we err towards room. */
const FALLBACK: [number, number] = [800, 850];

export interface TextFont {
  size: number;
  bold?: boolean;
}

function charWidth(char: string, bold: boolean): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x20 && code <= 0x7e) return (bold ? BOLD : REGULAR)[code - 0x20] ?? FALLBACK[bold ? 1 : 0];
  // Combining accents (after NFD below) take no room: é measures as e.
  if (code >= 0x300 && code <= 0x36f) return 0;
  const special = SPECIAL[char] ?? FALLBACK;
  return special[bold ? 1 : 0];
}

/** Width in pixels of `text` drawn in DejaVu Sans at `font.size`. */
export function measureText(text: string, font: TextFont): number {
  let total = 0;
  for (const char of text.normalize('NFD')) total += charWidth(char, font.bold ?? false);
  return (total / 1000) * font.size;
}

/** `text` cut with an ellipsis so it fits in `maxWidth` pixels (unchanged when it already fits). */
export function truncateText(text: string, maxWidth: number, font: TextFont): string {
  if (measureText(text, font) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && measureText(`${chars.join('').trimEnd()}…`, font) > maxWidth) chars.pop();
  return chars.length > 0 ? `${chars.join('').trimEnd()}…` : '';
}
