import { formatPatternSpec, type PatternSpec } from "../../patterns/spec.js";
import { orderStatistic } from "../../stats/quantile.js";
import { meetsSlo } from "../metrics/objective.js";
import { BackendRuntime } from "../model/backend-runtime.js";
import type { CompiledScenario } from "../model/compiled-scenario.js";
import { drawRequest, emptyDraw } from "../model/draw-request.js";
import { patternCandidates } from "./candidates.js";
import { type Answer, SingleQuery } from "./single-query.js";

/** Monte Carlo queries per (window, query type, candidate): the value's sd is ≤ 0.5/√N ≈ 0.011. */
export const ORACLE_SAMPLES = 2000;
/**
 * Queries of the screening round: every candidate is valued on the first SCREEN_SAMPLES
 * draws and only the best {@link SCREEN_KEEP} go on to all {@link ORACLE_SAMPLES}. Measured on
 * the default scenario under `recursive` (60 candidates): 5× less work. With common random
 * numbers a candidate's paired difference to the leader has sd ≈ √(2p(1−p)/250) ≲ 0.03 even
 * where values are close, and anything that close to the leader costs less than that if lost.
 */
const SCREEN_SAMPLES = 250;
const SCREEN_KEEP = 6;
/** Close calls get up to this many times {@link ORACLE_SAMPLES}. */
const MAX_REFINE = 8;
/** Sub-windows a drift ramp is split into, each valued at its midpoint. */
export const RAMP_STEPS = 4;

/** The oracle's best decision for one query type in one window. */
export interface OracleChoice {
  /** P(the query meets the SLO) under the pattern with this decision. */
  value: number;
  /** Backend indices: primary, then alternatives (the pattern's own first, then the rest). */
  order: readonly number[];
}

/**
 * The pattern-aware oracle's tables: for each time window and query type, the decision
 * (primary and alternatives) that maximises the probability that the query meets the SLO
 * under the run's execution pattern, and that probability.
 *
 * Under feed-forward the value has a closed form (the scenario's expected reward, exact at
 * any time, ramps included) and no table is built. Under the other patterns it is a Monte Carlo
 * estimate: {@link ORACLE_SAMPLES} queries per candidate decision, run through the engine's own
 * pattern code ({@link SingleQuery}) on answers drawn from the scenario's model
 * ({@link drawRequest}) with common random numbers — every candidate sees the same draws, so
 * their comparison is far sharper than each value alone. The draws come from streams of their
 * own (seed 0, purpose `oracle:<pattern>`), so the tables are the same for every run and seed.
 * A percentile hedge waits for the model's own latency quantile (of the same draws), not an
 * observed one. Windows are the scenario's timeline segments; a drift ramp's segment is split
 * into {@link RAMP_STEPS} parts, valued at their midpoints. Load is not modelled, as for the
 * feed-forward oracle: the oracle knows the scenario, not the traffic.
 */
export class PatternTable {
  /** Start time of each window. */
  readonly starts: Float64Array;
  /** `choices[w][ty]`. */
  readonly choices: readonly (readonly OracleChoice[])[];

