import type { ContextualRoutingResult } from "../studies/index.js";
import type { Cell, ReportBuilder } from "./document.js";
import type { ValueFormat } from "./format.js";
import { type ResultSource, sourced as v } from "./sourced.js";

const n = (digits = 0): ValueFormat => ({ kind: "number", digits });
const pct: ValueFormat = { kind: "percent" };
const text: ValueFormat = { kind: "text" };

/**
 * The summary's section on notebook 09: per-type against contextual learners on the contextual
 * scenario, the non-stationary policies on the drift scenario, the patterns adaptive-pattern
 * learns per query type, and every policy's decision speed. Every number is read from
 * `09-contextual-routing.json`.
 *
 * @param r the report being built
 * @param c notebook 09's results file
 * @param fig adds a figure by alt text and file name
 */
export function contextualRoutingSection(
  r: ReportBuilder,
  c: ResultSource<ContextualRoutingResult>,
  fig: (alt: string, file: string) => void,
): void {
  const learners = (part: "contextual" | "drift") =>
    r.table(
      [
        "strategy",
        "regret",
        "95 % CI low",
        "95 % CI high",
        "regret / query, last quarter",
        "static regret",
        "SLO met",
      ],
      c.data[part].order.map((k): Cell[] => [
        `\`${k}\``,
        v(c, (x) => x[part].strategies[k].regret.mean, n(0)),
        v(c, (x) => x[part].strategies[k].regret.lo, n(0)),
        v(c, (x) => x[part].strategies[k].regret.hi, n(0)),
        v(c, (x) => x[part].strategies[k].lastQuarterRegretPerQuery.mean, n(3)),
        v(c, (x) => x[part].strategies[k].staticRegret.mean, n(0)),
        v(c, (x) => x[part].strategies[k].sloAttainment.mean, pct),
      ]),
    );

  r.heading(3, "6. Contextual routing");
  r.paragraph(
    "Scenario `",
    v(c, (x) => x.contextual.scenario.name, text),
    "`: each query's words decide which backend answers it well, so the best backend changes within a query type. ",
    v(c, (x) => x.contextual.rounds, n()),
    " queries × ",
    v(c, (x) => x.contextual.reps, n()),
    " repetitions; regret is per query, against the best backend for its own words. A learner that sees only the type loses at least ",
    v(c, (x) => x.contextual.perTypeFloor, n(3)),
    " per query there (its regret grows linearly); one that reads the words can go below.",
  );
  learners("contextual");
  fig("Regret of per-type and contextual learners", "09-contextual-regret.svg");

  r.heading(3, "7. Non-stationary policies");
  r.paragraph(
    "Scenario `",
    v(c, (x) => x.drift.scenario.name, text),
    "` (relevance and latency drift mid-run), ",
    v(c, (x) => x.drift.rounds, n()),
    " queries × ",
    v(c, (x) => x.drift.reps, n()),
    " repetitions. Static regret is against the best fixed backend per query type in hindsight (Exp3's guarantee).",
  );
  learners("drift");
  fig("Regret of the non-stationary policies under drift", "09-drift-regret.svg");

  r.heading(3, "8. Adaptive pattern selection");
  r.paragraph(
    "`adaptive-pattern` picks feed-forward, a hedge after the p95 or a fan-out of 2 per query type by Thompson sampling, on the reward 1[SLO met] − λ × extra calls (λ = ",
    v(c, (x) => x.adaptive[0].callCost, n(2)),
    "), rescaled to [0, 1] and fed to its Beta posteriors as a Bernoulli draw. The pattern learned is the one it picked most often, in most repetitions.",
  );
  r.table(
    ["scenario", "query type", "pattern learned", "repetitions agreeing", "of"],
    c.data.adaptive.flatMap((a, i) =>
      a.types.map((_, j): Cell[] => [
        v(c, (x) => x.adaptive[i].scenario.name, text),
        v(c, (x) => x.adaptive[i].types[j].type, text),
        v(c, (x) => x.adaptive[i].types[j].learned, text),
        v(c, (x) => x.adaptive[i].types[j].agreeing, n()),
        v(c, (x) => x.adaptive[i].reps, n()),
      ]),
    ),
  );
  r.table(
    ["scenario", "strategy", "SLO met", "calls / query", "oracle over its patterns"],
    c.data.adaptive.flatMap((a, i) =>
      Object.keys(a.strategies).map((k): Cell[] => [
        v(c, (x) => x.adaptive[i].scenario.name, text),
        `\`${k}\``,
        v(c, (x) => x.adaptive[i].strategies[k].sloAttainment.mean, pct),
        v(c, (x) => x.adaptive[i].strategies[k].callsPerQuery.mean, n(3)),
        v(c, (x) => x.adaptive[i].strategies[k].oracleSloAttainment.mean, pct),
      ]),
    ),
  );
  fig("Patterns adaptive-pattern runs per query type", "09-adaptive-patterns.svg");

  r.heading(3, "9. Decision speed of every policy");
  r.paragraph(
    "Decisions per second on one core, texts classified, five backends, medians of interleaved runs (load average ",
    v(c, (x) => x.decisionSpeed.loadAverage, n(2)),
    ").",
  );
  r.table(
    ["policy", "decisions/s", "per CPU-second", "p50 / decision (ns)"],
    c.data.decisionSpeed.rows.map((_, i): Cell[] => [
      v(c, (x) => x.decisionSpeed.rows[i].strategy, text),
      v(c, (x) => x.decisionSpeed.rows[i].decisionsPerSecond, n()),
      v(c, (x) => x.decisionSpeed.rows[i].decisionsPerCpuSecond, n()),
      v(c, (x) => x.decisionSpeed.rows[i].perDecisionNs, n()),
    ]),
  );
  fig("Decision speed of every policy", "09-decision-speed.svg");
}
