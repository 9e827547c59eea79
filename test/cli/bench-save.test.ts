import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listFiles, runRoutingLab, STACK_LINE } from "./spawn-cli.js";

// `bench --save` is the only way a bench run reaches the saved results/bench.json (here
// LAB_RESULTS, a temp folder): bad combinations and a saved file it cannot merge into exit 2
// before anything runs, and leave the saved file as it was.

const dir = mkdtempSync(join(tmpdir(), "bench-save-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent("bench --save: bad input", () => {
  const cases: { name: string; args: string[]; saved?: string; message: RegExp }[] = [
    { name: "--quick", args: ["--quick"], message: /--save: quick-mode numbers/ },
    { name: "--out", args: ["--out", "x.json"], message: /give --save or --out, not both/ },
    {
      name: "a saved file that is not JSON",
      args: [],
      saved: "{not json",
      message: /bench\.json: cannot read the saved bench report/,
    },
    {
      name: "a saved file that is not a report",
      args: [],
      saved: "[1]",
      message: /bench\.json: not a bench report to merge into \(expected a JSON object\)/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: exit 2 with one line, nothing run or written`, async () => {
      const results = mkdtempSync(join(dir, "r-"));
      if (c.saved !== undefined) writeFileSync(join(results, "bench.json"), c.saved);
      const before = listFiles(results);
      const run = await runRoutingLab(["bench", "--only", "decisions", "--save", ...c.args], {
        cwd: results,
        env: { LAB_RESULTS: results },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(c.message);
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.stderr).not.toContain("bench: Routing"); // no section started
      expect(listFiles(results)).toEqual(before);
      if (c.saved !== undefined) {
        expect(readFileSync(join(results, "bench.json"), "utf8")).toBe(c.saved);
      }
    });
  }
});

describe("benchOutputFile", () => {
  it("reaches results/ (or LAB_RESULTS) only with --save", async () => {
    const { benchOutputFile } = await import("../../src/cli/commands/bench.js");
    const { projectRoot } = await import("../../src/lab/settings.js");
    const env = { LAB_WRITE_RESULTS: "1", LAB_RESULTS: "/saved" };
    expect(benchOutputFile({ save: true }, false, {})).toBe(
      join(projectRoot, "results/bench.json"),
    );
    expect(benchOutputFile({ save: true }, false, env)).toBe("/saved/bench.json");
    expect(benchOutputFile({}, false, env)).toBe(join(projectRoot, ".cache/results/bench.json"));
    expect(benchOutputFile({}, true, env)).toBe(
      join(projectRoot, ".cache/quick-results/bench.json"),
    );
    expect(benchOutputFile({ json: true }, false, env)).toBeUndefined();
    expect(benchOutputFile({ out: "x.json" }, false, env)).toBe("x.json");
  });
});
