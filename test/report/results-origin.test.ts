import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  describeResultsOrigin,
  ORIGIN_FILE,
  writeResultsOrigin,
} from "../../src/report/results-origin.js";

let root: string;
const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "origin-"));
  git("init", "-q");
  git("config", "user.email", "t@example.com");
  git("config", "user.name", "t");
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "a.ts"), "export const a = 1;\n");
  git("add", ".");
  git("commit", "-qm", "one");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("results origin", () => {
  it("records the commit and says src/ is unchanged until a file in it changes", () => {
    const results = join(root, "results");
    const origin = writeResultsOrigin(results, { root, now: new Date(0) });
    expect(origin.commit).toBe(git("rev-parse", "HEAD").trim());
    expect(origin.srcDirty).toBe(false);
    expect(JSON.parse(readFileSync(join(results, ORIGIN_FILE), "utf8"))).toEqual(origin);
    const short = origin.commit.slice(0, 7);
    expect(describeResultsOrigin(results, { root })).toBe(
      `results: results from commit ${short} (1970-01-01T00:00:00.000Z); src/ is unchanged since`,
    );
    writeFileSync(join(root, "src", "b.ts"), "export const b = 2;\n");
    expect(describeResultsOrigin(results, { root })).toMatch(
      /src\/ has changed since \(1 file: src\/b\.ts\)$/,
    );
  });

  it("compares with src/ as it was when written, uncommitted changes included", () => {
    writeFileSync(join(root, "src", "a.ts"), "export const a = 2;\n");
    const results = join(root, "results");
    const origin = writeResultsOrigin(results, { root });
    expect(origin.srcDirty).toBe(true);
    expect(describeResultsOrigin(results, { root })).toContain("with uncommitted changes to src/");
    expect(describeResultsOrigin(results, { root })).toMatch(/src\/ is unchanged since$/);
    // Committing those same changes is no change to src/.
    git("commit", "-qam", "two");
    expect(describeResultsOrigin(results, { root })).toMatch(/src\/ is unchanged since$/);
    writeFileSync(join(root, "src", "a.ts"), "export const a = 3;\n");
    expect(describeResultsOrigin(results, { root })).toMatch(
      /has changed since \(1 file: src\/a\.ts\)$/,
    );
  });

  it("falls back to the commit 08-bench.json recorded", () => {
    const results = join(root, "results");
    mkdirSync(results);
    const sha = git("rev-parse", "--short=7", "HEAD").trim();
    writeFileSync(
      join(results, "08-bench.json"),
      JSON.stringify({ environment: { commit: `${sha}+dirty` } }),
    );
    expect(describeResultsOrigin(results, { root })).toBe(
      `results: results from commit ${sha} with uncommitted changes (recorded by 08-bench.json); src/ is unchanged since`,
    );
    rmSync(join(results, "08-bench.json"));
    expect(describeResultsOrigin(results, { root })).toBe(
      "results: no record of the commit the results came from",
    );
  });
});
