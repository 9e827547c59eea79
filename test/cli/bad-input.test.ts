import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../support/temp-dir.js";
import { bernoulliScenario } from "../tuning/sweep-scenario.js";
import { listFiles, runRoutingLab, STACK_LINE } from "./spawn-cli.js";

// Bad flags and unreadable or malformed inputs: exit 2, one line naming the flag or file, no
// stack, and nothing written that would get in the way of a corrected re-run.

const TRACE = "backend,latency_ms,timestamp\nqdrant,12,0\nneo4j,30,5\nqdrant,14,9\n";

// "all": the tests run concurrently, so one test's end must not remove another's folder.
const tempDir = useTempDirs("all");

/** A temp dir with a trace `t.csv` and a small scenario `s.json`; returns its files. */
function workdir(): { dir: string; before: string[] } {
  const dir = tempDir("bad-input-");
  writeFileSync(join(dir, "t.csv"), TRACE);
  writeFileSync(join(dir, "s.json"), JSON.stringify(bernoulliScenario));
  return { dir, before: listFiles(dir) };
}

function expectUsageError(run: { code: number | null; stderr: string }, text: string): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`routing-lab: ${text}`);
  expect(run.stderr).not.toMatch(STACK_LINE);
}

const sweep = (out: string, ...more: string[]) => [
  "tune-priors",
  "--scenario",
  "s.json",
  "--grid",
  "strength=2,4",
  "--reps",
  "2",
  "--rounds",
  "50",
  "--workers",
  "0",
  "--out",
  out,
  ...more,
];

