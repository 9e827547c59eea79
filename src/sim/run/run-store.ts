import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../../errors.js";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { parseExactJson, stringifyExactJson } from "../../io/exact-json.js";

/** Who computed a stored run, and how it went (for the queue's figures and the `--out` JSON). */
export interface RunProvenance {
  /** `local`, or the queue worker's name (`host/pid`). */
  worker: string;
  /** routing-lab's code version (see `codeVersions`). */
  code: string;
  node: string;
  /** Attempts that ran to an end, this one included (> 1: failed attempts were retried). */
  attempts: number;
  /** Times the job was recovered by the queue's stalled-job check (its worker died). */
  stalled: number;
}

/** One checkpointed run. */
export interface StoredRun<T> {
  key: string;
  value: T;
  provenance: RunProvenance;
}

/** What a parsed JSON value is, for messages: `null`, `an array`, `a number`, … */
function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * A run-level checkpoint folder: a manifest naming what the folder is for, and
 * `runs/<key>.json`, one file per finished run, written as soon as the run finishes.
 *
 * Why one atomic file per run rather than an append-only log: a file is written whole or not at
 * all (temp file + rename), so a `kill -9` at any moment loses only runs in flight and leaves
 * nothing to repair; a log would need an fsync per record and a reader that drops a torn last
 * line. Writing a run twice (a queue job that ran twice after its worker stalled) rewrites
 * identical bytes, so duplicates are harmless without locking. The cost — one small file per
 * run, 15,000 for a 10 × 10 × 5 grid with 30 repetitions — is what a folder listing handles
 * in milliseconds. Values use exact JSON (NaN, ±Infinity and −0 survive), so a resumed result
 * aggregates exactly as the one computed in memory.
 */
export class RunStore {
  private readonly saved = new Set<string>();

  /**
   * @param dir the folder (created when missing)
   * @param manifest what identifies the work (compared field by field on reuse)
   * @param options the manifest's file name in `dir` and what the work is called in messages
   * @throws {UsageError} when the folder holds other work, naming the differing fields
   */
  constructor(
    readonly dir: string,
    readonly manifest: Record<string, unknown>,
    options: { file?: string; noun?: string } = {},
  ) {
    const noun = options.noun ?? "simulation";
    const path = join(dir, options.file ?? "manifest.json");
    if (existsSync(path)) {
      let existing: unknown;
      try {
        existing = JSON.parse(readFileSync(path, "utf8"));
      } catch (err) {
        throw new UsageError(
          `${path}: not a readable ${noun} manifest (${(err as Error).message})`,
        );
      }
      // Valid JSON is not yet a manifest: `null`, a number or an array has no fields to compare.
      if (typeof existing !== "object" || existing === null || Array.isArray(existing)) {
        throw new UsageError(
          `${path}: not a ${noun} manifest (expected a JSON object, got ${jsonKind(existing)}); choose another --out or delete it`,
        );
      }
      const fields = existing as Record<string, unknown>;
      const differences = Object.keys(manifest).filter(
        (k) => JSON.stringify(fields[k]) !== JSON.stringify(manifest[k]),
      );
      if (differences.length > 0) {
        throw new UsageError(
          `${dir} holds a different ${noun} (${differences.join(", ")} differ); choose another --out or delete it`,
        );
      }
    } else {
      writeJsonAtomic(path, manifest);
    }
    const runs = join(dir, "runs");
    if (existsSync(runs)) {
      for (const f of readdirSync(runs)) if (f.endsWith(".json")) this.saved.add(f.slice(0, -5));
    }
  }

  /** The number of runs saved. */
  get size(): number {
    return this.saved.size;
  }

  /** Whether a run with this key has a checkpoint file (read it to know it is usable). */
  has(key: string): boolean {
    return this.saved.has(key);
  }

  /**
   * A saved run.
   * @param key the run's key (see `runKey`)
   * @returns the run, or undefined when missing or unreadable (then it is simply run again)
   */
  read<T>(key: string): StoredRun<T> | undefined {
    if (!this.saved.has(key)) return undefined;
    try {
      const parsed = parseExactJson(readFileSync(this.path(key), "utf8")) as StoredRun<T>;
      return parsed.key === key && parsed.provenance !== undefined ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Saves a finished run atomically (temp file + rename), at once.
   * @throws {FileWriteError} when the folder cannot be written
   */
  write<T>(key: string, value: T, provenance: RunProvenance): void {
    const run: StoredRun<T> = { key, value, provenance };
    writeFileAtomic(this.path(key), `${stringifyExactJson(run)}\n`);
    this.saved.add(key);
  }

  private path(key: string): string {
    return join(this.dir, "runs", `${key}.json`);
  }
}
