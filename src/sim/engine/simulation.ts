import { formatPatternSpec, type PatternSpec, parsePatternSpec } from "../../patterns/spec.js";
import type { RoutingProfiler } from "../../profiling/routing-profiler.js";
import type { SeriesStats } from "../../profiling/series-stats.js";
import { RoutingInputError } from "../../routing/errors.js";
import {
  type BackendId,
  isPatternChoosing,
  type Outcome,
  type PatternChoosingRouter,
  type Router,
  type RoutingContext,
  type RoutingDecision,
} from "../../routing/types.js";
import { LatencySketch } from "../../sketch/latency-sketch.js";
import { ResultCache } from "../cache/result-cache.js";
import { isSuccess, meetsSlo } from "../metrics/objective.js";
import { MetricsRecorder } from "../metrics/recorder.js";
import type { RunMetrics } from "../metrics/types.js";
import { BackendRuntime } from "../model/backend-runtime.js";
import type { CompiledScenario } from "../model/compiled-scenario.js";
import { drawRequest, emptyDraw } from "../model/draw-request.js";
import type { Phase } from "../model/timeline.js";
import { WorkloadRuntime } from "../model/workload-runtime.js";
import { type PatternTable, patternTable } from "../oracle/pattern-table.js";
import { createPatternRunner } from "../patterns/create.js";
import type { PatternHost, PatternRunner } from "../patterns/runner.js";
import { ScenarioError } from "../scenario/errors.js";
import { scenarioSource } from "../scenario/source.js";
import { ARRIVAL, CACHE_HIT, COMPLETION, Job, SimEvent, TIMER } from "./event.js";
import { EventHeap } from "./event-heap.js";
import type { SimulationObserver } from "./observer.js";

/** Options of one {@link Simulation}. */
export interface EngineOptions {
  compiled: CompiledScenario;
  router: Router;
  pattern: PatternSpec;
  /** Number of queries (arrivals). */
  rounds: number;
  seed: number;
  repetition: number;
  /** Most curve points (bins); default 100. */
  points?: number;
  /** Records every request and query (wall-clock routing time included) when given. */
  profiler?: RoutingProfiler;
  /** Called every 16,384 arrivals and at the end with the number of arrivals so far. */
  onProgress?: (arrived: number) => void;
  /** Watches decisions, responses and finished queries (e.g. to log a trace). */
  observer?: SimulationObserver;
}

/** Marks routers that must see each query's true type (the oracle). */
interface TruthSeeing {
  readonly seesTrueType?: boolean;
}

const PROGRESS_EVERY = 16384;
/** Observations of a backend's latency before a percentile-based hedge delay is trusted. */
const MIN_OBSERVATIONS = 20;

/**
 * The discrete-event engine: one run of one router under one execution pattern, in virtual
 * time. Events (completions, timers, closed-loop arrivals) sit in a binary heap ordered by
 * (time, insertion order); Poisson arrivals are generated lazily, one ahead. A request's
 * outcome is fed back to the router only when its completion event fires, so routers decide
 * with the delayed feedback they would have in production.
 *
 * Hot-path choices (measured, see src/bench/simulation-speed.ts): events and jobs are pooled
 * objects, backends and query types are indices, expected rewards are precomputed per time
 * segment, and the routing context object is reused across decisions.
 */
export class Simulation implements PatternHost {
  now = 0;
  readonly minRelevance: number;
  readonly sloLatencyMs: number;

