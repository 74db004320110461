import { personSearchKey } from '@mentorflow/domain';

/** LIKE's own characters in a search term match themselves. */
export const likePrefix = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const CYRILLIC_UPPER = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё';
const CYRILLIC_LOWER = 'абвгдеежзийклмнопрстуфхцчшщъыьэюяе';

/**
 * The SQL of personSearchKey's folding (lower case, ё as е) for a column, independent of the database's locale
 * (lower() of a C-locale database leaves Cyrillic alone). Spaces are not squeezed: names are stored trimmed.
 */
export const searchFolded = (column: string) => `translate(lower(${column}), '${CYRILLIC_UPPER}', '${CYRILLIC_LOWER}')`;

/** A search text folded as searchFolded folds the column, its LIKE characters escaped; null for none. */
export const searchTerm = (q: string | undefined): string | null => (q?.trim() ? likePrefix(personSearchKey(q)) : null);
