// Where the value labels of a line chart go: which ones are shown and on which side of their
// point, so that none overlaps another, a marker, or the line itself.

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
export type Segment = [x1: number, y1: number, x2: number, y2: number];
export type Align = 'left' | 'center' | 'right';

export interface LabelCandidate {
  index: number;
  x: number;
  y: number;
  width: number;
  align: Align;
  /** Away from the line: above a peak or a rise, below a dip. */
  preferAbove: boolean;
  /** Shown even when crowded (the latest value, the extremes). */
  required: boolean;
}

export interface LabelArea {
  /** The line's segments, between consecutive points that have values. */
  segments: Segment[];
  /** A horizontal reference line (an objective) labels should avoid if they can. */
  ruleY: number | null;
  /** Labels stay between these two heights. */
  top: number;
  bottom: number;
  /** Gap from a point's centre to the near edge of its label, and the label's height. */
  offset: number;
  height: number;
  /** Point markers' radius: they are obstacles too. */
  markerRadius?: number;
}

export function horizontalSpan(x: number, width: number, align: Align): [number, number] {
  if (align === 'left') return [x, x + width];
  if (align === 'right') return [x - width, x];
  return [x - width / 2, x + width / 2];
}

/** Whether a line segment (2.5 px wide) crosses a box; sampling is plenty at chart scale. */
function crosses([x1, y1, x2, y2]: Segment, box: Box): boolean {
  for (let t = 0; t <= 1; t += 0.05) {
    const x = x1 + (x2 - x1) * t;
    const y = y1 + (y2 - y1) * t;
    if (x >= box.left - 1.5 && x <= box.right + 1.5 && y >= box.top - 1.5 && y <= box.bottom + 1.5) return true;
  }
  return false;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right + 2 && b.left < a.right + 2 && a.top < b.bottom + 1 && b.top < a.bottom + 1;
}

/**
 * Chooses, greedily in the order given (most important first), which labels to show and on
 * which side of their point (true = above). A label goes where it overlaps no other label or
 * marker, stays inside the area, and clears the line (and, if it can, the reference rule). A
 * label that fits nowhere is left out, unless it is required: then it takes the best side left
 * (labels are drawn with a white outline, so crossing a line there stays readable).
 */
export function placeLabels(candidates: LabelCandidate[], area: LabelArea): Map<number, boolean> {
  const radius = area.markerRadius ?? 4.5;
  const placed: Box[] = candidates.map(({ x, y }) => ({ left: x - radius, right: x + radius, top: y - radius, bottom: y + radius }));
  const sides = new Map<number, boolean>();
  for (const label of candidates) {
    const [left, right] = horizontalSpan(label.x, label.width, label.align);
    const box = (up: boolean): Box => ({
      left,
      right,
      top: up ? label.y - area.offset - area.height : label.y + area.offset,
      bottom: up ? label.y - area.offset : label.y + area.offset + area.height,
    });
    const fits = (up: boolean): boolean => box(up).bottom <= area.bottom && box(up).top >= area.top;
    const free = (up: boolean): boolean => fits(up) && !placed.some((other) => overlaps(other, box(up)));
    const offLine = (up: boolean): boolean => free(up) && !area.segments.some((segment) => crosses(segment, box(up)));
    const clear = (up: boolean): boolean => {
      const b = box(up);
      return offLine(up) && !(area.ruleY !== null && area.ruleY >= b.top - 1 && area.ruleY <= b.bottom + 1);
    };
    const options = [label.preferAbove, !label.preferAbove];
    // Crossing the dashed rule is tolerable; covering the data line is not.
    let side = options.find(clear) ?? options.find(offLine);
    if (side === undefined && label.required) side = options.find(free) ?? options.find(fits) ?? true;
    if (side === undefined) continue;
    sides.set(label.index, side);
    placed.push(box(side));
  }
  return sides;
}
