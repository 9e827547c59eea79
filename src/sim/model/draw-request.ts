import type { BackendRuntime } from "./backend-runtime.js";
import type { CompiledScenario } from "./compiled-scenario.js";
import { OUTAGE_NONE, OUTAGE_TIMEOUT, type Phase, rampWeight } from "./timeline.js";

/** What one request to a backend returns. */
export interface RequestDraw {
  latency: number;
  relevance: number;
  failed: boolean;
  timedOut: boolean;
  /** 0 when the draw is good; 1 a non-finite latency, 2 a relevance outside [0, 1]. */
  bad: number;
  /** The backend state the draw came from (for error messages). */
  state: number;
  /** The raw latency draw, before windows and load. */
  drawn: number;
}

/** A request draw with nothing in it yet. */
export function emptyDraw(): RequestDraw {
  return {
    latency: 0,
    relevance: 0,
    failed: false,
    timedOut: false,
    bad: 0,
    state: 0,
    drawn: 0,
  };
}

/**
 * Draws one request's latency, failure and relevance from the scenario's model: the one
 * place the request model lives, shared by the engine and the oracle's Monte Carlo tables.
 * Outages answer at once (error) or at the timeout; a drift ramp picks the old or the new
 * state by its weight; windows scale and shift latency; `load` (≥ 1) slows it further; a
 * latency past the timeout, or a hang (`hangProbability`), ends at the timeout and fails. A
 * failed request has relevance 0.
 *
 * @param out where to write the draw (reused, so the hot path allocates nothing)
 * @param rt the run's samplers and streams
 * @param compiled the scenario
 * @param ph backend b's phase at time t
 * @param b backend index
 * @param ty query type index
 * @param t the virtual time, ms
 * @param load the processor-sharing factor, 1 when unloaded
 */
export function drawRequest(
  out: RequestDraw,
  rt: BackendRuntime,
  compiled: CompiledScenario,
  ph: Phase,
  b: number,
  ty: number,
  t: number,
  load: number,
): void {
  out.failed = false;
  out.timedOut = false;
  out.bad = 0;
  if (ph.outage !== OUTAGE_NONE) {
    out.relevance = 0;
    out.failed = true;
    if (ph.outage === OUTAGE_TIMEOUT) {
      out.latency = compiled.timeoutMs[b];
      out.timedOut = true;
    } else {
      out.latency = ph.errorLatencyMs;
    }
    return;
  }
  let k = ph.from;
  if (ph.to >= 0 && rt.chance[b].next() < rampWeight(ph, t)) k = ph.to;
  out.state = k;
  const drawn = rt.latency[b][k]();
  out.drawn = drawn;
  let latency = drawn * ph.latencyFactor + ph.addLatencyMs;
  if (load > 1) latency *= load;
  // Validation bounds every distribution's draws, but not what windows and load do to them.
  if (!(latency >= 0 && latency < Number.POSITIVE_INFINITY)) {
    out.latency = latency;
    out.bad = 1;
    return;
  }
  const pf = rt.failure[b][k];
  const pe = ph.extraFailure;
  if (pf > 0 || pe > 0) out.failed = rt.chance[b].next() < 1 - (1 - pf) * (1 - pe);
  const timeout = compiled.timeoutMs[b];
  // A hang draws after the latency and failure draws (and only when possible), so a scenario
  // without hangs keeps its streams, and one with them keeps every other request's latency.
  const hang = compiled.hangProbability[b];
  if (latency > timeout || (hang > 0 && rt.chance[b].next() < hang)) {
    latency = timeout;
    out.failed = true;
    out.timedOut = true;
  }
  out.latency = latency;
  if (out.failed) {
    out.relevance = 0;
    return;
  }
  const relevance = rt.relevance[b][k][ty]();
  out.relevance = relevance;
  if (!(relevance >= 0 && relevance <= 1)) out.bad = 2;
}
