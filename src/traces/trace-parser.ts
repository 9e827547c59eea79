import { stripBom } from "../io/strip-bom.js";
import { splitCsvLine } from "./split-csv-line.js";
import { TraceFormatError } from "./trace-format-error.js";
import {
  REQUIRED_TRACE_COLUMNS,
  TRACE_COLUMNS,
  type TraceRow,
  type TraceStatus,
} from "./trace-row.js";

/** Options for reading a trace. */
export interface TraceParseOptions {
  /** Name used in error messages, e.g. the file path. Default `<input>`. */
  source?: string;
  /**
   * Skip rows that fail validation instead of throwing, and count them. Structural problems
   * (empty file, missing or duplicate column) always throw. Default false.
   */
  skipInvalid?: boolean;
  /** How many skipped-row problems to keep in the summary. Default 20. */
  maxIssues?: number;
}

/** One skipped row's problem. */
export interface TraceIssue {
  line: number;
  column?: string;
  problem: string;
}

/** What reading a trace found, besides the rows. */
export interface TraceParseSummary {
  source: string;
  /** The header's column names, in file order. */
  columns: string[];
  /** Columns the format does not define; they are read past, not validated. */
  ignoredColumns: string[];
  /** Valid rows delivered. */
  rows: number;
  /** Invalid rows skipped (only with `skipInvalid`). */
  skipped: number;
  /** The first `maxIssues` skipped rows' problems. */
  issues: TraceIssue[];
  /** Lines read, including the header, comments and blank lines. */
  lines: number;
}

const TRUE_WORDS = new Set(["true", "1", "yes", "y", "t"]);
const FALSE_WORDS = new Set(["false", "0", "no", "n", "f"]);
const STATUSES = new Set<string>(["ok", "error", "timeout"]);
const KNOWN_COLUMNS = new Set<string>(Object.values(TRACE_COLUMNS));

/** `String#trim` without the allocation when there is nothing to trim (the usual case). */
function trim(s: string): string {
  return s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 ? s : s.trim();
}

/** Thrown inside the row builder; the parser adds the source and line. */
class RowProblem {
  constructor(
    readonly problem: string,
    readonly column?: string,
  ) {}
}

/**
 * An incremental trace parser: feed it lines in order with {@link pushLine}, then call
 * {@link finish}. `parseTrace` and `visitTrace` drive it; use it directly to parse from any
 * line source. Format: see `data/traces/README.md`.
 */
export class TraceParser {
  private readonly source: string;
  private readonly skipInvalid: boolean;
  private readonly maxIssues: number;
  private columns: string[] | undefined;
  private ignored: string[] = [];
  // Column positions, -1 when absent: index lookups keep the per-row path free of string keys.
  private iBackend = -1;
  private iLatency = -1;
  private iTimestamp = -1;
  private iQueryType = -1;
  private iPattern = -1;
  private iRelevance = -1;
  private iSuccess = -1;
  private iCacheHit = -1;
  private iStatus = -1;
  private iPropensity = -1;
  private iQueryId = -1;
  private iQuery = -1;
  private iSloMet = -1;
  private iAvailable = -1;
  private iPrimary = -1;
  private offPolicy = false;
  /** Parsed `available` cells: a trace repeats a few sets, so each is split and frozen once. */
  private readonly sets = new Map<string, readonly string[]>();
  // Interning: a 1e6-row trace repeats a handful of backend/type/pattern names; sharing one
  // string per name keeps materialised rows small.
  private readonly names = new Map<string, string>();
  private rows = 0;
  private skipped = 0;
  private lines = 0;
  private readonly issues: TraceIssue[] = [];

  /** @param options see {@link TraceParseOptions} */
  constructor(options: TraceParseOptions = {}) {
    this.source = options.source ?? "<input>";
    this.skipInvalid = options.skipInvalid ?? false;
    this.maxIssues = options.maxIssues ?? 20;
  }

