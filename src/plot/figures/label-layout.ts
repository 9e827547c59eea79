/**
 * Direct labels that do not overlap. Saved SVGs drop Plot's HTML legends, so figures name
 * their lines and points in the plot itself; these helpers compute label positions that keep
 * such labels apart. They need the scale's mapping, so figures using them
 * fix their domains and margins (see {@link pixelScale}).
 */

/** A position scale's mapping from data to pixels, and back. */
export interface PixelScale {
  (value: number): number;
  /** Pixels back to data. */
  invert(pixel: number): number;
}

/** Options for {@link pixelScale}. */
export interface PixelScaleOptions {
  /** The data domain [lo, hi] as given to Plot (for log scales, both > 0). */
  domain: readonly [number, number];
  /** The pixel range [start, end], e.g. [marginLeft, width − marginRight], or reversed for y. */
  range: readonly [number, number];
  /** Default `linear`. */
  type?: "linear" | "log";
}

/**
 * The data → pixel mapping Plot uses for a position scale with a fixed domain and no insets.
 *
 * @param options domain, range and scale type
 * @returns the mapping
 * @example const y = pixelScale({ domain: [1, 1000], range: [height - 40, 20], type: "log" });
 */
export function pixelScale(options: PixelScaleOptions): PixelScale {
  const log = options.type === "log";
  const f = log ? Math.log10 : (v: number) => v;
  const fInverse = log ? (v: number) => 10 ** v : (v: number) => v;
  const [d0, d1] = [f(options.domain[0]), f(options.domain[1])];
  const [r0, r1] = options.range;
  const scale = (value: number) => r0 + ((f(value) - d0) / (d1 - d0)) * (r1 - r0);
  scale.invert = (pixel: number) => fInverse(d0 + ((pixel - r0) / (r1 - r0)) * (d1 - d0));
  return scale;
}

/**
 * Spreads labels along one axis so neighbours are at least `gap` pixels apart, keeping their
 * order and moving them as little as needed (labels at line ends, stacked by value). Labels
 * too close together form a block centred on where its members want to be, held inside
 * `[lo, hi]`; blocks that then collide merge (pool-adjacent-violators).
 *
 * @param positions the labels' wanted pixel positions
 * @param options minimum gap, and the bounds to stay in when there is room
 * @returns the pixel positions to draw at, in the input's order
 * @example spreadLabels([100, 103, 180], { gap: 12 }) // [95.5, 107.5, 180]
 */
export function spreadLabels(
  positions: readonly number[],
  options: { gap: number; lo?: number; hi?: number },
): number[] {
  const { gap } = options;
  const lo = options.lo ?? Number.NEGATIVE_INFINITY;
  const hi = options.hi ?? Number.POSITIVE_INFINITY;
  const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  type Block = { start: number; members: number[]; sum: number };
  const place = (members: number[], sum: number): Block => {
    const span = (members.length - 1) * gap;
    const centred = sum / members.length - span / 2;
    // The lower bound wins when the block is too long for [lo, hi].
    return { start: Math.max(lo, Math.min(centred, hi - span)), members, sum };
  };
  const blocks: Block[] = [];
  for (const { p, i } of order) {
    blocks.push(place([i], p));
    while (blocks.length >= 2) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.start + a.members.length * gap <= b.start + 1e-9) break;
      blocks.splice(blocks.length - 2, 2, place([...a.members, ...b.members], a.sum + b.sum));
    }
  }
  const out = new Array<number>(positions.length);
  for (const b of blocks) {
    b.members.forEach((i, k) => {
      out[i] = b.start + k * gap;
    });
  }
  return out;
}

/**
 * A label's approximate width at 11 px sans-serif (about 6.2 px per character), for layouts.
 *
 * @param text the label
 * @returns width in px
 */
export function labelWidth(text: string): number {
  return 6.2 * text.length + 4;
}

/** A figure's size and margins, as the direct-label layout computes with them. */
export interface FigureFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/**
 * The Plot options for a frame: one place turns the layout's margins into Plot's names, so a
 * figure's labels and its plot area cannot drift apart.
 *
 * @param frame size and margins
 * @returns `width`, `height` and the four `margin*` options
 */
export function frameOptions(frame: FigureFrame): {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
} {
  const { width, height, margin } = frame;
  return {
    width,
    height,
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
  };
}

/** A point in pixels. */
export interface PixelPoint {
  x: number;
  y: number;
}

/**
 * Assigns labels in a column to points so that no two leader lines (point → its label) cross.
 * Starting from the order of the points' heights, any two crossing leaders swap their labels:
 * in the plane, uncrossing two segments shortens their total length (triangle inequality), so
 * the total length falls at each swap and the loop ends, with no crossing left.
 *
 * @param points where the leaders start
 * @param slots where labels can go (as many as points), e.g. a column from {@link spreadLabels}
 * @returns for each point, the index of its slot (a permutation)
 * @throws {RangeError} when the counts differ
 * @example untangleLeaders([{ x: 10, y: 50 }, { x: 90, y: 48 }], [{ x: 100, y: 40 }, { x: 100, y: 60 }])
 */
export function untangleLeaders(
  points: readonly PixelPoint[],
  slots: readonly PixelPoint[],
): number[] {
  if (points.length !== slots.length) {
    throw new RangeError(`untangleLeaders: ${points.length} points but ${slots.length} slots`);
  }
  const n = points.length;
  // Start with the k-th highest point on the k-th highest slot.
  const byPoint = [...points.keys()].sort((a, b) => points[a].y - points[b].y || a - b);
  const bySlot = [...slots.keys()].sort((a, b) => slots[a].y - slots[b].y || a - b);
  const slotOf = new Array<number>(n);
  byPoint.forEach((p, k) => {
    slotOf[p] = bySlot[k];
  });
  // Each swap shortens the total strictly; n² swaps per pass at most, and few passes in practice.
  for (let pass = 0; pass < n * n + 1; pass++) {
    let swapped = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (segmentsCross(points[i], slots[slotOf[i]], points[j], slots[slotOf[j]])) {
          [slotOf[i], slotOf[j]] = [slotOf[j], slotOf[i]];
          swapped = true;
        }
      }
    }
    if (!swapped) break;
  }
  return slotOf;
}

/**
 * Whether segments ab and cd cross at a point inside both (touching ends do not count).
 *
 * @returns true for a proper crossing
 */
export function segmentsCross(a: PixelPoint, b: PixelPoint, c: PixelPoint, d: PixelPoint): boolean {
  const side = (p: PixelPoint, q: PixelPoint, r: PixelPoint) =>
    Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  const d1 = side(c, d, a);
  const d2 = side(c, d, b);
  const d3 = side(a, b, c);
  const d4 = side(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}
