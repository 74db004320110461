import type { SqlExecutor } from '@mentorflow/event-store';

/**
 * Which of `personIds` belong to one of `organisationIds`: registered there as a programme's candidate
 * or participant (participants_view), assigned to its staff (the organisation's StaffAssigned), or
 * holding a role there (a user whose subject is the person id). A person of another organisation is
 * not one of them, so a pair cannot take them and the organisation cannot read their load.
 */
export async function peopleOfOrganisations(
  db: SqlExecutor,
  organisationIds: readonly string[],
  personIds: readonly string[],
): Promise<Set<string>> {
  if (organisationIds.length === 0 || personIds.length === 0) return new Set();
  const rows = await db.query<{ person_id: string }>(
    `SELECT p.person_id FROM unnest($2::text[]) AS p(person_id)
     WHERE EXISTS (SELECT 1 FROM participants_view v
                   WHERE v.person_id = p.person_id AND v.organisation_id = ANY($1::uuid[]) AND v.status = 'registered')
        OR EXISTS (SELECT 1 FROM organisations_view o
                   WHERE o.organisation_id = ANY($1::uuid[]) AND o.state->'staff' @> jsonb_build_array(jsonb_build_object('personId', p.person_id)))
        OR EXISTS (SELECT 1 FROM users u JOIN role_assignments a ON a.user_id = u.user_id
                   WHERE u.subject = p.person_id AND a.organisation_id = ANY($1::uuid[]))`,
    [organisationIds, personIds],
  );
  return new Set(rows.map((r) => r.person_id));
}