  /**
   * Reads one line.
   *
   * @param text the line without its line break (a trailing `\r` is removed)
   * @param lineNumber its 1-based number, for messages
   * @returns the row, or `undefined` for the header, comments, blank and skipped lines
   * @throws {TraceFormatError} on a bad header, or a bad row without `skipInvalid`
   */
  pushLine(text: string, lineNumber: number): TraceRow | undefined {
    this.lines = lineNumber;
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    if (lineNumber === 1) text = stripBom(text);
    const c0 = text.charCodeAt(0);
    if (text.length === 0 || c0 === 35 /* # */ || (c0 <= 32 && text.trim().length === 0)) {
      return undefined;
    }
    if (this.columns === undefined) {
      this.readHeader(text, lineNumber);
      return undefined;
    }
    try {
      const row = this.buildRow(text);
      this.rows++;
      return row;
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      if (!this.skipInvalid) {
        throw new TraceFormatError(this.source, lineNumber, err.problem, err.column);
      }
      this.skipped++;
      if (this.issues.length < this.maxIssues) {
        this.issues.push({ line: lineNumber, column: err.column, problem: err.problem });
      }
      return undefined;
    }
  }

  /**
   * Ends the input.
   *
   * @returns what was read
   * @throws {TraceFormatError} when there was no header, or no valid row
   */
  finish(): TraceParseSummary {
    if (this.columns === undefined) {
      throw new TraceFormatError(
        this.source,
        Math.max(1, this.lines),
        `empty file: expected a header line naming at least ${REQUIRED_TRACE_COLUMNS.join(", ")}`,
      );
    }
    if (this.rows === 0) {
      const why =
        this.skipped > 0
          ? `no valid rows (${this.skipped} skipped; first problem at line ${this.issues[0]?.line}: ${this.issues[0]?.problem})`
          : "no data rows after the header";
      throw new TraceFormatError(this.source, Math.max(1, this.lines), why);
    }
    return {
      source: this.source,
      columns: [...this.columns],
      ignoredColumns: [...this.ignored],
      rows: this.rows,
      skipped: this.skipped,
      issues: [...this.issues],
      lines: this.lines,
    };
  }

  private readHeader(text: string, lineNumber: number): void {
    const split = splitCsvLine(text);
    if (typeof split === "string") throw new TraceFormatError(this.source, lineNumber, split);
    const names = split.map((f) => f.trim().toLowerCase());
    const seen = new Set<string>();
    for (const name of names) {
      if (name === "") throw new TraceFormatError(this.source, lineNumber, "empty column name");
      if (seen.has(name)) {
        throw new TraceFormatError(this.source, lineNumber, `duplicate column "${name}"`, name);
      }
      seen.add(name);
    }
    for (const req of REQUIRED_TRACE_COLUMNS) {
      if (!seen.has(req)) {
        throw new TraceFormatError(
          this.source,
          lineNumber,
          `missing required column "${req}" (header has: ${names.join(", ")})`,
          req,
        );
      }
    }
    this.columns = names;
    this.ignored = names.filter((n) => !KNOWN_COLUMNS.has(n));
    const at = (c: string) => names.indexOf(c);
    this.iBackend = at(TRACE_COLUMNS.backend);
    this.iLatency = at(TRACE_COLUMNS.latencyMs);
    this.iTimestamp = at(TRACE_COLUMNS.timestamp);
    this.iQueryType = at(TRACE_COLUMNS.queryType);
    this.iPattern = at(TRACE_COLUMNS.pattern);
    this.iRelevance = at(TRACE_COLUMNS.relevance);
    this.iSuccess = at(TRACE_COLUMNS.success);
    this.iCacheHit = at(TRACE_COLUMNS.cacheHit);
    this.iStatus = at(TRACE_COLUMNS.status);
    this.iPropensity = at(TRACE_COLUMNS.propensity);
    this.iQueryId = at(TRACE_COLUMNS.queryId);
    this.iQuery = at(TRACE_COLUMNS.query);
    this.iSloMet = at(TRACE_COLUMNS.sloMet);
    this.iAvailable = at(TRACE_COLUMNS.available);
    this.iPrimary = at(TRACE_COLUMNS.primary);
    this.offPolicy =
      this.iPropensity >= 0 ||
      this.iQueryId >= 0 ||
      this.iQuery >= 0 ||
      this.iSloMet >= 0 ||
      this.iAvailable >= 0 ||
      this.iPrimary >= 0;
  }

