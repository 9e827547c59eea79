import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, { types: string; default: string }>;
};

/** Runtime names, counting the members of any namespace object re-exported as one name. */
function runtimeNames(module: Record<string, unknown>): number {
  let n = 0;
  for (const value of Object.values(module)) {
    const isNamespace =
      typeof value === "object" &&
      value !== null &&
      (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === "Module";
    n += isNamespace ? runtimeNames(value as Record<string, unknown>) : 1;
  }
  return n;
}

describe("the public API", () => {
  it("is curated: at most 150 runtime names, no internals", () => {
    const n = runtimeNames(api);
    expect(n).toBeLessThanOrEqual(150);
    expect(n).toBeGreaterThan(50);
    for (const internal of ["splitCsvLine", "GAMMA_CONSTANTS", "pixelScale", "gammaConstants"]) {
      expect(Object.keys(api)).not.toContain(internal);
    }
  });

  it("gives every folder of src/ a subpath export, and each one imports", () => {
    const subpaths = Object.keys(pkg.exports).filter((k) => k !== ".");
    expect(subpaths.length).toBeGreaterThanOrEqual(15);
    for (const s of subpaths) {
      const folder = s.slice(2);
      expect(existsSync(join(root, "src", folder, "index.ts")), folder).toBe(true);
      expect(pkg.exports[s].default).toBe(`./dist/${folder}/index.js`);
    }
    // Through Node's own resolution of the package's self-reference, against the build
    // (`npm test` builds first): the names each subpath gives.
    const script = `const subs = ${JSON.stringify(subpaths)};
      const out = {};
      for (const s of subs) out[s] = Object.keys(await import("${pkg.name}/" + s.slice(2))).length;
      console.log(JSON.stringify(out));`;
    const counts = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: root,
        encoding: "utf8",
      }),
    ) as Record<string, number>;
    for (const s of subpaths) expect(counts[s], s).toBeGreaterThan(0);
  });
});
