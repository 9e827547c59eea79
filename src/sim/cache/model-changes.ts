import type { CompiledScenario } from "../model/compiled-scenario.js";

/**
 * When each backend's model changed for each query type: the start of every degradation
 * window and its end (the model changes back), and the start of every drift that changes the
 * type's relevance or the backend's latency or failures. A cached answer filled before such a
 * change and served after it is **stale**: its backend would not answer that way any more.
 * Outages are not changes of the model (the data are the same once it is back).
 */
export class ModelChanges {
  /** Sorted change times per `b * types + ty`. */
  private readonly times: Float64Array[];
  private readonly nT: number;

  /** @param compiled the scenario */
  constructor(compiled: CompiledScenario) {
    const nT = compiled.types.length;
    this.nT = nT;
    this.times = [];
    compiled.backends.forEach((id, b) => {
      const windows = compiled.scenario.backends[id].windows ?? [];
      const states = compiled.states[b];
      const perType: number[][] = Array.from({ length: nT }, () => []);
      let drift = 0;
      for (const w of windows) {
        if (w.kind === "degradation") {
          for (const list of perType) list.push(w.startMs, w.endMs);
        } else if (w.kind === "drift") {
          drift++;
          const all = w.latencyMs !== undefined || w.failureProbability !== undefined;
          perType.forEach((list, ty) => {
            // backendStates reuses the previous state's model for types a drift leaves alone.
            if (all || states[drift].relevance[ty] !== states[drift - 1].relevance[ty]) {
              list.push(w.startMs);
            }
          });
        }
      }
      for (const list of perType) this.times.push(Float64Array.from(list).sort());
    });
  }

  /**
   * Whether backend b's model for type ty changed in (from, to].
   *
   * @param b backend index
   * @param ty query type index
   * @param from when the answer was filled, ms
   * @param to when it is served, ms
   * @returns true when the answer is stale
   */
  changedBetween(b: number, ty: number, from: number, to: number): boolean {
    const t = this.times[b * this.nT + ty];
    if (t.length === 0) return false;
    // First change after `from`, by binary search.
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[mid] > from) hi = mid;
      else lo = mid + 1;
    }
    return lo < t.length && t[lo] <= to;
  }
}