  private readonly compiled: CompiledScenario;
  private readonly router: Router;
  private readonly pattern: PatternRunner;
  private readonly patternName: string;
  private readonly rounds: number;
  private readonly backends: BackendRuntime;
  private readonly workload: WorkloadRuntime;
  private readonly metrics: MetricsRecorder;
  private readonly heap = new EventHeap();
  // Free events and jobs, as stacks with their own counts: a profile showed the engine's
  // `push` calls to the Array builtin (≈ 2 % of an engine-only query), and pops beside them.
  private readonly eventPool: SimEvent[] = [];
  private eventsFree = 0;
  private readonly jobPool: Job[] = [];
  private jobsFree = 0;
  private readonly ids: readonly BackendId[];
  private readonly nB: number;
  private readonly inFlight: Int32Array;
  private readonly ctx: { available: readonly BackendId[]; now: number };
  private readonly seesTruth: boolean;
  private readonly onProgress?: (arrived: number) => void;
  private readonly profiler?: RoutingProfiler;
  private readonly observer?: SimulationObserver;
  private readonly profiled: SeriesStats[] = [];
  private readonly routeSeries?: SeriesStats;
  private readonly phases: readonly Phase[];
  private readonly concurrency: Float64Array;
  private readonly closedLoop: boolean;
  /** Per-backend latency sketches and cached quantiles, for percentile hedging. */
  private readonly observed: LatencySketch[] = [];
  /** The distinct quantiles the run's pattern runners watch, and per quantile each backend's. */
  private readonly quantiles: number[] = [];
  private readonly observedValues: Float64Array[] = [];
  private readonly observedStale: Int32Array;
  private readonly draw = emptyDraw();
  private readonly oracleTable: PatternTable | null;
  /** A router that chooses each query's pattern, with a runner (and oracle table) per pattern. */
  private readonly chooser: PatternChoosingRouter | null = null;
  private readonly runners = new Map<string, PatternRunner>();
  private readonly choiceTables: (PatternTable | null)[] = [];
  private readonly choiceWindows: number[] = [];
  private oracleWindow = 0;
  /** Scratch: every backend's expected reward for the query being routed (static regret). */
  private readonly rewards: Float64Array;
  /** The segment's rewards when constant over it (no drift ramp), else null. */
  private segmentRewards: Float64Array | null;
  /** The scenario's result cache; null without one (the hot path then pays one test). */
  private readonly cache: ResultCache | null;
  private segment = 0;
  private segmentBase = 0;
  private nextBreak: number;
  private seq = 0;
  private arrived = 0;

  /**
   * @param options scenario, router, pattern, rounds, seed and repetition
   * @throws {RangeError} when rounds is not a positive integer
   */
  constructor(options: EngineOptions) {
    const { compiled, router } = options;
    if (!(Number.isInteger(options.rounds) && options.rounds >= 1)) {
      throw new RangeError(`rounds must be an integer ≥ 1, got ${options.rounds}`);
    }
    this.compiled = compiled;
    this.router = router;
    this.rounds = options.rounds;
    this.ids = compiled.backends;
    this.nB = compiled.backends.length;
    this.minRelevance = compiled.scenario.slo.minRelevance;
    this.sloLatencyMs = compiled.scenario.slo.latencyMs;
    this.backends = new BackendRuntime(compiled, options.seed, options.repetition);
    this.workload = new WorkloadRuntime(compiled, options.seed, options.repetition);
    this.metrics = new MetricsRecorder(
      compiled.backends,
      options.rounds,
      options.points ?? 100,
      compiled.types.length,
      compiled.rows,
    );
    this.segmentRewards = compiled.constantRewards(0);
    this.rewards = new Float64Array(this.nB);
    this.inFlight = new Int32Array(this.nB);
    this.ctx = { available: compiled.available[0], now: 0 };
    this.seesTruth = (router as TruthSeeing).seesTrueType === true;
    this.onProgress = options.onProgress;
    this.phases = compiled.phases;
    this.concurrency = compiled.concurrency;
    this.closedLoop = compiled.scenario.workload.arrivals.type === "closed";
    this.nextBreak = compiled.breaks.length > 1 ? compiled.breaks[1] : Number.POSITIVE_INFINITY;
    this.pattern = createPatternRunner(options.pattern, this);
    this.oracleTable = patternTable(compiled, options.pattern);
    this.patternName = formatPatternSpec(options.pattern);
    const watched = [this.pattern];
    if (isPatternChoosing(router)) {
      // Per-query patterns: a runner for each candidate, built (and validated) up front.
      this.chooser = router;
      router.patterns.forEach((text, i) => {
        let spec: PatternSpec;
        try {
          spec = parsePatternSpec(text);
        } catch (err) {
          throw new RoutingInputError(`${router.name}.patterns.${i}`, (err as Error).message);
        }
        const runner = createPatternRunner(spec, this);
        this.runners.set(text, runner);
        watched.push(runner);
        this.choiceTables.push(patternTable(compiled, spec));
        this.choiceWindows.push(0);
      });
    }
    for (const r of watched) {
      const q = r.observedQuantile;
      if (q > 0 && !this.quantiles.includes(q)) {
        this.quantiles.push(q);
        this.observedValues.push(new Float64Array(this.nB).fill(Number.NaN));
      }
    }
    this.observedStale = new Int32Array(this.nB);
    if (this.quantiles.length > 0) {
      for (let b = 0; b < this.nB; b++) this.observed.push(new LatencySketch());
    }
    this.cache = compiled.scenario.cache
      ? new ResultCache(compiled, options.seed, options.repetition)
      : null;
    this.observer = options.observer;
    this.profiler = options.profiler;
    if (this.profiler) {
      for (const id of this.ids) this.profiled.push(this.profiler.backend(id));
      this.routeSeries = this.profiler.operation(this.profiler.routingOperation);
    }
  }