  /**
   * @param compiled the scenario
   * @param pattern a pattern other than feed-forward
   * @param samples Monte Carlo queries per candidate (default {@link ORACLE_SAMPLES})
   */
  constructor(
    compiled: CompiledScenario,
    readonly pattern: PatternSpec,
    samples = ORACLE_SAMPLES,
  ) {
    const label = formatPatternSpec(pattern);
    const rt = new BackendRuntime(compiled, 0, 0, `oracle:${label}`);
    const query = new SingleQuery(pattern, {
      minRelevance: compiled.scenario.slo.minRelevance,
      sloLatencyMs: compiled.scenario.slo.latencyMs,
    });
    const nB = compiled.backends.length;
    const nT = compiled.types.length;
    // Two draws per backend and sample: a hedge to the same backend asks it twice.
    const perSample = 2;
    const windows = oracleWindows(compiled);
    this.starts = Float64Array.from(windows, (w) => w.start);
    const draw = emptyDraw();
    const choices: OracleChoice[][] = [];
    for (const w of windows) {
      const avail = compiled.available[w.segment].map((id) => compiled.backendIndex.get(id)!);
      const candidates = patternCandidates(pattern, avail);
      const row: OracleChoice[] = [];
      for (let ty = 0; ty < nT; ty++) {
        const answers: Answer[][] = Array.from({ length: nB }, () => []);
        // Draws are made in a fixed order as the race asks for more, so tables are reproducible.
        const ensure = (n: number): void => {
          for (const b of avail) {
            const list = answers[b];
            const ph = compiled.phases[w.segment * nB + b];
            while (list.length < n * perSample) {
              drawRequest(draw, rt, compiled, ph, b, ty, w.at, 1);
              list.push({ latency: draw.latency, relevance: draw.relevance, failed: draw.failed });
            }
          }
        };
        ensure(samples);
        const quantiles = new Float64Array(nB).fill(Number.NaN);
        if (query.observedQuantile > 0) {
          for (const b of avail) {
            const sorted = answers[b].map((a) => a.latency).sort((x, y) => x - y);
            quantiles[b] = orderStatistic(sorted, query.observedQuantile);
          }
        }
        // Under parallel every request is sent at once; on equal latencies the first sent
        // answers first, so the set goes out best single backend first.
        const ordered =
          pattern.name === "parallel"
            ? candidates.map((c) =>
                [...c].sort(
                  (x, y) =>
                    compiled.expectedReward(ty, y, w.at, w.segment) -
                      compiled.expectedReward(ty, x, w.at, w.segment) || x - y,
                ),
              )
            : candidates;
        const race = new CandidateRace(ordered, (c, i) => {
          const a = query.run(c, avail.length, (b, k) => answers[b][i * perSample + k], quantiles);
          return meetsSlo(a.failed, a.relevance, a.latency, query.minRelevance, query.sloLatencyMs);
        });
        const best = race.run(samples, ensure);
        row.push({
          value: best.value,
          order: completeOrder(best.order, avail, compiled, ty, w),
        });
      }
      choices.push(row);
    }
    this.choices = choices;
  }

  /**
   * The window containing time t, searching forward from a hint.
   *
   * @param t virtual time, ms
   * @param hint a window at or before t's
   * @returns the window index
   */
  windowAt(t: number, hint = 0): number {
    const s = this.starts;
    let w = hint < s.length && s[hint] <= t ? hint : 0;
    while (w + 1 < s.length && s[w + 1] <= t) w++;
    return w;
  }
}

/**
 * Finds the candidate decision most likely to meet the SLO, on common random numbers (sample
 * i of every candidate uses the same draws): a screening round on {@link SCREEN_SAMPLES}
 * samples keeps the best {@link SCREEN_KEEP} that behave differently; they run on all `samples`; then, while a
 * finalist's paired difference to the leader is within 3 standard errors of 0 (and not
 * exactly 0 on every sample, as for decisions that always act alike), the contenders get
 * twice the samples, up to {@link MAX_REFINE}× — close calls (a five-armed Bernoulli bandit's
 * arms 0.05 apart) get the samples they need, clear ones cost nothing more.
 */
class CandidateRace {
  private readonly met: Uint8Array[] = [];
  private readonly done: number[] = [];

  constructor(
    private readonly candidates: readonly (readonly number[])[],
    private readonly meets: (c: readonly number[], sample: number) => boolean,
  ) {
    for (let k = 0; k < candidates.length; k++) {
      this.met.push(new Uint8Array(0));
      this.done.push(0);
    }
  }

