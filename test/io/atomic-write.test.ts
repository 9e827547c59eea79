import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileWriteError, writeFileAtomic, writeJsonAtomic } from "../../src/io/index.js";

describe("writeFileAtomic", () => {
  let dir: string;
  let cwd: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "atomic-write-"));
    mkdirSync(join(dir, "taken"));
    writeFileSync(join(dir, "taken", "keep.txt"), "kept");
    writeFileSync(join(dir, "plain"), "x");
    // An empty path resolves against the working directory: make that the temp dir.
    cwd = process.cwd();
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  const failures: { path: string; reason: RegExp }[] = [
    // The temp file is written, then the rename fails: it must be removed.
    { path: "taken", reason: /EISDIR/ },
    { path: "", reason: /the path is empty/ },
    { path: "plain/x.json", reason: /cannot create folder plain: EEXIST/ },
    { path: "plain/a/b.json", reason: /cannot create folder plain\/a: ENOTDIR/ },
  ];
  if (process.platform === "linux") failures.push({ path: "/proc/x.json", reason: /ENOENT/ });

  for (const { path, reason } of failures) {
    it(`"${path}": throws FileWriteError naming the path and reason; leaves nothing`, () => {
      let error: unknown;
      try {
        writeJsonAtomic(path, { a: 1 });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(FileWriteError);
      const e = error as FileWriteError;
      expect(e.path).toBe(path);
      expect(e.message).toMatch(new RegExp(`^${path === "" ? '""' : path}: cannot write \\(`));
      expect(e.message).toMatch(reason);
      // Node's own message names the temp file; ours must not send the user looking for it.
      expect(e.message).not.toContain(".tmp");
      expect(readdirSync(dir).sort()).toEqual(["plain", "taken"]);
      expect(readdirSync(join(dir, "taken"))).toEqual(["keep.txt"]);
      expect(readFileSync(join(dir, "plain"), "utf8")).toBe("x");
    });
  }

  it("replaces a file whole, creating its folder, with no temp file left", () => {
    writeFileAtomic(join(dir, "new", "a.txt"), "one");
    writeFileAtomic(join(dir, "new", "a.txt"), "two");
    expect(readFileSync(join(dir, "new", "a.txt"), "utf8")).toBe("two");
    expect(readdirSync(join(dir, "new"))).toEqual(["a.txt"]);
  });
});

describe("writeFileAtomic with text in pieces", () => {
  it("writes every piece in order, across batches, and leaves no temp file", () => {
    const dir = mkdtempSync(join(tmpdir(), "atomic-pieces-"));
    try {
      // 3 MB in 30,000 pieces: several 1 MB batches plus a remainder; multi-byte text too.
      const pieces = Array.from({ length: 30_000 }, (_, i) => `${i},é${"x".repeat(90)}\n`);
      const path = join(dir, "out.csv");
      writeFileAtomic(path, pieces.values());
      expect(readFileSync(path, "utf8")).toBe(pieces.join(""));
      expect(readdirSync(dir)).toEqual(["out.csv"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
