/** Query parameter and JSON field names whose values are always removed. */
const secretParameterNames = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
  'clientsecret',
  'secret',
  'password',
  'api_key',
  'apikey',
  'oauth_signature',
  'signature',
  'sig',
];

const redacted = '[REDACTED]';
const namePattern = secretParameterNames.join('|');
// name=value in a query string or form body (stops at &, whitespace, quotes and closing brackets).
const queryParameterPattern = new RegExp(`([?&;\\s]|^)((?:${namePattern}))=([^&\\s"'<>)[]+)`, 'gi');
// "name": "value" in JSON text.
const jsonFieldPattern = new RegExp(`("(?:${namePattern})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// Authorization header values: Bearer/Basic tokens and OAuth parameter lists.
const authorizationPattern = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const oauthSignaturePattern = /(oauth_signature\s*=\s*")[^"]*"/gi;

/** Options of {@link redactSecrets}. */
export interface RedactSecretsOptions {
  /** Literal secret values to remove wherever they appear (client secrets, API keys, tokens). */
  secrets?: Iterable<string | undefined>;
}

/**
 * Removes secrets from text bound for an error message or a log: values of query parameters and JSON fields
 * such as `access_token`, `client_secret` and `oauth_signature`, `Bearer`/`Basic` credentials, and every
 * configured secret string (also in its percent-encoded forms). Strings shorter than 4 characters are not
 * treated as secrets, so they cannot blank out ordinary text.
 *
 * @example
 * redactSecrets('https://api.example/x?access_token=abc123&limit=5') // 'https://api.example/x?access_token=[REDACTED]&limit=5'
 */
export function redactSecrets(text: string, options: RedactSecretsOptions = {}): string {
  let result = text;
  for (const secret of options.secrets ?? []) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), formUrlEncodedForm(secret)])) {
      result = result.split(form).join(redacted);
    }
  }
  return result
    .replace(oauthSignaturePattern, `$1${redacted}"`)
    .replace(authorizationPattern, `$1 ${redacted}`)
    .replace(jsonFieldPattern, `$1"${redacted}"`)
    .replace(queryParameterPattern, `$1$2=${redacted}`);
}

function formUrlEncodedForm(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}
