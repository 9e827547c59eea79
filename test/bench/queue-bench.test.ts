import { describe, expect, it } from "vitest";
import { measureQueue, QUEUE_TARGETS, queueBenchTable } from "../../src/bench/queue-bench.js";
import type { SimulationScalingResult } from "../../src/bench/simulation-scaling.js";

// The plumbing of the queue bench on tiny workloads: its own redis-server and three
// `routing-lab worker` processes start and stop, the figures are computed from what was timed,
// and the queued sweeps give the local results. The timings themselves are the bench's to
// print, not a test's to judge.
describe("measureQueue", () => {
  it("times empty jobs and a sweep on 1 and 2 worker processes, against a given ceiling", async () => {
    const spread = { median: 1, min: 1, max: 1, mad: 0, runs: 1 };
    // The worker-threads section's result for the same work: its ceiling is reused.
    const scaling: SimulationScalingResult = {
      strategy: "thompson",
      reps: 2,
      rounds: 2_000,
      oneWorkerMs: spread,
      twoWorkersMs: spread,
      speedup: 1.5,
      target: 0.9,
      meetsTarget: false,
      identical: true,
      processSpeedup: 1.7,
      efficiency: 1.5 / 1.7,
    };
    const lines: string[] = [];
    const r = await measureQueue({
      jobs: 5,
      batches: 2,
      reps: 2,
      rounds: 2_000,
      runs: 1,
      scaling,
      log: (l) => lines.push(l),
    });
    expect(r.overhead.jobs).toBe(5);
    expect(r.overhead.msPerJob.runs).toBe(2);
    expect(r.overhead.localMsPerJob.runs).toBe(2);
    expect(r.overhead.meetsTarget).toBe(r.overhead.msPerJob.median <= 5);
    const t = r.throughput;
    expect(t.identical).toBe(true);
    expect(t.oneWorkerMs.runs).toBe(1);
    expect(t.twoWorkersMs.runs).toBe(1);
    // One run: the speed-up is that run's ratio.
    expect(t.speedup).toBeCloseTo(t.oneWorkerMs.median / t.twoWorkersMs.median, 9);
    expect(t.processSpeedup).toBe(1.7);
    expect(t.ceilingFrom).toBe("simulationScaling");
    expect(t.efficiency).toBeCloseTo(t.speedup / 1.7, 12);
    expect(t.target).toBe(QUEUE_TARGETS.ceilingShare);
    expect(t.meetsTarget).toBe(t.efficiency >= 0.9);
    expect(lines.some((l) => l.startsWith("queue: redis-server at redis://127.0.0.1:"))).toBe(true);
    const table = queueBenchTable(r);
    expect(table).toHaveLength(5);
    expect(table[4][2]).toMatch(/^≥ 90 % (met|NOT met)$/);
  }, 180_000);
});
