import type { CensoredFit } from "./fit-censored.js";
import type { BackendFit, TraceFit } from "./fit-trace.js";
import type { DistributionFit, LatencyDistribution } from "./types.js";

/** Short parameter text of a distribution, e.g. `μ=3.81 σ=0.80`. */
export function describeDistribution(d: LatencyDistribution): string {
  const g = (x: number) => x.toPrecision(4);
  switch (d.family) {
    case "lognormal":
      return `μ=${g(d.mu)} σ=${g(d.sigma)} (median ${g(Math.exp(d.mu))} ms)`;
    case "gamma":
    case "weibull":
      return `shape=${g(d.shape)} scale=${g(d.scale)}`;
    case "empirical":
      return `${d.quantiles.length} quantiles`;
    case "mixture":
      return d.components
        .map((c) => `${(c.weight * 100).toFixed(0)}% ${c.label ?? ""} ${c.distribution.family}`)
        .join(" + ");
  }
}

function candidateLine(c: DistributionFit, chosen: boolean): string {
  const aic = c.aic === null ? "—" : c.aic.toFixed(1);
  const ks = `D=${c.ks.statistic.toFixed(4)} p=${c.ks.pValue.toExponential(1)}`;
  return `    ${chosen ? "*" : " "} ${c.distribution.family.padEnd(9)} AIC ${aic.padStart(10)}  KS ${ks}  ${describeDistribution(c.distribution)}`;
}

function timeoutCandidateLine(c: CensoredFit, chosen: boolean): string {
  const hang = c.model === "hang" ? `  h=${(c.hangProbability * 100).toFixed(2)}%` : "";
  const line = candidateLine(c.fit, chosen).replace(/^( {4}[* ] )/, `$1${c.model.padEnd(9)} `);
  return `${line}${hang}`;
}

/** The timeout section of one backend: counts, the model chosen by AIC and every candidate. */
function timeoutLines(b: BackendFit): string[] {
  if (b.timeoutMs === undefined) return [];
  const f = b.failures;
  const lines = [
    `  timeouts: ${f.timeouts} rows (${((f.timeouts / b.n) * 100).toFixed(2)}%) at ${b.timeoutMs.toPrecision(4)} ms, errors ${f.errors}`,
  ];
  if (b.model !== null) lines.push(`  timeout model: ${b.model.reason}`);
  const t = b.timeouts;
  if (t !== undefined) {
    for (const c of t.candidates) lines.push(timeoutCandidateLine(c, c === t.best));
    const w = (m: "censored" | "hang") => {
      const x = t.models[m];
      return x === null ? "—" : `${(x.weight * 100).toFixed(1)}%`;
    };
    lines.push(`    Akaike weight: censored tail ${w("censored")}, hangs ${w("hang")}`);
  }
  return lines;
}

/**
 * A readable report of a trace fit for the terminal: per backend the candidates with AIC and
 * KS (the chosen one starred), then relevance and success per query type.
 *
 * @param fit the output of `fitTrace`
 * @returns the report text, lines joined with `\n`
 * @example console.log(formatTraceFit(fitTrace(rows)))
 */
export function formatTraceFit(fit: TraceFit): string {
  const lines: string[] = [];
  const mix = fit.queryTypes.map((t) => `${t.queryType} ${(t.share * 100).toFixed(1)}%`);
  lines.push(`${fit.rows} rows, ${fit.backends.length} backends; query mix: ${mix.join(", ")}`);
  if (fit.qps !== undefined) lines.push(`throughput in the trace: ${fit.qps.toPrecision(4)} qps`);
  for (const b of fit.backends) {
    lines.push("");
    const fail = b.failures.n > 0 ? `, failures ${(b.failures.rate * 100).toFixed(2)}%` : "";
    const cache =
      b.cacheHitRate === undefined ? "" : `, cache hits ${(b.cacheHitRate * 100).toFixed(1)}%`;
    lines.push(`${b.backend}: ${b.n} rows${fail}${cache}`);
    if (b.latency !== null) {
      const only = b.timeoutMs === undefined ? "" : " (answered rows only)";
      lines.push(`  latency${only}: ${b.latency.reason}`);
      for (const c of b.latency.candidates) lines.push(candidateLine(c, c === b.latency.best));
    }
    lines.push(...timeoutLines(b));
    for (const o of b.outcomes) {
      const parts = [`  ${o.queryType}: n=${o.n}`];
      if (o.relevance !== undefined) {
        const r = o.relevance;
        parts.push(
          `relevance mean ${r.mean.toFixed(3)}, ≥ ${fit.minRelevance}: ${(r.meetsMinimum.rate * 100).toFixed(1)}% [${r.meetsMinimum.ci95.map((x) => (x * 100).toFixed(1)).join(", ")}] (model ${r.model.type}: ${(r.modelMeetsMinimum * 100).toFixed(1)}%)`,
        );
      }
      if (o.success !== undefined) {
        const s = o.success;
        parts.push(
          `success ${(s.rate * 100).toFixed(1)}% [${s.ci95.map((x) => (x * 100).toFixed(1)).join(", ")}]`,
        );
      }
      lines.push(parts.join("; "));
      if (o.relevance?.note !== undefined) lines.push(`    relevance: ${o.relevance.note}`);
    }
    for (const note of b.notes) lines.push(`  note: ${note}`);
  }
  return lines.join("\n");
}
