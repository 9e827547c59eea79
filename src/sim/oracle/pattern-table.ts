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
        const answers: Answer[][] = [];
        const quantiles = new Float64Array(nB).fill(Number.NaN);
        for (let b = 0; b < nB; b++) {
          const list: Answer[] = [];
          if (avail.includes(b)) {
            const ph = compiled.phases[w.segment * nB + b];
            for (let i = 0; i < samples * perSample; i++) {
              drawRequest(draw, rt, compiled, ph, b, ty, w.at, 1);
              list.push({ latency: draw.latency, relevance: draw.relevance, failed: draw.failed });
            }
            if (query.observedQuantile > 0) {
              const sorted = list.map((a) => a.latency).sort((x, y) => x - y);
              quantiles[b] = orderStatistic(sorted, query.observedQuantile);
            }
          }
          answers.push(list);
        }
        const valueOf = (c: readonly number[], n: number): number => {
          let met = 0;
          for (let i = 0; i < n; i++) {
            const a = query.run(
              c,
              avail.length,
              (b, k) => answers[b][i * perSample + k],
              quantiles,
            );
            if (
              meetsSlo(a.failed, a.relevance, a.latency, query.minRelevance, query.sloLatencyMs)
            ) {
              met++;
            }
          }
          return met / n;
        };
        let finalists = candidates;
        if (candidates.length > SCREEN_KEEP && samples > SCREEN_SAMPLES) {
          // Stable: ties keep the candidates' fixed order.
          finalists = candidates
            .map((c, i) => ({ c, i, v: valueOf(c, SCREEN_SAMPLES) }))
            .sort((x, y) => y.v - x.v || x.i - y.i)
            .slice(0, SCREEN_KEEP)
            .sort((x, y) => x.i - y.i)
            .map((x) => x.c);
        }
        let best: OracleChoice = { value: -1, order: [] };
        for (const c of finalists) {
          const value = valueOf(c, samples);
          if (value > best.value) best = { value, order: c };
        }
        row.push({
          value: Math.max(0, best.value),
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
