import { Worker } from "node:worker_threads";
import { createSimulationPool } from "../sim/run/pool.js";
import { runExperiment } from "../sim/run/run-experiment.js";
import { loadScenario } from "../sim/scenario/load.js";
import { defineSection } from "./section.js";
import { defaultScenarioPath } from "./simulation-scenario.js";
import { type Spread, spreadOf } from "./stats.js";

/** Options of {@link measureSimulationScaling}. */
export interface SimulationScalingOptions {
  /** Repetitions (tasks) per experiment; default 8. */
  reps?: number;
  /** Queries per repetition; default 250,000. */
  rounds?: number;
  /** Timed experiments per worker count; figures are medians. Default 3. */
  runs?: number;
  strategy?: string;
  seed?: number;
  log?: (line: string) => void;
}

/** What {@link measureSimulationScaling} returns. */
export interface SimulationScalingResult {
  strategy: string;
  reps: number;
  rounds: number;
  /** Wall-clock ms of the experiment on a warm pool (thread start-up excluded), 1 and 2 workers. */
  oneWorkerMs: Spread;
  twoWorkersMs: Spread;
  /** Median time with 1 worker / median time with 2. */
  speedup: number;
  /** The bound: 2 workers at least 1.8× as fast as 1. */
  target: number;
  meetsTarget: boolean;
  /** Whether both worker counts produced identical results (they must). */
  identical: boolean;
  /**
   * The same measurement for a fixed throughput-bound integer kernel (eight independent
   * chains of multiplies, shifts and xors) run in 1 and 2 worker threads: what this machine's
   * cores can give at best. Where two vCPUs share one physical core (hyper-threads), it is
   * ≈ 1.0 and no CPU-bound code can scale.
   */
  hardwareSpeedup: number;
}

/**
 * Measures how repetitions scale over worker threads: the same experiment (one strategy ×
 * `reps` repetitions of the default scenario) with 1 and with 2 piscina workers, wall-clock,
 * pool start-up included, medians over runs. Also checks that both give identical results.
 *
 * @param options reps, rounds, runs
 * @returns both timings and the speed-up
 * @example (await measureSimulationScaling({ reps: 4, rounds: 100_000 })).speedup
 */
export async function measureSimulationScaling(
  options: SimulationScalingOptions = {},
): Promise<SimulationScalingResult> {
  const scenario = loadScenario(defaultScenarioPath());
  const reps = options.reps ?? 8;
  const rounds = options.rounds ?? 250_000;
  const runs = options.runs ?? 3;
  const strategy = options.strategy ?? "thompson";
  const seed = options.seed ?? 42;
  const log = options.log ?? (() => {});
  const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const fingerprints: Record<1 | 2, string> = { 1: "", 2: "" };
  for (let r = 0; r < runs; r++) {
    // Alternate the order so slow phases of the shared machine hit both counts alike.
    for (const workers of r % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
      // A warm pool: thread start-up (module loading) is a one-off cost per pool that would
      // otherwise dominate a sub-second experiment; a lab session reuses its pool.
      const pool = createSimulationPool(workers);
      let result: Awaited<ReturnType<typeof runExperiment>>;
      let ms: number;
      try {
        await runExperiment({
          scenario,
          strategies: [strategy],
          rounds: 1_000,
          reps: workers,
          seed,
          pool,
        });
        const t0 = performance.now();
        result = await runExperiment({
          scenario,
          strategies: [strategy],
          rounds,
          reps,
          seed,
          pool,
        });
        ms = performance.now() - t0;
      } finally {
        await pool.destroy();
      }
      times[workers].push(ms);
      fingerprints[workers] = JSON.stringify(result.strategies.map((s) => s.repetitions));
      log(`simulation scaling: ${workers} worker(s), run ${r + 1}/${runs}: ${ms.toFixed(0)} ms`);
    }
  }
  const hardwareSpeedup = await kernelSpeedup(runs);
  log(`simulation scaling: hardware kernel speed-up with 2 threads ${hardwareSpeedup.toFixed(2)}`);
  const one = spreadOf(times[1]);
  const two = spreadOf(times[2]);
  const speedup = one.median / two.median;
  return {
    strategy,
    reps,
    rounds,
    oneWorkerMs: one,
    twoWorkersMs: two,
    speedup,
    target: 1.8,
    meetsTarget: speedup >= 1.8,
    identical: fingerprints[1] === fingerprints[2],
    hardwareSpeedup,
  };
}

// Eight independent integer chains: bound by execution-port throughput, not by latency, so
// two hyper-threads of one core slow each other down while two real cores do not.
const KERNEL = `
const { parentPort } = require("node:worker_threads");
let a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8;
for (let i = 0; i < 1e8; i++) {
  a = (a * 1103515245 + 12345) | 0; b = (b * 1664525 + 1013904223) | 0; c = (c ^ (c << 13)) | 0;
  d = (d + (d >>> 7)) | 0; e = (e * 69069 + 1) | 0; f = (f ^ (f >>> 17)) | 0;
  g = (g + 0x9e3779b9) | 0; h = (h ^ (h << 5)) | 0;
}
parentPort.postMessage(a ^ b ^ c ^ d ^ e ^ f ^ g ^ h);
`;

/** Median (time of 1 kernel thread ×2 in sequence) / (time of 2 kernel threads at once). */
async function kernelSpeedup(runs: number): Promise<number> {
  const once = (threads: number) =>
    Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(KERNEL, { eval: true });
            w.once("message", () => resolve());
            w.once("error", reject);
          }),
      ),
    );
  const ratios: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    await once(1);
    await once(1);
    const sequential = performance.now() - t0;
    t0 = performance.now();
    await once(2);
    ratios.push(sequential / (performance.now() - t0));
  }
  return spreadOf(ratios).median;
}

/**
 * Formats a result as text table rows (header first).
 * @param result a measurement
 * @returns rows of cells
 */
export function simulationScalingTable(result: SimulationScalingResult): string[][] {
  const ms = (s: Spread) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
  return [
    [
      "workers",
      "wall time (median, min–max)",
      "speed-up",
      "target",
      "identical results",
      "hardware kernel speed-up",
    ],
    ["1", ms(result.oneWorkerMs), "1.00", "", "", "1.00"],
    [
      "2",
      ms(result.twoWorkersMs),
      result.speedup.toFixed(2),
      `≥ ${result.target} ${result.meetsTarget ? "met" : "NOT met"}`,
      result.identical ? "yes" : "NO",
      result.hardwareSpeedup.toFixed(2),
    ],
  ];
}

/** The `simulation-scaling` section of `routing-lab bench`. */
export const simulationScalingSection = defineSection<SimulationScalingResult>({
  id: "simulationScaling",
  title: "Repetitions on worker threads: 2 workers against 1 (Thompson, default scenario)",
  run: (context) =>
    measureSimulationScaling({
      reps: context.quick ? 4 : 8,
      rounds: context.quick ? 50_000 : 250_000,
      runs: context.quick ? 1 : 3,
      seed: context.seed,
      log: context.log,
    }),
  table: simulationScalingTable,
});
