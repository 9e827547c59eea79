import { UsageError } from "../errors.js";

/** One field of a results file that does not match its result type. */
export interface ResultFieldIssue {
  /** Dotted path of the field, e.g. `speed.strategies.thompson.decisionsPerSecond.median`. */
  path: string;
  /** What is wrong with it, e.g. `is required`. */
  message: string;
}

/**
 * A results file that is missing, not JSON, or not of its result type (e.g. written before a
 * field was renamed). The message names the file and, for a shape mismatch, each field.
 */
export class ResultFileError extends UsageError {
  /** The file, as given to the reader. */
  readonly file: string;
  /** The mismatched fields; empty when the file is missing or not JSON. */
  readonly issues: readonly ResultFieldIssue[];

  constructor(file: string, message: string, issues: readonly ResultFieldIssue[] = []) {
    super(`${file}: ${message}`);
    this.file = file;
    this.issues = issues;
  }
}
