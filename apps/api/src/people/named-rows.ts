import type { PersonName } from '@mentorflow/domain';

/** Keys of `T` that hold a person's id: `mentorId`, `teacherId`, … */
type IdKey<T> = Extract<keyof T, `${string}Id`>;

/**
 * The row with the names of the people it holds by id beside the ids: for `teacherId`, `teacherName` (the
 * full name) and `teacherShortName`, from a map the caller read in one query for the whole page. An id the
 * directory does not know keeps no name.
 */
export const withNamesBeside = <T extends object>(
  row: T,
  idKeys: readonly IdKey<T>[],
  names: ReadonlyMap<string, PersonName>,
): T & Record<string, unknown> => {
  const beside: Record<string, string> = {};
  for (const key of idKeys) {
    const id = row[key];
    const name = typeof id === 'string' ? names.get(id) : undefined;
    if (name === undefined) continue;
    const stem = key.slice(0, -'Id'.length);
    beside[`${stem}Name`] = name.fullName;
    beside[`${stem}ShortName`] = name.shortName;
  }
  return { ...row, ...beside };
};
