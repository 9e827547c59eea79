import type { BackendId, QueryType } from "../../routing/types.js";
import type { Scenario } from "../scenario/spec.js";
import { type BackendState, backendStates } from "./backend-state.js";
import {
  breakpoints,
  OUTAGE_HIDDEN,
  OUTAGE_NONE,
  type Phase,
  phaseAt,
  rampWeight,
} from "./timeline.js";

/**
 * A scenario turned into index-addressed tables for the engine and the oracle: backends and
 * query types become indices, time windows become segments, and each segment carries the
 * expected reward of every (query type, backend).
 *
 * The reward is the probability that one request meets the SLO when the backend is unloaded:
 * (1 − failure) · (1 − hang) · P(relevance ≥ minRelevance) · P(latency ≤ min(SLO latency, timeout)).
 * Load (capacity) is left out: the oracle knows the scenario, not the traffic.
 */
export class CompiledScenario {
  readonly backends: readonly BackendId[];
  readonly types: readonly QueryType[];
  readonly backendIndex: ReadonlyMap<BackendId, number>;
  readonly typeIndex: ReadonlyMap<QueryType, number>;
  /** Probability of each query type, by type index. */
  readonly mix: Float64Array;
  /** Backend states by backend index (0 = base, then one per drift). */
  readonly states: readonly (readonly BackendState[])[];
  /** Segment start times; segment s is [breaks[s], breaks[s + 1]). */
  readonly breaks: Float64Array;
  /** Phase of backend b in segment s at `phases[s * backends.length + b]`. */
  readonly phases: readonly Phase[];
  /** The backends routers may choose in each segment (hidden outages removed). */
  readonly available: readonly (readonly BackendId[])[];
  /** Timeout per backend; Infinity when none. */
  readonly timeoutMs: Float64Array;
  /** Probability that a request hangs until its timeout, per backend (0 when not given). */
  readonly hangProbability: Float64Array;
  /** Concurrency per backend; 0 when unbounded. */
  readonly concurrency: Float64Array;
  /** Reward tables per segment, `[type * nBackends + b]`, for the phase's `from` and `to` states. */
  private readonly rewardFrom: Float64Array[];
  private readonly rewardTo: Float64Array[];
  /** Best reward and backend per segment and type when the segment has no ramp; NaN otherwise. */
  private readonly bestStatic: Float64Array[];

  /**
   * @param scenario a validated scenario
   */
  constructor(readonly scenario: Scenario) {
    const ids = Object.keys(scenario.backends);
    const specs = ids.map((id) => scenario.backends[id]);
    this.backends = ids;
    this.types = Object.keys(scenario.workload.mix);
    this.backendIndex = new Map(ids.map((id, i) => [id, i]));
    this.typeIndex = new Map(this.types.map((t, i) => [t, i]));
    const weights = this.types.map((t) => scenario.workload.mix[t]);
    const total = weights.reduce((a, b) => a + b, 0);
    this.mix = Float64Array.from(weights, (w) => w / total);
    this.states = specs.map((s) => backendStates(s, this.types));
    this.timeoutMs = Float64Array.from(specs, (s) => s.timeoutMs ?? Number.POSITIVE_INFINITY);
    this.hangProbability = Float64Array.from(specs, (s) => s.hangProbability ?? 0);
    this.concurrency = Float64Array.from(specs, (s) => s.capacity?.concurrency ?? 0);
    const breaks = breakpoints(specs);
    this.breaks = Float64Array.from(breaks);
    const phases: Phase[] = [];
    const available: BackendId[][] = [];
    for (const t of breaks) {
      const segment = specs.map((s) => phaseAt(s, t));
      phases.push(...segment);
      available.push(ids.filter((_, b) => segment[b].outage !== OUTAGE_HIDDEN));
    }
    this.phases = phases;
    this.available = available.map((a) => Object.freeze(a));
    const nB = ids.length;
    const nT = this.types.length;
    this.rewardFrom = [];
    this.rewardTo = [];
    this.bestStatic = [];
    for (let s = 0; s < breaks.length; s++) {
      const from = new Float64Array(nT * nB);
      const to = new Float64Array(nT * nB);
      let ramping = false;
      for (let b = 0; b < nB; b++) {
        const ph = phases[s * nB + b];
        if (ph.to >= 0) ramping = true;
        for (let ty = 0; ty < nT; ty++) {
          from[ty * nB + b] = this.stateReward(b, ph.from, ph, ty);
          to[ty * nB + b] = ph.to >= 0 ? this.stateReward(b, ph.to, ph, ty) : from[ty * nB + b];
        }
      }
      this.rewardFrom.push(from);
      this.rewardTo.push(to);
      const best = new Float64Array(nT).fill(Number.NaN);
      if (!ramping) {
        for (let ty = 0; ty < nT; ty++) {
          let m = 0;
          for (let b = 0; b < nB; b++) m = Math.max(m, from[ty * nB + b]);
          best[ty] = m;
        }
      }
      this.bestStatic.push(best);
    }
  }