  /**
   * Runs every query to completion.
   *
   * @returns the run's metrics
   */
  run(): RunMetrics {
    const heap = this.heap;
    const rounds = this.rounds;
    const workload = this.workload;
    if (this.closedLoop) {
      const arrivals = this.compiled.scenario.workload.arrivals;
      const clients = arrivals.type === "closed" ? Math.min(arrivals.clients, rounds) : 0;
      for (let c = 0; c < clients; c++) this.scheduleArrival(c, workload.nextGap());
      while (heap.size > 0) this.fire(heap.pop());
    } else {
      let nextArrival = workload.nextGap();
      for (;;) {
        const top = heap.peek();
        if (this.arrived < rounds && (top === undefined || nextArrival <= top.time)) {
          this.advance(nextArrival);
          this.arrive(0);
          nextArrival += workload.nextGap();
        } else if (top !== undefined) {
          this.fire(heap.pop());
        } else {
          break;
        }
      }
    }
    this.onProgress?.(this.arrived);
    this.foldRouted();
    return this.metrics.result(this.compiled.types);
  }

  // ---- PatternHost ------------------------------------------------------------------------

  dispatch(job: Job, b: number, tag: number): void {
    const now = this.now;
    const ev = this.newEvent(COMPLETION, job, tag);
    ev.backend = b;
    ev.dispatchedAt = now;
    ev.decision = job.decision;
    ev.queryIndex = job.index;
    ev.first = job.calls === 0;
    this.sample(ev, b, job.row, now);
    this.schedule(ev, now + ev.latency);
    this.inFlight[b]++;
    job.calls++;
    if (job.runner!.tracksRequests) job.outstanding.push(ev);
    this.metrics.dispatch(job.bin, b);
    this.router.onDispatch?.(this.ids[b], now);
  }

  setTimer(job: Job, at: number, tag: number): void {
    this.schedule(this.newEvent(TIMER, job, tag), Math.max(at, this.now));
  }

