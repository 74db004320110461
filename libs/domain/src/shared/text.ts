/**
 * Three different questions about required text, kept apart because callers rely on each:
 * a string that says nothing, an optional string that is absent or says nothing, and a value read
 * from untyped input that is not text at all or says nothing.
 */

/** A string of only whitespace (or empty). */
export const isBlank = (value: string): boolean => value.trim() === '';

/** Absent (`undefined`) or blank. `null` is not expected here: the type rules it out. */
export const isUnsetOrBlank = (value: string | undefined): boolean => value === undefined || isBlank(value);

/** Not a string at all (absent, `null`, a number…) or blank: for fields a command may carry malformed. */
export const isMissing = (value: unknown): boolean => typeof value !== 'string' || isBlank(value);
