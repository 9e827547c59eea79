/**
 * Checks that a sample can be fitted by a positive-support family and returns its size.
 *
 * @param samples latencies
 * @param family the family being fitted, for the message
 * @param minimum the fewest values the fit needs
 * @returns the sample size
 * @throws {RangeError} when there are too few values or any is not a positive finite number
 */
export function checkPositiveSample(
  samples: readonly number[],
  family: string,
  minimum = 2,
): number {
  const n = samples.length;
  if (n < minimum) {
    throw new RangeError(`a ${family} fit needs at least ${minimum} values, got ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const x = samples[i];
    if (!(x > 0) || !Number.isFinite(x)) {
      throw new RangeError(`a ${family} fit needs positive finite values; value ${i} is ${x}`);
    }
  }
  return n;
}

/** Mean of ln x over the sample (the sufficient statistic all three families share). */
export function meanLog(samples: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += Math.log(samples[i]);
  return sum / samples.length;
}
