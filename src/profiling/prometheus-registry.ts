import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { LatencySketch } from "../sketch/latency-sketch.js";
import type { RoutingProfiler } from "./routing-profiler.js";
import type { SeriesStats } from "./series-stats.js";

/** Options for {@link createPrometheusRegistry}. */
export interface PrometheusOptions {
  /** Metric name prefix. Default `routing_lab_`. */
  prefix?: string;
  /**
   * Histogram bucket upper bounds in seconds (Prometheus' base unit). Default
   * {@link DEFAULT_LATENCY_BUCKETS}: log-spaced, ×√2 from 1 µs to 60 s.
   */
  buckets?: readonly number[];
  /** Quantiles exported as gauges. Default 0.5, 0.95, 0.99. */
  quantiles?: readonly number[];
}

/**
 * The default histogram bucket bounds in seconds: log-spaced, ×√2 from 1 µs (1e-6 s, 1 µs·2^(k/2)
 * rounded to 3 significant digits, so labels read 1e-6, 1.41e-6, 2e-6, 2.83e-6, …) up to
 * 47.4 s, then 60 s: 53 bounds.
 *
 * Why log-spaced: latencies span orders of magnitude (an in-process cache answers in
 * microseconds, a remote store in hundreds of ms), and a bucket's relative width sets the
 * error of a quantile read from it, so equal ratios give every latency the same resolution.
 * Why from 1 µs and ×√2 rather than ×2 from 0.05 ms: measured on
 * data/traces/sample-measured.csv (test/profiling/prometheus-buckets.test.ts), the old ×2.5
 * buckets from 0.5 ms put 85 % of it in the first bucket, and ×2 from 0.05 ms would still put
 * 50 % there (half the trace is cache and SQLite lookups below 50 µs); ×2 from any start puts
 * 29 % in one bucket (0.26–0.51 ms, the vector searches). ×√2 from 1 µs keeps every bucket at
 * ≤ 19 % of it. Pass `buckets` (e.g. prom-client's `exponentialBuckets(0.00005, 2, 21)`) for
 * fewer series when every backend is remote.
 */
export const DEFAULT_LATENCY_BUCKETS: readonly number[] = Object.freeze([
  ...Array.from({ length: 52 }, (_, k) => Number((1e-6 * Math.SQRT2 ** k).toPrecision(3))),
  60,
]);
const DEFAULT_QUANTILES = [0.5, 0.95, 0.99] as const;

type Sample = Awaited<ReturnType<Histogram<string>["get"]>>["values"][number];
type MetricData = Awaited<ReturnType<Histogram<string>["get"]>>;

/**
 * A prom-client Histogram whose samples are generated from sketches at scrape time instead of
 * from `observe` calls, so recording never touches prom-client (its `observe` costs
 * 265–980 ns per value; a sketch add costs ≈ 40 ns). Bucket counts come from the sketch's
 * bins: a value within α (1 %) of a bucket bound may be counted on either side of it; `_sum`
 * and `_count` are exact.
 */
class SketchHistogram extends Histogram<string> {
  constructor(
    private readonly metricName: string,
    private readonly metricHelp: string,
    private readonly labelName: string | undefined,
    private readonly bounds: readonly number[],
    private readonly series: () => Iterable<[string | undefined, LatencySketch]>,
  ) {
    super({
      name: metricName,
      help: metricHelp,
      labelNames: labelName === undefined ? [] : [labelName],
      buckets: [...bounds],
      registers: [],
    });
  }

  override async get(): Promise<MetricData> {
    const values: Sample[] = [];
    for (const [label, sketch] of this.series()) {
      const base: Record<string, string> =
        this.labelName === undefined || label === undefined ? {} : { [this.labelName]: label };
      for (const le of this.bounds) {
        // Sketches hold ms; Prometheus buckets are in seconds.
        values.push({
          metricName: `${this.metricName}_bucket`,
          labels: { ...base, le },
          value: sketch.countAtMost(le * 1000),
        });
      }
      values.push(
        {
          metricName: `${this.metricName}_bucket`,
          labels: { ...base, le: "+Inf" },
          value: sketch.count,
        },
        { metricName: `${this.metricName}_sum`, labels: base, value: sketch.sum / 1000 },
        { metricName: `${this.metricName}_count`, labels: base, value: sketch.count },
      );
    }
    return {
      name: this.metricName,
      help: this.metricHelp,
      type: "histogram",
      values,
      aggregator: "sum",
    } as unknown as MetricData;
  }

  // The registry prefers this internal method when present; route it to `get` too.
  async getForPromString(): Promise<MetricData> {
    return this.get();
  }
}

