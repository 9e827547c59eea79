import { UsageError } from "./errors.js";

/**
 * Parses a CLI flag as an integer within bounds.
 *
 * @param text the flag's value
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
  if (text.trim() === "" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/**
 * Parses a CLI flag as a finite number within bounds.
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
  if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}