  /** P(one request meets the SLO) for backend b in state k under phase ph, query type ty. */
  private stateReward(b: number, k: number, ph: Phase, ty: number): number {
    if (ph.outage !== OUTAGE_NONE) return 0;
    const st = this.states[b][k];
    const slo = this.scenario.slo;
    const bound = Math.min(slo.latencyMs, this.timeoutMs[b]);
    const pLatency = st.latency.cdf((bound - ph.addLatencyMs) / ph.latencyFactor);
    // A hung request times out, so it never meets the SLO.
    const pUp = (1 - st.failureProbability) * (1 - ph.extraFailure) * (1 - this.hangProbability[b]);
    return pUp * st.relevance[ty].probAtLeast(slo.minRelevance) * pLatency;
  }

  /**
   * The segment containing time t, searching forward from a hint (the engine's time only
   * moves forward, so the hint makes this O(1) amortised).
   *
   * @param t the time
   * @param hint a segment at or before t's (default 0)
   * @returns the segment index
   */
  segmentAt(t: number, hint = 0): number {
    const breaks = this.breaks;
    let s = hint;
    while (s + 1 < breaks.length && breaks[s + 1] <= t) s++;
    return s;
  }

  /**
   * The expected reward of sending a query of type `ty` to backend `b` at time t.
   *
   * @param ty query type index
   * @param b backend index
   * @param t time in ms
   * @param segment the segment containing t (see {@link segmentAt})
   * @returns a probability in [0, 1]
   */
  expectedReward(ty: number, b: number, t: number, segment = this.segmentAt(t)): number {
    const i = ty * this.backends.length + b;
    const from = this.rewardFrom[segment][i];
    const ph = this.phases[segment * this.backends.length + b];
    if (ph.to < 0) return from;
    const w = rampWeight(ph, t);
    return from + w * (this.rewardTo[segment][i] - from);
  }

  /**
   * The best expected reward over all backends for query type `ty` at time t.
   *
   * @param ty query type index
   * @param t time in ms
   * @param segment the segment containing t
   * @returns the oracle's expected reward
   */
  bestReward(ty: number, t: number, segment = this.segmentAt(t)): number {
    const cached = this.bestStatic[segment][ty];
    if (!Number.isNaN(cached)) return cached; // no ramp in this segment
    let m = 0;
    for (let b = 0; b < this.backends.length; b++) {
      m = Math.max(m, this.expectedReward(ty, b, t, segment));
    }
    return m;
  }
}

/**
 * Compiles a validated scenario for the engine and the oracle.
 *
 * @param scenario the scenario
 * @returns the compiled tables
 * @example const compiled = compileScenario(loadScenario("data/scenarios/default.json"));
 */
export function compileScenario(scenario: Scenario): CompiledScenario {
  return new CompiledScenario(scenario);
}
