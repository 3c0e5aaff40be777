import { createContext, type MouseEvent, type ReactNode, useContext, useEffect, useState } from 'react';

/** The page's screens, parsed from the path below the base (`/integrations/sis`). */
export type Route =
  | { name: 'list' }
  | { name: 'provider'; providerId: string }
  | { name: 'run'; providerId: string; runId: string }
  | { name: 'not-found'; path: string };

/** Parses a path relative to the base into a route. */
export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'list' };
  if (parts[0] === 'providers' && parts.length === 2) return { name: 'provider', providerId: parts[1]! };
  if (parts[0] === 'providers' && parts[2] === 'runs' && parts.length === 4) {
    return { name: 'run', providerId: parts[1]!, runId: parts[3]! };
  }
  return { name: 'not-found', path };
}

/** The path of a route, relative to the base. */
export function pathOf(route: Route): string {
  switch (route.name) {
    case 'list':
      return '/';
    case 'provider':
      return `/providers/${encodeURIComponent(route.providerId)}`;
    case 'run':
      return `/providers/${encodeURIComponent(route.providerId)}/runs/${encodeURIComponent(route.runId)}`;
    case 'not-found':
      return route.path;
  }
}

interface RouterValue {
  route: Route;
  navigate: (route: Route) => void;
  href: (route: Route) => string;
}

const RouterContext = createContext<RouterValue | null>(null);

/** History-API routing under `base` (the service answers every path below it with index.html). */
export function RouterProvider({ base, children }: { base: string; children: ReactNode }) {
  const prefix = base.replace(/\/$/, '');
  const current = () => {
    const pathname = window.location.pathname;
    return parseRoute(pathname.startsWith(prefix) ? pathname.slice(prefix.length) : pathname);
  };
  const [route, setRoute] = useState<Route>(current);
  // biome-ignore lint/correctness/useExhaustiveDependencies: listens once; `current` reads the live location.
  useEffect(() => {
    const onPopState = () => setRoute(current());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const href = (target: Route) => `${prefix}${pathOf(target)}`;
  const navigate = (target: Route) => {
    window.history.pushState(null, '', href(target));
    setRoute(target);
    window.scrollTo?.(0, 0);
  };
  return <RouterContext.Provider value={{ route, navigate, href }}>{children}</RouterContext.Provider>;
}

/** The current route and navigation. */
export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter must be used inside RouterProvider');
  return value;
}

/** A real link (opens in a new tab with a middle click) that navigates in-page on a plain click. */
export function Link({ to, children, className }: { to: Route; children: ReactNode; className?: string }) {
  const { navigate, href } = useRouter();
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={href(to)} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
