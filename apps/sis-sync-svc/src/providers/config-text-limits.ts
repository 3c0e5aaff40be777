/**
 * Longest text a provider config field may hold. Secrets get room for a 4096-bit PEM private key with its
 * header lines; every other field (ids, URLs, paths, host names, scopes) fits in 2,048 characters, the
 * longest URL browsers and most servers accept.
 */
export const configTextLimits = { secret: 16_384, text: 2_048 } as const;

/** A config field that is too long, with its path relative to the config. */
export interface ConfigTextLengthIssue {
  path: string[];
  message: string;
}

/**
 * Every text field of a config longer than its limit (`secretPaths` are dotted paths of secret fields). The
 * message says the limit, never the value.
 *
 * @example configTextLengthIssues({ clientId: 'x'.repeat(3000) }, []) // [{ path: ['clientId'], message: 'is too long: …' }]
 */
export function configTextLengthIssues(
  config: unknown,
  secretPaths: readonly string[],
): ConfigTextLengthIssue[] {
  const issues: ConfigTextLengthIssue[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      const limit = secretPaths.includes(path.join('.')) ? configTextLimits.secret : configTextLimits.text;
      if (value.length > limit) {
        issues.push({
          path,
          message: `is too long: ${value.length.toLocaleString('en-US')} characters, at most ${limit.toLocaleString('en-US')} allowed`,
        });
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, field] of Object.entries(value)) visit(field, [...path, key]);
  };
  visit(config, []);
  return issues;
}
