/** A JSON client for the service's REST API with a bearer token. */
export type DemoApiClient = <Body>(path: string, init?: { method?: string; body?: unknown }) => Promise<Body>;

/** Calls `${baseUrl}/api/v1…` over HTTP; a non-2xx answer throws with the service's error message. */
export function createDemoApiClient(baseUrl: string, token: string): DemoApiClient {
  return async <Body>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const body = (await response.json()) as Body & { error?: { message?: string } };
    if (!response.ok) {
      throw new Error(
        `${init.method ?? 'GET'} /api/v1${path} answered ${response.status}: ${body.error?.message ?? JSON.stringify(body)}`,
      );
    }
    return body;
  };
}
