import { personSearchKey, taskReassignerRoles, type Role } from '@mentorflow/domain';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { likePrefix } from '../people/person-records';
import type { TaskInboxQuery } from './task.dto';

/**
 * The (assignee role, organisation) pairs whose tasks the caller may move, by `taskReassignerRoles`: a
 * curator of A moves the tasks of A's mentors and commission heads.
 */
export const managedAssignees = (user: AuthenticatedUser): { roles: Role[]; organisationIds: string[] } => {
  const pairs = user.reach.flatMap((reach) =>
    Object.entries(taskReassignerRoles)
      .filter(([, by]) => by?.includes(reach.role) && user.permitted.includes(reach.role))
      .map(([role]) => [role as Role, reach.organisationId] as const),
  );
  return { roles: pairs.map(([role]) => role), organisationIds: pairs.map(([, id]) => id) };
};

/**
 * The inbox's rows as SQL: `visible` is what the scope shows the caller, `matched` narrows it by status,
 * organisation, due-before and the search; the kind / overdue / this-week filters apply last, so the counts
 * of every filter are read from `matched`. The search looks for the people a task concerns (a route's
 * teacher, a pair's mentor and mentees, its assignee) by the start of any part of the name, in the
 * directory (people read model) or, for old data, the account; and for a route's code. Names are joined
 * here, never copied into tasks_view.
 */
export function inboxSql(user: AuthenticatedUser, query: TaskInboxQuery): { cte: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const p = (value: unknown) => `$${parameters.push(value)}`;
  const admin = isAdministrator(user);
  const managed = managedAssignees(user);
  const scope =
    query.scope === 'team'
      ? `t.assignee_id <> '' AND t.assignee_id <> ${p(user.sub)} AND (${p(admin)}
           OR (t.assignee_role, t.organisation_id::text) IN (SELECT * FROM unnest(${p(managed.roles)}::text[], ${p(managed.organisationIds)}::text[])))`
      : `(t.assignee_id = ${p(user.sub)} AND (${p(admin)} OR t.organisation_id = ANY(${p(user.organisationIds)}::uuid[])))
         OR (t.assignee_id = '' AND (t.assignee_role, t.organisation_id::text) IN
             (SELECT * FROM unnest(${p(user.reach.map((r) => r.role))}::text[], ${p(user.reach.map((r) => r.organisationId))}::text[])))`;
  const q = query.q?.trim() ? personSearchKey(query.q) : null;
  const qLike = q === null ? null : likePrefix(q);
  const cte = `WITH visible AS (
      SELECT t.task_id, t.view, t.kind, t.organisation_id, t.due_at, t.subject_id, t.subject_type, t.assignee_id,
        -- A task is overdue once its due instant passed: a role's review has no timer to mark it.
        CASE WHEN t.status = 'open' AND t.due_at < now() THEN 'overdue' ELSE t.status END AS status,
        COALESCE(t.due_at >= now() AND (t.view->>'dueLocalDate')::date
          <= (now() AT TIME ZONE COALESCE(o.time_zone, 'Europe/Moscow'))::date + 7, false) AS this_week
      FROM tasks_view t LEFT JOIN organisations_view o ON o.organisation_id = t.organisation_id
      WHERE ${scope}
    ), matched AS (
      SELECT * FROM visible v
      WHERE (${p(query.status ?? null)}::text IS NULL AND v.status IN ('open', 'overdue') OR v.status = ${p(query.status ?? null)}::text)
        AND (${p(query.dueBefore ?? null)}::timestamptz IS NULL OR v.due_at < ${p(query.dueBefore ?? null)}::timestamptz)
        AND (${p(query.organisationId ?? null)}::uuid IS NULL OR v.organisation_id = ${p(query.organisationId ?? null)}::uuid)
        AND (${p(qLike)}::text IS NULL
          OR EXISTS (
            SELECT 1 FROM (
              SELECT r.teacher_id AS id FROM routes_view r WHERE v.subject_type = 'route' AND r.route_id = v.subject_id
              UNION ALL SELECT jsonb_array_elements_text(pv.state->'menteeIds') FROM pairs_view pv
                WHERE v.subject_type = 'pair' AND pv.pair_id = v.subject_id
              UNION ALL SELECT pv.mentor_id FROM pairs_view pv WHERE v.subject_type = 'pair' AND pv.pair_id = v.subject_id
              UNION ALL SELECT v.assignee_id
            ) concerned
            LEFT JOIN personal.persons person ON person.person_id::text = concerned.id AND person.depersonalised_at IS NULL
            LEFT JOIN users u ON u.subject = concerned.id
            WHERE (' ' || person.search_key) LIKE '% ' || ${p(qLike)} || '%'
               OR (person.person_id IS NULL AND (' ' || replace(lower(u.full_name), 'ё', 'е')) LIKE '% ' || ${p(qLike)} || '%'))
          OR EXISTS (SELECT 1 FROM routes_view r WHERE v.subject_type = 'route' AND r.route_id = v.subject_id
            AND lower(r.code) LIKE '%' || ${p(qLike)} || '%'))
    )`;
  return { cte, parameters };
}

/** The page: the kind / overdue / this-week filters on `matched`, by due date (pending deadlines last). */
export function pageSql(query: TaskInboxQuery, base: { cte: string; parameters: unknown[] }) {
  const parameters = [...base.parameters];
  const p = (value: unknown) => `$${parameters.push(value)}`;
  const order = query.sort === '-due' ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  return {
    sql: `${base.cte}
      SELECT view, status FROM matched
      WHERE (${p(query.kind ?? null)}::text IS NULL OR kind = ${p(query.kind ?? null)}::text)
        AND (NOT ${p(query.overdue === 'true')} OR status = 'overdue')
        AND (NOT ${p(query.due === 'week')} OR this_week)
      ORDER BY due_at ${order}, task_id LIMIT ${p(query.limit)} OFFSET ${p(query.offset)}`,
    parameters,
  };
}

/**
 * The counts per filter over `matched`, one row per kind. The three columns they need are materialised
 * first: grouping `matched` itself sorted every row with its task document (≈ 0.6 kB), which spilled to disk
 * at 10,000 open tasks and made the inbox's counts a fifth slower (benchmark 14).
 */
export const countsSql = (base: { cte: string; parameters: unknown[] }) => ({
  sql: `${base.cte}, flags AS MATERIALIZED (SELECT kind, status, this_week FROM matched)
    SELECT kind, count(*)::int AS "all", (count(*) FILTER (WHERE status = 'overdue'))::int AS overdue,
      (count(*) FILTER (WHERE this_week))::int AS week
    FROM flags GROUP BY kind`,
  parameters: base.parameters,
});
