import { describe, expect, it } from "vitest";
import {
  evaluateLogged,
  formatEvaluation,
  loggedData,
  OpeInputError,
} from "../../src/ope/index.js";
import { createStream } from "../../src/random/index.js";
import type { TraceRow } from "../../src/traces/trace-row.js";

const BACKENDS = ["neo4j", "qdrant", "mem0"];
const TYPES = ["relationship", "similarity", "personal"];
/** P(SLO met) per type × backend: each type's preferred backend is best. */
const P: Record<string, Record<string, number>> = {
  relationship: { neo4j: 0.9, qdrant: 0.4, mem0: 0.3 },
  similarity: { neo4j: 0.3, qdrant: 0.85, mem0: 0.2 },
  personal: { neo4j: 0.2, qdrant: 0.5, mem0: 0.8 },
};

/** n decisions logged by `pick` (backend probabilities per type), rewards drawn from P. */
function log(
  n: number,
  pick: (type: string) => number[],
  seed: number,
  options: { propensity?: boolean } = {},
) {
  const rng = createStream(seed, "evaluate-test");
  const rows: TraceRow[] = [];
  for (let i = 0; i < n; i++) {
    const queryType = TYPES[rng.int(TYPES.length)];
    const p = pick(queryType);
    let u = rng.next();
    let b = 0;
    while (b < p.length - 1 && u >= p[b]) u -= p[b++];
    const backend = BACKENDS[b];
    rows.push({
      backend,
      latencyMs: 1,
      queryType,
      available: BACKENDS,
      ...(options.propensity === false ? {} : { propensity: p[b] }),
      sloMet: rng.next() < P[queryType][backend],
    });
  }
  return loggedData(rows, { source: "log.csv" });
}

const uniform = () => [1 / 3, 1 / 3, 1 / 3];
const onlyQdrant = () => [0, 1, 0];

