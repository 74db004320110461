/** The type guard of a closed list of values (`[…] as const`): is this string one of them? */
export const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);
