import type { Role } from '@mentorflow/domain';

/** Who sees which person (issue 18; the README's role table says the same). */

/** Who works with an organisation's staff and so sees their names and work contacts (issue 18). */
export const staffReaderRoles = [
  'curator',
  'director',
  'commissionHead',
  'psychologist',
  'methodologist',
  'tutor',
] as const satisfies readonly Role[];
/** Whose work needs a person's sensitive fields (birth date, personal phone and e-mail): and administrators. */
export const sensitiveReaderRoles = ['curator', 'director'] as const satisfies readonly Role[];
/** Who keeps the directory of an organisation: its curator and director, and administrators. */
export const directoryEditorRoles = ['curator', 'director', 'administrator'] as const satisfies readonly Role[];