  finish(job: Job, relevance: number, failed: boolean): void {
    const now = this.now;
    const latency = now - job.arrival;
    const success = isSuccess(failed, relevance, this.minRelevance);
    const sloMet = success && latency <= this.sloLatencyMs;
    const bin = job.bin;
    this.metrics.finish(bin, now, latency, success, sloMet, job.calls);
    if (this.chooser !== null && job.decision !== null) {
      this.chooser.onQueryComplete(job.decision, sloMet, job.calls);
    }
    // Only completed answers are cached; a failed or timed-out one is not an answer.
    if (job.cacheKey >= 0 && !job.hit && !failed) {
      this.cache!.fill(job.cacheKey, relevance, job.answer, now);
    }
    if (this.profiler) {
      this.profiler.recordQuery({
        latencyMs: latency,
        backend: job.hit ? undefined : this.ids[job.primary],
        cacheHit: job.cacheKey >= 0 ? job.hit : undefined,
        pattern: job.decision?.pattern ?? this.patternName,
        queryType: this.compiled.types[job.typeIndex],
        at: now,
        status: failed ? "error" : "ok",
        success: sloMet,
        relevance,
      });
    }
    this.observer?.finished?.(job.index, { latencyMs: latency, relevance, failed, sloMet, now });
    if (this.closedLoop && this.arrived + this.heapArrivals < this.rounds) {
      this.scheduleArrival(job.client, this.workload.nextGap());
    }
    // Release: a new generation makes pending timers and late responses see the job as gone.
    job.generation++;
    job.decision = null;
    if (job.outstanding.length > 0) job.outstanding.length = 0;
    this.jobPool[this.jobsFree++] = job;
  }

  cancelOutstanding(job: Job): void {
    const out = job.outstanding;
    const bin = job.bin;
    for (let i = 0; i < out.length; i++) {
      const ev = out[i];
      ev.cancelled = true;
      this.inFlight[ev.backend]--;
      this.metrics.cancel(bin);
      this.router.onCancel?.(this.ids[ev.backend], this.now);
    }
    out.length = 0;
  }

  alternative(job: Job, i: number): number {
    const alternatives = job.decision!.alternatives;
    const available = this.ctx.available;
    // Skip alternatives that are unknown or no longer available (an outage began meanwhile).
    let seen = 0;
    for (let k = 0; k < alternatives.length; k++) {
      const b = this.compiled.backendIndex.get(alternatives[k]);
      if (b === undefined || b === job.primary || !available.includes(alternatives[k])) continue;
      if (seen++ === i) return b;
    }
    return -1;
  }

  availableCount(): number {
    return this.ctx.available.length;
  }

  observedLatency(b: number, q: number): number {
    const qs = this.quantiles;
    const i = qs[0] === q ? 0 : qs.indexOf(q);
    return i < 0 ? Number.NaN : this.observedValues[i][b];
  }

  // ---- internals --------------------------------------------------------------------------

  /** Closed-loop arrival events queued but not yet fired. */
  private heapArrivals = 0;

  private scheduleArrival(client: number, gap: number): void {
    const ev = this.newEvent(ARRIVAL, null, 0);
    ev.client = client;
    this.heapArrivals++;
    this.schedule(ev, this.now + gap);
  }

  /** A pooled event of `kind` for `job` (none for arrivals), not yet scheduled. */
  private newEvent(kind: number, job: Job | null, tag: number): SimEvent {
    const ev = this.eventsFree > 0 ? this.eventPool[--this.eventsFree] : new SimEvent();
    ev.kind = kind;
    ev.job = job;
    ev.jobGeneration = job === null ? 0 : job.generation;
    ev.tag = tag;
    ev.decision = null;
    ev.cancelled = false;
    return ev;
  }

  /** Queues an event at `time`; equal times fire in scheduling order. */
  private schedule(ev: SimEvent, time: number): void {
    ev.time = time;
    ev.seq = this.seq++;
    this.heap.push(ev);
  }

  /** Moves virtual time forward, entering new timeline segments as their start passes. */
  private advance(t: number): void {
    this.now = t;
    if (t >= this.nextBreak) {
      const c = this.compiled;
      this.foldRouted();
      this.segment = c.segmentAt(t, this.segment);
      this.segmentRewards = c.constantRewards(this.segment);
      this.segmentBase = this.segment * this.nB;
      this.nextBreak =
        this.segment + 1 < c.breaks.length ? c.breaks[this.segment + 1] : Number.POSITIVE_INFINITY;
      this.ctx.available = c.available[this.segment];
    }
  }

