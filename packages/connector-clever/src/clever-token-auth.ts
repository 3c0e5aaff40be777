import { bearerAuth, type HttpAuth } from '@aivo/connector-sdk';

/**
 * Bearer auth with the district token: the configured one first, else one fetched with `fetchToken`. The HTTP
 * client calls `invalidate()` on a 401; the next attempt then fetches a fresh token (when client credentials
 * are known), so a rotated token is replaced once without failing the read.
 */
export function createCleverTokenAuth({
  accessToken,
  fetchToken,
}: {
  accessToken?: string | undefined;
  fetchToken?: ((signal?: AbortSignal) => Promise<string>) | undefined;
}): HttpAuth & { token(signal?: AbortSignal): Promise<string> } {
  let current: Promise<string> | undefined = accessToken ? Promise.resolve(accessToken) : undefined;
  const known: string[] = accessToken ? [accessToken] : [];

  function token(signal?: AbortSignal): Promise<string> {
    if (!current) {
      if (!fetchToken) return Promise.reject(new Error('No Clever access token and no client credentials'));
      const pending = fetchToken(signal).then((value) => {
        known.push(value);
        return value;
      });
      // A failed fetch is not cached: the next request tries again.
      pending.catch(() => {
        if (current === pending) current = undefined;
      });
      current = pending;
    }
    return current;
  }

  const bearer = bearerAuth((signal) => token(signal));
  return {
    token,
    authorize: (request) => bearer.authorize(request),
    ...(fetchToken
      ? {
          invalidate() {
            current = undefined;
          },
        }
      : {}),
    secrets: () => known,
  };
}
