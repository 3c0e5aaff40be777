import { useEffect, useMemo, useRef, useState } from 'react';
import { type ApiClient, createApiClient } from './api/api-client';
import type { SchedulePreset } from './api/api-types';
import { type AppSession, SessionProvider, useSession } from './app-context';
import { LoginScreen } from './auth/login-screen';
import { clearSessionToken, saveSessionToken } from './auth/session-token';
import { readTokenClaims } from './auth/token-claims';
import { IntegrationListPage } from './providers/integration-list-page';
import { ProviderDetailsPage } from './providers/provider-details-page';
import { RouterProvider, useRouter } from './routing/router';
import { RunPage } from './runs/run-page';
import { defaultSchedulePresets } from './schedule/schedule-presets';
import { TenantSwitcher } from './tenant-switcher';
import { EmptyState } from './ui/async-states';
import { useAsync } from './ui/use-async';

const tenantStorageKey = 'aivo.sis-admin.tenant';

/** Settings of the whole page; tests pass their own API client. */
export interface AppProps {
  base: string;
  apiBaseUrl: string;
  initialToken: string | null;
  createClient?: (getToken: () => string | null, onUnauthorized: () => void) => ApiClient;
}

/** The District Admin page: sign-in, then the integration screens. */
export function App(props: AppProps) {
  const [token, setToken] = useState<string | null>(props.initialToken);
  const [signOutReason, setSignOutReason] = useState<string | null>(null);
  const [chosenTenant, setChosenTenant] = useState<string | null>(() =>
    sessionStorage.getItem(tenantStorageKey),
  );
  const claims = token ? readTokenClaims(token) : null;
  // The client reads the latest token through this ref, so it is built once.
  const tokenRef = useRef(token);
  tokenRef.current = token;

  const api = useMemo(() => {
    const onUnauthorized = () => {
      clearSessionToken();
      setToken(null);
      setSignOutReason('Your session has expired or the token is not valid. Sign in again.');
    };
    const getToken = () => tokenRef.current;
    return props.createClient
      ? props.createClient(getToken, onUnauthorized)
      : createApiClient({ baseUrl: props.apiBaseUrl, getToken, onUnauthorized });
  }, [props.createClient, props.apiBaseUrl]);

  if (!token || !claims) {
    return (
      <LoginScreen
        reason={signOutReason}
        onToken={(next) => {
          saveSessionToken(next);
          setSignOutReason(null);
          setToken(next);
        }}
      />
    );
  }
  if (claims.expiresAt !== null && claims.expiresAt < Date.now()) {
    return (
      <LoginScreen
        reason="This token has expired. Ask for a new admin URL or token."
        onToken={(next) => {
          saveSessionToken(next);
          setToken(next);
        }}
      />
    );
  }

  const isPlatformAdmin = claims.role === 'PLATFORM_ADMIN';
  const session: AppSession = {
    api,
    claims,
    tenantId: isPlatformAdmin ? (chosenTenant ?? claims.tenantId) : claims.tenantId,
    setTenantId: (tenantId) => {
      sessionStorage.setItem(tenantStorageKey, tenantId);
      setChosenTenant(tenantId);
    },
    signOut: () => {
      clearSessionToken();
      sessionStorage.removeItem(tenantStorageKey);
      setToken(null);
    },
  };
  return (
    <SessionProvider session={session}>
      <RouterProvider base={props.base}>
        <Shell />
      </RouterProvider>
    </SessionProvider>
  );
}

function Shell() {
  const session = useSession();
  const { route } = useRouter();
  const presetsState = useAsync(() => session.api.listSchedulePresets(), [session.api]);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  // After in-page navigation, move focus to the new screen so keyboard and screen-reader users follow.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each route change by design.
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [route]);
  // Until the service answers (or if it cannot), SPEC.md's presets are offered.
  const presets: readonly SchedulePreset[] =
    presetsState.data && presetsState.data.length > 0 ? presetsState.data : defaultSchedulePresets;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true">
              A
            </span>
            District Admin
          </span>
          <nav aria-label="Portal" className="topbar-nav">
            <span className="topbar-section">Integrations · SIS</span>
          </nav>
          <div className="topbar-user">
            {session.claims.role === 'PLATFORM_ADMIN' ? <TenantSwitcher /> : null}
            <span className="muted user-name" title={session.claims.role ?? ''}>
              {session.claims.subject ?? 'Admin'}
            </span>
            <button type="button" className="button button-small" onClick={session.signOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1} ref={mainRef}>
        {session.claims.role !== 'DISTRICT_ADMIN' && session.claims.role !== 'PLATFORM_ADMIN' ? (
          <EmptyState title="No access">
            <p>
              This page is for district and platform admins; your token's role is “
              {session.claims.role ?? 'none'}”.
            </p>
          </EmptyState>
        ) : route.name === 'list' ? (
          <IntegrationListPage presets={presets} />
        ) : route.name === 'provider' ? (
          <ProviderDetailsPage key={route.providerId} providerId={route.providerId} presets={presets} />
        ) : route.name === 'run' ? (
          <RunPage key={route.runId} providerId={route.providerId} runId={route.runId} />
        ) : (
          <EmptyState title="Page not found">
            <p>There is nothing at {route.path}.</p>
          </EmptyState>
        )}
      </main>
    </div>
  );
}
