import { type RenderResult, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createApiClient } from '../api/api-client';
import { type AppSession, SessionProvider } from '../app-context';
import { RouterProvider } from '../routing/router';

/** Renders a screen with a signed-in district admin whose API calls go to `fetch`. */
export function renderWithSession(
  ui: ReactElement,
  fetch: typeof globalThis.fetch,
  tenantId = 'district-1',
): RenderResult {
  const session: AppSession = {
    api: createApiClient({ baseUrl: '/api/v1', getToken: () => 'test-token', fetch }),
    claims: { subject: 'admin', role: 'DISTRICT_ADMIN', tenantId, expiresAt: null },
    tenantId,
    setTenantId: () => {},
    signOut: () => {},
  };
  return render(
    <SessionProvider session={session}>
      <RouterProvider base="/">{ui}</RouterProvider>
    </SessionProvider>,
  );
}
