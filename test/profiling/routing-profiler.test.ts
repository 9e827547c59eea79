import { describe, expect, it } from "vitest";
import { RoutingProfiler, TimeWindows } from "../../src/profiling/index.js";
import { createStream, standardNormal } from "../../src/random/index.js";
import { LatencySketch } from "../../src/sketch/index.js";

function fakeClock(step: number) {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms), step };
}

describe("RoutingProfiler", () => {
  it("splits latencies by backend, pattern, query type and operation", () => {
    const p = new RoutingProfiler();
    p.record({
      backend: "qdrant",
      latencyMs: 10,
      pattern: "feed-forward",
      queryType: "similarity",
    });
    p.record({
      backend: "qdrant",
      latencyMs: 30,
      pattern: "feed-forward",
      queryType: "similarity",
    });
    p.record({
      backend: "neo4j",
      latencyMs: 100,
      pattern: "parallel",
      queryType: "relationship",
      status: "timeout",
    });
    p.recordOperation("route", 0.5);
    const r = p.report();
    expect(r.queries.count).toBe(3);
    expect(r.backends.map((b) => [b.name, b.count])).toEqual([
      ["qdrant", 2],
      ["neo4j", 1],
    ]);
    expect(r.backends[0].mean).toBe(20);
    expect(r.backends[0].share).toBeCloseTo(2 / 3, 12);
    expect(r.patterns.find((x) => x.name === "parallel")?.timeouts).toBe(1);
    expect(r.queryTypes.find((x) => x.name === "similarity")?.max).toBe(30);
    expect(r.operations[0]).toMatchObject({ name: "route", count: 1, mean: 0.5 });
    expect(r.callsPerQuery).toBe(1);
    // routing share by sums: 0.5 / (0.5 + 140)
    expect(r.routing.shareOfLatency).toBeCloseTo(0.5 / 140.5, 12);
    expect(r.backendLoad.shares).toEqual({ neo4j: 1 / 3, qdrant: 2 / 3 });
  });

  it("counts fan-out calls separately from queries", () => {
    const p = new RoutingProfiler();
    for (let i = 0; i < 10; i++) {
      p.recordCall("a", 10);
      p.recordCall("b", 20 + i, { status: i === 0 ? "error" : "ok" });
      p.recordQuery({ latencyMs: 20 + i, pattern: "parallel" });
    }
    const r = p.report();
    expect(r.callsPerQuery).toBe(2);
    expect(r.calls.count).toBe(20);
    expect(r.backends.find((b) => b.name === "b")?.errorRate).toBe(0.1);
  });

  it("tracks the cache hit rate from query records and lookups", () => {
    const p = new RoutingProfiler();
    p.recordQuery({ latencyMs: 1, cacheHit: true });
    p.recordQuery({ latencyMs: 5, cacheHit: false });
    p.recordQuery({ latencyMs: 5 });
    p.recordCache(true);
    expect(p.report().cache).toEqual({ hits: 2, misses: 1, lookups: 3, hitRate: 2 / 3 });
  });

  it("measures throughput in virtual time from timestamps, else in wall time", () => {
    const v = new RoutingProfiler();
    for (let i = 0; i <= 100; i++) v.recordQuery({ latencyMs: 1, at: 5000 + i * 20 });
    const tv = v.report().throughput;
    expect(tv.timeBase).toBe("virtual");
    expect(tv.elapsedMs).toBe(2000);
    expect(tv.perSecond).toBeCloseTo(101 / 2, 12);

    const clock = fakeClock(1);
    const w = new RoutingProfiler({ clock: clock.now });
    for (let i = 0; i < 50; i++) w.recordQuery({ latencyMs: 1 });
    clock.advance(250);
    const tw = w.report().throughput;
    expect(tw).toEqual({ timeBase: "wall", queries: 50, elapsedMs: 250, perSecond: 200 });
  });

  it("times sync and async work, recording throws as errors", async () => {
    const clock = fakeClock(1);
    const p = new RoutingProfiler({ clock: clock.now });
    const v = p.time("route", () => {
      clock.advance(3);
      return 7;
    });
    expect(v).toBe(7);
    const a = await p.time("fetch", async () => {
      clock.advance(10);
      await Promise.resolve();
      clock.advance(5);
      return "x";
    });
    expect(a).toBe("x");
    expect(() =>
      p.time("route", () => {
        clock.advance(2);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    await expect(
      p.time("fetch", async () => {
        clock.advance(4);
        throw new Error("late");
      }),
    ).rejects.toThrow("late");
    const t0 = p.start();
    clock.advance(8);
    expect(p.stop(p.operation("route"), t0)).toBe(8);
    const ops = Object.fromEntries(p.report().operations.map((o) => [o.name, o]));
    expect(ops.route).toMatchObject({ count: 3, min: 2, max: 8, errors: 1 });
    expect(ops.fetch).toMatchObject({ count: 2, min: 4, max: 15, errors: 1 });
  });

  it("keeps windowed snapshots keyed by time, in any arrival order", () => {
    const p = new RoutingProfiler({ windowMs: 100 });
    const times = [250, 10, 120, 130, 90, 260, 270];
    for (const t of times) {
      p.recordQuery({ latencyMs: t / 10, at: t, backend: t < 200 ? "a" : "b", cacheHit: t > 100 });
    }
    const w = p.report().windows;
    expect(w.map((x) => [x.startMs, x.queries])).toEqual([
      [0, 2],
      [100, 2],
      [200, 3],
    ]);
    expect(w[2].backends).toEqual({ b: 3 });
    expect(w[0].cacheHitRate).toBe(0);
    expect(w[2].perSecond).toBe(30);
  });

  it("bounds the window count by doubling widths exactly", () => {
    const windows = new TimeWindows({ windowMs: 10, maxWindows: 8 });
    const whole = new LatencySketch();
    for (let t = 0; t < 1000; t += 3) {
      windows.record(t, t % 97, "a", undefined, undefined);
      whole.add(t % 97);
    }
    expect(windows.size).toBeLessThanOrEqual(8);
    expect(windows.windowMs).toBe(160);
    const snaps = windows.snapshots();
    expect(snaps.reduce((s, x) => s + x.queries, 0)).toBe(whole.count);
    // Every window covers [k·160, (k+1)·160): counts follow from the grid.
    for (const s of snaps) {
      let expected = 0;
      for (let t = 0; t < 1000; t += 3) if (t >= s.startMs && t < s.endMs) expected++;
      expect(s.queries).toBe(expected);
    }
  });

  it("merges profilers from shards exactly, through JSON", () => {
    const rng = createStream(5, "profiler", "shards");
    const whole = new RoutingProfiler({ windowMs: 50 });
    const shards = [0, 1, 2].map(() => new RoutingProfiler({ windowMs: 50 }));
    const backends = ["neo4j", "qdrant", "mem0"];
    const patterns = ["feed-forward", "parallel"];
    for (let i = 0; i < 30_000; i++) {
      const row = {
        backend: backends[rng.int(3)],
        latencyMs: Math.exp(3 + 0.7 * standardNormal(rng)),
        pattern: patterns[rng.int(2)],
        queryType: rng.next() < 0.5 ? "similarity" : "personal",
        timestamp: i * 0.5,
        cacheHit: rng.next() < 0.3,
        status: rng.next() < 0.01 ? ("error" as const) : ("ok" as const),
        relevance: rng.next(),
      };
      whole.record(row);
      shards[rng.int(3)].record(row);
    }
    const merged = new RoutingProfiler({ windowMs: 50 });
    for (const s of shards) {
      merged.merge(RoutingProfiler.fromJSON(JSON.parse(JSON.stringify(s.toJSON()))));
    }
    const a = whole.report();
    const b = merged.report();
    // Sums (hence means, relevance means) differ only by addition order: compare closely;
    // everything else exactly.
    const strip = (r: typeof a) =>
      JSON.parse(
        JSON.stringify(r, (k, v) =>
          k === "mean" || k === "meanRelevance" || k === "shareOfLatency" || k === "perSecond"
            ? typeof v === "number"
              ? Number(v.toPrecision(9))
              : v
            : v,
        ),
      );
    expect(strip(b)).toEqual(strip(a));
    expect(b.queries.p99).toBe(a.queries.p99);
    expect(b.windows.length).toBe(a.windows.length);
  });

  it("merging a profiler into itself doubles it", () => {
    const p = new RoutingProfiler();
    p.record({ backend: "a", latencyMs: 3 });
    p.merge(p);
    expect(p.report().backends[0].count).toBe(2);
  });
});
