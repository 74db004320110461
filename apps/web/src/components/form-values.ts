import { useCallback, useState } from 'react';

/** What `bind(field)` hands a Field: the command's field (the name a refusal uses), its value and its setter. */
export interface FieldBinding<K extends string = string, T = string> {
  field: K;
  value: T;
  onChange: (value: T) => void;
}

/** The `bind` a group of Fields shared by several forms takes, for its text fields `K`. */
export type Bind<K extends string> = (field: K) => FieldBinding<K>;

/**
 * A form's values, keyed by the fields of the command it sends. `bind('comment')` gives a Field its `field` (the
 * name an API refusal uses for it), its value and its setter: the key held and the field an error names are one
 * string, not two kept equal by hand. `reset()` brings back the initial values (after a form is sent, say).
 */
export function useFormValues<V extends object>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  // Stable, so an effect may list it among its dependencies (CreateRoute's region code).
  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })), []);
  const reset = () => setValues(initial);
  const bind = <K extends keyof V & string>(field: K): FieldBinding<K, V[K]> => ({
    field,
    value: values[field],
    onChange: (value) => set(field, value),
  });
  return { values, set, bind, reset };
}

/** `bind` over values a parent holds and takes back whole through `onChange` (a controlled group of Fields). */
export const bindValues =
  <V extends object>(values: V, onChange: (values: V) => void) =>
  <K extends keyof V & string>(field: K): FieldBinding<K, V[K]> => ({
    field,
    value: values[field],
    onChange: (value) => onChange({ ...values, [field]: value }),
  });