  private fire(ev: SimEvent): void {
    this.advance(ev.time);
    const kind = ev.kind;
    if (kind === COMPLETION) this.complete(ev);
    else if (kind === TIMER) {
      const job = ev.job!;
      if (job.generation === ev.jobGeneration) job.runner!.timer(job, ev.tag);
    } else if (kind === ARRIVAL) {
      this.heapArrivals--;
      this.arrive(ev.client);
    } else {
      const job = ev.job!;
      this.finish(job, job.best, false); // CACHE_HIT: the cached relevance is in job.best
    }
    ev.job = null;
    ev.decision = null;
    this.eventPool[this.eventsFree++] = ev;
  }

  private arrive(client: number): void {
    const now = this.now;
    const index = this.arrived++;
    if ((this.arrived & (PROGRESS_EVERY - 1)) === 0) this.onProgress?.(this.arrived);
    const job = this.jobsFree > 0 ? this.jobPool[--this.jobsFree] : new Job();
    job.index = index;
    job.arrival = now;
    job.client = client;
    job.calls = 0;
    job.received = 0;
    job.succeeded = 0;
    job.best = 0;
    job.anyOk = false;
    job.attempt = 0;
    job.nextAlternative = 0;
    job.answer = -1;
    const workload = this.workload;
    workload.next();
    const ty = workload.typeIndex;
    job.typeIndex = ty;
    // Rewards, regret and the oracle are per reward row: the type, or the query itself when
    // relevance depends on its words (see CompiledScenario).
    const row = workload.row;
    job.row = row;
    const bin = this.metrics.binOf(index);
    job.bin = bin;
    if (this.cache !== null && this.lookupCache(job, ty, now)) return;
    const ctx = this.ctx;
    if (ctx.available.length === 0) {
      // Every backend is hidden by an outage: nothing to route to, and nothing to regret.
      this.metrics.decision(bin, now, 0, true, 0);
      this.finish(job, 0, true);
      return;
    }
    ctx.now = now;
    const query = workload.query(this.seesTruth);
    this.observer?.deciding?.(index, query, ctx as RoutingContext);
    let decision: Outcome["decision"];
    if (this.routeSeries) {
      const t0 = this.profiler!.start();
      decision = this.router.select(query, ctx as RoutingContext);
      this.profiler!.stop(this.routeSeries, t0);
    } else {
      decision = this.router.select(query, ctx as RoutingContext);
    }
    const b = this.backendOf(decision);
    if (b < 0) {
      throw new Error(
        `router ${this.router.name} chose "${decision.backend}", which is not a backend of the scenario`,
      );
    }
    this.observer?.decided?.(index, decision);
    job.decision = decision;
    job.primary = b;
    const named = decision.pattern;
    job.runner = named === undefined ? this.pattern : this.runnerFor(named);
    const c = this.compiled;
    const best = c.bestRowReward(row, now, this.segment);
    const fixed = this.segmentRewards;
    let chosen: number;
    if (fixed !== null) {
      chosen = fixed[row * this.nB + b];
      this.metrics.routed(row, b);
    } else {
      const rewards = this.rewards;
      for (let k = 0; k < this.nB; k++) rewards[k] = c.rowReward(row, k, now, this.segment);
      chosen = rewards[b];
      this.metrics.staticRewards(ty, rewards, b);
    }
    this.metrics.decision(
      bin,
      now,
      best - chosen,
      chosen >= best - 1e-12,
      this.oracleValue(row, best),
    );
    job.runner.start(job);
  }

  /** Folds the static-regret counts of the segment ending (when its rewards were constant). */
  private foldRouted(): void {
    if (this.segmentRewards !== null) {
      this.metrics.foldRouted(this.segmentRewards, this.compiled.rowType);
    }
  }

