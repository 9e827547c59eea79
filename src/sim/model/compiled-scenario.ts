import type { BackendId, QueryType } from "../../routing/types.js";
import type { Relevance } from "../relevance/relevance.js";
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
 * expected reward of every (reward row, backend).
 *
 * The reward is the probability that one request meets the SLO when the backend is unloaded:
 * (1 − failure) · (1 − hang) · P(relevance ≥ minRelevance) · P(latency ≤ min(SLO latency, timeout)).
 * Load (capacity) is left out: the oracle knows the scenario, not the traffic.
 *
 * **Reward rows.** Everything the engine and the oracle compute per query (its requests'
 * relevance, the expected rewards, the best backend, the regret, the oracle's tables) is
 * indexed by the query's reward row. In an ordinary scenario the rows are the query types
 * (row = type index). When some relevance depends on the query's words (a `logistic` spec,
 * {@link contextual}), the rows are the scenario's distinct query models instead: every
 * catalogue query (type, text) is compiled against every backend and state, and queries whose
 * models all coincide share a row, so rewards stay exact per query while the tables stay as
 * small as the models allow (the query set is finite). {@link rowOf} maps a query to its row;
 * {@link expectedReward} and {@link bestReward} stay per type (in a contextual scenario, the
 * average over the type's texts: what a learner that sees only the type can aim for).
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
  /** Whether some relevance depends on the query's text, so that rows are query models. */
  readonly contextual: boolean;
  /** Number of reward rows: the types, or in a contextual scenario the distinct query models. */
  readonly rows: number;
  /** The query type index of each row. */
  readonly rowType: Int32Array;
  /** Per type index: the texts of `workload.queries` labelled with that type, in file order. */
  readonly queryTexts: readonly (readonly string[])[];
  /**
   * Per type index: the row of each of its texts (`queryTexts[ty][j]` is in row
   * `queryRows[ty][j]`); a type without texts has one entry, for its text-less query.
   */
  readonly queryRows: readonly Int32Array[];
  /** `rowRelevance[b][k][row]`: the relevance of backend b in state k for the row's queries. */
  readonly rowRelevance: readonly (readonly (readonly Relevance[])[])[];
  /** Contextual only: row by `${type index}\n${text}`. */
  private readonly rowByText = new Map<string, number>();
  /** Contextual only: per type, its rows and each row's share of the type's texts. */
  private readonly typeRows: readonly { row: number; weight: number }[][];
  /** Reward tables per segment, `[row * nBackends + b]`, for the phase's `from` and `to` states. */
  private readonly rewardFrom: Float64Array[];
  private readonly rewardTo: Float64Array[];
  /** Best reward per segment and row when the segment has no ramp; NaN otherwise. */
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
    const texts = scenario.workload.queries?.texts ?? [];
    this.queryTexts = this.types.map((t) => texts.filter((q) => q.type === t).map((q) => q.text));
    this.contextual = this.states.some((st) =>
      st.some((k) => k.relevance.some((r) => r.contextual)),
    );
    const rowType: number[] = [];
    if (!this.contextual) {
      // Rows are the types: the per-type tables, as ever.
      for (let ty = 0; ty < nT; ty++) rowType.push(ty);
      this.queryRows = this.queryTexts.map((list, ty) =>
        new Int32Array(Math.max(1, list.length)).fill(ty),
      );
      this.rowRelevance = this.states.map((st) => st.map((k) => k.relevance));
      this.typeRows = [];
    } else {
      const rel: Relevance[][][] = this.states.map((st) => st.map(() => []));
      const byKey = new Map<string, number>();
      const typeRows: { row: number; weight: number }[][] = [];
      this.queryRows = this.queryTexts.map((list, ty) => {
        const queries: (string | undefined)[] = list.length === 0 ? [undefined] : [...list];
        const rows = new Int32Array(queries.length);
        const counts = new Map<number, number>();
        queries.forEach((text, j) => {
          const models = this.states.map((st) => st.map((k) => k.relevance[ty].forText(text)));
          const key = `${ty}|${models.map((st) => st.map((m) => m.key).join(";")).join("|")}`;
          let row = byKey.get(key);
          if (row === undefined) {
            row = rowType.length;
            byKey.set(key, row);
            rowType.push(ty);
            for (let b = 0; b < models.length; b++) {
              for (let k = 0; k < models[b].length; k++) rel[b][k].push(models[b][k]);
            }
          }
          rows[j] = row;
          if (text !== undefined) this.rowByText.set(`${ty}\n${text}`, row);
          counts.set(row, (counts.get(row) ?? 0) + 1);
        });
        typeRows.push([...counts].map(([row, n]) => ({ row, weight: n / queries.length })));
        return rows;
      });
      this.rowRelevance = rel;
      this.typeRows = typeRows;
    }
    this.rowType = Int32Array.from(rowType);
    this.rows = rowType.length;
    const nR = this.rows;
    this.rewardFrom = [];
    this.rewardTo = [];
    this.bestStatic = [];
    for (let s = 0; s < breaks.length; s++) {
      const from = new Float64Array(nR * nB);
      const to = new Float64Array(nR * nB);
      let ramping = false;
      for (let b = 0; b < nB; b++) {
        const ph = phases[s * nB + b];
        if (ph.to >= 0) ramping = true;
        for (let r = 0; r < nR; r++) {
          from[r * nB + b] = this.stateReward(b, ph.from, ph, r);
          to[r * nB + b] = ph.to >= 0 ? this.stateReward(b, ph.to, ph, r) : from[r * nB + b];
        }
      }
      this.rewardFrom.push(from);
      this.rewardTo.push(to);
      const best = new Float64Array(nR).fill(Number.NaN);
      if (!ramping) {
        for (let r = 0; r < nR; r++) {
          let m = 0;
          for (let b = 0; b < nB; b++) m = Math.max(m, from[r * nB + b]);
          best[r] = m;
        }
      }
      this.bestStatic.push(best);
    }
  }

  /** P(one request meets the SLO) for backend b in state k under phase ph, reward row r. */
  private stateReward(b: number, k: number, ph: Phase, r: number): number {
    if (ph.outage !== OUTAGE_NONE) return 0;
    const st = this.states[b][k];
    const slo = this.scenario.slo;
    const bound = Math.min(slo.latencyMs, this.timeoutMs[b]);
    const pLatency = st.latency.cdf((bound - ph.addLatencyMs) / ph.latencyFactor);
    // A hung request times out, so it never meets the SLO.
    const pUp = (1 - st.failureProbability) * (1 - ph.extraFailure) * (1 - this.hangProbability[b]);
    return pUp * this.rowRelevance[b][k][r].probAtLeast(slo.minRelevance) * pLatency;
  }

  /**
   * The reward row of a query: its type's in an ordinary scenario; in a contextual one, the
   * row of its (type, text) among the scenario's queries.
   *
   * @param ty query type index
   * @param text the query's text (undefined: the type's text-less query)
   * @returns the row
   * @throws {RangeError} in a contextual scenario, for a text that is not one of the type's
   *   query texts (its relevance was never compiled)
   * @example compiled.rowOf(0, "Who maintains the billing service?")
   */
  rowOf(ty: number, text: string | undefined): number {
    if (!this.contextual) return ty;
    if (text === undefined && this.queryTexts[ty].length === 0) return this.queryRows[ty][0];
    const row = text === undefined ? undefined : this.rowByText.get(`${ty}\n${text}`);
    if (row === undefined) {
      throw new RangeError(
        `${JSON.stringify(text)} is not a query text of type "${this.types[ty]}" in this contextual scenario`,
      );
    }
    return row;
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
   * The expected reward of sending a query of reward row `r` to backend `b` at time t.
   *
   * @param r reward row (see {@link rowOf}; the type index in an ordinary scenario)
   * @param b backend index
   * @param t time in ms
   * @param segment the segment containing t (see {@link segmentAt})
   * @returns a probability in [0, 1]
   */
  rowReward(r: number, b: number, t: number, segment = this.segmentAt(t)): number {
    const i = r * this.backends.length + b;
    const from = this.rewardFrom[segment][i];
    const ph = this.phases[segment * this.backends.length + b];
    if (ph.to < 0) return from;
    const w = rampWeight(ph, t);
    return from + w * (this.rewardTo[segment][i] - from);
  }

  /**
   * Every backend's expected reward per reward row in a segment without a drift ramp, at
   * `row * backends + b`; null where some backend ramps (use {@link rowReward} per time).
   *
   * @param segment a segment index
   * @returns the segment's constant rewards, or null
   */
  constantRewards(segment: number): Float64Array | null {
    return Number.isNaN(this.bestStatic[segment][0]) ? null : this.rewardFrom[segment];
  }

  /**
   * The best expected reward over all backends for a query of reward row `r` at time t.
   *
   * @param r reward row
   * @param t time in ms
   * @param segment the segment containing t
   * @returns the feed-forward oracle's expected reward for that query
   */
  bestRowReward(r: number, t: number, segment = this.segmentAt(t)): number {
    const cached = this.bestStatic[segment][r];
    if (!Number.isNaN(cached)) return cached; // no ramp in this segment
    let m = 0;
    for (let b = 0; b < this.backends.length; b++) {
      m = Math.max(m, this.rowReward(r, b, t, segment));
    }
    return m;
  }

  /**
   * The expected reward of sending a query of type `ty` to backend `b` at time t; in a
   * contextual scenario, its average over the type's texts (each is drawn equally often).
   *
   * @param ty query type index
   * @param b backend index
   * @param t time in ms
   * @param segment the segment containing t (see {@link segmentAt})
   * @returns a probability in [0, 1]
   */
  expectedReward(ty: number, b: number, t: number, segment = this.segmentAt(t)): number {
    if (!this.contextual) return this.rowReward(ty, b, t, segment);
    let sum = 0;
    for (const { row, weight } of this.typeRows[ty]) {
      sum += weight * this.rowReward(row, b, t, segment);
    }
    return sum;
  }

  /**
   * The best expected reward over all backends for query type `ty` at time t (in a contextual
   * scenario, of the type-average rewards: the best one backend can do for the whole type).
   *
   * @param ty query type index
   * @param t time in ms
   * @param segment the segment containing t
   * @returns the best type-level expected reward
   */
  bestReward(ty: number, t: number, segment = this.segmentAt(t)): number {
    if (!this.contextual) return this.bestRowReward(ty, t, segment);
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
