import { GAMMA_CONSTANTS, gammaConstants } from "../../random/gamma.js";
import { ZIGGURAT_R } from "../../random/normal.js";
import { lognormalParams, Z99 } from "./lognormal.js";
import type { DistributionSpec } from "./spec.js";

/**
 * The largest value −ln(1 − u) takes for a uniform u from a 32-bit generator: u is a multiple
 * of 2⁻³² below 1, so 1 − u ≥ 2⁻³² and −ln(1 − u) ≤ 32 ln 2 ≈ 22.18. It bounds the
 * exponential and Weibull samplers (d3-random's inversions of 1 − u).
 */
export const UNIFORM_LOG_TAIL = 32 * Math.LN2;

/**
 * A bound on |z| for both standard-normal samplers a draw can come from. The engine's ziggurat
 * (src/random/normal.ts, base strip edge R ≈ 3.4426) returns at most R + t in its tail, with
 * t = −ln(1 − u)/R ≤ 32 ln 2 / R, so |z| ≤ 9.887; d3-random's polar method returns
 * y·√(−2 ln r / r) with |y| ≤ √r and r ≥ 2⁻⁶² (two 31-bit coordinates), so |z| ≤ √(124 ln 2)
 * ≈ 9.27. The larger of the two bounds both, for log-normal and gamma draws.
 */
export const NORMAL_TAIL = ZIGGURAT_R + UNIFORM_LOG_TAIL / ZIGGURAT_R;

/**
 * The largest draw a latency distribution may reach: half the largest double. Why a margin
 * below Number.MAX_VALUE: the bounds below are computed in floating point like the samplers
 * themselves, and a factor of 2 absorbs either's rounding, so a spec that passes can never
 * draw Infinity. What the engine does to a draw afterwards (× a degradation's factor, × load,
 * + addLatencyMs) is checked on every request instead (see Simulation.sample).
 */
export const MAX_DRAW = Number.MAX_VALUE / 2;

/** A parameter that lets a distribution draw a non-finite value, and the bound it breaks. */
export interface DrawBoundIssue {
  /** The field of the spec to change, relative to the spec, e.g. `["shape"]`. */
  path: (string | number)[];
  /** What it must be, e.g. `must be ≥ 0.00313 with scale 10, or draws can be Infinity (…)`. */
  message: string;
}

/**
 * The largest value any draw from `spec` can take, given that every sampler is fed by a
 * 32-bit uniform (u ≤ 1 − 2⁻³²), up to floating-point rounding (a few ulps either way: the
 * samplers and this bound round differently, which {@link MAX_DRAW}'s margin absorbs).
 * Mixtures take their largest component's; an empirical distribution its largest sample. NaN
 * when the spec is incomplete (other rules report that).
 *
 * @param spec a structurally valid spec
 * @returns the bound on every draw (Infinity when it overflows)
 * @example largestDraw({ type: "pareto", scale: 10, shape: 1 }) // 10 · 2³² ≈ 4.3e10
 */
export function largestDraw(spec: DistributionSpec): number {
  const shift = "shift" in spec ? (spec.shift ?? 0) : 0;
  switch (spec.type) {
    case "constant":
      return spec.value;
    case "empirical":
      return Math.max(...spec.samples);
    case "mixture":
      return Math.max(...spec.components.map((c) => largestDraw(c.distribution)));
    case "exponential":
      return shift + UNIFORM_LOG_TAIL * spec.mean;
    case "pareto":
      // d3-random draws (1 − u)^(−1/shape), largest at 1 − u = 2⁻³².
      return shift + spec.scale * 2 ** (32 / spec.shape);
    case "weibull":
      return shift + spec.scale * UNIFORM_LOG_TAIL ** (1 / spec.shape);
    case "gamma":
      return shift + spec.scale * gammaPeak(spec.shape);
    case "lognormal": {
      const complete =
        (spec.mu !== undefined && spec.sigma !== undefined) ||
        (spec.median !== undefined && spec.p99 !== undefined);
      if (!complete) return Number.NaN;
      const { mu, sigma } = lognormalParams(spec);
      return shift + Math.exp(mu + NORMAL_TAIL * sigma);
    }
  }
}

/**
 * Checks that every draw from `spec` is at most {@link MAX_DRAW}, so finite, and if not, says
 * which parameter to change and how far. A mixture is not checked as such: its components
 * are, each at its own path, and a mixture of finite components is finite.
 *
 * @param spec a structurally valid spec
 * @returns the issue, or undefined when every draw is finite
 * @example drawBoundIssue({ type: "pareto", scale: 10, shape: 0.01 })?.path // ["shape"]
 */