describe("evaluateLogged", () => {
  it("gives all four estimates and diagnostics for a fixed policy", () => {
    // rule-based picks each type's best: true value (0.9 + 0.85 + 0.8)/3 = 0.85. Each
    // estimate is within 4 of its standard errors (a false failure: 6e-5 each).
    const r = evaluateLogged(log(6000, uniform, 1), { policy: "rule-based" });
    expect(r.method).toBe("estimators");
    for (const e of [r.ips, r.snips, r.dm, r.dr]) {
      expect(e).not.toBeNull();
      expect(Math.abs(e!.value - 0.85)).toBeLessThan(4 * e!.se);
      expect(e!.hi - e!.lo).toBeCloseTo(2 * 1.959964 * e!.se, 6);
    }
    // Uniform over 3, deterministic target: weights 3 on a third of the rows, so
    // ESS = (n/3 · 3)² / (n/3 · 9) = n/3, and the target never takes 2/3 of the logged choices.
    expect(r.diagnostics.effectiveSampleSize! / 6000).toBeCloseTo(1 / 3, 1);
    expect(r.diagnostics.neverTakenShare).toBeCloseTo(2 / 3, 1);
    expect(r.diagnostics.maxWeight).toBeCloseTo(3, 12);
    expect(r.diagnostics.unsupportedShare).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it("without propensities gives only DM, and says so", () => {
    const r = evaluateLogged(log(600, uniform, 2, { propensity: false }), { policy: "rule-based" });
    expect(r.ips).toBeNull();
    expect(r.snips).toBeNull();
    expect(r.dr).toBeNull();
    expect(r.dm).not.toBeNull();
    expect(r.diagnostics.effectiveSampleSize).toBeNull();
    expect(r.warnings).toContain(
      "600 of 600 decisions have no propensity: only the direct method (DM) is given; IPS, SNIPS and DR need every decision's propensity",
    );
    expect(formatEvaluation(r)).toMatch(/IPS +— +needs every decision's propensity/);
  });

  it("says so when the trace does not record the available backends", () => {
    const data = loggedData(
      [
        { backend: "b", latencyMs: 1, propensity: 0.5, sloMet: true },
        { backend: "a", latencyMs: 1, propensity: 0.5, sloMet: false },
      ],
      { source: "t.csv" },
    );
    expect(evaluateLogged(data, { policy: "random", minEffectiveSampleSize: 0 }).warnings).toEqual([
      "the trace has no available column: every backend it mentions (b, a) is taken as available at every decision",
    ]);
  });

  it("warns when the effective sample size is small", () => {
    // The target (always:mem0) is logged with probability 0.02: about 12 of 600 rows carry
    // weight 50, so the ESS is about 12.
    const r = evaluateLogged(
      log(600, () => [0.49, 0.49, 0.02], 3),
      { policy: "always:mem0" },
    );
    expect(r.diagnostics.effectiveSampleSize!).toBeLessThan(30);
    expect(r.warnings.some((w) => w.startsWith("the effective sample size is "))).toBe(true);
  });

  it("clipping weights trades bias for variance", () => {
    // always:mem0 is logged with probability 0.02: its rows weigh 50. Clipped at 10, IPS
    // becomes (10/50) of its value (every non-zero weight is cut the same), its se too.
    const data = log(3000, () => [0.49, 0.49, 0.02], 8);
    const plain = evaluateLogged(data, { policy: "always:mem0" });
    const clipped = evaluateLogged(data, { policy: "always:mem0", clip: 10 });
    expect(clipped.ips!.value).toBeCloseTo(plain.ips!.value / 5, 12);
    expect(clipped.ips!.se).toBeCloseTo(plain.ips!.se / 5, 12);
    // SNIPS is scale-free: a common cut changes nothing.
    expect(clipped.snips!.value).toBeCloseTo(plain.snips!.value, 12);
    expect(clipped.diagnostics.maxWeight).toBe(10);
    expect(clipped.diagnostics.clippedShare).toBeCloseTo(
      plain.diagnostics.neverTakenShare === null ? 0 : 1 - plain.diagnostics.neverTakenShare,
      12,
    );
    expect(plain.diagnostics.clippedShare).toBeNull();
    expect(() => evaluateLogged(data, { policy: "always:mem0", clip: 0 })).toThrow(/--clip/);
  });

  it("with a deterministic logging policy: no overlap, said, or refused", () => {
    const data = log(900, onlyQdrant, 4);
    // rule-based takes qdrant only for similarity: IPS sees a third of the traffic, and the
    // other two thirds of its choices are cells the log never tried.
    const r = evaluateLogged(data, { policy: "rule-based" });
    expect(r.diagnostics.unsupportedShare).toBeCloseTo(2 / 3, 1);
    expect(r.warnings.some((w) => w.includes("cells the trace never logged"))).toBe(true);
    // always:neo4j never takes the logged backend: nothing in the log is about it.
    expect(() => evaluateLogged(data, { policy: "always:neo4j" })).toThrow(OpeInputError);
    expect(() => evaluateLogged(data, { policy: "always:neo4j" })).toThrow(
      "log.csv: no rows always:neo4j can be judged on: on none of the 900 logged decisions would it take the logged backend",
    );
  });

  it("evaluates learning policies by replay", () => {
    const r = evaluateLogged(log(3000, uniform, 5), { policy: "thompson" });
    expect(r.method).toBe("replay");
    expect(r.ips).toBeNull();
    expect(r.replay!.steps).toBeGreaterThan(800);
    expect(r.warnings.some((w) => w.startsWith("replay evaluates thompson over the "))).toBe(true);
    expect(formatEvaluation(r)).toMatch(/^ {2}replay /m);
  });

  it("is deterministic; the bootstrap's interval matches the closed form's", () => {
    const data = log(5000, uniform, 6);
    const a = evaluateLogged(data, { policy: "epsilon:0.2:rule-based", interval: "bootstrap" });
    const b = evaluateLogged(data, { policy: "epsilon:0.2:rule-based", interval: "bootstrap" });
    expect(a).toEqual(b);
    const other = evaluateLogged(data, {
      policy: "epsilon:0.2:rule-based",
      interval: "bootstrap",
      seed: 7,
    });
    expect(other.ips!.lo).not.toBe(a.ips!.lo);
    const closed = evaluateLogged(data, { policy: "epsilon:0.2:rule-based" });
    // Both estimate the same sampling distribution: the percentile ends of 200 replicates
    // are ≈ 10 % uncertain in width, so widths agree within 25 % (2.5 such errors).
    for (const k of ["ips", "snips", "dm", "dr"] as const) {
      expect(a[k]!.value).toBe(closed[k]!.value);
      const ratio = (a[k]!.hi - a[k]!.lo) / (closed[k]!.hi - closed[k]!.lo);
      expect(ratio).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.25);
    }
  });
});
