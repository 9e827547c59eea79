import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { Ucb1Router } from "../../src/routing/index.js";

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
