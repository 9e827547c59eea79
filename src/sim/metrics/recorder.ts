import type { BackendId } from "../../routing/types.js";
import { LatencySketch } from "../../sketch/latency-sketch.js";
import type { RunCurves, RunMetrics, RunTotals } from "./types.js";

/**
 * Collects one run's metrics into a fixed number of bins of consecutive queries, so memory
 * stays flat however many queries run. Queries complete out of order; each lands in the bin
 * of its arrival index. Per-bin latency sketches merge exactly into the total.
 */
export class MetricsRecorder {
  /** Queries per bin. */
  readonly binSize: number;
  readonly bins: number;
  private readonly nB: number;
  private readonly queries: Float64Array;
  private readonly success: Float64Array;
  private readonly slo: Float64Array;
  private readonly regret: Float64Array;
  private readonly best: Float64Array;
  /** Routed queries per bin (cache hits are not decisions). */
  private readonly decisions: Float64Array;
  private readonly calls: Float64Array;
  private readonly cancelled: Float64Array;
  private readonly lastArrival: Float64Array;
  /** `traffic[bin * nB + b]`: requests sent to backend b by queries of the bin. */
  private readonly traffic: Float64Array;
  private readonly sketches: LatencySketch[];
  /** Σ over queries of the oracle's probability of meeting the SLO. */
  private oracle = 0;
  /** `fixedReward[type * nB + b]`: Σ expected reward backend b would have earned on the type. */
  private readonly fixedReward: Float64Array;
  /** `routedCounts[row * nB + b]`: queries of the row routed to b, since the last fold. */
  private readonly routedCounts: Float64Array;
  private chosenReward = 0;
  private completed = 0;
  private failed = 0;
  private timedOut = 0;
  private lastTime = 0;
  /** Result cache (only with one): queries and hits per type, stale hits and their cost. */
  private readonly types: number;
  private typeQueries: Float64Array | null = null;
  private typeHits: Float64Array | null = null;
  private hits = 0;
  private staleHits = 0;
  private staleMet = 0;
  private staleCost = 0;

  /**
   * @param backends backend ids in index order
   * @param rounds the number of queries the run will have
   * @param points the most curve points wanted
   * @param types the number of query types (for static regret); default 1
   * @param rows the number of reward rows (for static regret); default `types`
   */
  constructor(
    private readonly backends: readonly BackendId[],
    rounds: number,
    points: number,
    types = 1,
    rows = types,
  ) {
    this.binSize = Math.max(1, Math.ceil(rounds / Math.max(1, points)));
    this.bins = Math.max(1, Math.ceil(rounds / this.binSize));
    this.nB = backends.length;
    const n = this.bins;
    this.queries = new Float64Array(n);
    this.success = new Float64Array(n);
    this.slo = new Float64Array(n);
    this.regret = new Float64Array(n);
    this.best = new Float64Array(n);
    this.decisions = new Float64Array(n);
    this.calls = new Float64Array(n);
    this.cancelled = new Float64Array(n);
    this.lastArrival = new Float64Array(n);
    this.traffic = new Float64Array(n * this.nB);
    this.sketches = Array.from({ length: n }, () => new LatencySketch());
    this.fixedReward = new Float64Array(types * this.nB);
    this.routedCounts = new Float64Array(rows * this.nB);
    this.types = types;
  }

  /** The bin of a query by arrival index. */
  binOf(index: number): number {
    return (index / this.binSize) | 0;
  }

  /**
   * A query was routed at time t: the regret and best-choice of its primary decision, and the
   * pattern-aware oracle's probability that such a query meets the SLO.
   */
  decision(bin: number, t: number, regret: number, isBest: boolean, oracle: number): void {
    this.oracle += oracle;
    this.regret[bin] += regret;
    this.decisions[bin]++;
    if (isBest) this.best[bin]++;
    this.lastArrival[bin] = t;
  }

  /** A query of type ty arrived in a run with a result cache (for hit rates per type). */
  typed(ty: number): void {
    if (this.typeQueries === null) {
      this.typeQueries = new Float64Array(this.types);
      this.typeHits = new Float64Array(this.types);
    }
    this.typeQueries[ty]++;
  }

  /**
   * The result cache answered a query of type ty at time t: no decision. Its own outcome
   * (`met`: relevant and on time) is what the oracle is credited with too, so a hit adds
   * nothing to the SLO gap. `stale` hits also carry their cost (see `ResultCache.staleCost`).
   */
  cacheHit(bin: number, t: number, ty: number, met: boolean, stale: boolean, cost: number): void {
    this.hits++;
    this.typeHits![ty]++;
    if (met) this.oracle++;
    if (stale) {
      this.staleHits++;
      if (met) this.staleMet++;
      this.staleCost += cost;
    }
    this.lastArrival[bin] = t;
  }

  /**
   * For static regret: the expected reward of every backend for this query (type `ty`) and of
   * the one chosen. Call once per routed query, with `rewards[b]` for each backend index b,
   * where rewards change within the segment (a drift ramp); elsewhere {@link routed}.
   */
  staticRewards(ty: number, rewards: Float64Array, chosen: number): void {
    const o = ty * this.nB;
    for (let b = 0; b < this.nB; b++) this.fixedReward[o + b] += rewards[b];
    this.chosenReward += rewards[chosen];
  }

  /**
   * For static regret where every backend's reward is constant over the segment: counts a
   * query of reward row `row` routed to `chosen`, to be folded in by {@link foldRouted} when the
   * segment ends. Why: the sums then cost one increment per query instead of one reward per
   * backend (≈ 4 % of a simulated query over five backends).
   */
  routed(row: number, chosen: number): void {
    this.routedCounts[row * this.nB + chosen]++;
  }

