import type { ConnectionTestResult } from '../api/api-types';

/** What each failure code of a connection test means for the admin (SPEC.md: say what is at fault). */
const reasonText: Record<string, string> = {
  authentication_failed: 'The credentials were refused: check the client ID and secret (or key).',
  token_expired: 'The access token has expired: get a new one and edit the integration.',
  network_error: 'The service could not reach the provider: check the address, port and firewall.',
  invalid_config: 'Some settings are not valid: edit the fields named below.',
};

/** A connection test outcome in words: connected, or what is at fault and the provider's message. */
export function ConnectionTestResultView({ result }: { result: ConnectionTestResult }) {
  const hint = result.reason
    ? (reasonText[result.reason] ?? `Reason: ${result.reason.replace(/_/g, ' ')}.`)
    : null;
  return (
    <p className={result.success ? 'test-result success' : 'test-result failure'} role="status">
      <strong>{result.success ? 'Connected. ' : 'Connection failed. '}</strong>
      {hint ? `${hint} ` : null}
      {result.message}
    </p>
  );
}