  /** The best candidate and its estimated value. */
  run(samples: number, ensure: (n: number) => void): { value: number; order: readonly number[] } {
    let alive = this.candidates.map((_, k) => k);
    if (alive.length > SCREEN_KEEP && samples > SCREEN_SAMPLES) {
      for (const k of alive) this.extend(k, SCREEN_SAMPLES);
      // Decisions that acted alike on every screening sample (the orders of one set, when
      // order does not matter) count once, so they cannot crowd the others out of the final.
      const seen = new Set<string>();
      const distinct = alive.filter((k) => {
        const key = Buffer.from(this.met[k].buffer, 0, SCREEN_SAMPLES).toString("latin1");
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      // Stable: ties keep the candidates' fixed order.
      alive = distinct
        .sort((x, y) => this.mean(y) - this.mean(x) || x - y)
        .slice(0, SCREEN_KEEP)
        .sort((x, y) => x - y);
    }
    let n = samples;
    for (;;) {
      for (const k of alive) this.extend(k, n);
      const leader = alive.reduce((best, k) => (this.mean(k) > this.mean(best) ? k : best));
      const close = alive.filter((k) => k !== leader && this.isClose(leader, k, n));
      if (close.length === 0 || n >= samples * MAX_REFINE) {
        return { value: this.mean(leader), order: this.candidates[leader] };
      }
      alive = [leader, ...close].sort((x, y) => x - y);
      n *= 2;
      ensure(n);
    }
  }

  private extend(k: number, n: number): void {
    if (this.done[k] >= n) return;
    const met = new Uint8Array(n);
    met.set(this.met[k].subarray(0, this.done[k]));
    for (let i = this.done[k]; i < n; i++) met[i] = this.meets(this.candidates[k], i) ? 1 : 0;
    this.met[k] = met;
    this.done[k] = n;
  }

  private mean(k: number): number {
    const met = this.met[k];
    let sum = 0;
    for (let i = 0; i < this.done[k]; i++) sum += met[i];
    return sum / this.done[k];
  }

  /** Whether candidate k's paired difference to the leader over n samples is within 3 se of 0. */
  private isClose(leader: number, k: number, n: number): boolean {
    const a = this.met[leader];
    const b = this.met[k];
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const d = a[i] - b[i];
      sum += d;
      sumSq += d * d;
    }
    if (sumSq === 0) return false; // identical on every sample: nothing to tell them apart
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean) * (n / (n - 1)));
    return mean < 3 * (sd / Math.sqrt(n));
  }
}

/** A window of the oracle's tables: where it starts, its timeline segment, when it is valued. */
interface OracleWindow {
  start: number;
  segment: number;
  at: number;
}

/** The scenario's segments, ramps split into {@link RAMP_STEPS} parts. */
function oracleWindows(compiled: CompiledScenario): OracleWindow[] {
  const nB = compiled.backends.length;
  const out: OracleWindow[] = [];
  const breaks = compiled.breaks;
  for (let s = 0; s < breaks.length; s++) {
    const start = breaks[s];
    const end = s + 1 < breaks.length ? breaks[s + 1] : Number.POSITIVE_INFINITY;
    let ramping = false;
    for (let b = 0; b < nB; b++) if (compiled.phases[s * nB + b].to >= 0) ramping = true;
    if (!ramping || !Number.isFinite(end)) {
      out.push({ start, segment: s, at: start });
      continue;
    }
    const step = (end - start) / RAMP_STEPS;
    for (let k = 0; k < RAMP_STEPS; k++) {
      out.push({ start: start + k * step, segment: s, at: start + (k + 0.5) * step });
    }
  }
  return out;
}

/** The chosen list, then the other available backends by their single-request reward. */
function completeOrder(
  chosen: readonly number[],
  avail: readonly number[],
  compiled: CompiledScenario,
  ty: number,
  w: OracleWindow,
): number[] {
  const rest = avail
    .filter((b) => !chosen.includes(b))
    .map((b) => ({ b, r: compiled.expectedReward(ty, b, w.at, w.segment) }))
    .sort((x, y) => y.r - x.r || x.b - y.b)
    .map((x) => x.b);
  return [...chosen, ...rest];
}

/** Tables built in this thread, by scenario content and pattern; the last few are kept. */
const tables = new Map<string, PatternTable>();
const KEPT_TABLES = 8;

/**
 * The oracle's tables for a scenario and pattern, built once per scenario content and pattern
 * in this thread: every repetition and strategy a worker runs on the same scenario shares
 * them (they cost a few hundred CPU-milliseconds; a run's queries far less each).
 *
 * @param compiled the scenario
 * @param pattern the execution pattern
 * @returns the tables, or null under feed-forward (closed form)
 */
export function patternTable(
  compiled: CompiledScenario,
  pattern: PatternSpec,
): PatternTable | null {
  if (pattern.name === "feed-forward") return null;
  const key = `${formatPatternSpec(pattern)}\n${JSON.stringify(compiled.scenario)}`;
  let table = tables.get(key);
  if (table === undefined) {
    table = new PatternTable(compiled, pattern);
    if (tables.size >= KEPT_TABLES) tables.delete(tables.keys().next().value as string);
    tables.set(key, table);
  }
  return table;
}
