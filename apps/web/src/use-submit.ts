import { useCallback, useRef, useState } from 'react';
import { startSubmission } from './api';
import { commandSent } from './query';

/**
 * What every form does with its command: `submit(action)` clears the last error and notice, is `busy` while
 * the action runs, then keeps the error it threw (ErrorBox and Field show the API's problem) or the notice
 * it returned (`done`), and every query on screen reads again. `setError` is for errors found outside an action (a failed load).
 * Each submission sends its command with an Idempotency-Key of its own (startSubmission), and a click while
 * one runs (a double click, before `busy` disables the button) starts none: the command is recorded once.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const running = useRef(false);
  const submit = useCallback(async (action: () => Promise<string | void>): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone((await startSubmission(action)) || null);
      // What the command changed shows on every list and page on screen (re-read in the background).
      void commandSent();
    } catch (e) {
      setError(e);
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { submit, busy, error, done, setError };
}
