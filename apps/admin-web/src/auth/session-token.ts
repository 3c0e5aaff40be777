const storageKey = 'aivo.sis-admin.token';

/** The token kept for this browser tab (sessionStorage, so it ends with the tab). */
export function loadSessionToken(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function saveSessionToken(token: string): void {
  sessionStorage.setItem(storageKey, token);
}

export function clearSessionToken(): void {
  sessionStorage.removeItem(storageKey);
}

/**
 * Takes `?token=` (or `#token=`) from the address the page was opened with, keeps it for the session and
 * removes it from the address bar so it does not stay in history or get shared by copy-paste.
 */
export function adoptTokenFromLocation(location: Location, history: History): string | null {
  const url = new URL(location.href);
  const fromQuery = url.searchParams.get('token');
  const hashParameters = new URLSearchParams(url.hash.replace(/^#/, ''));
  const fromHash = hashParameters.get('token');
  const token = fromQuery ?? fromHash;
  if (!token) return null;
  url.searchParams.delete('token');
  if (fromHash) url.hash = '';
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  saveSessionToken(token);
  return token;
}
