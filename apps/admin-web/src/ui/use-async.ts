import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

/** State of a value loaded from the API. */
export type AsyncState<T> =
  | { status: 'loading'; data: T | undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: unknown };

/**
 * Loads a value when the dependencies change; `reload` loads again keeping the old value on screen,
 * so polling and refreshes do not flash a loading state.
 */
export function useAsync<T>(
  load: () => Promise<T>,
  dependencies: DependencyList,
): AsyncState<T> & { reload: () => Promise<void> } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading', data: undefined, error: undefined });
  const generation = useRef(0);
  // biome-ignore-start lint/correctness/useExhaustiveDependencies: the caller's dependency list decides when to load.
  const run = useCallback(async (keepData: boolean) => {
    const current = ++generation.current;
    if (!keepData) setState({ status: 'loading', data: undefined, error: undefined });
    try {
      const data = await load();
      if (current === generation.current) setState({ status: 'ready', data, error: undefined });
    } catch (error) {
      if (current === generation.current)
        setState((previous) => ({ status: 'error', data: previous.data, error }));
    }
  }, dependencies);
  // biome-ignore-end lint/correctness/useExhaustiveDependencies: the caller's dependency list decides when to load.

  useEffect(() => {
    void run(false);
    return () => {
      generation.current++;
    };
  }, [run]);

  const reload = useCallback(() => run(true), [run]);
  return { ...state, reload };
}