  /**
   * The engine's index of the decision's backend. A router built for this scenario numbers
   * backends as the scenario does, and its decisions carry that number (`backendIndex`): it is
   * taken when the id at that index is the decision's (one pointer comparison), else the id is
   * looked up. Why: the map's lookup on every decision was ≈ 2 % of an engine-only query.
   */
  private backendOf(decision: RoutingDecision): number {
    const hint = (decision as { backendIndex?: number }).backendIndex;
    if (hint !== undefined && hint >= 0 && hint < this.nB && this.ids[hint] === decision.backend) {
      return hint;
    }
    return this.compiled.backendIndex.get(decision.backend) ?? -1;
  }

  /** The runner of a pattern a decision named: one of the router's declared patterns. */
  private runnerFor(text: string): PatternRunner {
    const runner = this.runners.get(text);
    if (runner === undefined) {
      throw new Error(
        `router ${this.router.name} named pattern "${text}", which is not one of its declared patterns`,
      );
    }
    return runner;
  }

  /**
   * The pattern-aware oracle's probability that a query of reward row `row` meets the SLO now:
   * the best single-request reward under feed-forward (closed form), its table's value otherwise.
   */
  private oracleValue(row: number, bestReward: number): number {
    const table = this.oracleTable;
    let value = bestReward;
    const now = this.now;
    if (table !== null) {
      this.oracleWindow =
        now < table.starts[this.oracleWindow]
          ? table.windowAt(now)
          : table.windowAt(now, this.oracleWindow);
      value = table.choices[this.oracleWindow][row].value;
    }
    // A router that chooses the pattern is held to the best of its patterns' oracles.
    for (let i = 0; i < this.choiceTables.length; i++) {
      const t = this.choiceTables[i];
      if (t === null) {
        value = Math.max(value, bestReward);
        continue;
      }
      const w = this.choiceWindows[i];
      this.choiceWindows[i] = now < t.starts[w] ? t.windowAt(now) : t.windowAt(now, w);
      value = Math.max(value, t.choices[this.choiceWindows[i]][row].value);
    }
    return value;
  }

  /** Draws a request's latency, failure and relevance into `ev` (see {@link drawRequest}). */
  private sample(ev: SimEvent, b: number, row: number, now: number): void {
    const ph = this.phases[this.segmentBase + b];
    const cap = this.concurrency[b];
    // Processor sharing: beyond `cap` requests in flight, each is served proportionally slower.
    const load = cap > 0 ? (this.inFlight[b] + 1) / cap : 1;
    const d = this.draw;
    drawRequest(d, this.backends, this.compiled, ph, b, row, now, load);
    if (d.bad === 1) {
      throw this.badDraw(b, this.compiled.states[b][d.state].latencyPath, d.drawn, ph, d.latency);
    }
    if (d.bad === 2) {
      const ty = this.compiled.rowType[row];
      throw this.badDraw(b, this.compiled.states[b][d.state].relevancePath[ty], d.relevance);
    }
    ev.latency = d.latency;
    ev.relevance = d.relevance;
    ev.failed = d.failed;
    ev.timedOut = d.timedOut;
  }

  /**
   * The error for a draw of backend b that is not a finite latency or a relevance in [0, 1]:
   * a {@link ScenarioError} naming the scenario's file and the field whose model drew it, and
   * when the draw itself was finite, what the windows and the load made of it.
   */
  private badDraw(
    b: number,
    field: string,
    drawn: number,
    ph?: Phase,
    latency = drawn,
  ): ScenarioError {
    const path = `backends.${this.ids[b]}.${field}`;
    // The load factor sample() applied (nothing is in flight yet for this request).
    const cap = this.concurrency[b];
    const load = cap > 0 ? Math.max(1, (this.inFlight[b] + 1) / cap) : 1;
    const n = (x: number) => String(Number(x.toPrecision(4)));
    let message = `drew ${n(drawn)} at ${n(this.now)} ms (virtual time)`;
    if (ph && Number.isFinite(drawn)) {
      message += `, which its degradation windows (× ${n(ph.latencyFactor)} + ${n(ph.addLatencyMs)} ms) and load (× ${n(load)}) made ${latency}`;
    }
    return new ScenarioError(scenarioSource(this.compiled.scenario), [{ path, message }]);
  }

