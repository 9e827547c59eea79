import { UsageError } from "../../errors.js";

/** One problem in a scenario, located by its field path (e.g. `backends.neo4j.latencyMs.p99`). */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/**
 * A malformed scenario. The message names the source (file) and each field path, one issue per
 * line, e.g. `data/scenarios/x.json: backends.neo4j.latencyMs.p99 must be greater than median`.
 * It is a {@link UsageError}, so the CLI prints it without a stack and exits 2.
 */
export class ScenarioError extends UsageError {
  /**
   * @param source the file (or label) the scenario came from
   * @param issues the problems found, in document order
   */
  constructor(
    readonly source: string,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(issues.map((i) => `${source}: ${i.path ? `${i.path} ` : ""}${i.message}`).join("\n"));
  }
}
