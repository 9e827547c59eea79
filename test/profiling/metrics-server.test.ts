import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPrometheusRegistry,
  type MetricsServer,
  RoutingProfiler,
  serveMetrics,
} from "../../src/profiling/index.js";
import { createStream, standardNormal } from "../../src/random/index.js";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the Prometheus text format 0.0.4: throws on any malformed line. */
function parsePrometheus(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: Sample[] = [];
  const sampleRe = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/;
  const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("# HELP ")) {
      helps.add(line.split(" ")[2]);
      continue;
    }
    if (line.startsWith("# TYPE ")) {
      const [, , name, type] = line.split(" ");
      if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(type)) {
        throw new Error(`bad type line: ${line}`);
      }
      types.set(name, type);
      continue;
    }
    const m = sampleRe.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[3] !== undefined && m[3] !== "") {
      labelRe.lastIndex = 0;
      let lm: RegExpExecArray | null;
      let consumed = 0;
      // biome-ignore lint/suspicious/noAssignInExpressions: a sticky-regex scan
      while ((lm = labelRe.exec(m[3])) !== null) {
        labels[lm[1]] = lm[2].replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c));
        consumed = labelRe.lastIndex;
      }
      if (consumed !== m[3].length) throw new Error(`bad labels: ${line}`);
    }
    const value = m[4] === "+Inf" ? Number.POSITIVE_INFINITY : Number(m[4]);
    if (Number.isNaN(value) && m[4] !== "NaN") throw new Error(`bad value: ${line}`);
    const family = m[1].replace(/_(bucket|sum|count)$/, "");
    if (!types.has(m[1]) && !(types.get(family) === "histogram")) {
      throw new Error(`sample before its TYPE: ${line}`);
    }
    if (!helps.has(m[1]) && !helps.has(family)) throw new Error(`sample without HELP: ${line}`);
    samples.push({ name: m[1], labels, value });
  }
  return { types, samples };
}

const rng = createStream(31, "prometheus");
const profiler = new RoutingProfiler();
const latencies: number[] = [];
for (let i = 0; i < 5000; i++) {
  const backend = ["neo4j", "qdrant"][i % 2];
  const ms = Math.exp(3.5 + 0.9 * standardNormal(rng));
  latencies.push(ms);
  profiler.record({
    backend,
    latencyMs: ms,
    pattern: "feed-forward",
    queryType: "similarity",
    status: i % 50 === 0 ? "error" : "ok",
    cacheHit: i % 4 === 0,
  });
}
profiler.recordOperation("route", 0.02);

let server: MetricsServer;
beforeAll(async () => {
  server = await serveMetrics(createPrometheusRegistry(profiler));
});
afterAll(async () => {
  await server.close();
});

describe("Prometheus export", () => {
  it("serves valid text format on 127.0.0.1 over real HTTP", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheus(await res.text());
    expect(types.get("routing_lab_query_latency_seconds")).toBe("histogram");
    expect(types.get("routing_lab_latency_quantile_seconds")).toBe("gauge");
    expect(types.get("routing_lab_requests_total")).toBe("counter");

    // Histogram invariants for every label set: cumulative buckets, +Inf = _count.
    const hist = samples.filter((s) => s.name.endsWith("_bucket"));
    const groups = new Map<string, Sample[]>();
    for (const s of hist) {
      const { le: _, ...rest } = s.labels;
      const key = `${s.name}${JSON.stringify(rest)}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    expect(groups.size).toBeGreaterThanOrEqual(5);
    for (const [key, buckets] of groups) {
      const sorted = [...buckets].sort((a, b) => Number(a.labels.le) - Number(b.labels.le));
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i].value, key).toBeGreaterThanOrEqual(sorted[i - 1].value);
      }
      const inf = buckets.find((b) => b.labels.le === "+Inf")!;
      const name = key.slice(0, key.indexOf("_bucket"));
      const rest = key.slice(key.indexOf("{"));
      const count = samples.find(
        (s) => s.name === `${name}_count` && JSON.stringify(s.labels) === rest,
      );
      expect(count?.value, key).toBe(inf.value);
    }
  });

  it("exports numbers that match the profiler", async () => {
    const { samples } = parsePrometheus(await (await fetch(server.url)).text());
    const one = (name: string, labels: Record<string, string> = {}) => {
      const hits = samples.filter(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      );
      expect(hits.length, `${name} ${JSON.stringify(labels)}`).toBe(1);
      return hits[0].value;
    };
    expect(one("routing_lab_query_latency_seconds_count")).toBe(5000);
    const sum = latencies.reduce((a, b) => a + b, 0) / 1000;
    expect(one("routing_lab_query_latency_seconds_sum")).toBeCloseTo(sum, 9);
    // Bucket le = 0.0463 s: values within a bin of 46.3 ms may land on either side, so the count
    // lies between the exact counts at 46.3/γ and 46.3·γ ms, γ = 1.01/0.99.
    const g = 1.01 / 0.99;
    const b = one("routing_lab_query_latency_seconds_bucket", { le: "0.0463" });
    expect(b).toBeGreaterThanOrEqual(latencies.filter((v) => v <= 46.3 / g).length);
    expect(b).toBeLessThanOrEqual(latencies.filter((v) => v <= 46.3 * g).length);
    expect(
      one("routing_lab_latency_quantile_seconds", {
        series: "backend",
        name: "qdrant",
        quantile: "0.99",
      }),
    ).toBeCloseTo(profiler.backend("qdrant").sketch.quantile(0.99) / 1000, 12);
    expect(one("routing_lab_requests_total", { backend: "neo4j", status: "error" })).toBe(
      profiler.backend("neo4j").errors,
    );
    expect(one("routing_lab_queries_total", { status: "error" })).toBe(100);
    expect(one("routing_lab_cache_lookups_total", { result: "hit" })).toBe(1250);
    expect(one("routing_lab_operation_duration_seconds_count", { operation: "route" })).toBe(1);
  });

  it("reflects new records at the next scrape, and 404s other paths", async () => {
    profiler.record({ backend: "mem0", latencyMs: 12 });
    const { samples } = parsePrometheus(await (await fetch(server.url)).text());
    expect(
      samples.find(
        (s) =>
          s.name === "routing_lab_request_latency_seconds_count" && s.labels.backend === "mem0",
      )?.value,
    ).toBe(1);
    const other = await fetch(server.url.replace("/metrics", "/other"));
    expect(other.status).toBe(404);
  });
});
