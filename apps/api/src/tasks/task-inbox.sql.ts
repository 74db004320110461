import { personSearchKey, taskReassignerRoles, type Role } from '@mentorflow/domain';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { likePrefix } from '../common/text-search';
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

/** The inbox's order: by due date (pending deadlines last), then by id for a stable page. */
const pageOrder = (query: TaskInboxQuery) => `due_at ${query.sort === '-due' ? 'DESC' : 'ASC'} NULLS LAST, task_id`;

/** The stored statuses that can read as `status`: a stored `open` task past its due instant reads as overdue. */
const storedStatuses = (status: TaskInboxQuery['status']): string[] =>
  status === undefined || status === 'overdue' ? ['open', 'overdue'] : [status];

/** The inbox's rows as SQL: one SELECT per branch of the caller's scope, with the parameters they share. */
export interface InboxSql {
  branches: string[];
  parameters: unknown[];
}

/**
 * The inbox's rows as SQL, one SELECT per branch of the scope (the caller's own tasks; the reviews addressed
 * to a role the caller holds in their organisation; or, with `scope=team`, the tasks of the staff the caller
 * may move), each narrowed by status, organisation, due-before and the search: the kind / overdue / this-week
 * filters apply last, so the counts of every filter are read from these rows. The branches are kept apart so
 * that each is one scan of the open tasks' index in due order (tasks_view_open_idx): an OR of them made
 * PostgreSQL read all of a person's 10,000 tasks to sort out a page of 20 (benchmark 14). The search looks for
 * the people a task concerns (a route's teacher, a pair's mentor and mentees, its assignee) by the start of any
 * part of the name, in the directory (people read model) or, for old data, the account; and for a route's
 * code. Names are joined here, never copied into tasks_view.
 */
export function inboxSql(user: AuthenticatedUser, query: TaskInboxQuery): InboxSql {
  const parameters: unknown[] = [];
  const p = (value: unknown) => `$${parameters.push(value)}`;
  const admin = isAdministrator(user);
  const managed = managedAssignees(user);
  // The (role, organisation) pairs compared as keys: a filter on the index's own columns.
  const roleKey = `t.assignee_role || ':' || t.organisation_id`;
  const keys = (roles: readonly string[], organisationIds: readonly string[]) =>
    roles.map((role, i) => `${role}:${organisationIds[i]}`);
  const scopes =
    query.scope === 'team'
      ? [
          `t.assignee_id <> '' AND t.assignee_id <> ${p(user.sub)}
           AND (${p(admin)} OR ${roleKey} = ANY(${p(keys(managed.roles, managed.organisationIds))}::text[]))`,
        ]
      : [
          `t.assignee_id = ${p(user.sub)} AND (${p(admin)} OR t.organisation_id = ANY(${p(user.organisationIds)}::uuid[]))`,
          `t.assignee_id = '' AND t.organisation_id = ANY(${p(user.reach.map((r) => r.organisationId))}::uuid[])
           AND ${roleKey} = ANY(${p(
             keys(
               user.reach.map((r) => r.role),
               user.reach.map((r) => r.organisationId),
             ),
           )}::text[])`,
        ];
  const stored = p(storedStatuses(query.status));
  const status = p(query.status ?? null);
  const dueBefore = p(query.dueBefore ?? null);
  const organisationId = p(query.organisationId ?? null);
  const q = query.q?.trim() ? personSearchKey(query.q) : null;
  const qLike = p(q === null ? null : likePrefix(q));
  const branches = scopes.map(
    (scope) => `SELECT * FROM (
      SELECT t.task_id, t.view, t.kind, t.organisation_id, t.due_at, t.subject_id, t.subject_type, t.assignee_id,
        -- A task is overdue once its due instant passed: a role's review has no timer to mark it.
        CASE WHEN t.status = 'open' AND t.due_at < now() THEN 'overdue' ELSE t.status END AS status,
        COALESCE(t.due_at >= now() AND t.due_local_date <= w.week_end, false) AS this_week
      FROM tasks_view t
      -- The organisation's last day of «this week», computed once an organisation (the join is memoised), not a task.
      LEFT JOIN LATERAL (
        SELECT to_char((now() AT TIME ZONE COALESCE(min(o.time_zone), 'Europe/Moscow'))::date + 7, 'YYYY-MM-DD') AS week_end
        FROM organisations_view o WHERE o.organisation_id = t.organisation_id
      ) w ON true
      WHERE t.status = ANY(${stored}::text[]) AND ${scope}
    ) v
    -- Without a status asked for, the stored statuses above already hold only open and overdue tasks.
    WHERE (${status}::text IS NULL OR v.status = ${status}::text)
      AND (${dueBefore}::timestamptz IS NULL OR v.due_at < ${dueBefore}::timestamptz)
      AND (${organisationId}::uuid IS NULL OR v.organisation_id = ${organisationId}::uuid)
      AND (${qLike}::text IS NULL
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
          WHERE (' ' || person.search_key) LIKE '% ' || ${qLike} || '%'
             OR (person.person_id IS NULL AND (' ' || replace(lower(u.full_name), 'ё', 'е')) LIKE '% ' || ${qLike} || '%'))
        OR EXISTS (SELECT 1 FROM routes_view r WHERE v.subject_type = 'route' AND r.route_id = v.subject_id
          AND lower(r.code) LIKE '%' || ${qLike} || '%'))`,
  );
  return { branches, parameters };
}

/**
 * The page: the kind / overdue / this-week filters on each branch, by due date (pending deadlines last). Each
 * branch is cut to the rows the page can reach before they are merged, so that PostgreSQL reads them in index
 * order and stops, rather than sorting all of them.
 */
export function pageSql(query: TaskInboxQuery, base: InboxSql) {
  const parameters = [...base.parameters];
  const p = (value: unknown) => `$${parameters.push(value)}`;
  const kind = p(query.kind ?? null);
  const overdue = p(query.overdue === 'true');
  const week = p(query.due === 'week');
  const reach = p(query.offset + query.limit);
  const branches = base.branches.map(
    (branch) => `(SELECT view, status, due_at, task_id FROM (${branch}) m
      WHERE (${kind}::text IS NULL OR kind = ${kind}::text) AND (NOT ${overdue} OR status = 'overdue') AND (NOT ${week} OR this_week)
      ORDER BY ${pageOrder(query)} LIMIT ${reach})`,
  );
  return {
    sql: `SELECT view, status FROM (${branches.join(' UNION ALL ')}) page
      ORDER BY ${pageOrder(query)} LIMIT ${p(query.limit)} OFFSET ${p(query.offset)}`,
    parameters,
  };
}

/**
 * The counts per filter over the branches' rows, one row per kind. The three columns they need are
 * materialised first: grouping the rows themselves sorted each with its task document (≈ 0.6 kB), which
 * spilled to disk at 10,000 open tasks (benchmark 14); the index holds all three, so they are read from it.
 */
export const countsSql = (base: InboxSql) => ({
  sql: `WITH flags AS MATERIALIZED (${base.branches.map((branch) => `SELECT kind, status, this_week FROM (${branch}) m`).join(' UNION ALL ')})
    SELECT kind, count(*)::int AS "all", (count(*) FILTER (WHERE status = 'overdue'))::int AS overdue,
      (count(*) FILTER (WHERE this_week))::int AS week
    FROM flags GROUP BY kind`,
  parameters: base.parameters,
});