  private complete(ev: SimEvent): void {
    if (ev.cancelled) return; // in-flight count and onCancel were handled at cancellation
    const b = ev.backend;
    this.inFlight[b]--;
    const job = ev.job!;
    const live = job.generation === ev.jobGeneration;
    if (live && job.runner!.tracksRequests) {
      const out = job.outstanding;
      const i = out.indexOf(ev);
      if (i >= 0) {
        out[i] = out[out.length - 1];
        out.pop();
      }
    }
    const latency = ev.latency;
    // What routers learn from: the objective applied to this request's own answer.
    const success = meetsSlo(
      ev.failed,
      ev.relevance,
      latency,
      this.minRelevance,
      this.sloLatencyMs,
    );
    this.metrics.response(ev.failed, ev.timedOut);
    if (this.observed.length > 0) this.observe(b, latency);
    if (this.profiler) {
      this.profiled[b].addOutcome(
        latency,
        ev.timedOut ? "timeout" : ev.failed ? "error" : "ok",
        success,
        ev.relevance,
      );
    }
    this.router.record({
      decision: ev.decision!,
      backend: this.ids[b],
      relevance: ev.relevance,
      latencyMs: latency,
      success,
      status: ev.timedOut ? "timeout" : ev.failed ? "error" : "ok",
      now: this.now,
    });
    this.observer?.responded?.(ev.queryIndex, {
      backend: this.ids[b],
      first: ev.first,
      latencyMs: latency,
      relevance: ev.relevance,
      failed: ev.failed,
      timedOut: ev.timedOut,
      now: this.now,
    });
    if (live) job.runner!.response(job, ev);
  }

  /**
   * Looks the query up in the result cache. A hit bypasses the router (no decision, no
   * learning, no backend call): the job finishes when the hit's latency has passed, with the
   * cached answer's relevance. Hits are left out of the decision metrics (regret, best-backend
   * rate); their own outcome counts on both sides of the oracle's SLO attainment, since the
   * cache, not a routing decision, answered (see data/scenarios/README.md, "Result cache").
   *
   * @returns whether the cache answered
   */
  private lookupCache(job: Job, ty: number, now: number): boolean {
    const cache = this.cache!;
    job.hit = false;
    job.cacheKey = cache.cacheable[ty] === 1 ? this.workload.catalogueIndex : -1;
    this.metrics.typed(ty);
    if (job.cacheKey < 0 || !cache.lookup(job.cacheKey, ty, now, this.segment)) return false;
    job.hit = true;
    job.best = cache.relevance;
    const met = cache.relevance >= this.minRelevance && cache.latency <= this.sloLatencyMs;
    this.metrics.cacheHit(job.bin, now, ty, met, cache.stale, cache.staleCost);
    this.schedule(this.newEvent(CACHE_HIT, job, 0), now + cache.latency);
    return true;
  }

  /** Tracks backend b's latency quantile, refreshing the cached value every so often. */
  private observe(b: number, latency: number): void {
    const sketch = this.observed[b];
    sketch.add(latency);
    const n = sketch.count;
    if (n < MIN_OBSERVATIONS) return;
    // Refresh often early on, then every 1/16 of the count (at most every 256 observations):
    // a quantile query walks the sketch's bins, too slow to run per request.
    if (++this.observedStale[b] >= Math.min(256, n >> 4) || n === MIN_OBSERVATIONS) {
      this.observedStale[b] = 0;
      for (let i = 0; i < this.quantiles.length; i++) {
        this.observedValues[i][b] = sketch.quantile(this.quantiles[i]);
      }
    }
  }
}
