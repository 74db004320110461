import { useCallback, useState } from 'react';

/**
 * What every form does with its command: `submit(action)` clears the last error and notice, is `busy` while
 * the action runs, then keeps the error it threw (ErrorBox and Field show the API's problem) or the notice
 * it returned (`done`). `setError` is for errors found outside an action (a failed load).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = useCallback(async (action: () => Promise<string | void>): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone((await action()) || null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { submit, busy, error, done, setError };
}
