import { describe, expect, it } from "vitest";
import { PosteriorWatcher } from "../../src/routing/posterior-watcher.js";
import { createRouter } from "../../src/routing/registry.js";
import type { Router } from "../../src/routing/types.js";

const BACKENDS = ["neo4j", "qdrant", "mem0"];
const TYPES = ["similarity", "personal"];

/** Routes `n` queries (types alternating, 10 ms apart), every backend but neo4j answering well. */
function drive(router: Router, n: number): string[] {
  const chosen: string[] = [];
  for (let i = 0; i < n; i++) {
    const now = i * 10;
    const d = router.select({ type: TYPES[i % 2] }, { available: BACKENDS, now });
    chosen.push(d.backend);
    const good = d.backend !== "neo4j";
    router.record({ decision: d, relevance: good ? 0.9 : 0.1, latencyMs: 5, success: good, now });
  }
  return chosen;
}

const thompson = (seed: number) =>
  createRouter("thompson", { seed, backends: BACKENDS, queryTypes: TYPES });

describe("PosteriorWatcher", () => {
  it("routes exactly as the router it watches", () => {
    const plain = drive(thompson(3), 400);
    const watched = new PosteriorWatcher(thompson(3), {
      queryType: "similarity",
      backends: BACKENDS,
      checkpoints: [0, 100, 400],
      truth: () => 0.5,
    });
    expect(drive(watched, 400)).toEqual(plain);
    expect(watched.name).toBe("thompson");
  });

  it("snapshots the prior before the first query and the evidence at each checkpoint", () => {
    const truths: [string, number][] = [];
    const watched = new PosteriorWatcher(thompson(4), {
      queryType: "similarity",
      backends: BACKENDS,
      checkpoints: [0, 100, 400],
      truth: (backend, now) => {
        truths.push([backend, now]);
        return backend === "neo4j" ? 0.1 : 0.9;
      },
    });
    drive(watched, 400);
    // The last checkpoint equals the run's length: it is due only when the run ends.
    expect(watched.snapshots.map((s) => s.queries)).toEqual([0, 100]);
    watched.finish();
    const snaps = watched.snapshots;
    expect(snaps.map((s) => s.queries)).toEqual([0, 100, 400]);
    // Query k arrives at 10·k ms; the end-of-run snapshot is at the last time seen.
    expect(snaps.map((s) => s.timeMs)).toEqual([0, 1000, 3990]);
    expect(snaps[0].arms).toEqual(
      BACKENDS.map((backend) => ({
        backend,
        alpha: 1,
        beta: 1,
        mean: 0.5,
        truth: backend === "neo4j" ? 0.1 : 0.9,
      })),
    );
    // Every similarity query (half of them) adds one outcome to one of its arms.
    const evidence = (k: number) => snaps[k].arms.reduce((sum, a) => sum + a.alpha + a.beta - 2, 0);
    expect(evidence(1)).toBe(50);
    expect(evidence(2)).toBe(200);
    expect(truths.filter(([, now]) => now === 1000).map(([b]) => b)).toEqual(BACKENDS);
  });

  it("takes no snapshot twice, even when finish is called again", () => {
    const watched = new PosteriorWatcher(thompson(5), {
      queryType: "personal",
      backends: BACKENDS,
      checkpoints: [10],
      truth: () => 1,
    });
    drive(watched, 10);
    watched.finish();
    watched.finish();
    expect(watched.snapshots).toHaveLength(1);
  });
});
