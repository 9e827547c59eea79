import type { BackendSpec, DriftWindow } from "../scenario/spec.js";

/** Outage modes as small integers for the hot loop. */
export const OUTAGE_NONE = 0;
export const OUTAGE_ERROR = 1;
export const OUTAGE_TIMEOUT = 2;
export const OUTAGE_HIDDEN = 3;

/** A backend's behaviour during one segment of the timeline. */
export interface Phase {
  /** Index of the backend state in force (see {@link backendStates}). */
  from: number;
  /** During a drift ramp, the state being ramped to; −1 otherwise. */
  to: number;
  rampStart: number;
  rampLength: number;
  latencyFactor: number;
  addLatencyMs: number;
  /** Failure probability of overlapping degradations (combined with the state's). */
  extraFailure: number;
  outage: number;
  errorLatencyMs: number;
}

/**
 * Every time at which some backend's behaviour changes, sorted, starting with 0. Segment s is
 * [breaks[s], breaks[s + 1]).
 *
 * @param backends the scenario's backends in index order
 * @returns the sorted distinct breakpoints
 */
export function breakpoints(backends: readonly BackendSpec[]): number[] {
  const set = new Set<number>([0]);
  for (const b of backends) {
    for (const w of b.windows ?? []) {
      set.add(w.startMs);
      if (w.kind === "drift") set.add(w.startMs + (w.rampMs ?? 0));
      else set.add(w.endMs);
    }
  }
  return [...set].sort((x, y) => x - y);
}

/**
 * The phase of one backend in the segment starting at `t` (windows are constant within a
 * segment by construction of the breakpoints; only a drift ramp's weight varies).
 *
 * @param spec the backend
 * @param t the segment's start
 * @returns the phase
 */
export function phaseAt(spec: BackendSpec, t: number): Phase {
  const phase: Phase = {
    from: 0,
    to: -1,
    rampStart: 0,
    rampLength: 0,
    latencyFactor: 1,
    addLatencyMs: 0,
    extraFailure: 0,
    outage: OUTAGE_NONE,
    errorLatencyMs: 1,
  };
  const drifts = (spec.windows ?? []).filter((w): w is DriftWindow => w.kind === "drift");
  drifts.forEach((d, k) => {
    const ramp = d.rampMs ?? 0;
    if (t >= d.startMs + ramp) {
      phase.from = k + 1;
      phase.to = -1;
    } else if (t >= d.startMs) {
      phase.from = k;
      phase.to = k + 1;
      phase.rampStart = d.startMs;
      phase.rampLength = ramp;
    }
  });
  for (const w of spec.windows ?? []) {
    if (w.kind === "drift" || t < w.startMs || t >= w.endMs) continue;
    if (w.kind === "degradation") {
      phase.latencyFactor *= w.latencyFactor ?? 1;
      phase.addLatencyMs += w.addLatencyMs ?? 0;
      phase.extraFailure = 1 - (1 - phase.extraFailure) * (1 - (w.failureProbability ?? 0));
    } else {
      const mode = w.mode ?? "error";
      const code =
        mode === "hidden" ? OUTAGE_HIDDEN : mode === "timeout" ? OUTAGE_TIMEOUT : OUTAGE_ERROR;
      phase.outage = Math.max(phase.outage, code);
      phase.errorLatencyMs = w.errorLatencyMs ?? 1;
    }
  }
  return phase;
}

/**
 * The drift ramp's weight of the new state at time t: the probability that a request is
 * served by the state being ramped to.
 *
 * @param phase the phase
 * @param t the time
 * @returns a weight in [0, 1]; 0 outside a ramp
 */
export function rampWeight(phase: Phase, t: number): number {
  if (phase.to < 0) return 0;
  const w = (t - phase.rampStart) / phase.rampLength;
  return Math.min(1, Math.max(0, w));
}