export function drawBoundIssue(spec: DistributionSpec): DrawBoundIssue | undefined {
  if (spec.type === "mixture") return undefined;
  const largest = largestDraw(spec);
  if (!(largest > MAX_DRAW)) return undefined; // also NaN: an incomplete spec, reported elsewhere
  const shift = "shift" in spec ? (spec.shift ?? 0) : 0;
  // Room left for the random part above the shift.
  const room = MAX_DRAW - shift;
  const limit = `must be ≤ ${down(MAX_DRAW)}`;
  if (!(room > 0)) return { path: ["shift"], message: limit };
  const why = (formula: string) => `, or draws can be Infinity (the largest is ${formula})`;
  switch (spec.type) {
    case "constant":
      return { path: ["value"], message: limit };
    case "empirical":
      return { path: ["samples", spec.samples.indexOf(largest)], message: limit };
    case "exponential":
      return {
        path: ["mean"],
        message: `must be ≤ ${down(room / UNIFORM_LOG_TAIL)}${why("32·ln 2 · mean")}`,
      };
    case "pareto": {
      const bits = Math.log2(room / spec.scale);
      if (!(bits > 0)) return { path: ["scale"], message: `must be < ${down(room)}` };
      return {
        path: ["shape"],
        message: `must be ≥ ${up(32 / bits)} with scale ${spec.scale}${why("scale · 2^(32/shape)")}`,
      };
    }
    case "weibull": {
      const logRoom = Math.log(room / spec.scale);
      if (!(logRoom > 0)) return { path: ["scale"], message: `must be < ${down(room)}` };
      return {
        path: ["shape"],
        message: `must be ≥ ${up(Math.log(UNIFORM_LOG_TAIL) / logRoom)} with scale ${spec.scale}${why("scale · (32·ln 2)^(1/shape)")}`,
      };
    }
    case "gamma": {
      const peak = gammaPeak(spec.shape);
      if (!(peak < room)) return { path: ["shape"], message: `must be < ${down(room)}` };
      return {
        path: ["scale"],
        message: `must be ≤ ${down(room / peak)} with shape ${spec.shape}${why("scale · d·(1 + 9.89/(3√d))³, d = shape − 1/3")}`,
      };
    }
    case "lognormal": {
      const { mu } = lognormalParams(spec);
      const logRoom = Math.log(room);
      if (!(logRoom > mu)) {
        return spec.median !== undefined
          ? { path: ["median"], message: `must be ≤ ${down(shift + Math.exp(logRoom))}` }
          : { path: ["mu"], message: `must be < ${down(logRoom)}` };
      }
      // The largest draw is e^(μ + 9.89 σ): σ may be at most (ln room − μ)/9.89.
      const sigmaMax = (logRoom - mu) / NORMAL_TAIL;
      if (spec.median !== undefined) {
        // p99 sits at μ + 2.33σ, so σ's limit is p99's.
        const p99Max = shift + Math.exp(mu + Z99 * sigmaMax);
        return {
          path: ["p99"],
          message: `must be ≤ ${down(p99Max)} with median ${spec.median}${why("e^(μ + 9.89σ)")}`,
        };
      }
      return {
        path: ["sigma"],
        message: `must be ≤ ${down(sigmaMax)} with mu ${spec.mu}${why("e^(μ + 9.89σ)")}`,
      };
    }
  }
}

/**
 * The largest Gamma(shape, 1) draw: Marsaglia–Tsang returns d·(1 + c·z)³ with the sampler's
 * own d and c (for shape < 1, times U^(1/shape) ≤ 1).
 */
function gammaPeak(shape: number): number {
  // An invalid shape has its own issue; NaN raises none here (as for the other families).
  if (!(shape > 0 && shape < Number.POSITIVE_INFINITY)) return Number.NaN;
  const k = new Float64Array(GAMMA_CONSTANTS);
  gammaConstants(shape, k, 0);
  return k[0] * (1 + k[1] * NORMAL_TAIL) ** 3;
}

/** An upper limit shown with 3 significant digits, rounded down so that it is safe to use. */
function down(x: number): string {
  return round(x, Math.floor);
}

/** A lower limit shown with 3 significant digits, rounded up so that it is safe to use. */
function up(x: number): string {
  return round(x, Math.ceil);
}

function round(x: number, direction: (v: number) => number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  const e = Math.floor(Math.log10(Math.abs(x))) - 2;
  const r = direction(x / 10 ** e) * 10 ** e;
  return Number(r.toPrecision(3)).toString();
}
