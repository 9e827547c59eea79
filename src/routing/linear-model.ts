import type { SparseFeatures } from "./featurize.js";

/**
 * One backend's ridge-regression model for disjoint linear bandits (Li et al. 2010):
 * A = λI + Σ x xᵀ, b = Σ r x, θ̂ = A⁻¹ b, over feature vectors x of length `d`.
 *
 * A⁻¹ is kept by Sherman–Morrison: (A + x xᵀ)⁻¹ = A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x), which
 * costs O(d·nnz + d²) per update instead of O(d³) for a fresh inverse; θ̂ follows from the
 * same vector u = A⁻¹x: θ̂' = θ̂ + u (r − xᵀθ̂) / (1 + xᵀu). A itself is kept too (O(nnz²) per
 * update) so the model can be saved as its sufficient statistics and re-inverted on load.
 *
 * Why hand-written loops over flat Float64Arrays: a decision evaluates xᵀθ̂ and xᵀA⁻¹x for
 * every backend, and x has ≈ 20 non-zeros of 69; looping over the non-zeros only costs
 * nnz + nnz² multiply-adds per backend (≈ 0.4 µs at nnz 20), where a general matrix library
 * would do the dense d² (and allocate). No library here offers sparse-vector × dense-symmetric
 * quadratic forms without allocation.
 */
export class LinearModel {
  /** A⁻¹, row-major d × d (symmetric). */
  readonly inverse: Float64Array;
  /** A, row-major d × d. */
  readonly gram: Float64Array;
  /** b = Σ r x. */
  readonly target: Float64Array;
  /** θ̂ = A⁻¹ b. */
  readonly theta: Float64Array;
  /** Updates recorded. */
  count = 0;
  private readonly u: Float64Array;

  /**
   * @param d the feature dimension
   * @param lambda the ridge regulariser λ > 0 (A starts at λI)
   */
  constructor(
    readonly d: number,
    readonly lambda: number,
  ) {
    this.inverse = new Float64Array(d * d);
    this.gram = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      this.inverse[i * d + i] = 1 / lambda;
      this.gram[i * d + i] = lambda;
    }
    this.target = new Float64Array(d);
    this.theta = new Float64Array(d);
    this.u = new Float64Array(d);
  }

  /** @returns xᵀθ̂, the predicted reward */
  mean(x: SparseFeatures): number {
    const { indices, values, nnz } = x;
    const theta = this.theta;
    let m = 0;
    for (let k = 0; k < nnz; k++) m += theta[indices[k]] * values[k];
    return m;
  }

  /** @returns xᵀA⁻¹x ≥ 0, the squared width of the prediction's confidence ellipsoid */
  variance(x: SparseFeatures): number {
    const { indices, values, nnz } = x;
    const inv = this.inverse;
    const d = this.d;
    // A⁻¹ is symmetric: the off-diagonal pairs count twice.
    let q = 0;
    for (let i = 0; i < nnz; i++) {
      const row = indices[i] * d;
      const vi = values[i];
      let s = 0;
      for (let j = 0; j < i; j++) s += inv[row + indices[j]] * values[j];
      q += vi * (2 * s + inv[row + indices[i]] * vi);
    }
    return Math.max(q, 0);
  }

  /**
   * Adds one observation: reward r for context x.
   * @param x the context
   * @param r the reward
   */
  update(x: SparseFeatures, r: number): void {
    const { indices, values, nnz } = x;
    const d = this.d;
    const inv = this.inverse;
    const u = this.u;
    // u = A⁻¹x (A⁻¹ symmetric, so column k of the non-zeros is row k).
    u.fill(0);
    for (let k = 0; k < nnz; k++) {
      const row = indices[k] * d;
      const v = values[k];
      for (let i = 0; i < d; i++) u[i] += inv[row + i] * v;
    }
    let s = 0;
    let pred = 0;
    for (let k = 0; k < nnz; k++) {
      s += u[indices[k]] * values[k];
      pred += this.theta[indices[k]] * values[k];
    }
    const denom = 1 + s;
    // A⁻¹ ← A⁻¹ − u uᵀ / (1 + xᵀu)
    for (let i = 0; i < d; i++) {
      const ui = u[i] / denom;
      if (ui === 0) continue;
      const row = i * d;
      for (let j = 0; j < d; j++) inv[row + j] -= ui * u[j];
    }
    const step = (r - pred) / denom;
    for (let i = 0; i < d; i++) this.theta[i] += u[i] * step;
    const gram = this.gram;
    for (let a = 0; a < nnz; a++) {
      const row = indices[a] * d;
      const va = values[a];
      for (let b = 0; b < nnz; b++) gram[row + indices[b]] += va * values[b];
      this.target[indices[a]] += r * va;
    }
    this.count++;
  }

  /**
   * Replaces the state with A, its inverse and b (validated by the caller).
   * @param gram A, row-major d × d, symmetric positive definite
   * @param inverse A⁻¹ (from {@link invertSpd})
   * @param target b
   * @param count observations behind them
   */
  assign(
    gram: ArrayLike<number>,
    inverse: Float64Array,
    target: ArrayLike<number>,
    count: number,
  ): void {
    this.gram.set(gram);
    this.inverse.set(inverse);
    this.target.set(target);
    const d = this.d;
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += inverse[i * d + j] * target[j];
      this.theta[i] = s;
    }
    this.count = count;
  }
}

/**
 * Inverts a symmetric positive-definite matrix by Cholesky (A = L Lᵀ, A⁻¹ = L⁻ᵀ L⁻¹).
 *
 * @param a row-major n × n (only the lower triangle is read)
 * @param n the order
 * @returns A⁻¹ row-major, or undefined when A is not positive definite
 * @example invertSpd([4, 2, 2, 3], 2) // [0.375, -0.25, -0.25, 0.5]
 */
export function invertSpd(a: ArrayLike<number>, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  // L⁻¹ by forward substitution, column by column.
  const li = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    li[c * n + c] = 1 / l[c * n + c];
    for (let i = c + 1; i < n; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s -= l[i * n + k] * li[k * n + c];
      li[i * n + c] = s / l[i * n + i];
    }
  }
  // A⁻¹ = L⁻ᵀ L⁻¹: entry (i, j) = Σ_k L⁻¹[k][i] L⁻¹[k][j], k ≥ max(i, j).
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k * n + i] * li[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}
