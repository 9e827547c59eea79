import { findBottlenecks, type ProfileReport, RoutingProfiler } from "../../src/profiling/index.js";
import { createStream, standardNormal } from "../../src/random/index.js";

/**
 * Knobs for a synthetic profile. Healthy defaults: three backends with lognormal latency,
 * median 20 ms and σ = 0.3, so p99 = 20·e^(0.3·2.326) ≈ 40 ms against a 200 ms SLO (5× margin);
 * 30 % of queries fan out to 3 backends and wait for all: p99 ≈ 20·e^(0.3·2.713) ≈ 45 ms, 1.12×
 * the single call's (threshold 1.5×); cache hit probability 0.6 (threshold 0.3; with 20,000
 * lookups its sd is 0.0035); routing 0.01 ms per decision (share ≈ 0.0005, threshold 0.05);
 * error and timeout probability 0.001 (threshold 0.01: with ≥ 6,000 calls per backend the sd
 * is ≤ 0.0004, so 0.01 is > 20 sd away); no drift. Every margin is many standard errors wide,
 * so the checks in find-bottlenecks.test.ts and recommend.test.ts do not depend on the seed.
 */
export interface Knobs {
  medians: Record<string, number>;
  sigma: number;
  weights: Record<string, number>;
  fanout: number;
  parallelShare: number;
  cacheHit: number;
  routingMs: number;
  errorP: Record<string, number>;
  timeoutP: Record<string, number>;
  /** Latency multiplier reached at the end of the run (linear ramp from 1). */
  drift: number;
}

export const HEALTHY: Knobs = {
  medians: { neo4j: 20, qdrant: 20, mem0: 20 },
  sigma: 0.3,
  weights: { neo4j: 1, qdrant: 1, mem0: 1 },
  fanout: 3,
  parallelShare: 0.3,
  cacheHit: 0.6,
  routingMs: 0.01,
  errorP: {},
  timeoutP: {},
  drift: 1,
};

export const SLO = 200;

export function build(change: Partial<Knobs>, seed = 1): ProfileReport {
  const k = { ...HEALTHY, ...change };
  const rng = createStream(seed, "bottlenecks", JSON.stringify(change));
  const p = new RoutingProfiler({ windowMs: 1000 });
  const names = Object.keys(k.medians);
  const wsum = names.reduce((s, n) => s + (k.weights[n] ?? 1), 0);
  const pick = () => {
    let u = rng.next() * wsum;
    for (const n of names) {
      u -= k.weights[n] ?? 1;
      if (u < 0) return n;
    }
    return names[names.length - 1];
  };
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const at = i * 5; // 100 s of virtual time: 100 windows of 200 queries
    const slow = 1 + ((k.drift - 1) * i) / n;
    const parallel = rng.next() < k.parallelShare;
    const calls = parallel ? k.fanout : 1;
    let latency = 0;
    let status: "ok" | "error" | "timeout" = "ok";
    let first = "";
    for (let c = 0; c < calls; c++) {
      const b = pick();
      if (c === 0) first = b;
      const ms = k.medians[b] * Math.exp(k.sigma * standardNormal(rng)) * slow;
      const u = rng.next();
      const s =
        u < (k.errorP[b] ?? 0.001)
          ? "error"
          : u < (k.errorP[b] ?? 0.001) + (k.timeoutP[b] ?? 0.001)
            ? "timeout"
            : "ok";
      p.recordCall(b, ms, { status: s });
      if (s !== "ok") status = s;
      latency = Math.max(latency, ms);
    }
    p.recordQuery({
      latencyMs: latency,
      backend: first,
      pattern: parallel ? "parallel" : "feed-forward",
      at,
      status,
      cacheHit: rng.next() < k.cacheHit,
    });
    p.recordOperation("route", k.routingMs * Math.exp(0.2 * standardNormal(rng)));
  }
  return p.report();
}

export const rules = (report: ProfileReport, sloMs = SLO) =>
  findBottlenecks(report, { sloMs }).map((f) => f.rule);
