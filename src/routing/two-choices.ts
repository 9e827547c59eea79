/**
 * The probability that power of two choices picks each backend: it draws two distinct
 * positions i then j uniformly and takes j when its cost is lower, else i (ties go to the
 * first drawn), so each of the n(n − 1) ordered pairs has probability 1/(n(n − 1)).
 *
 * @param costs the available backends' costs, in the context's order
 * @param n how many of them
 * @returns one probability per available backend
 * @example twoChoiceProbabilities([0, 1, 1], 3) // [2/3, 1/6, 1/6]
 */
export function twoChoiceProbabilities(costs: ArrayLike<number>, n: number): number[] {
  if (n === 1) return [1];
  const p = new Array<number>(n).fill(0);
  const w = 1 / (n * (n - 1));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j !== i) p[costs[j] < costs[i] ? j : i] += w;
    }
  }
  return p;
}
