/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `42` becomes the number 42; anything else stays text (both are valid seeds). */
export function parseSeed(value: string): number | string {
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}

export function parseWholeNumber(option: string, value: string, minimum: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < minimum) {
    throw new UsageError(`${option} must be a whole number of ${minimum} or more (got "${value}").`);
  }
  return number;
}
