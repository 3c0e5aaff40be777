import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from './api/api-client';
import type { TokenClaims } from './auth/token-claims';

/** What every screen needs: the API client, who is signed in, and the tenant being managed. */
export interface AppSession {
  api: ApiClient;
  claims: TokenClaims;
  /** The tenant whose integrations are shown (a platform admin can switch it). */
  tenantId: string | null;
  setTenantId: (tenantId: string) => void;
  signOut: () => void;
}

const SessionContext = createContext<AppSession | null>(null);

export function SessionProvider({ session, children }: { session: AppSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in session. */
export function useSession(): AppSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}
