import { useSearchParams } from 'react-router';
import { useSession } from '../auth';
import type { Role } from '../types';
import { SelectField } from './ui';

/** The organisations where the user acts in one of `roles`: every one for an administrator. */
export function useOrganisationsWhere(roles: readonly Role[]) {
  const session = useSession();
  const ids = session.has('administrator')
    ? [...session.organisations.keys()]
    : session.me.assignments.flatMap((a) => (a.organisationId && roles.includes(a.role) ? [a.organisationId] : []));
  return [...new Set(ids)].map((id) => ({ id, name: session.organisations.get(id)?.name ?? 'Организация' }));
}

/**
 * The organisation a screen works on, kept in `?organisation=` (the first by default), with the select that
 * changes it when there is more than one.
 */
export function useOrganisationChoice(organisations: readonly { id: string; name: string }[]) {
  const [params, setParams] = useSearchParams();
  const organisationId = params.get('organisation') ?? organisations[0]?.id ?? '';
  const select =
    organisations.length > 1 ? (
      <SelectField
        label="Организация"
        field="organisation"
        value={organisationId}
        onChange={(id) => setParams({ organisation: id })}
        options={organisations.map((o) => [o.id, o.name] as const)}
      />
    ) : null;
  return { organisationId, select };
}
