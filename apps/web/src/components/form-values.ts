import { useCallback, useState } from 'react';

/**
 * A form's values, keyed by the fields of the command it sends. `bind('comment')` gives a Field its `field` (the
 * name an API refusal uses for it), its value and its setter: the key held and the field an error names are one
 * string, not two kept equal by hand. `reset()` brings back the initial values (after a form is sent, say).
 */
export function useFormValues<V extends Record<string, unknown>>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })), []);
  const reset = useCallback(() => setValues(initial), [initial]);
  const bind = <K extends keyof V & string>(field: K) => ({
    field,
    value: values[field],
    onChange: (value: V[K]) => set(field, value),
  });
  return { values, set, bind, reset };
}
