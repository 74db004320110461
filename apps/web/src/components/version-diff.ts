/** Rows of two versions of a document, matched by a key, and what changed between them (no React here). */

/** One field of a row as a version shows it: its key, its name in the change note, and its text. */
export type VersionField<T, K extends string = string> = readonly [K, string, (row: T) => string];

export type Change<K extends string = string> = { kind: 'added' | 'removed' | 'changed' | 'same'; fields: K[] };

export interface ComparedRow<T, K extends string = string> {
  key: string;
  before: T | undefined;
  after: T | undefined;
  change: Change<K>;
}

/** Rows are matched by `keyOf` (kept across versions); a row in one version only is added or removed. */
export function compareRows<T, K extends string>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (row: T) => string,
  fields: readonly VersionField<T, K>[],
): ComparedRow<T, K>[] {
  const keys = [...new Set([...before.map(keyOf), ...after.map(keyOf)])];
  return keys.map((key) => {
    const a = before.find((r) => keyOf(r) === key);
    const b = after.find((r) => keyOf(r) === key);
    const change: Change<K> =
      a === undefined
        ? { kind: 'added', fields: [] }
        : b === undefined
          ? { kind: 'removed', fields: [] }
          : (() => {
              const changed = fields.filter(([, , show]) => show(a) !== show(b)).map(([key]) => key);
              return { kind: changed.length ? 'changed' : 'same', fields: changed };
            })();
    return { key, before: a, after: b, change };
  });
}
