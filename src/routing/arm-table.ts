import { RoutingInputError } from "./errors.js";

/** How a bandit forgets, for backends whose behaviour drifts. Use at most one. */
export interface ForgettingOptions {
  /**
   * Discount factor γ in (0, 1]: before each update of a query type's bandit, every backend's
   * counts in it are multiplied by γ, so old outcomes weigh γ^age (effective memory 1/(1−γ)).
   */
  discount?: number;
  /** Sliding window: only the last `window` outcomes of each query type count. */
  window?: number;
}

/**
 * Reward sums per (query type, backend): `succ` (Σ reward) and `fail` (Σ 1 − reward), in flat
 * typed arrays indexed `type * stride + backend`, with optional discounting or a sliding
 * window. Memory is rows × columns (+ rows × window): it never grows with traffic.
 */
export class ArmTable {
  rows = 0;
  /** Columns in use (backends). */
  cols = 0;
  stride = 0;
  succ = new Float64Array(0);
  fail = new Float64Array(0);
  /** Outcomes recorded per row (not discounted; cold start counts these). */
  seen = new Float64Array(0);
  /** Σ (succ + fail) per row, i.e. the row's effective number of outcomes. */
  total = new Float64Array(0);
  /**
   * Bumped whenever a row's values change: by exactly 1 on each {@link ArmTable.add} (so a
   * cache that was current just before an add can tell it saw only that add, as Thompson
   * sampling's does), and past every version in use on growth, clear or
   * {@link ArmTable.touchAll}. Callers cache what they derive from a row by it.
   */
  rowVersion = new Float64Array(0);
  private epoch = 1;
  readonly discount: number;
  readonly window: number;
  private ringBackend = new Int32Array(0);
  private ringReward = new Float64Array(0);
  private ringHead = new Int32Array(0);
  private ringCount = new Int32Array(0);

  /** Prior α and β per cell (Thompson); zero when no prior is given. */
  priorA = new Float64Array(0);
  priorB = new Float64Array(0);

  /**
   * @param options forgetting
   * @param priorOf the prior of a new (row, column) cell, when the bandit has one
   * @throws {RoutingInputError} when discount is outside (0, 1] or window is not a positive integer
   */
  constructor(
    options: ForgettingOptions = {},
    private readonly priorOf?: (row: number, col: number) => { alpha: number; beta: number },
  ) {
    const { discount, window } = options;
    if (discount !== undefined && !(discount > 0 && discount <= 1)) {
      throw new RoutingInputError("discount", `must be in (0, 1], got ${discount}`);
    }
    if (window !== undefined && !(Number.isInteger(window) && window > 0)) {
      throw new RoutingInputError("window", `must be a positive integer, got ${window}`);
    }
    if (discount !== undefined && discount < 1 && window !== undefined) {
      throw new RoutingInputError("window", "cannot be combined with discount; choose one");
    }
    this.discount = discount ?? 1;
    this.window = window ?? 0;
  }

  /** Makes room for `rows` types and `cols` backends; new cells start at zero. */
  ensure(rows: number, cols: number): void {
    if (rows <= this.rows && cols <= this.cols) return;
    const oldRows = this.rows;
    const oldCols = this.cols;
    const stride = cols > this.stride ? Math.max(cols, this.stride * 2, 8) : this.stride;
    const newRows = Math.max(rows, oldRows);
    const grow = (a: Float64Array) => {
      const b = new Float64Array(newRows * stride);
      for (let r = 0; r < oldRows; r++)
        b.set(a.subarray(r * this.stride, r * this.stride + oldCols), r * stride);
      return b;
    };
    this.succ = grow(this.succ);
    this.fail = grow(this.fail);
    this.priorA = grow(this.priorA);
    this.priorB = grow(this.priorB);
    const seen = new Float64Array(newRows);
    seen.set(this.seen);
    this.seen = seen;
    const total = new Float64Array(newRows);
    total.set(this.total);
    this.total = total;
    // Keep the versions reached so far: touchAll moves every row past the largest of them,
    // so no row ever returns to a version it had with other contents.
    const rowVersion = new Float64Array(newRows);
    rowVersion.set(this.rowVersion);
    this.rowVersion = rowVersion;
    this.touchAll();
    if (this.window > 0 && newRows > oldRows) {
      const w = this.window;
      const rb = new Int32Array(newRows * w);
      rb.set(this.ringBackend);
      const rr = new Float64Array(newRows * w);
      rr.set(this.ringReward);
      const rh = new Int32Array(newRows);
      rh.set(this.ringHead);
      const rc = new Int32Array(newRows);
      rc.set(this.ringCount);
      this.ringBackend = rb;
      this.ringReward = rr;
      this.ringHead = rh;
      this.ringCount = rc;
    }
    this.rows = newRows;
    this.cols = Math.max(cols, oldCols);
    this.stride = stride;
    const priorOf = this.priorOf;
    if (priorOf !== undefined) {
      for (let r = 0; r < this.rows; r++) {
        for (let c = r < oldRows ? oldCols : 0; c < this.cols; c++) {
          const p = priorOf(r, c);
          this.priorA[r * stride + c] = p.alpha;
          this.priorB[r * stride + c] = p.beta;
        }
      }
    }
  }

