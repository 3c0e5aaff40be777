import { useEffect, useRef } from 'react';

/** Calls `callback` every `milliseconds` while `active` is true (used to poll a running sync). */
export function useInterval(callback: () => void, milliseconds: number, active: boolean): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => latest.current(), milliseconds);
    return () => clearInterval(timer);
  }, [milliseconds, active]);
}
