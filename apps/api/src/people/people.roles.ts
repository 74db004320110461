import type { Role } from '@mentorflow/domain';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';

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

/**
 * The caller sees the names of the organisation's staff: an administrator, or someone holding (and acting
 * through) one of `staffReaderRoles` there. Lists and reports of the organisation name people only for them.
 */
export const seesStaffNames = (user: AuthenticatedUser, organisationId: string): boolean =>
  isAdministrator(user) ||
  user.reach.some(
    (r) =>
      r.organisationId === organisationId &&
      (staffReaderRoles as readonly Role[]).includes(r.role) &&
      user.permitted.includes(r.role),
  );