/**
 * Builds a prom-client registry (text format 0.0.4) that reads a profiler at scrape time:
 * - histograms `<prefix>query_latency_seconds`, `<prefix>request_latency_seconds{backend}`,
 *   `<prefix>pattern_latency_seconds{pattern}`, `<prefix>query_type_latency_seconds{query_type}`,
 *   `<prefix>operation_duration_seconds{operation}` (`_bucket`, `_sum`, `_count`), generated
 *   from the (merged) sketches;
 * - gauge `<prefix>latency_quantile_seconds{series, name, quantile}` for p50/p95/p99;
 * - counters `<prefix>queries_total{status}`, `<prefix>requests_total{backend, status}`,
 *   `<prefix>cache_lookups_total{result}`.
 *
 * Nothing is recorded through prom-client, so it stays out of the hot path; the source is
 * called once per scrape (return a freshly merged profiler to export several workers).
 *
 * @param source the profiler to export, or a function returning it at scrape time
 * @param options prefix, buckets (seconds), exported quantiles
 * @returns the registry; serve it with `serveMetrics` or read `await registry.metrics()`
 * @example const registry = createPrometheusRegistry(profiler); console.log(await registry.metrics());
 */
export function createPrometheusRegistry(
  source: RoutingProfiler | (() => RoutingProfiler),
  options: PrometheusOptions = {},
): Registry {
  const prefix = options.prefix ?? "routing_lab_";
  const bounds = options.buckets ?? DEFAULT_LATENCY_BUCKETS;
  const quantiles = options.quantiles ?? DEFAULT_QUANTILES;
  const get = typeof source === "function" ? source : () => source;
  // One profiler per scrape, so every metric of a scrape reads the same snapshot: prom-client
  // collects all metrics synchronously in one pass, so a microtask clears it after the pass.
  let scrape: RoutingProfiler | undefined;
  const current = (): RoutingProfiler => {
    if (scrape === undefined) {
      scrape = get();
      queueMicrotask(() => {
        scrape = undefined;
      });
    }
    return scrape;
  };
  const registry = new Registry();
  const sketches = (kind: "backend" | "pattern" | "queryType" | "operation") =>
    function* (): Iterable<[string, LatencySketch]> {
      for (const [name, s] of current().seriesOf(kind)) yield [name, s.sketch];
    };
  const histograms: [
    string,
    string,
    string | undefined,
    () => Iterable<[string | undefined, LatencySketch]>,
  ][] = [
    [
      "query_latency_seconds",
      "End-to-end query latency",
      undefined,
      function* () {
        yield [undefined, current().querySeries.sketch];
      },
    ],
    ["request_latency_seconds", "Backend request latency", "backend", sketches("backend")],
    [
      "pattern_latency_seconds",
      "Query latency by execution pattern",
      "pattern",
      sketches("pattern"),
    ],
    [
      "query_type_latency_seconds",
      "Query latency by query type",
      "query_type",
      sketches("queryType"),
    ],
    [
      "operation_duration_seconds",
      "Duration of named operations",
      "operation",
      sketches("operation"),
    ],
  ];
  for (const [name, help, label, series] of histograms) {
    registry.registerMetric(new SketchHistogram(prefix + name, help, label, bounds, series));
  }

  new Gauge({
    name: `${prefix}latency_quantile_seconds`,
    help: "Latency quantiles from the sketches (relative error ≤ 1 %)",
    labelNames: ["series", "name", "quantile"],
    registers: [registry],
    collect() {
      this.reset();
      const put = (series: string, name: string, s: SeriesStats) => {
        if (s.count === 0) return;
        for (const q of quantiles) {
          this.set({ series, name, quantile: String(q) }, s.sketch.quantile(q) / 1000);
        }
      };
      const p = current();
      put("query", "all", p.querySeries);
      for (const kind of ["backend", "pattern", "queryType", "operation"] as const) {
        for (const [name, s] of p.seriesOf(kind)) put(kind, name, s);
      }
    },
  });

  new Counter({
    name: `${prefix}queries_total`,
    help: "Queries recorded, by outcome",
    labelNames: ["status"],
    registers: [registry],
    collect() {
      this.reset();
      const q = current().querySeries;
      this.inc({ status: "ok" }, q.count - q.errors - q.timeouts);
      this.inc({ status: "error" }, q.errors);
      this.inc({ status: "timeout" }, q.timeouts);
    },
  });
  new Counter({
    name: `${prefix}requests_total`,
    help: "Backend requests recorded, by backend and outcome",
    labelNames: ["backend", "status"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [backend, s] of current().seriesOf("backend")) {
        this.inc({ backend, status: "ok" }, s.count - s.errors - s.timeouts);
        this.inc({ backend, status: "error" }, s.errors);
        this.inc({ backend, status: "timeout" }, s.timeouts);
      }
    },
  });
  new Counter({
    name: `${prefix}cache_lookups_total`,
    help: "Cache lookups recorded, by result",
    labelNames: ["result"],
    registers: [registry],
    collect() {
      this.reset();
      const c = current().cacheCounts;
      this.inc({ result: "hit" }, c.hits);
      this.inc({ result: "miss" }, c.misses);
    },
  });
  return registry;
}
