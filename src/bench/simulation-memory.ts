import { execFileSync } from "node:child_process";
import { moduleEntry } from "../lab/module-entry.js";
import { type Spread, spreadOf } from "../stats/spread.js";
import { defineSection } from "./section.js";
import type { MemoryChildInput, MemoryChildOutput } from "./simulation-memory-child.js";

/** Options of {@link measureSimulationMemory}. */
export interface SimulationMemoryOptions {
  /** Queries of the small run; the large run has 10×. Default 200,000. */
  rounds?: number;
  /** Runs of each size (fresh processes); figures are medians. Default 3. */
  runs?: number;
  strategy?: string;
  seed?: number;
  log?: (line: string) => void;
}

/** Options of {@link measurePeakMemory}. */
export interface PeakMemoryOptions {
  /** Fresh processes; figures are medians. Default 3. */
  runs?: number;
  strategy?: string;
  /** Run r uses seed + r. Default 42. */
  seed?: number;
  log?: (line: string) => void;
}

/** One size's memory, measured in fresh processes by {@link measurePeakMemory}. */
export interface PeakMemoryResult {
  rounds: number;
  peakRssBytes: Spread;
  heapUsedBytes: Spread;
  /** Wall time of the simulation in the fresh process (cold: JIT warm-up included), ms. */
  wallMs: Spread;
}

/** What {@link measureSimulationMemory} returns. */
export interface SimulationMemoryResult {
  strategy: string;
  small: { rounds: number; peakRssBytes: Spread; heapUsedBytes: Spread };
  large: { rounds: number; peakRssBytes: Spread; heapUsedBytes: Spread };
  /** Median peak RSS of the large run / of the small run. */
  ratio: number;
  /** The bound: 10× the queries costs less than 1.3× the peak RSS. */
  limit: number;
  meetsLimit: boolean;
}

/**
 * Checks that memory stays flat in the number of queries: runs N and 10·N queries of the
 * default scenario, each in a fresh Node process, and compares the processes' peak RSS
 * (the kernel's high-water mark, so no GC timing can hide a leak). Medians over runs.
 *
 * @param options rounds, runs, strategy
 * @returns both sizes' peaks and their ratio
 * @example measureSimulationMemory({ rounds: 100_000 }).ratio // ≈ 1.0
 */
export function measureSimulationMemory(
  options: SimulationMemoryOptions = {},
): SimulationMemoryResult {
  const rounds = options.rounds ?? 200_000;
  const strategy = options.strategy ?? "thompson";
  const measure = (n: number) => {
    const m = measurePeakMemory(n, { ...options, strategy });
    return { rounds: m.rounds, peakRssBytes: m.peakRssBytes, heapUsedBytes: m.heapUsedBytes };
  };
  const small = measure(rounds);
  const large = measure(rounds * 10);
  const ratio = large.peakRssBytes.median / small.peakRssBytes.median;
  return { strategy, small, large, ratio, limit: 1.3, meetsLimit: ratio < 1.3 };
}

/**
 * Peak memory of simulating `rounds` queries of the default scenario, each run in a fresh Node
 * process (the kernel's high-water mark, so no GC timing can hide a leak). Medians over runs.
 *
 * @param rounds queries to simulate
 * @param options runs, strategy, seed
 * @returns peak RSS, heap after the run and the (cold) wall time
 * @example measurePeakMemory(100_000, { runs: 1 }).peakRssBytes.median
 */
export function measurePeakMemory(
  rounds: number,
  options: PeakMemoryOptions = {},
): PeakMemoryResult {
  const runs = options.runs ?? 3;
  const strategy = options.strategy ?? "thompson";
  const seed = options.seed ?? 42;
  const log = options.log ?? (() => {});
  const { file, execArgv } = moduleEntry(import.meta.url, "./simulation-memory-child");
  const rss: number[] = [];
  const heap: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < runs; r++) {
    const input: MemoryChildInput = { rounds, seed: seed + r, strategy };
    const out = execFileSync(process.execPath, [...execArgv, file, JSON.stringify(input)], {
      encoding: "utf8",
    });
    const m = JSON.parse(out.trim().split("\n").pop() ?? "{}") as MemoryChildOutput;
    rss.push(m.peakRssBytes);
    heap.push(m.heapUsedBytes);
    wall.push(m.wallMs);
    log(
      `simulation memory: ${rounds.toLocaleString("en-US")} queries: peak RSS ${(m.peakRssBytes / 2 ** 20).toFixed(1)} MiB`,
    );
  }
  return {
    rounds,
    peakRssBytes: spreadOf(rss),
    heapUsedBytes: spreadOf(heap),
    wallMs: spreadOf(wall),
  };
}

/**
 * Formats a result as text table rows (header first).
 * @param result a measurement
 * @returns rows of cells
 */
export function simulationMemoryTable(result: SimulationMemoryResult): string[][] {
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  return [
    ["queries", "peak RSS (median)", "heap after run", "ratio to small", "limit"],
    [
      result.small.rounds.toLocaleString("en-US"),
      mib(result.small.peakRssBytes.median),
      mib(result.small.heapUsedBytes.median),
      "1.00",
      "",
    ],
    [
      result.large.rounds.toLocaleString("en-US"),
      mib(result.large.peakRssBytes.median),
      mib(result.large.heapUsedBytes.median),
      result.ratio.toFixed(2),
      `< ${result.limit} ${result.meetsLimit ? "met" : "NOT met"}`,
    ],
  ];
}

/** The `simulation-memory` section of `routing-lab bench`. */
export const simulationMemorySection = defineSection<SimulationMemoryResult>({
  id: "simulationMemory",
  title: "Simulation memory: peak RSS for N and 10·N queries (Thompson, fresh processes)",
  run: async (context) =>
    measureSimulationMemory({
      rounds: context.quick ? 50_000 : 200_000,
      runs: context.quick ? 1 : 3,
      seed: context.seed,
      log: context.log,
    }),
  table: simulationMemoryTable,
});
