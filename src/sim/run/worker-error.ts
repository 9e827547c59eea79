import { UsageError } from "../../errors.js";
import { RoutingInputError } from "../../routing/errors.js";
import { ScenarioError, type ScenarioIssue } from "../scenario/errors.js";
import { scenarioSource } from "../scenario/source.js";
import type { Scenario } from "../scenario/spec.js";

/**
 * What a user error thrown on a worker thread carries back to the main thread, as the `cause`
 * of a plain Error. Why: a thrown error crosses the thread boundary by structured clone, which
 * keeps its message, stack and `cause` but not its class or its own fields, so a
 * {@link UsageError} (exit 2, no stack) would arrive as an Error (a bug: exit 1, stack).
 */
export interface CrossingUsageError {
  tag: typeof TAG;
  /** The most specific class the main thread re-creates. */
  kind: "scenario" | "routing-input" | "usage";
  message: string;
  /** A ScenarioError's issues. */
  issues?: readonly ScenarioIssue[];
  /** A RoutingInputError's field. */
  field?: string;
}

const TAG = "routing-lab/usage-error";

/**
 * On a worker thread, wraps a user error (a {@link UsageError}, including ScenarioError and
 * RoutingInputError) so that it survives the structured clone; any other error, a bug, is
 * returned as is (the clone keeps its message and stack, so it still reads as a bug).
 *
 * @param err what the task threw
 * @returns the error to throw from the worker
 */
export function toCrossingError(err: unknown): unknown {
  if (!(err instanceof UsageError)) return err;
  const cause: CrossingUsageError = {
    tag: TAG,
    kind:
      err instanceof ScenarioError
        ? "scenario"
        : err instanceof RoutingInputError
          ? "routing-input"
          : "usage",
    message: err.message,
    issues: err instanceof ScenarioError ? err.issues : undefined,
    field: err instanceof RoutingInputError ? err.field : undefined,
  };
  return new Error(err.message, { cause });
}

/**
 * On the main thread, re-creates a user error that crossed from a worker as its own class; a
 * ScenarioError is re-created naming the scenario's file, which the worker (holding a copy of
 * the scenario) could not know. Anything else is returned unchanged.
 *
 * @param err what the pool's task rejected with
 * @param scenario the scenario object the experiment was given (for its file name)
 * @returns the error to throw
 */
export function fromCrossingError(err: unknown, scenario: Scenario): unknown {
  const cause = err instanceof Error ? (err.cause as Partial<CrossingUsageError>) : undefined;
  if (cause?.tag !== TAG || typeof cause.message !== "string") return err;
  switch (cause.kind) {
    case "scenario":
      return new ScenarioError(scenarioSource(scenario), cause.issues ?? []);
    case "routing-input": {
      const field = cause.field ?? "";
      const prefix = `${field}: `;
      const message = cause.message.startsWith(prefix)
        ? cause.message.slice(prefix.length)
        : cause.message;
      return new RoutingInputError(field, message);
    }
    default:
      return new UsageError(cause.message);
  }
}
