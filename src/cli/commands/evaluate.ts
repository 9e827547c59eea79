import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import { evaluateTrace } from "../../ope/evaluate.js";
import { formatEvaluation } from "../../ope/format-evaluation.js";
import type { SloThresholds } from "../../ope/logged-data.js";
import { POLICY_NAMES } from "../../ope/policy.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { TraceFormatError } from "../../traces/trace-format-error.js";
import { parseInteger, parseNumber } from "../parse.js";

interface EvaluateCliOptions {
  trace: string;
  policy: string;
  scenario?: string;
  sloMs?: string;
  minRelevance?: string;
  interval: string;
  replicates: string;
  seed: string;
  minEss: string;
  clip?: string;
  json?: boolean;
}

/** `routing-lab evaluate`: off-policy evaluation of a routing policy on a logged trace. */
export function registerEvaluate(program: Command): void {
  program
    .command("evaluate")
    .description(
      "estimate a routing policy's SLO attainment from a logged trace (IPS, SNIPS, DM, DR; replay for learning policies)",
    )
    .requiredOption("--trace <file.csv>", "logged trace (format: data/traces/README.md)")
    .requiredOption("--policy <name>", `policy to evaluate: ${POLICY_NAMES.join(", ")}`)
    .option("--scenario <file.json>", "judge decisions by this scenario's SLO thresholds")
    .option("--slo-ms <ms>", "judge decisions by this latency bound (with --min-relevance)")
    .option("--min-relevance <r>", "judge decisions by this minimum relevance (with --slo-ms)")
    .option("--interval <method>", "sandwich (closed form) or bootstrap", "sandwich")
    .option("--replicates <n>", "bootstrap replicates", "200")
    .option("--seed <n>", "seed of the bootstrap and of replay's learner", "42")
    .option("--min-ess <n>", "warn when the effective sample size is below this", "100")
    .option("--clip <w>", "cut importance weights above w (less variance, some bias)")
    .option("--json", "print the report as JSON instead of text")
    .action(async (opts: EvaluateCliOptions) => {
      if (opts.interval !== "sandwich" && opts.interval !== "bootstrap") {
        throw new UsageError(`--interval must be sandwich or bootstrap, got "${opts.interval}"`);
      }
      const replicates = parseInteger(opts.replicates, "--replicates", { min: 10 });
      const seed = parseInteger(opts.seed, "--seed");
      const minEss = parseNumber(opts.minEss, "--min-ess", { min: 0 });
      const clip =
        opts.clip === undefined
          ? undefined
          : parseNumber(opts.clip, "--clip", { min: Number.MIN_VALUE });
      const slo = thresholds(opts);
      let report: Awaited<ReturnType<typeof evaluateTrace>>;
      try {
        report = await evaluateTrace(opts.trace, {
          policy: opts.policy,
          slo,
          interval: opts.interval,
          replicates,
          seed,
          minEffectiveSampleSize: minEss,
          clip,
        });
      } catch (err) {
        if (err instanceof TraceFormatError) throw new UsageError(err.message);
        throw err;
      }
      process.stdout.write(
        opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatEvaluation(report)}\n`,
      );
    });
}

/** The SLO thresholds from `--scenario` or from `--slo-ms` and `--min-relevance`, if given. */
function thresholds(opts: EvaluateCliOptions): SloThresholds | undefined {
  const flags = opts.sloMs !== undefined || opts.minRelevance !== undefined;
  if (opts.scenario !== undefined) {
    if (flags) {
      throw new UsageError("give either --scenario or --slo-ms and --min-relevance, not both");
    }
    const { slo } = loadScenario(opts.scenario);
    return { latencyMs: slo.latencyMs, minRelevance: slo.minRelevance };
  }
  if (!flags) return undefined;
  if (opts.sloMs === undefined || opts.minRelevance === undefined) {
    throw new UsageError("--slo-ms and --min-relevance go together: give both, or --scenario");
  }
  return {
    latencyMs: parseNumber(opts.sloMs, "--slo-ms", { min: Number.MIN_VALUE }),
    minRelevance: parseNumber(opts.minRelevance, "--min-relevance", { min: 0, max: 1 }),
  };
}