describe.concurrent("bad input", () => {
  for (const pattern of ["bogus", "hedged:delay=-5", "chain:stages=0"]) {
    it(`tune-priors --pattern ${pattern}: exit 2 before writing, so a fixed re-run works`, async () => {
      const { dir, before } = workdir();
      const bad = await runRoutingLab(sweep("sweep", "--pattern", pattern), { cwd: dir });
      expectUsageError(bad, "--pattern: ");
      expect(existsSync(join(dir, "sweep"))).toBe(false);
      expect(listFiles(dir)).toEqual(before);
      const fixed = await runRoutingLab(sweep("sweep", "--pattern", "feed-forward"), { cwd: dir });
      expect(fixed.stderr).not.toContain("holds a different sweep");
      expect(fixed.code).toBe(0);
    });
  }

  for (const [json, kind] of [
    ["null", "null"],
    ["[]", "an array"],
    ["7", "a number"],
  ]) {
    it(`tune-priors with sweep.json = ${json}: exit 2 naming the file, left as it was`, async () => {
      const { dir } = workdir();
      mkdirSync(join(dir, "sweep"));
      writeFileSync(join(dir, "sweep", "sweep.json"), `${json}\n`);
      const run = await runRoutingLab(sweep("sweep"), { cwd: dir });
      expectUsageError(run, `${join("sweep", "sweep.json")}: not a sweep manifest`);
      expect(run.stderr).toContain(`expected a JSON object, got ${kind}`);
      expect(listFiles(join(dir, "sweep"))).toEqual(["sweep.json"]);
      expect(readFileSync(join(dir, "sweep", "sweep.json"), "utf8")).toBe(`${json}\n`);
    });
  }

  const unreadable: { trace: string; code: string }[] = [
    { trace: "t.csv/x.csv", code: "ENOTDIR" },
    { trace: "missing.csv", code: "ENOENT" },
  ];
  if (process.platform === "linux") unreadable.push({ trace: "/proc/self/mem", code: "EIO" });
  for (const command of ["profile", "fit"]) {
    for (const { trace, code } of unreadable) {
      it(`${command} --trace ${trace}: "cannot read (${code}: …)", exit 2`, async () => {
        const { dir, before } = workdir();
        const run = await runRoutingLab([command, "--trace", trace, "--out", "o.json"], {
          cwd: dir,
        });
        expectUsageError(run, `${trace}: cannot read (${code}: `);
        expect(listFiles(dir)).toEqual(before);
      });
    }
  }

  it("profile --serve-metrics on a port in use: exit 2 naming the flag and port", async () => {
    const { dir, before } = workdir();
    const busy: Server = createServer();
    await new Promise<void>((done) => busy.listen(0, "127.0.0.1", done));
    const port = (busy.address() as { port: number }).port;
    try {
      const run = await runRoutingLab(
        ["profile", "--trace", "t.csv", "--serve-metrics", String(port), "--out", "o.json"],
        { cwd: dir },
      );
      expectUsageError(run, `--serve-metrics ${port}: cannot listen on 127.0.0.1:${port}`);
      expect(run.stderr).toContain("EADDRINUSE");
      // The port is bound before any output is written.
      expect(listFiles(dir)).toEqual(before);
    } finally {
      await new Promise((done) => busy.close(done));
    }
  });

  it("profile --metrics-host that does not resolve: exit 2 naming the flag", async () => {
    const { dir } = workdir();
    const run = await runRoutingLab(
      ["profile", "--trace", "t.csv", "--serve-metrics", "0", "--metrics-host", "999.1.1.1"],
      { cwd: dir },
    );
    expectUsageError(run, "--metrics-host 999.1.1.1: cannot resolve");
  });

  it('fit --name "": names the flag', async () => {
    const { dir, before } = workdir();
    const run = await runRoutingLab(["fit", "--trace", "t.csv", "--out", "o.json", "--name", ""], {
      cwd: dir,
    });
    expectUsageError(run, "--name must not be empty");
    expect(listFiles(dir)).toEqual(before);
  });

  for (const rounds of ["0x10", "1e3", "0b1", "16.0"]) {
    it(`--rounds ${rounds}: integer flags take decimal digits only`, async () => {
      const { dir } = workdir();
      const run = await runRoutingLab(
        ["simulate", "--scenario", "s.json", "--rounds", rounds, "--workers", "0"],
        { cwd: dir },
      );
      expectUsageError(run, `--rounds must be an integer from 1 to `);
      expect(run.stderr).toContain(`got "${rounds}"`);
    });
  }

  for (const [spec, text] of [
    ["linucb:alphaa=1", '--strategy: linucb: has no option "alphaa"; valid: alpha, lambda'],
    ["linucb:alpha=-1", "--strategy: linucb:alpha=-1: alpha: must be a finite number ≥ 0"],
    ["thompson:prior=2", "--strategy: thompson: option prior must be α/β"],
    ["exp3:gamma=0x1", '--strategy: exp3: option gamma must be a number, got "0x1"'],
    ["kl-ucb:c=1,c=2", "--strategy: kl-ucb: option c is given twice"],
    ["sw-ucb:window", '--strategy: sw-ucb: option "window" must be key=value'],
    ["nosuch:x=1", '--strategy: strategy: unknown strategy "nosuch"'],
  ] as const) {
    it(`simulate --strategy ${spec}: exit 2 naming the strategy and the key`, async () => {
      const { dir, before } = workdir();
      const run = await runRoutingLab(
        [
          "simulate",
          "--scenario",
          "s.json",
          "--rounds",
          "10",
          "--workers",
          "0",
          "--strategy",
          spec,
        ],
        { cwd: dir },
      );
      expectUsageError(run, text);
      expect(listFiles(dir)).toEqual(before);
    });
  }

  it("simulate --strategies with options points to --strategy", async () => {
    const { dir } = workdir();
    const run = await runRoutingLab(
      ["simulate", "--scenario", "s.json", "--workers", "0", "--strategies", "ucb1:exploration=2"],
      { cwd: dir },
    );
    expectUsageError(run, "--strategies takes plain names");
  });

  it("profile of a trace without timestamps states no NaN throughput", async () => {
    const { dir } = workdir();
    writeFileSync(join(dir, "plain.csv"), "backend,latency_ms\nqdrant,12\nneo4j,30\n");
    const run = await runRoutingLab(["profile", "--trace", "plain.csv", "--markdown", "p.md"], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    const markdown = readFileSync(join(dir, "p.md"), "utf8");
    for (const text of [run.stdout, markdown]) {
      expect(text).not.toMatch(/NaN|none time/);
      expect(text).toMatch(/no timestamps/);
    }
  });

  it("bench --save with --quick, or with --out, exits 2 naming the flag", async () => {
    for (const [args, message] of [
      [["bench", "--only", "batchRouting", "--save", "--quick"], "--save: quick-mode numbers"],
      [["bench", "--only", "batchRouting", "--save", "--out", "x.json"], "--save writes results"],
    ] as const) {
      const { dir, before } = workdir();
      const run = await runRoutingLab([...args], { cwd: dir });
      expectUsageError(run, message);
      expect(listFiles(dir)).toEqual(before);
    }
  });
});
