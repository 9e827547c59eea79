import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../support/temp-dir.js";
import { listFiles, REPO_ROOT, runRoutingLab, STACK_LINE } from "./spawn-cli.js";

// A bad --out/--markdown is a usage error: exit 2, one line naming the flag and the path, no
// stack, checked before the work, and nothing (no result, no temp file) left behind.

const scenario = join(REPO_ROOT, "data/scenarios/bernoulli.json");
const TRACE = "backend,latency_ms,timestamp\nqdrant,12,0\nneo4j,30,5\nqdrant,14,9\n";

// "all": the tests run concurrently, so one test's end must not remove another's folder.
const tempDir = useTempDirs("all");

/** A temp dir with a folder `taken/`, a file `plain` and a trace `t.csv`; returns its files. */
function workdir(): { dir: string; before: string[] } {
  const dir = tempDir("bad-output-");
  mkdirSync(join(dir, "taken"));
  writeFileSync(join(dir, "plain"), "x");
  writeFileSync(join(dir, "t.csv"), TRACE);
  return { dir, before: listFiles(dir) };
}

const commands: Record<string, string[]> = {
  simulate: ["simulate", "--scenario", scenario, "--rounds", "200", "--workers", "0"],
  fit: ["fit", "--trace", "t.csv"],
  profile: ["profile", "--trace", "t.csv"],
  "profile (markdown)": ["profile", "--trace", "t.csv"],
  bench: ["bench", "--quick", "--only", "decisions"],
};

const badPaths: { path: string; why: RegExp }[] = [
  { path: "taken", why: /is a directory/ },
  { path: "", why: /must not be empty/ },
  { path: "plain/x.json", why: /plain is not a directory/ },
  { path: "taken/", why: /is a directory/ },
];
if (process.platform === "linux") {
  // root passes access(2) here, yet no file can be created.
  badPaths.push({ path: "/proc/x.json", why: /cannot create files in \/proc/ });
}

// Each test spawns its own CLI in its own temp dir.
describe.concurrent("a bad output path", () => {
  for (const [name, args] of Object.entries(commands)) {
    const flag = name === "profile (markdown)" ? "--markdown" : "--out";
    for (const { path, why } of badPaths) {
      it(`${name.split(" ")[0]} ${flag} "${path}": exit 2 naming the flag and path, nothing left`, async () => {
        const { dir, before } = workdir();
        const run = await runRoutingLab([...args, flag, path], { cwd: dir });
        expect(run.code).toBe(2);
        const shown = path === "" ? '""' : path;
        expect(run.stderr).toContain(`routing-lab: ${flag} ${shown}: `);
        expect(run.stderr).toMatch(why);
        expect(run.stderr).not.toMatch(STACK_LINE);
        expect(listFiles(dir)).toEqual(before);
      });
    }
  }

  it("profile writes neither output when one of --out/--markdown is bad", async () => {
    const { dir, before } = workdir();
    const run = await runRoutingLab(
      ["profile", "--trace", "t.csv", "--out", "ok.json", "--markdown", "taken"],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--markdown taken: is a directory");
    expect(run.stdout).toBe("");
    expect(listFiles(dir)).toEqual(before);
  });

  it("is rejected before the work: a long simulation fails at once", async () => {
    const { dir, before } = workdir();
    // 20 M rounds take tens of seconds; the check must come first.
    const run = await runRoutingLab(
      ["simulate", "--scenario", scenario, "--rounds", "20000000", "--workers", "0"].concat([
        "--out",
        "taken",
      ]),
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.ms).toBeLessThan(15_000);
    expect(listFiles(dir)).toEqual(before);
  });

  it("tune-priors --out must be a folder we can write in", async () => {
    const { dir, before } = workdir();
    const sweep = ["tune-priors", "--scenario", scenario, "--grid", "strength=2,4", "--reps", "2"];
    for (const [out, why] of [
      ["plain", "--out plain: exists and is not a directory"],
      ["", '--out "": must not be empty'],
      ["plain/sub", "--out plain/sub: plain is not a directory"],
    ]) {
      const run = await runRoutingLab(
        [...sweep, "--rounds", "100", "--workers", "0", "--out", out],
        {
          cwd: dir,
        },
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(why);
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
    expect(listFiles(dir)).toEqual(before);
    expect(readFileSync(join(dir, "plain"), "utf8")).toBe("x");
  });

  it("a good --out is still written (and no temp file stays)", async () => {
    const { dir, before } = workdir();
    const run = await runRoutingLab([...commands.simulate, "--out", "new/run.json"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(listFiles(dir)).toEqual([...before, join("new", "run.json")].sort());
  });
});
