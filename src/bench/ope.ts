import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateLogged, readLoggedData } from "../ope/evaluate.js";
import { createStream } from "../random/stream.js";
import { defineSection } from "./section.js";

const BACKENDS = ["neo4j", "qdrant", "mem0", "inmemory", "hybrid"];
const TYPES = ["relationship", "similarity", "personal", "temporal", "unknown"];
/** P(SLO met) per query type (rows) and backend (columns): each type's rule-based backend best. */
const P = [
  [0.85, 0.45, 0.3, 0.2, 0.7],
  [0.35, 0.85, 0.25, 0.2, 0.7],
  [0.3, 0.5, 0.85, 0.3, 0.65],
  [0.25, 0.4, 0.5, 0.8, 0.6],
  [0.4, 0.6, 0.3, 0.2, 0.65],
];
/** The rule-based router's backend per type (unknown → qdrant), as indices. */
const RULES = [0, 1, 2, 3, 1];

/** Options of {@link benchOpe}. */
export interface OpeBenchOptions {
  /** Decisions in the generated trace; default 1,000,000. */
  rows?: number;
  /** Timed evaluations; the median is reported. Default 3. */
  runs?: number;
  seed?: number;
}

/** What {@link benchOpe} measured. */
export interface OpeBenchResult {
  name: "ope";
  rows: number;
  megabytes: number;
  /** Median wall time of reading the trace and running all four estimators, ms. */
  totalMs: number;
  /** Median wall time of reading the trace into columns alone, ms. */
  readMs: number;
  /** Median wall time of the four estimators with closed-form intervals on the columns, ms. */
  estimateMs: number;
  rowsPerSecond: number;
  /** 5 s per 1,000,000 rows. */
  budgetMs: number;
  withinBudget: boolean;
  /** rule-based's true SLO attainment in the generating model, and each estimate. */
  truth: number;
  estimates: Record<"ips" | "snips" | "dm" | "dr", { value: number; lo: number; hi: number }>;
}

/**
 * Writes a synthetic trace of uniformly logged decisions (five backends, five query types,
 * SLO met with a fixed probability per type × backend) with the columns `simulate
 * --trace-out` writes that evaluation reads.
 */
async function writeOpeTrace(path: string, rows: number, seed: number): Promise<void> {
  const rng = createStream(seed, "bench", "ope-trace");
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  const available = BACKENDS.join(";");
  await write(
    "timestamp,query_id,query_type,pattern,backend,available,propensity,primary,latency_ms,relevance,status,success,slo_met\n",
  );
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    const t = rng.int(TYPES.length);
    const b = rng.int(BACKENDS.length);
    const met = rng.next() < P[t][b];
    const latency = (5 + 100 * rng.next()).toFixed(3);
    const relevance = (met ? 0.7 + 0.3 * rng.next() : 0.7 * rng.next()).toFixed(4);
    chunk.push(
      `${(i * 5).toFixed(3)},${i},${TYPES[t]},feed-forward,${BACKENDS[b]},${available},0.2,true,${latency},${relevance},ok,${met},${met}`,
    );
    if (chunk.length === 10_000) {
      await write(`${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`${chunk.join("\n")}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

/**
 * Times off-policy evaluation of the rule-based policy on a generated trace: reading it
 * (streamed parse into columns) and the four estimators with closed-form intervals, on one
 * thread. Also reports the estimates against the generating model's true value, as a check
 * that the fast path computes the right thing. The temp folder is removed afterwards.
 *
 * @param options rows, runs, seed
 * @returns the median times and the estimates
 */
export async function benchOpe(options: OpeBenchOptions = {}): Promise<OpeBenchResult> {
  const rows = options.rows ?? 1_000_000;
  const runs = options.runs ?? 3;
  const dir = mkdtempSync(join(tmpdir(), "routing-lab-ope-"));
  try {
    const path = join(dir, "trace.csv");
    await writeOpeTrace(path, rows, options.seed ?? 1);
    const total: number[] = [];
    const read: number[] = [];
    const estimate: number[] = [];
    let report: ReturnType<typeof evaluateLogged> | undefined;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const data = await readLoggedData(path);
      const t1 = performance.now();
      report = evaluateLogged(data, { policy: "rule-based" });
      const t2 = performance.now();
      read.push(t1 - t0);
      estimate.push(t2 - t1);
      total.push(t2 - t0);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const r = report as NonNullable<typeof report>;
    const pick = (k: "ips" | "snips" | "dm" | "dr") => {
      const e = r[k] as NonNullable<(typeof r)[typeof k]>;
      return { value: e.value, lo: e.lo, hi: e.hi };
    };
    const totalMs = median(total);
    // The target, 5 s for 1,000,000 rows, scaled to the rows measured (quick mode).
    const budgetMs = (5000 * rows) / 1_000_000;
    return {
      name: "ope",
      rows,
      megabytes: statSync(path).size / 1e6,
      totalMs,
      readMs: median(read),
      estimateMs: median(estimate),
      rowsPerSecond: (rows / totalMs) * 1000,
      budgetMs,
      withinBudget: totalMs < budgetMs,
      // Types are uniform, so the truth is the mean of each type's rule-based cell.
      truth: RULES.reduce((a, b, t) => a + P[t][b], 0) / TYPES.length,
      estimates: { ips: pick("ips"), snips: pick("snips"), dm: pick("dm"), dr: pick("dr") },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `routing-lab bench` section: off-policy evaluation of a 1e6-row trace (budget 5 s). */
export const opeSection = defineSection<OpeBenchResult>({
  id: "ope",
  title:
    "Off-policy evaluation: a logged trace read and evaluated (IPS, SNIPS, DM, DR; closed-form intervals; one core)",
  run: async (context) =>
    benchOpe({
      rows: context.quick ? 200_000 : 1_000_000,
      runs: context.quick ? 2 : 3,
      seed: context.seed,
    }),
  table: (r) => {
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const k = ["ips", "snips", "dm", "dr"] as const;
    return [
      [
        "rows",
        "MB",
        "read + evaluate (median)",
        "read",
        "4 estimators",
        "rows/s",
        "budget",
        "rule-based: IPS / SNIPS / DM / DR (truth)",
      ],
      [
        r.rows.toLocaleString("en-US"),
        r.megabytes.toFixed(1),
        s(r.totalMs),
        s(r.readMs),
        s(r.estimateMs),
        Math.round(r.rowsPerSecond).toLocaleString("en-US"),
        `${s(r.budgetMs)}${r.withinBudget ? " (met)" : " (missed)"}`,
        `${k.map((e) => (r.estimates[e].value * 100).toFixed(2)).join(" / ")} % (${(r.truth * 100).toFixed(2)} %)`,
      ],
    ];
  },
});
