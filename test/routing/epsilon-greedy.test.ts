import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import {
  AlwaysRouter,
  EpsilonGreedyRouter,
  LeastOutstandingRouter,
  PeakEwmaRouter,
  RandomRouter,
  RoundRobinRouter,
  Ucb1Router,
} from "../../src/routing/index.js";
import type { Router } from "../../src/routing/types.js";

describe("EpsilonGreedyRouter", () => {
  it("explores at rate ε", () => {
    // Arm "good" always succeeds, the others always fail, so after each arm's first play the
    // greedy choice is "good". Each decision explores with probability ε = 0.1 and then picks
    // uniformly among k = 3 arms. Over N = 20,000 decisions the explore count is
    // Binomial(N, ε): mean 2,000, sd √(N ε (1 − ε)) = 42.4; the non-greedy picks are
    // Binomial(N, ε (k − 1)/k): mean 1,333, sd 35.3. Both are checked within 5 sd (a false
    // failure has probability < 1e-6).
    const available = ["good", "bad1", "bad2"];
    const r = new EpsilonGreedyRouter({ seed: 11, epsilon: 0.1, backends: available });
    // Warm up: one outcome per arm (optimistic initial values make each arm tried first).
    for (let i = 0; i < available.length; i++) {
      const d = r.select({ type: "t" }, { available });
      r.record({ decision: d, relevance: d.backend === "good" ? 1 : 0, latencyMs: 1 });
    }
    const n = 20_000;
    let explored = 0;
    let nonGreedy = 0;
    for (let i = 0; i < n; i++) {
      const d = r.select({ type: "t" }, { available });
      if (d.reason.startsWith("ε-greedy explored")) explored++;
      if (d.backend !== "good") nonGreedy++;
      r.record({ decision: d, relevance: d.backend === "good" ? 1 : 0, latencyMs: 1 });
    }
    expect(Math.abs(explored - n * 0.1)).toBeLessThan(5 * Math.sqrt(n * 0.1 * 0.9));
    const q = (0.1 * 2) / 3;
    expect(Math.abs(nonGreedy - n * q)).toBeLessThan(5 * Math.sqrt(n * q * (1 - q)));
  });

  it("rejects ε outside [0, 1]", () => {
    expect(() => new EpsilonGreedyRouter({ epsilon: 1.5 })).toThrow(/epsilon/);
  });
});

describe("Ucb1Router", () => {
  it("tries every backend once, then favours the best", () => {
    const available = ["a", "b", "c"];
    const p: Record<string, number> = { a: 0.2, b: 0.8, c: 0.5 };
    const r = new Ucb1Router({ backends: available });
    const world = createStream(3, "ucb-world");
    const first = new Set<string>();
    let b = 0;
    for (let t = 0; t < 4000; t++) {
      const d = r.select({ type: "t" }, { available });
      if (t < 3) first.add(d.backend);
      if (t >= 2000 && d.backend === "b") b++;
      r.record({ decision: d, relevance: world.next() < p[d.backend] ? 1 : 0, latencyMs: 1 });
    }
    expect(first).toEqual(new Set(available));
    // Auer et al. (2002), proof of Theorem 1: on every run a worse arm i is played at most
    // ℓᵢ + Rᵢ times in T = 4000 rounds, ℓᵢ = ⌈8 ln T / Δᵢ²⌉ and Rᵢ ≥ 0 with E[Rᵢ] ≤ π²/3. Here
    // ℓ = 185 for a (Δ = 0.6) and 738 for c (Δ = 0.3). Markov's inequality on R = R_a + R_c
    // (E[R] ≤ 2π²/3 = 6.6) with δ = 0.05: R < 132 except with probability 0.05. So the worse
    // arms get < 185 + 738 + 132 = 1055 plays in all and b more than 2000 − 1055 = 945 of the
    // last 2000 (uniform routing gives 667 ± 21).
    const l = (gap: number) => Math.ceil((8 * Math.log(4000)) / gap ** 2);
    const excess = (2 * Math.PI ** 2) / 3 / 0.05;
    expect(b).toBeGreaterThan(2000 - (l(0.6) + l(0.3) + excess));
  });
});

describe("baselines", () => {
  it("random is uniform over the available backends", () => {
    // Each of 4 backends: Binomial(40,000, 1/4), sd 86.6; within 5 sd.
    const r = new RandomRouter({ seed: 12 });
    const available = ["a", "b", "c", "d"];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 40_000; i++) counts[r.select({}, { available }).backend]++;
    for (const k of available) expect(Math.abs(counts[k] - 10_000)).toBeLessThan(5 * 86.6);
  });

  it("round-robin cycles in order", () => {
    const r = new RoundRobinRouter();
    const seq = Array.from(
      { length: 7 },
      () => r.select({}, { available: ["x", "y", "z"] }).backend,
    );
    expect(seq).toEqual(["x", "y", "z", "x", "y", "z", "x"]);
  });

  it("always-X chooses X, or the first available when X is down", () => {
    const r = new AlwaysRouter({ backend: "mem0" });
    expect(r.select({}, { available: ["qdrant", "mem0"] })).toMatchObject({
      backend: "mem0",
      confidence: 1,
    });
    const down = r.select({}, { available: ["qdrant", "neo4j"] });
    expect(down).toMatchObject({ backend: "qdrant", confidence: 0 });
    expect(down.reason).toMatch(/unavailable/);
  });
});

