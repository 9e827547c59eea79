/** What every benchmark section is told. */
export interface BenchContext {
  /** Smaller workloads, for `--quick` (finishes in under a minute). */
  quick: boolean;
  /** Root seed for anything random in the workloads. */
  seed: number;
  /** Progress lines go here (stderr in the CLI). */
  log: (line: string) => void;
  /** Results of the sections that ran before this one, by id (for comparisons). */
  results?: Readonly<Record<string, unknown>>;
}

/** One benchmark of the suite: it measures, and it says how to print what it measured. */
export interface BenchSection<R = unknown> {
  /** Key in `bench.json`, e.g. `decisions`. */
  id: string;
  title: string;
  run(context: BenchContext): Promise<R>;
  /** Rows of a readable table: the first row is the header. */
  table(result: R): string[][];
}

/** Declares a section with its result type checked between `run` and `table`. */
export function defineSection<R>(section: BenchSection<R>): BenchSection<R> {
  return section;
}