  /**
   * Folds the counts of {@link routed} into the static-regret sums and clears them.
   *
   * @param rewards the segment's expected reward per (row, backend), at `row * nB + b`
   * @param rowType each reward row's query type
   */
  foldRouted(rewards: Float64Array, rowType: Int32Array): void {
    const nB = this.nB;
    const counts = this.routedCounts;
    for (let r = 0; r < rowType.length; r++) {
      const o = r * nB;
      let n = 0;
      for (let c = 0; c < nB; c++) {
        const k = counts[o + c];
        if (k === 0) continue;
        n += k;
        this.chosenReward += k * rewards[o + c];
        counts[o + c] = 0;
      }
      if (n === 0) continue;
      const f = rowType[r] * nB;
      for (let b = 0; b < nB; b++) this.fixedReward[f + b] += n * rewards[o + b];
    }
  }

  /** A request was sent to backend b for a query of the bin. */
  dispatch(bin: number, b: number): void {
    this.traffic[bin * this.nB + b]++;
  }

  /** A request was cancelled. */
  cancel(bin: number): void {
    this.cancelled[bin]++;
  }

  /** A request came back (cancelled ones never do). */
  response(failed: boolean, timedOut: boolean): void {
    this.completed++;
    if (failed) this.failed++;
    if (timedOut) this.timedOut++;
  }

  /** A query completed at time `now`. */
  finish(
    bin: number,
    now: number,
    latency: number,
    success: boolean,
    sloMet: boolean,
    calls: number,
  ): void {
    this.queries[bin]++;
    if (success) {
      this.success[bin]++;
      if (sloMet) this.slo[bin]++;
    }
    this.calls[bin] += calls;
    this.sketches[bin].add(latency);
    if (now > this.lastTime) this.lastTime = now;
  }

  /**
   * The run's totals and curves.
   *
   * @param typeNames query type names by index, for the cache's hit rate per type
   * @returns totals and curves
   */
  result(typeNames: readonly string[] = []): RunMetrics {
    const n = this.bins;
    const nB = this.nB;
    const total = new LatencySketch();
    let queries = 0;
    let success = 0;
    let slo = 0;
    let regret = 0;
    let best = 0;
    let decisions = 0;
    let calls = 0;
    let cancelled = 0;
    const traffic = new Float64Array(nB);
    const share: Record<BackendId, number[]> = {};
    for (const id of this.backends) share[id] = [];
    const curves: RunCurves = {
      queries: [],
      timeMs: [],
      regret: [],
      successRate: [],
      sloAttainment: [],
      bestBackendRate: [],
      callsPerQuery: [],
      latencyP50: [],
      latencyP95: [],
      latencyP99: [],
      trafficShare: share,
    };
    for (let i = 0; i < n; i++) {
      const q = this.queries[i];
      queries += q;
      success += this.success[i];
      slo += this.slo[i];
      regret += this.regret[i];
      best += this.best[i];
      decisions += this.decisions[i];
      calls += this.calls[i];
      cancelled += this.cancelled[i];
      total.merge(this.sketches[i]);
      curves.queries.push(queries);
      curves.timeMs.push(this.lastArrival[i]);
      curves.regret.push(regret);
      curves.successRate.push(this.success[i] / q);
      curves.sloAttainment.push(this.slo[i] / q);
      curves.bestBackendRate.push(this.best[i] / this.decisions[i]);
      curves.callsPerQuery.push(this.calls[i] / q);
      const s = this.sketches[i];
      curves.latencyP50.push(s.quantile(0.5));
      curves.latencyP95.push(s.quantile(0.95));
      curves.latencyP99.push(s.quantile(0.99));
      let binCalls = 0;
      for (let b = 0; b < nB; b++) binCalls += this.traffic[i * nB + b];
      this.backends.forEach((id, b) => {
        const c = this.traffic[i * nB + b];
        traffic[b] += c;
        share[id].push(binCalls > 0 ? c / binCalls : 0);
      });
    }
    let sent = 0;
    for (let b = 0; b < nB; b++) sent += traffic[b];
    const trafficShare: Record<BackendId, number> = {};
    this.backends.forEach((id, b) => {
      trafficShare[id] = sent > 0 ? traffic[b] / sent : 0;
    });
    // The best fixed backend in hindsight, per query type (the lab's learners are per type).
    let fixedBest = 0;
    for (let o = 0; o < this.fixedReward.length; o += nB) {
      let m = 0;
      for (let b = 0; b < nB; b++) m = Math.max(m, this.fixedReward[o + b]);
      fixedBest += m;
    }
    const totals: RunTotals = {
      queries,
      simulatedMs: this.lastTime,
      successRate: success / queries,
      sloAttainment: slo / queries,
      oracleSloAttainment: this.oracle / queries,
      sloGap: (this.oracle - slo) / queries,
      regret,
      staticRegret: fixedBest - this.chosenReward,
      bestBackendRate: best / decisions,
      callsPerQuery: calls / queries,
      cancelledPerQuery: cancelled / queries,
      requestFailureRate: this.failed / this.completed,
      requestTimeoutRate: this.timedOut / this.completed,
      latency: total.summary(),
      trafficShare,
      cacheHitRate: this.hits / queries,
      staleHitRate: this.staleHits / queries,
      staleMetRate: this.staleMet / queries,
      staleCost: this.staleCost / queries,
    };
    if (this.typeQueries !== null) {
      const tq = this.typeQueries;
      const th = this.typeHits!;
      totals.cache = {
        hits: this.hits,
        staleHits: this.staleHits,
        hitRateByType: Object.fromEntries(
          Array.from(tq, (n, ty) => [typeNames[ty] ?? String(ty), th[ty] / n]),
        ),
      };
    }
    return { totals, curves };
  }
}
