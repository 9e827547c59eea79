import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { createRouter, type Router, readParamsFile } from "../../src/routing/index.js";
import { LinearThompsonRouter } from "../../src/routing/linear-thompson.js";
import { LinUcbRouter } from "../../src/routing/linucb.js";

// A linear contextual problem: one query type, four topics of three texts each; backend k
// answers topic k well (success probability 0.8) and the others badly (0.3). Twelve hashed
// vectors in 69 dimensions are linearly independent, so these per-text means are exactly
// linear in the features: θ_k = X⁺ μ_k exists, and disjoint LinUCB's model is well specified.
const BACKENDS = ["neo4j", "qdrant", "mem0", "inmemory"];
const TOPICS = [
  ["graph of colleagues around Alice", "links between Bob and the audit", "who reports to Chen"],
  ["vectors near this embedding", "passages like the onboarding guide", "nearest notes to drift"],
  ["my saved preferences", "my favourite recipes", "notes I wrote about Marcus"],
  ["the last hour of alerts", "what happened a minute ago", "the newest deploy logs"],
];
const CONTEXTS = TOPICS.flatMap((texts, topic) => texts.map((text) => ({ text, topic })));
const mean = (topic: number, backend: number) => (topic === backend ? 0.8 : 0.3);

/** Runs T rounds; returns the best-backend rate over the last `tail` rounds. */
function play(router: Router, T: number, tail: number, seed: number): number {
  const rng = createStream(seed, "contexts");
  const noise = createStream(seed, "rewards");
  let best = 0;
  for (let t = 0; t < T; t++) {
    const c = CONTEXTS[rng.int(CONTEXTS.length)];
    const d = router.select({ text: c.text, type: "unknown" }, { available: BACKENDS, now: t });
    const b = BACKENDS.indexOf(d.backend);
    if (t >= T - tail && b === c.topic) best++;
    const ok = noise.next() < mean(c.topic, b);
    router.record({ decision: d, relevance: ok ? 1 : 0, latencyMs: 1, now: t });
  }
  return best / tail;
}

describe("contextual routers on a linear problem", () => {
  it("LinUCB converges to the best backend for each context; per-type Thompson cannot", () => {
    // Why 0.95 over the last 2,000 of 8,000 rounds: on context x, LinUCB prefers a wrong
    // backend only while its width α√(xᵀA⁻¹x) exceeds the gap 0.5 minus the estimation error.
    // With n_x pulls of (x, backend), xᵀA⁻¹x ≈ 1/(λ + n_x), so at α = 1 a wrong backend stops
    // being tried after ≈ 1/0.25² = 16 pulls per context (a few times that with noise): about
    // 12 × 3 × 50 = 1,800 wrong pulls, nearly all in the first rounds. A residual 5 % error
    // rate late is 100 wrong pulls in the window, far above that. Per-type Thompson sees one
    // arm per backend with mean 0.8·¼ + 0.3·¾ = 0.425 for all, so it is right ≈ ¼ of the time:
    // its best rate (≤ 0.5 with overwhelming probability: 2,000 Bernoulli(¼), 0.5 is 20 sd off)
    // shows the context matters.
    const linucb = new LinUcbRouter({ seed: 1 });
    expect(play(linucb, 8000, 2000, 7)).toBeGreaterThan(0.95);
    // The greedy choice (xᵀθ̂ alone) is the best backend for every context.
    const greedy = new LinUcbRouter({ alpha: 0 });
    greedy.load(linucb.save());
    for (const c of CONTEXTS) {
      const d = greedy.select({ text: c.text, type: "unknown" }, { available: BACKENDS });
      expect(d.backend, c.text).toBe(BACKENDS[c.topic]);
    }
    const thompson = createRouter("thompson", { seed: 1 });
    expect(play(thompson, 8000, 2000, 7)).toBeLessThan(0.5);
  });

  it("linear Thompson sampling converges too", () => {
    // Same problem; its posterior width v√(xᵀA⁻¹x) shrinks as LinUCB's does (v = ½ < α = 1),
    // and a wrong backend wins a draw only when a normal draw covers the 0.5 gap: after 50
    // pulls per context, P ≈ Φ(−0.5/(0.5/√50)) ≈ 10⁻¹², so the same 0.95 holds.
    expect(play(new LinearThompsonRouter({ seed: 2 }), 8000, 2000, 8)).toBeGreaterThan(0.95);
  });
});

describe("saving and loading", () => {
  const dir = mkdtempSync(join(tmpdir(), "linear-params-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("round-trips through a JSON file: the loaded router decides as the saved one", () => {
    for (const name of ["linucb", "linear-thompson"] as const) {
      const a = createRouter(name, { rng: createStream(3, name) });
      play(a, 1500, 1, 3);
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(a.save()));
      const b = createRouter(name, { rng: createStream(9, name) });
      b.load(readParamsFile(file), { source: file });
      expect(b.save()).toEqual(JSON.parse(JSON.stringify(a.save())));
      // Same state and same random stream ⇒ same decisions.
      const c = createRouter(name, { rng: createStream(5, "same") });
      c.load(a.save());
      const d2 = createRouter(name, { rng: createStream(5, "same") });
      d2.load(readParamsFile(file));
      for (const ctx of CONTEXTS) {
        const q = { text: ctx.text, type: "unknown" };
        expect(d2.select(q, { available: BACKENDS }).backend).toBe(
          c.select(q, { available: BACKENDS }).backend,
        );
      }
    }
  });

  it("rejects a bad file naming the field, and changes nothing", () => {
    const a = new LinUcbRouter({ seed: 1 });
    play(a, 300, 1, 1);
    const good = a.save();
    const d = a.featurizer.size;
    const bad = (mutate: (p: ReturnType<typeof structuredClone<typeof good>>) => void) => {
      const p = structuredClone(good);
      mutate(p);
      return p;
    };
    const target = new LinUcbRouter({ seed: 1 });
    target.load(good);
    const before = JSON.stringify(target.save());
    const cases: [unknown, RegExp][] = [
      [bad((p) => (p.features.dimension = 32)), /^f\.features\.dimension: is 32, but/],
      [bad((p) => (p.features.seed = 4)), /^f\.features\.seed: is 4/],
      [bad((p) => p.features.types.reverse()), /^f\.features\.types: /],
      [
        bad((p) => p.arms.neo4j.A.pop()),
        new RegExp(`^f\\.arms\\.neo4j\\.A: has ${d * d - 1} entries`),
      ],
      [bad((p) => p.arms.neo4j.b.push(1)), /^f\.arms\.neo4j\.b: has 70 entries, expected 69/],
      [bad((p) => (p.arms.neo4j.A[1] = 5)), /^f\.arms\.neo4j\.A\.69: is .* mirror entry 1 is 5/],
      [
        bad((p) => {
          p.arms.qdrant.A = p.arms.qdrant.A.map((v: number) => -v);
        }),
        /^f\.arms\.qdrant\.A: is not positive definite/,
      ],
      [bad((p) => (p.arms.neo4j.outcomes = -1)), /^f\.arms\.neo4j\.outcomes: /],
      [bad((p) => (p.format = "x" as typeof p.format)), /^f\.format: /],
      [{ ...good, extra: 1 }, /^f: .*extra/],
    ];
    for (const [params, message] of cases) {
      expect(() => target.load(params, { source: "f" })).toThrow(message);
      expect(JSON.stringify(target.save())).toBe(before);
    }
  });
});
