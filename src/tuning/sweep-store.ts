import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { writeJsonAtomic } from "../io/atomic-write.js";
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

/** What a parsed JSON value is, for messages: `null`, `an array`, `a number`, … */
function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * The checkpoint folder of a sweep: `sweep.json` (the manifest) and `cells/<hash>.json`, one
 * per finished cell, each written atomically (temp file + rename), so a sweep killed at any
 * moment leaves only whole checkpoints behind.
 */
export class SweepStore {
  /**
   * @param dir the folder (created when missing)
   * @param manifest the sweep's identity
   * @throws {UsageError} when the folder holds a different sweep
   */
  constructor(
    readonly dir: string,
    readonly manifest: SweepManifest,
  ) {
    const path = join(dir, "sweep.json");
    if (existsSync(path)) {
      let existing: unknown;
      try {
        existing = JSON.parse(readFileSync(path, "utf8"));
      } catch (err) {
        throw new UsageError(`${path}: not a readable sweep manifest (${(err as Error).message})`);
      }
      // Valid JSON is not yet a manifest: `null`, a number or an array has no fields to compare.
      if (typeof existing !== "object" || existing === null || Array.isArray(existing)) {
        throw new UsageError(
          `${path}: not a sweep manifest (expected a JSON object, got ${jsonKind(existing)}); choose another --out or delete it`,
        );
      }
      const fields = existing as Record<string, unknown>;
      const differences = Object.keys(manifest).filter(
        (k) => JSON.stringify(fields[k]) !== JSON.stringify(manifest[k as keyof SweepManifest]),
      );
      if (differences.length > 0) {
        throw new UsageError(
          `${dir} holds a different sweep (${differences.join(", ")} differ); choose another --out or delete it`,
        );
      }
    } else {
      writeJsonAtomic(path, manifest);
    }
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

  /** Checkpoints a finished cell atomically. */
  writeCell(cell: SweepCell, runs: readonly RunSummary[]): void {
    writeJsonAtomic(this.cellPath(cell), {
      id: cell.id,
      coordinates: cell.coordinates,
      setting: cell.setting,
      runs,
    });
  }
}
