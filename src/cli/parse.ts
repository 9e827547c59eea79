import { UsageError } from "../errors.js";
import { type PatternSpec, parsePatternSpec } from "../patterns/spec.js";

// Decimal only: Number() also reads "0x10", "0b1", "1e3" and "Infinity", which no flag means.
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a CLI flag as an integer within bounds.
 *
 * @param text the flag's value: decimal digits with an optional sign
 * @param flag the flag's name, for the error
 * @param bounds inclusive limits (default: any safe integer)
 * @returns the integer
 * @throws {UsageError} naming the flag when the value is not an integer in range
 */
export function parseInteger(
  text: string,
  flag: string,
  bounds: { min?: number; max?: number } = {},
): number {
  const value = Number(text);
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = bounds;
  if (!INTEGER.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/**
 * Parses a CLI flag as a finite decimal number within bounds.
 *
 * @throws {UsageError} naming the flag when the value is not a number in range
 */
export function parseNumber(
  text: string,
  flag: string,
  bounds: { min?: number; max?: number } = {},
): number {
  const value = Number(text);
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = bounds;
  if (!DECIMAL.test(text.trim()) || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/**
 * Parses a CLI flag as an execution pattern, e.g. `hedged:delay=p95`.
 *
 * @throws {UsageError} naming the flag for an unknown pattern or a bad option
 */
export function parsePattern(text: string, flag = "--pattern"): PatternSpec {
  try {
    return parsePatternSpec(text);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`${flag}: ${err.message}`);
    throw err;
  }
}