  private buildRow(text: string): TraceRow {
    const f = splitCsvLine(text);
    if (typeof f === "string") throw new RowProblem(f);
    const expected = (this.columns as string[]).length;
    if (f.length !== expected) {
      throw new RowProblem(`expected ${expected} fields as in the header, found ${f.length}`);
    }
    const backend = trim(f[this.iBackend]);
    if (backend === "") throw new RowProblem("backend is empty", TRACE_COLUMNS.backend);
    const row: TraceRow = {
      backend: this.intern(backend),
      latencyMs: this.number(f[this.iLatency], TRACE_COLUMNS.latencyMs, true),
    };
    if (row.latencyMs < 0) {
      throw new RowProblem(`latency_ms ${row.latencyMs} is negative`, TRACE_COLUMNS.latencyMs);
    }
    if (this.iTimestamp >= 0) {
      const cell = trim(f[this.iTimestamp]);
      if (cell !== "") row.timestamp = this.timestamp(cell);
    }
    if (this.iQueryType >= 0) {
      const cell = trim(f[this.iQueryType]);
      if (cell !== "") row.queryType = this.intern(cell);
    }
    if (this.iPattern >= 0) {
      const cell = trim(f[this.iPattern]);
      if (cell !== "") row.pattern = this.intern(cell);
    }
    if (this.iRelevance >= 0) {
      const r = this.number(f[this.iRelevance], TRACE_COLUMNS.relevance, false);
      if (!Number.isNaN(r)) {
        if (r < 0 || r > 1) {
          throw new RowProblem(`relevance ${r} is outside [0, 1]`, TRACE_COLUMNS.relevance);
        }
        row.relevance = r;
      }
    }
    if (this.iSuccess >= 0) {
      const b = this.boolean(f[this.iSuccess], TRACE_COLUMNS.success);
      if (b !== undefined) row.success = b;
    }
    if (this.iCacheHit >= 0) {
      const b = this.boolean(f[this.iCacheHit], TRACE_COLUMNS.cacheHit);
      if (b !== undefined) row.cacheHit = b;
    }
    if (this.iStatus >= 0) {
      const raw = f[this.iStatus];
      // Canonical spellings skip the trim/lower-case allocations.
      const cell =
        raw === "ok" || raw === "error" || raw === "timeout" ? raw : raw.trim().toLowerCase();
      if (cell !== "") {
        if (!STATUSES.has(cell)) {
          throw new RowProblem(
            `status "${cell}" is not one of ok, error, timeout`,
            TRACE_COLUMNS.status,
          );
        }
        row.status = cell as TraceStatus;
      }
    }
    // One check when the trace has none of the off-policy columns, so other traces parse as
    // fast as before they existed.
    if (this.offPolicy) this.readOffPolicy(row, f);
    return row;
  }

