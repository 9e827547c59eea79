import { describe, expect, it } from "vitest";
import { profileTrace } from "../../src/profiling/profile-trace.js";
import {
  createPrometheusRegistry,
  DEFAULT_LATENCY_BUCKETS,
} from "../../src/profiling/prometheus-registry.js";
import { readTrace } from "../../src/traces/read-trace.js";

const TRACE = "data/traces/sample-measured.csv";

/** Per-bucket shares (not cumulative) of one exported histogram, in bound order, +Inf last. */
async function bucketShares(
  registry: ReturnType<typeof createPrometheusRegistry>,
  name: string,
): Promise<{ le: string; share: number }[]> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  // Histogram samples carry `metricName` (`_bucket`, `_sum`, `_count`); the generic type omits it.
  const { values } = (await metric.get()) as unknown as {
    values: { metricName: string; labels: Record<string, string | number>; value: number }[];
  };
  const buckets = values.filter((v) => v.metricName === `${name}_bucket`);
  const count = values.find((v) => v.metricName === `${name}_count`)?.value ?? 0;
  let previous = 0;
  return buckets.map((b) => {
    const share = (b.value - previous) / count;
    previous = b.value;
    return { le: String(b.labels.le), share };
  });
}

describe("default Prometheus latency buckets", () => {
  it("are log-spaced from 1 µs to 60 s", () => {
    const b = DEFAULT_LATENCY_BUCKETS;
    expect(b[0]).toBe(1e-6);
    expect(b[b.length - 1]).toBe(60);
    // ×√2 apart, up to the 3-significant-digit rounding (≤ 0.5 % per bound, so ≤ 1 % per ratio);
    // the last step goes from 47.5 s to 60 s.
    for (let i = 1; i < b.length - 1; i++) {
      expect(Math.abs(b[i] / b[i - 1] / Math.SQRT2 - 1)).toBeLessThan(0.01);
    }
    expect(b[b.length - 1] / b[b.length - 2]).toBeLessThan(Math.SQRT2);
  });

  it("hold no more than 25 % of the sample trace in any bucket", async () => {
    const { profiler } = await profileTrace(TRACE);
    const registry = createPrometheusRegistry(profiler);
    const shares = await bucketShares(registry, "routing_lab_query_latency_seconds");
    const { rows } = await readTrace(TRACE);
    // Every row is one query, so the histogram counts them all, and the shares add up to 1.
    expect(shares.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 12);
    expect(shares).toHaveLength(DEFAULT_LATENCY_BUCKETS.length + 1);
    const worst = shares.reduce((a, b) => (b.share > a.share ? b : a));
    expect(worst.share, `bucket le=${worst.le}`).toBeLessThanOrEqual(0.25);
    // Cross-check against the rows themselves: the sketch may put a value within 1 % of a bound
    // on either side, so count exactly with bounds widened and narrowed by 1.01/0.99.
    const g = 1.01 / 0.99;
    const ms = rows.map((r) => r.latencyMs);
    let lower = 0;
    for (const bound of DEFAULT_LATENCY_BUCKETS) {
      const outer = ms.filter((x) => x > lower / g && x <= bound * 1000 * g).length;
      const share = shares.find((s) => Number(s.le) === bound)!.share;
      expect(share).toBeLessThanOrEqual(outer / ms.length + 1e-12);
      lower = bound * 1000;
    }
  });

  it("the old ×2.5 buckets from 0.5 ms fail the same check (85 % in the first)", async () => {
    const { profiler } = await profileTrace(TRACE);
    const old = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    const shares = await bucketShares(
      createPrometheusRegistry(profiler, { buckets: old }),
      "routing_lab_query_latency_seconds",
    );
    expect(shares[0].share).toBeGreaterThan(0.8);
  });
});
