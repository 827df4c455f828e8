import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './format';

/**
 * Runs an async action (usually one `send(...)`) for one control: tracks whether it is pending
 * and keeps its error to show next to the control. The error clears when the action runs again.
 */
export function useCommandAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setError(null);
    setPending(true);
    try {
      return await action();
    } catch (caught) {
      if (mounted.current) setError(errorMessage(caught));
      else console.error('[Flowbar]', caught);
      return undefined;
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, setError, clearError };
}
