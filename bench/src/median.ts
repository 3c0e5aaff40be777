/**
 * The median of some measurements (the mean of the middle two for an even count); `undefined` when there
 * are none. Repeated benchmark runs report the median so one disturbed run on a shared machine does not
 * move the figure.
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle];
  return (sorted[middle - 1]! + sorted[middle]!) / 2;
}
