import type { BenchSection } from "./section.js";
import { simulationMemorySection } from "./simulation-memory.js";
import { simulationScalingSection } from "./simulation-scaling.js";
import { simulationSpeedSection } from "./simulation-speed.js";

/**
 * The simulation engine's benchmark sections, in the order they should run: speed
 * (queries/s per core), memory (peak RSS for N and 10·N queries), worker scaling (1 vs 2).
 * For `benchSections` in sections.ts.
 */
export const simulationBenchSections: readonly BenchSection[] = [
  simulationSpeedSection as BenchSection,
  simulationMemorySection as BenchSection,
  simulationScalingSection as BenchSection,
];
