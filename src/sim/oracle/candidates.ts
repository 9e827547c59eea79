import type { PatternSpec } from "../../patterns/spec.js";

/**
 * The decisions worth comparing under a pattern, as ordered backend lists (primary first,
 * then the alternatives the pattern will use), over the available backends `avail`:
 *
 * - hedged: every (primary, backup) pair; with `backup: same`, every single backend;
 * - parallel: every set of `min(fanout, n)` backends (they are all sent at once, so order
 *   does not matter);
 * - recursive and chain: every sequence of `min(maxIterations or stages, n)` distinct backends
 *   (later tries depend on earlier ones, so order matters);
 * - feed-forward: every single backend.
 *
 * With 5 backends that is at most 60 lists (recursive, 3 tries).
 *
 * @param pattern the execution pattern
 * @param avail the available backends' indices
 * @returns the candidate lists, in a fixed order
 * @example patternCandidates({ name: "chain", stages: 2 }, [0, 1, 2]).length // 6
 */
export function patternCandidates(pattern: PatternSpec, avail: readonly number[]): number[][] {
  const n = avail.length;
  if (n === 0) return [];
  switch (pattern.name) {
    case "feed-forward":
      return sequences(avail, 1);
    case "hedged":
      return sequences(avail, pattern.backup === "same" ? 1 : Math.min(2, n));
    case "parallel": {
      const fanout = pattern.fanout === undefined || pattern.fanout === "all" ? n : pattern.fanout;
      return subsets(avail, Math.min(fanout, n));
    }
    case "recursive":
      return sequences(avail, Math.min(pattern.maxIterations ?? 3, n));
    case "chain":
      return sequences(avail, Math.min(pattern.stages ?? 2, n));
  }
}

/** Every ordered list of k distinct items. */
function sequences(items: readonly number[], k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const x of items) {
    for (const rest of sequences(
      items.filter((y) => y !== x),
      k - 1,
    )) {
      out.push([x, ...rest]);
    }
  }
  return out;
}

/** Every set of k items, in the items' order. */
function subsets(items: readonly number[], k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i + k <= items.length; i++) {
    for (const rest of subsets(items.slice(i + 1), k - 1)) out.push([items[i], ...rest]);
  }
  return out;
}
