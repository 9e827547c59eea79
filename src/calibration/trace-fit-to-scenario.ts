import type { RelevanceSpec } from "../sim/relevance/spec.js";
import { parseScenario } from "../sim/scenario/parse.js";
import type { BackendSpec, Scenario } from "../sim/scenario/spec.js";
import { distributionToSpec } from "./distribution-spec.js";
import type { TraceFit } from "./fit-trace.js";

/** Options for {@link traceFitToScenario}. */
export interface TraceScenarioOptions {
  /** The scenario's name. */
  name: string;
  description?: string;
  /** The SLO latency bound in ms (default 2000, the old system's rule). */
  sloMs?: number;
  /**
   * Relevance given to a query type a backend never served in the trace (default 0: the
   * trace has no evidence that it can answer it). Every such choice is listed in `notes`.
   */
  unobservedRelevance?: number;
  /** Poisson arrival rate when the trace has no timestamps (default 100 qps). */
  qps?: number;
}

/** A scenario built from a trace fit, with what the reader should know about it. */
export interface TraceScenario {
  scenario: Scenario;
  notes: string[];
}

const round = (x: number, digits = 6): number => Number(x.toPrecision(digits));

/**
 * Builds a simulator scenario from a trace fit: each backend's chosen latency distribution,
 * relevance per query type (from relevance, else success, else constant 1), failure probability
 * and timeout; the workload's query mix and Poisson rate come from the trace. The result is
 * validated by the simulator's scenario schema before it is returned.
 *
 * @param fit the output of `fitTrace`
 * @param options name, SLO, defaults for what the trace does not show
 * @returns the scenario and notes on every default that was filled in
 * @throws {Error} when the fit has no backend with a latency fit
 * @example const { scenario } = traceFitToScenario(fitTrace(rows), { name: "measured" });
 */
export function traceFitToScenario(fit: TraceFit, options: TraceScenarioOptions): TraceScenario {
  const notes: string[] = [];
  const unobserved = options.unobservedRelevance ?? 0;
  const types = fit.queryTypes.map((t) => t.queryType);
  const backends: Record<string, BackendSpec> = {};
  for (const b of fit.backends) {
    if (b.latency === null || b.model === null) {
      notes.push(`${b.backend}: left out (no completed request to fit)`);
      continue;
    }
    const best = b.latency.best;
    const model = b.model;
    const relevance: Record<string, RelevanceSpec> = {};
    for (const o of b.outcomes) {
      if (o.relevance !== undefined) {
        relevance[o.queryType] = o.relevance.model;
      } else if (o.success !== undefined) {
        relevance[o.queryType] = { type: "bernoulli", p: o.success.rate };
        notes.push(
          `${b.backend}/${o.queryType}: relevance from the success rate (no relevance column)`,
        );
      } else {
        relevance[o.queryType] = { type: "constant", value: 1 };
        notes.push(`${b.backend}/${o.queryType}: no relevance or success data; relevance set to 1`);
      }
    }
    const missing = types.filter((t) => !(t in relevance));
    if (missing.length > 0) {
      relevance.default = { type: "constant", value: unobserved };
      notes.push(
        `${b.backend}: never served ${missing.join(", ")} in the trace; relevance there set to ${unobserved}`,
      );
    }
    const chosenKs =
      b.timeouts !== undefined && model.distribution === b.timeouts.best.fit.distribution
        ? b.timeouts.best.fit.ks
        : best.ks;
    const ks = `KS D = ${chosenKs.statistic.toFixed(3)} (p = ${chosenKs.pValue.toExponential(1)})`;
    const spec: BackendSpec = {
      description: `fitted from ${b.n} rows: ${model.reason}; ${ks}`,
      latencyMs: distributionToSpec(model.distribution),
      relevance,
    };
    // The simulator fails a request independently of its latency, and a failure that would
    // have run past the timeout shows as a timeout; so the error rate is per request that did
    // not time out.
    const notTimedOut = b.failures.n - b.failures.timeouts;
    if (b.failures.errors > 0 && notTimedOut > 0) {
      spec.failureProbability = round(b.failures.errors / notTimedOut);
    }
    if (b.timeoutMs !== undefined) spec.timeoutMs = round(b.timeoutMs);
    if (model.hangProbability > 0) spec.hangProbability = round(model.hangProbability);
    backends[b.backend] = spec;
  }
  if (Object.keys(backends).length === 0) {
    throw new Error("no backend in the trace has a completed request to fit");
  }
  const mix: Record<string, number> = {};
  for (const t of fit.queryTypes) mix[t.queryType] = round(t.share);
  let qps = fit.qps;
  if (qps === undefined) {
    qps = options.qps ?? 100;
    notes.push(`no timestamps: Poisson arrivals at ${qps} qps`);
  }
  const json = {
    name: options.name,
    description:
      options.description ??
      `Fitted by routing-lab fit from a ${fit.rows}-row trace (latency by maximum likelihood, chosen by AIC).`,
    backends,
    workload: { mix, arrivals: { type: "poisson" as const, qps: round(qps) } },
    slo: { latencyMs: options.sloMs ?? 2000, minRelevance: fit.minRelevance },
  };
  return { scenario: parseScenario(json, options.name), notes };
}
