import { afterEach, beforeEach, vi } from "vitest";

/**
 * Captures what the code under test writes to stdout and stderr, per test: call it inside a
 * `describe`. The arrays are emptied before each test and refilled in place, so they can be
 * destructured once.
 *
 * @returns the captured chunks, as strings
 */
export function captureOutput(): { out: string[]; err: string[] } {
  const captured = { out: [] as string[], err: [] as string[] };
  beforeEach(() => {
    captured.out.length = 0;
    captured.err.length = 0;
    for (const [stream, into] of [
      [process.stdout, captured.out],
      [process.stderr, captured.err],
    ] as const) {
      vi.spyOn(stream, "write").mockImplementation((s) => {
        into.push(String(s));
        return true;
      });
    }
  });
  afterEach(() => vi.restoreAllMocks());
  return captured;
}
