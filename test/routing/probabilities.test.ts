import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { createRouter, STRATEGY_NAMES } from "../../src/routing/index.js";
import type { Router } from "../../src/routing/types.js";

const AVAILABLE = ["neo4j", "qdrant", "mem0", "inmemory", "hybrid"];
const TYPES = ["relationship", "similarity", "personal"];
/**
 * The registry's strategies that can say their probabilities. The linear ones (linucb,
 * linear-thompson) cannot yet: their traces carry no propensity.
 */
const NAMES = STRATEGY_NAMES.map((n) => (n === "always:<backend>" ? "always:mem0" : n)).filter(
  (n) => n !== "linucb" && n !== "linear-thompson",
);

/** Success probability of each backend in the toy world the routers learn from. */
const WORLD: Record<string, number> = {
  neo4j: 0.5,
  qdrant: 0.7,
  mem0: 0.55,
  inmemory: 0.2,
  hybrid: 0.65,
};

/**
 * Runs `steps` decisions with feedback (two requests in flight at a time, so the load-aware
 * strategies see non-zero counts), optionally asking for probabilities before each one, and
 * returns the backends chosen.
 */
function run(name: string, steps: number, ask: boolean): string[] {
  const router = createRouter(name, { seed: 5, coldStart: name === "thompson" ? 3 : 0 });
  const world = createStream(9, "probabilities-world");
  const estimates = createStream(1, "estimates");
  const chosen: string[] = [];
  const pending: { d: ReturnType<Router["select"]>; at: number }[] = [];
  for (let i = 0; i < steps; i++) {
    const type = TYPES[i % TYPES.length];
    // Availability changes now and then, as an outage would.
    const available = i % 17 < 3 ? AVAILABLE.slice(1) : AVAILABLE;
    const context = { available, now: i * 10 };
    if (ask) router.probabilities?.({ type }, context, { rng: estimates, samples: 50 });
    const d = router.select({ type }, context);
    router.onDispatch?.(d.backend, i * 10);
    chosen.push(d.backend);
    pending.push({ d, at: i * 10 });
    if (pending.length > 2) {
      const { d: done, at } = pending.shift()!;
      const ok = world.next() < WORLD[done.backend];
      router.record({ decision: done, relevance: ok ? 0.9 : 0.1, latencyMs: 5, now: at + 15 });
    }
  }
  return chosen;
}

describe("Router.probabilities", () => {
  it.each(NAMES)("%s: asking changes none of its decisions", (name) => {
    expect(run(name, 600, true)).toEqual(run(name, 600, false));
  });

  it.each(NAMES)("%s: one probability per available backend, summing to 1", (name) => {
    const router = createRouter(name, { seed: 2 });
    expect(router.probabilities).toBeDefined();
    const p = router.probabilities!({ type: "personal" }, { available: AVAILABLE, now: 0 });
    expect(p).toHaveLength(AVAILABLE.length);
    for (const x of p) expect(x).toBeGreaterThanOrEqual(0);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it.each(["rule-based", "always:mem0", "round-robin", "ucb1", "kl-ucb", "sw-ucb", "d-ucb"])(
    "%s: certain, and on the backend select then takes",
    (name) => {
      const router = createRouter(name, { seed: 3 });
      for (let i = 0; i < 40; i++) {
        const context = { available: i % 5 === 0 ? ["qdrant", "hybrid"] : AVAILABLE };
        const query = { type: TYPES[i % 3] };
        const p = router.probabilities!(query, context);
        const d = router.select(query, context);
        expect(p[context.available.indexOf(d.backend)]).toBe(1);
        router.record({ decision: d, relevance: i % 2, latencyMs: 1 });
      }
    },
  );

  it.each(["random", "epsilon-greedy", "least-outstanding", "peak-ewma", "thompson", "exp3"])(
    "%s: the probabilities match the frequencies of its choices",
    (name) => {
      // Train, then freeze: select without record changes nothing these strategies decide by
      // (requests are dispatched, so load counts stay as trained). N = 20,000 choices give
      // each frequency a binomial sd ≤ √(0.25/N) = 0.0035. Thompson's probabilities are
      // themselves a 20,000-draw estimate (sd ≤ 0.0035), so a difference has sd ≤ 0.005;
      // 5 sd = 0.025 (a false failure over 5 backends has probability < 1e-5).
      const router = createRouter(name, { seed: 4, epsilon: 0.2 });
      const world = createStream(8, "frequencies-world");
      const context = { available: AVAILABLE, now: 1000 };
      for (let i = 0; i < 300; i++) {
        const d = router.select({ type: "similarity" }, { available: AVAILABLE, now: i });
        router.onDispatch?.(d.backend, i);
        // Leave every tenth request in flight, so load counts differ between backends.
        if (i % 10 === 0) continue;
        const ok = world.next() < WORLD[d.backend];
        router.record({ decision: d, relevance: ok ? 1 : 0, latencyMs: 3 + (i % 7), now: i });
      }
      const n = 20_000;
      const p = router.probabilities!({ type: "similarity" }, context, {
        rng: createStream(6, "estimate"),
        samples: n,
      });
      const counts = new Array<number>(AVAILABLE.length).fill(0);
      for (let i = 0; i < n; i++) {
        counts[AVAILABLE.indexOf(router.select({ type: "similarity" }, context).backend)]++;
      }
      counts.forEach((c, i) => {
        expect(Math.abs(c / n - p[i])).toBeLessThan(0.025);
      });
      // The strategies above do randomise here (not a certain choice in disguise).
      expect(Math.max(...p)).toBeLessThan(1);
    },
  );

  it("epsilon-greedy: ε/n each, plus 1 − ε on the greedy backend", () => {
    const router = createRouter("epsilon-greedy", { seed: 1, epsilon: 0.3 });
    const available = ["a", "b", "c"];
    for (const [backend, relevance] of [
      ["a", 0],
      ["b", 1],
      ["c", 0],
    ] as const) {
      const d = router.select({ type: "t" }, { available: [backend] });
      router.record({ decision: d, relevance, latencyMs: 1 });
    }
    const p = router.probabilities!({ type: "t" }, { available });
    expect(p[0]).toBeCloseTo(0.1, 12);
    expect(p[1]).toBeCloseTo(0.8, 12);
    expect(p[2]).toBeCloseTo(0.1, 12);
  });

  it("thompson: a bad sample count is refused, naming the option", () => {
    const router = createRouter("thompson", { seed: 1 });
    expect(() =>
      router.probabilities({ type: "t" }, { available: AVAILABLE }, { samples: 0 }),
    ).toThrow(/samples/);
  });
});