  /** Reads `propensity`, `query_id`, `query`, `slo_met`, `primary` and `available` into `row`. */
  private readOffPolicy(row: TraceRow, f: string[]): void {
    if (this.iPropensity >= 0) this.readPropensity(row, f[this.iPropensity]);
    if (this.iQueryId >= 0) {
      const cell = trim(f[this.iQueryId]);
      if (cell !== "") row.queryId = cell;
    }
    if (this.iQuery >= 0) {
      const cell = trim(f[this.iQuery]);
      if (cell !== "") row.query = cell;
    }
    if (this.iSloMet >= 0) {
      const b = this.boolean(f[this.iSloMet], TRACE_COLUMNS.sloMet);
      if (b !== undefined) row.sloMet = b;
    }
    if (this.iPrimary >= 0) {
      const b = this.boolean(f[this.iPrimary], TRACE_COLUMNS.primary);
      if (b !== undefined) row.primary = b;
    }
    if (this.iAvailable >= 0) {
      const cell = trim(f[this.iAvailable]);
      if (cell !== "") {
        const set = this.availableSet(cell);
        // The decision chose among these; a later request of the pattern may not have.
        if (row.primary !== false && !set.includes(row.backend)) {
          throw new RowProblem(
            `backend "${row.backend}" is not among the available backends "${cell}"`,
            TRACE_COLUMNS.available,
          );
        }
        row.available = set;
      }
    }
  }

  private readPropensity(row: TraceRow, cell: string): void {
    const v = Number(cell);
    if (v > 0 && v <= 1) {
      row.propensity = v;
      return;
    }
    const c = cell.trim();
    if (c === "") return;
    const why = Number.isNaN(v) ? "is not a number" : "is not in (0, 1]";
    throw new RowProblem(`propensity "${c}" ${why}`, TRACE_COLUMNS.propensity);
  }

  /** The backends of an `available` cell (ids joined by `;`), split once per distinct cell. */
  private availableSet(cell: string): readonly string[] {
    const have = this.sets.get(cell);
    if (have !== undefined) return have;
    const ids = cell.split(";").map((id) => id.trim());
    ids.forEach((id, i) => {
      if (id === "") {
        throw new RowProblem(
          `available "${cell}" has an empty backend id at position ${i + 1}`,
          TRACE_COLUMNS.available,
        );
      }
      if (ids.indexOf(id) !== i) {
        throw new RowProblem(`available "${cell}" lists "${id}" twice`, TRACE_COLUMNS.available);
      }
    });
    const set = Object.freeze(ids.map((id) => this.intern(id)));
    // Capped like the names: a column of ever-new sets must not grow the table without bound.
    if (this.sets.size < 10_000) this.sets.set(cell, set);
    return set;
  }

  private number(cell: string, column: string, required: boolean): number {
    const v = Number(cell);
    // Number("") and Number("  ") are 0: only a zero needs the (allocating) emptiness check.
    if (v === 0 && cell.trim().length === 0) {
      if (required) throw new RowProblem(`${column} is empty`, column);
      return Number.NaN;
    }
    if (!Number.isFinite(v)) {
      throw new RowProblem(`${column} "${cell.trim()}" is not a finite number`, column);
    }
    return v;
  }

  private timestamp(cell: string): number {
    const v = Number(cell);
    if (Number.isFinite(v)) return v;
    const t = Date.parse(cell);
    if (Number.isNaN(t)) {
      throw new RowProblem(
        `timestamp "${cell}" is neither a number of ms nor an ISO 8601 date`,
        TRACE_COLUMNS.timestamp,
      );
    }
    return t;
  }

  private boolean(cell: string, column: string): boolean | undefined {
    // Fast path for the canonical spellings, skipping trim/lower-case allocations.
    if (cell === "true") return true;
    if (cell === "false") return false;
    const c = cell.trim().toLowerCase();
    if (c === "") return undefined;
    if (TRUE_WORDS.has(c)) return true;
    if (FALSE_WORDS.has(c)) return false;
    throw new RowProblem(
      `${column} "${cell.trim()}" is not a boolean (true/false, 1/0, yes/no)`,
      column,
    );
  }

  private intern(s: string): string {
    const have = this.names.get(s);
    if (have !== undefined) return have;
    // Cap the table: a column of unique ids must not grow it without bound.
    if (this.names.size < 10_000) this.names.set(s, s);
    return s;
  }
}
