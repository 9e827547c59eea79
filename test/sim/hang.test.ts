import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { simulateTrace } from "../../src/calibration/simulate-trace.js";
import { parseScenario, type Scenario, ScenarioError } from "../../src/sim/index.js";
import { compileScenario } from "../../src/sim/model/compiled-scenario.js";

/** One lognormal backend (median 40 ms, σ = 0.5) with a 100 ms timeout and the given hangs. */
function scenario(backend: Record<string, unknown> = {}): Scenario {
  return {
    name: "hangs",
    backends: {
      store: {
        latencyMs: { type: "lognormal", mu: Math.log(40), sigma: 0.5 },
        relevance: { default: { type: "constant", value: 1 } },
        timeoutMs: 100,
        ...backend,
      },
    },
    workload: { mix: { lookup: 1 }, arrivals: { type: "poisson", qps: 100 } },
    slo: { latencyMs: 1000, minRelevance: 0.5 },
  } as Scenario;
}

function messageOf(json: unknown): string {
  try {
    parseScenario(json, "x.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error("expected a ScenarioError");
}

describe("hangProbability is validated like the other backend fields", () => {
  it("accepts [0, 1) with a timeout", () => {
    expect(parseScenario(scenario({ hangProbability: 0 }), "x.json")).toBeTruthy();
    expect(parseScenario(scenario({ hangProbability: 0.999 }), "x.json")).toBeTruthy();
  });

  it("rejects 1, negatives and non-numbers, naming the field", () => {
    for (const bad of [1, -0.01, "0.1"]) {
      expect(messageOf(scenario({ hangProbability: bad }))).toContain(
        "backends.store.hangProbability",
      );
    }
  });

  it("needs the backend's timeoutMs when above 0 (a hang ends there)", () => {
    const s = scenario({ hangProbability: 0.1 });
    delete s.backends.store.timeoutMs;
    expect(messageOf(s)).toBe(
      "x.json: backends.store.hangProbability needs the backend's timeoutMs (a hang ends there)",
    );
    const none = scenario({ hangProbability: 0 });
    delete none.backends.store.timeoutMs;
    expect(parseScenario(none, "x.json")).toBeTruthy();
  });

  it("rejects a misspelt key", () => {
    expect(messageOf(scenario({ hangProbabilty: 0.1 }))).toContain("hangProbabilty");
  });
});

describe("the engine simulates hangs as timeouts", () => {
  const n = 40_000;
  const h = 0.05;
  const rows = simulateTrace({
    scenario: parseScenario(scenario({ hangProbability: h }), "x.json"),
    rounds: n,
    seed: 3,
  });

  it("times out a share h + (1 − h)·S(timeout) of requests, at the timeout", () => {
    const s = 1 - jStat.lognormal.cdf(100, Math.log(40), 0.5); // ≈ 0.0335
    const p = h + (1 - h) * s;
    const timedOut = rows.filter((r) => r.status === "timeout");
    // Binomial: |p̂ − p| < 4.5·√(p(1 − p)/n), false failure ≈ 7e-6.
    expect(Math.abs(timedOut.length / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
    for (const r of timedOut) {
      expect(r.latencyMs).toBe(100);
      expect(r.relevance).toBe(0);
      expect(r.success).toBe(false);
    }
    // Answered requests keep the body's distribution below the timeout: their share under the
    // median 40 ms is F(40)/F(100) = 0.5/(1 − s), within 4.5 binomial sds.
    const ok = rows.filter((r) => r.status === "ok");
    const q = 0.5 / (1 - s);
    const below = ok.filter((r) => r.latencyMs <= 40).length / ok.length;
    expect(Math.abs(below - q)).toBeLessThan(4.5 * Math.sqrt((q * (1 - q)) / ok.length));
  });

  it("lowers the backend's expected reward by the factor 1 − h", () => {
    const with_ = compileScenario(parseScenario(scenario({ hangProbability: h }), "x.json"));
    const without = compileScenario(parseScenario(scenario(), "x.json"));
    expect(with_.expectedReward(0, 0, 0)).toBeCloseTo(
      without.expectedReward(0, 0, 0) * (1 - h),
      14,
    );
  });

  it("leaves a scenario without hangs as it was, and is deterministic", () => {
    const a = simulateTrace({
      scenario: parseScenario(scenario(), "x.json"),
      rounds: 2000,
      seed: 5,
    });
    const b = simulateTrace({
      scenario: parseScenario(scenario({ hangProbability: 0 }), "x.json"),
      rounds: 2000,
      seed: 5,
    });
    expect(b).toEqual(a);
    const again = simulateTrace({
      scenario: parseScenario(scenario({ hangProbability: h }), "x.json"),
      rounds: n,
      seed: 3,
    });
    expect(again).toEqual(rows);
  });

  it("keeps each request's latency draw: answered requests are the same with and without hangs", () => {
    // Same seed: hangs only turn some requests into timeouts; the latency stream is untouched,
    // so every request answered in both runs has the same latency (compared by arrival order).
    const base = simulateTrace({
      scenario: parseScenario(scenario(), "x.json"),
      rounds: 2000,
      seed: 5,
    });
    const hung = simulateTrace({
      scenario: parseScenario(scenario({ hangProbability: 0.2 }), "x.json"),
      rounds: 2000,
      seed: 5,
    });
    const okBase = new Set(base.filter((r) => r.status === "ok").map((r) => r.latencyMs));
    const okHung = hung.filter((r) => r.status === "ok");
    expect(okHung.length).toBeGreaterThan(1000);
    for (const r of okHung) expect(okBase.has(r.latencyMs)).toBe(true);
  });
});
