import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { RunStore } from "../sim/run/run-store.js";
import type { SweepCell } from "./prior-setting.js";
import type { RunSummary } from "./sweep-task.js";

/** What identifies a sweep: a checkpoint folder only resumes the sweep it was made for. */
export interface SweepManifest {
  format: "routing-lab/prior-sweep";
  version: 1;
  scenario: string;
  /** SHA-256 of the scenario's JSON. */
  scenarioHash: string;
  /** The canonical grid text. */
  grid: string;
  reps: number;
  rounds: number;
  seed: number;
  pattern: string;
}

const runSchema = z.strictObject({
  repetition: z.number().int().nonnegative(),
  regret: z.number(),
  successRate: z.number(),
  sloAttainment: z.number(),
  bestBackendRate: z.number(),
});
const cellFileSchema = z.object({ id: z.string(), runs: z.array(runSchema) });

/** SHA-256 (hex) of a string. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The checkpoint folder of a sweep: `sweep.json` (the manifest) and `runs/<key>.json`, one per
 * finished run (setting × repetition), written atomically as soon as the run finishes (see
 * {@link RunStore} for why one file per run). Folders of older versions hold
 * `cells/<hash>.json`, one per finished cell; those are still read.
 */
export class SweepStore {
  /** The run-level checkpoints. */
  readonly runs: RunStore;

  /**
   * @param dir the folder (created when missing)
   * @param manifest the sweep's identity
   * @throws {UsageError} when the folder holds a different sweep
   */
  constructor(
    readonly dir: string,
    readonly manifest: SweepManifest,
  ) {
    this.runs = new RunStore(dir, { ...manifest }, { file: "sweep.json", noun: "sweep" });
  }

  /** The checkpoint file of a cell. */
  cellPath(cell: SweepCell): string {
    return join(this.dir, "cells", `${sha256(cell.id).slice(0, 20)}.json`);
  }

  /**
   * A finished cell's runs, when its checkpoint exists and is whole.
   * @returns the runs by repetition, or undefined (missing or unusable: the cell is rerun)
   */
  readCell(cell: SweepCell): RunSummary[] | undefined {
    const path = this.cellPath(cell);
    if (!existsSync(path)) return undefined;
    try {
      const parsed = cellFileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
      if (!parsed.success || parsed.data.id !== cell.id) return undefined;
      const runs = parsed.data.runs;
      const whole = runs.length === this.manifest.reps && runs.every((r, i) => r.repetition === i);
      return whole ? runs : undefined;
    } catch {
      return undefined;
    }
  }

  /** Checkpoints a finished cell atomically (the older layout; tests make old folders with it). */
  writeCell(cell: SweepCell, runs: readonly RunSummary[]): void {
    writeJsonAtomic(this.cellPath(cell), {
      id: cell.id,
      coordinates: cell.coordinates,
      setting: cell.setting,
      runs,
    });
  }
}
