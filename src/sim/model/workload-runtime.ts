import { createStream, type RandomStream, standardExponential } from "../../random/index.js";
import type { Query } from "../../routing/types.js";
import type { CompiledScenario } from "./compiled-scenario.js";

/**
 * The traffic of one run: arrival gaps and the queries themselves, drawn from streams keyed by
 * (seed, repetition, purpose) only. Every strategy in a repetition therefore sees the same
 * queries at the same times (common random numbers), which sharpens comparisons.
 *
 * Query objects without an id are built once and reused: a router receives the same object
 * for the same text. A repeated query (catalogue entry) gets a fresh object carrying its id on
 * each arrival. Why not one object per entry: with 10,000 entries, reading the router's field
 * of a random entry missed the CPU caches, and the bench's `thompson+cache` row ran ≈ 15 %
 * slower than allocating a small young object per arrival (measured with
 * `routing-lab bench --only simulationSpeed`).
 */
export class WorkloadRuntime {
  /** The query type index of the last {@link next} call. */
  typeIndex = 0;
  /** The reward row of the last query (its type index unless the scenario is contextual). */
  row = 0;
  /** The catalogue index (its id is `q<index>`) of the last query; −1 without repeats. */
  catalogueIndex = -1;
  /** Index of the last query among its type's texts (see {@link query}). */
  private text = 0;

  private readonly types: RandomStream;
  private readonly texts: RandomStream;
  private readonly popularity: RandomStream;
  private readonly cumulativeMix: Float64Array;
  /** Per type: the shown and true query objects to choose among. */
  private readonly shownByType: Query[][];
  private readonly truthByType: Query[][];
  /** Per type: the reward row of each query (see CompiledScenario.queryRows). */
  private readonly rowsByType: readonly Int32Array[];
  /** Zipf catalogue, when queries repeat. */
  private readonly catalogue?: {
    cumulative: Float64Array;
    /** `guide[j]`: the first entry whose cumulative weight exceeds j / k (see {@link next}). */
    guide: Int32Array;
    type: Int32Array;
    row: Int32Array;
    text: Int32Array;
    ids: string[];
  };
  private readonly gaps: RandomStream;
  /** Arrivals (or think times) per ms; +∞ for a closed loop without think time. */
  private readonly gapRate: number;

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
    this.shownByType = compiled.types.map((type, t) => {
      const mine = compiled.queryTexts[t];
      return mine.length === 0
        ? [{ type }]
        : mine.map((text) => (reveal ? { text, type } : { text }));
    });
    this.rowsByType = compiled.queryRows;
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
      const row = new Int32Array(k);
      const text = new Int32Array(k);
      const ids: string[] = [];
      for (let i = 0; i < k; i++) {
        const t = this.pickType(catalogue.next());
        type[i] = t;
        const j = catalogue.int(this.shownByType[t].length);
        text[i] = j;
        row[i] = this.rowsByType[t][j];
        ids.push(`q${i}`);
      }
      const guide = new Int32Array(k);
      for (let j = 0, i = 0; j < k; j++) {
        while (cumulative[i] <= j / k) i++;
        guide[j] = i;
      }
      this.catalogue = { cumulative, guide, type, row, text, ids };
    }
    const arrivals = workload.arrivals;
    this.gaps = createStream(seed, repetition, "arrivals");
    this.gapRate =
      arrivals.type === "poisson"
        ? arrivals.qps / 1000
        : arrivals.thinkTimeMs
          ? 1 / arrivals.thinkTimeMs
          : Number.POSITIVE_INFINITY;
  }

  /**
   * The gap in ms before the next arrival (Poisson) or a client's think time (closed loop):
   * exponential, by the ziggurat (see `standardExponential`); 0 for a closed loop without
   * think time.
   */
  nextGap(): number {
    const rate = this.gapRate;
    return rate === Number.POSITIVE_INFINITY ? 0 : standardExponential(this.gaps) / rate;
  }

  /** Draws the next query into {@link typeIndex}, {@link row} and {@link catalogueIndex}. */
  next(): void {
    const cat = this.catalogue;
    if (cat) {
      const u = this.popularity.next();
      // The first entry whose cumulative weight exceeds u (as a binary search would find), by
      // a guide table (Chen and Asau's cutpoints): jump to the first entry past ⌊u·k⌋/k, then
      // step. A bucket of width 1/k holds a few tail entries at most, so this is O(1) on
      // average. Why: the binary search's ≈ 14 unpredictable branches over 10,000 entries cost
      // ≈ 4 % of a simulated query on cached.json.
      const cumulative = cat.cumulative;
      let lo = cat.guide[(u * cumulative.length) | 0];
      while (cumulative[lo] <= u) lo++;
      this.typeIndex = cat.type[lo];
      this.row = cat.row[lo];
      this.catalogueIndex = lo;
      this.text = cat.text[lo];
      return;
    }
    const t = this.pickType(this.types.next());
    this.typeIndex = t;
    const options = this.shownByType[t];
    const j = options.length === 1 ? 0 : this.texts.int(options.length);
    this.text = j;
    this.row = this.rowsByType[t][j];
  }

  /**
   * The last query as a router sees it (without `type` when types are not revealed), or with
   * its true type (for the oracle); a repeated query carries its catalogue id. Call once per
   * query: a repeated query's object is new on each call.
   *
   * @param truth whether to give the true type
   * @returns the query
   */
  query(truth: boolean): Query {
    const q = (truth ? this.truthByType : this.shownByType)[this.typeIndex][this.text];
    const cat = this.catalogue;
    if (!cat) return q;
    const id = cat.ids[this.catalogueIndex];
    // Literals, not a spread: spreading per arrival cost more than the whole cache lookup.
    if (q.text === undefined) return { type: q.type, id };
    if (q.type === undefined) return { text: q.text, id };
    return { text: q.text, type: q.type, id };
  }

  private pickType(u: number): number {
    const c = this.cumulativeMix;
    let t = 0;
    while (t < c.length - 1 && u >= c[t]) t++;
    return t;
  }
}