  /**
   * Records reward r ∈ [0, 1] for backend `b` of row `t` (both already ensured).
   */
  add(t: number, b: number, r: number): void {
    const o = t * this.stride;
    const succ = this.succ;
    const fail = this.fail;
    if (this.discount < 1) {
      const g = this.discount;
      for (let i = 0; i < this.cols; i++) {
        succ[o + i] *= g;
        fail[o + i] *= g;
      }
      this.total[t] *= g;
    } else if (this.window > 0) {
      const w = this.window;
      const base = t * w;
      if (this.ringCount[t] === w) {
        const slot = base + this.ringHead[t];
        const ob = this.ringBackend[slot];
        const or = this.ringReward[slot];
        // Clamp float drift from subtracting fractional rewards.
        succ[o + ob] = nonNegative(succ[o + ob] - or);
        fail[o + ob] = nonNegative(fail[o + ob] - (1 - or));
        this.total[t] = nonNegative(this.total[t] - 1);
      } else {
        this.ringCount[t]++;
      }
      const slot = base + this.ringHead[t];
      this.ringBackend[slot] = b;
      this.ringReward[slot] = r;
      this.ringHead[t] = (this.ringHead[t] + 1) % w;
    }
    succ[o + b] += r;
    fail[o + b] += 1 - r;
    this.rowVersion[t]++;
    this.total[t] += 1;
    this.seen[t] += 1;
  }

  /** The window's contents of row t, oldest first, as [backend, reward] pairs (for saving). */
  windowOf(t: number): [number, number][] {
    const out: [number, number][] = [];
    const w = this.window;
    if (w === 0 || t >= this.rows) return out;
    const count = this.ringCount[t];
    const start = (this.ringHead[t] - count + w) % w;
    for (let k = 0; k < count; k++) {
      const slot = t * w + ((start + k) % w);
      out.push([this.ringBackend[slot], this.ringReward[slot]]);
    }
    return out;
  }

  /** Replays saved window contents into row t (which must be empty of window entries). */
  restoreWindow(t: number, entries: readonly (readonly [number, number])[]): void {
    const w = this.window;
    const keep = entries.slice(Math.max(0, entries.length - w));
    for (let k = 0; k < keep.length; k++) {
      this.ringBackend[t * w + k] = keep[k][0];
      this.ringReward[t * w + k] = keep[k][1];
    }
    this.ringCount[t] = keep.length;
    this.ringHead[t] = keep.length % w;
  }

  /** Marks every row changed (after writing cells directly, e.g. when loading). */
  touchAll(): void {
    // Each row's version only ever increases, so a cached version can never match again
    // after a change: move every row past the largest version in use.
    let top = this.epoch;
    for (let t = 0; t < this.rowVersion.length; t++) top = Math.max(top, this.rowVersion[t]);
    this.epoch = top + 1;
    this.rowVersion.fill(this.epoch);
  }

  /** Forgets everything (sizes are kept). */
  clear(): void {
    this.touchAll();
    this.succ.fill(0);
    this.fail.fill(0);
    this.seen.fill(0);
    this.total.fill(0);
    this.ringCount.fill(0);
    this.ringHead.fill(0);
  }
}

function nonNegative(x: number): number {
  return x < 1e-12 ? 0 : x;
}