describe("LeastOutstandingRouter (power of two choices)", () => {
  it("never picks the busier of the two backends it draws", () => {
    // With two backends, both are always drawn, so the one with fewer requests in flight wins.
    const r = new LeastOutstandingRouter({ seed: 13 });
    const available = ["a", "b"];
    for (let i = 0; i < 5; i++) r.onDispatch("a", 0);
    for (let i = 0; i < 100; i++) expect(r.select({}, { available }).backend).toBe("b");
    const d = r.select({}, { available });
    for (let i = 0; i < 5; i++) r.record({ decision: d, backend: "a", relevance: 1, latencyMs: 1 });
    r.onDispatch("b", 0);
    expect(r.select({}, { available }).backend).toBe("a");
    r.onCancel("b", 0);
    expect(r.inFlight()).toMatchObject({ a: 0, b: 0 });
  });

  it("keeps in-flight counts closer together than random routing does (closed loop)", () => {
    // Requests take 10 steps and each step dispatches one, so 10 are in flight. Random routing
    // puts each on one of 3 backends independently: the counts are Multinomial(10, ⅓) and
    // Σ(nᵢ − 10/3)² averages 10·(1 − ⅓) ≈ 6.7. P2C never adds to the busier of the two backends
    // it draws, which pulls the counts together (they are not kept within one: the backend
    // left undrawn can be the idlest): measured ≈ 1.5, at most 0.27 of the random control's on
    // each of 500 seeds. The served totals are no test: a RandomRouter keeps them within 100
    // of 1000 too (Binomial sd 26), so the in-flight imbalance is compared, seed for seed.
    const closedLoop = (r: Router) => {
      const available = ["a", "b", "c"];
      const inFlight: Record<string, number> = { a: 0, b: 0, c: 0 };
      const pending: { done: number; decision: ReturnType<typeof r.select> }[] = [];
      let squares = 0;
      const steps = 3000;
      for (let t = 0; t < steps; t++) {
        while (pending.length > 0 && pending[0].done <= t) {
          const p = pending.shift()!;
          inFlight[p.decision.backend]--;
          r.record({ decision: p.decision, relevance: 1, latencyMs: 10 });
        }
        const d = r.select({}, { available });
        r.onDispatch?.(d.backend, t);
        inFlight[d.backend]++;
        pending.push({ done: t + 10, decision: d });
        const counts = Object.values(inFlight);
        const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
        squares += counts.reduce((a, n) => a + (n - mean) ** 2, 0);
      }
      return squares / steps;
    };
    for (const seed of [14, 15, 16, 17, 18]) {
      const p2c = closedLoop(new LeastOutstandingRouter({ seed }));
      const random = closedLoop(new RandomRouter({ seed }));
      expect(p2c).toBeLessThan(random / 2);
    }
  });
});

describe("PeakEwmaRouter", () => {
  it("moves traffic away from a backend whose latency jumps", () => {
    // Three backends at 50 ms. At t = 60 s backend "a" jumps to 500 ms. A request arrives
    // every 10 ms and completes after its latency. Before the jump costs are equal and P2C
    // shares traffic about evenly. After, "a"'s EWMA jumps to 500 (peak), so its cost stays
    // above the others' (≈ 50 × (in flight + 1) ≤ 150 with ≤ 2 in flight each) until idle
    // decay brings it down. A bound on "a"'s requests in the 10 s after the jump: (1) until
    // its first 500 ms answer, every request sent to it is still in flight and its EWMA is
    // still 50 (decayed by < 10 %: its last answer is < 1 s old), while the other drawn backend
    // costs ≤ 50·(4 + 1) (a 50 ms request sent every 10 ms: at most 4 in flight), so P2C sends
    // to "a" only while it has ≤ 4 in flight: at most 5 requests. (2) From then on its EWMA is
    // 500 and its cost 500·e^(−Δt/τ)·(in flight + 1) stays above 250 until Δt > τ ln 2 = 6.9 s
    // after its last answer (≥ 60.5 s); one request then doubles its cost, and that answer
    // (0.5 s later) restarts the decay, leaving no time for another before 70 s. So ≤ 6.
    const r = new PeakEwmaRouter({ seed: 15, decayMs: 10_000 });
    const available = ["a", "b", "c"];
    const latency = (b: string, t: number) => (b === "a" && t >= 60_000 ? 500 : 50);
    const pending: { done: number; d: ReturnType<typeof r.select>; lat: number }[] = [];
    const before: Record<string, number> = { a: 0, b: 0, c: 0 };
    const after: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let t = 0; t < 70_000; t += 10) {
      pending.sort((x, y) => x.done - y.done);
      while (pending.length > 0 && pending[0].done <= t) {
        const p = pending.shift()!;
        r.record({ decision: p.d, relevance: 1, latencyMs: p.lat, now: p.done });
      }
      const d = r.select({}, { available, now: t });
      r.onDispatch(d.backend, t);
      const lat = latency(d.backend, t);
      pending.push({ done: t + lat, d, lat });
      if (t >= 50_000 && t < 60_000) before[d.backend]++;
      if (t >= 60_000) after[d.backend]++;
    }
    // Before: 1000 decisions, "a" about a third (binomial sd ≈ 15; 5 sd either way).
    expect(Math.abs(before.a - 333)).toBeLessThan(75);
    expect(after.a).toBeLessThanOrEqual(6);
    expect(r.loads(70_000).a.ewmaMs).toBe(500);
  });

  it("validates its options", () => {
    expect(() => new PeakEwmaRouter({ decayMs: 0 })).toThrow(/decayMs/);
    expect(() => new PeakEwmaRouter({ choices: "three" as "all" })).toThrow(/choices/);
  });
});
