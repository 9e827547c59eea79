import { randomExponential } from "d3-random";
import { createStream, type RandomStream } from "../../random/index.js";
import type { Query } from "../../routing/types.js";
import type { CompiledScenario } from "./compiled-scenario.js";

/**
 * The traffic of one run: arrival gaps and the queries themselves, drawn from streams keyed by
 * (seed, repetition, purpose) only. Every strategy in a repetition therefore sees the same
 * queries at the same times (common random numbers), which sharpens comparisons.
 *
 * Query objects are built once and reused: a router receives the same object for the same
 * text (or catalogue entry), so nothing is allocated per arrival.
 */
export class WorkloadRuntime {
  /** The query type index of the last {@link next} call. */
  typeIndex = 0;
  /** What the router sees for the last query (without `type` when types are not revealed). */
  shown: Query = {};
  /** The same query with its true type, for the oracle. */
  truth: Query = {};
  /** The catalogue index (its id is `q<index>`) of the last query; −1 without repeats. */
  catalogueIndex = -1;

  private readonly types: RandomStream;
  private readonly texts: RandomStream;
  private readonly popularity: RandomStream;
  private readonly cumulativeMix: Float64Array;
  /** Per type: the shown and true query objects to choose among. */
  private readonly shownByType: Query[][];
  private readonly truthByType: Query[][];
  /** Zipf catalogue, when queries repeat. */
  private readonly catalogue?: {
    cumulative: Float64Array;
    type: Int32Array;
    shown: Query[];
    truth: Query[];
  };
  private readonly gap: () => number;

  /**
   * @param compiled the scenario
   * @param seed the experiment's root seed
   * @param repetition the repetition index
   */
  constructor(compiled: CompiledScenario, seed: number, repetition: number) {
    const workload = compiled.scenario.workload;
    this.types = createStream(seed, repetition, "query-types");
    this.texts = createStream(seed, repetition, "query-texts");
    this.popularity = createStream(seed, repetition, "query-popularity");
    const nT = compiled.types.length;
    this.cumulativeMix = new Float64Array(nT);
    let acc = 0;
    for (let t = 0; t < nT; t++) {
      acc += compiled.mix[t];
      this.cumulativeMix[t] = acc;
    }
    this.cumulativeMix[nT - 1] = 1;
    const reveal = workload.queries?.revealType ?? true;
    const texts = workload.queries?.texts ?? [];
    this.shownByType = compiled.types.map((type) => {
      const mine = texts.filter((q) => q.type === type);
      return mine.length === 0
        ? [{ type }]
        : mine.map((q) => (reveal ? { text: q.text, type } : { text: q.text }));
    });
    this.truthByType = compiled.types.map((type, t) =>
      this.shownByType[t].map((q) => ({ ...q, type })),
    );
    const repeats = workload.repeats;
    if (repeats) {
      const k = repeats.distinctQueries;
      const catalogue = createStream(seed, repetition, "query-catalogue");
      const cumulative = new Float64Array(k);
      let sum = 0;
      for (let i = 0; i < k; i++) {
        sum += (i + 1) ** -repeats.zipfExponent;
        cumulative[i] = sum;
      }
      for (let i = 0; i < k; i++) cumulative[i] /= sum;
      cumulative[k - 1] = 1;
      const type = new Int32Array(k);
      const shown: Query[] = [];
      const truth: Query[] = [];
      for (let i = 0; i < k; i++) {
        const t = this.pickType(catalogue.next());
        type[i] = t;
        const j = catalogue.int(this.shownByType[t].length);
        shown.push({ ...this.shownByType[t][j], id: `q${i}` });
        truth.push({ ...this.truthByType[t][j], id: `q${i}` });
      }
      this.catalogue = { cumulative, type, shown, truth };
    }
    const arrivals = workload.arrivals;
    const gaps = createStream(seed, repetition, "arrivals");
    this.gap =
      arrivals.type === "poisson"
        ? randomExponential.source(gaps.source)(arrivals.qps / 1000)
        : arrivals.thinkTimeMs
          ? randomExponential.source(gaps.source)(1 / arrivals.thinkTimeMs)
          : () => 0;
  }

  /** The gap in ms before the next arrival (Poisson) or a client's think time (closed loop). */
  nextGap(): number {
    return this.gap();
  }

  /** Draws the next query into {@link typeIndex}, {@link shown} and {@link truth}. */
  next(): void {
    const cat = this.catalogue;
    if (cat) {
      const u = this.popularity.next();
      // Binary search of the Zipf cumulative weights: O(log k) per query.
      let lo = 0;
      let hi = cat.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cat.cumulative[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      this.typeIndex = cat.type[lo];
      this.catalogueIndex = lo;
      this.shown = cat.shown[lo];
      this.truth = cat.truth[lo];
      return;
    }
    const t = this.pickType(this.types.next());
    this.typeIndex = t;
    const options = this.shownByType[t];
    const j = options.length === 1 ? 0 : this.texts.int(options.length);
    this.shown = options[j];
    this.truth = this.truthByType[t][j];
  }

  private pickType(u: number): number {
    const c = this.cumulativeMix;
    let t = 0;
    while (t < c.length - 1 && u >= c[t]) t++;
    return t;
  }
}
