import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { taskDisplayTitle, workflowIdOf, type TaskView } from '@mentorflow/domain';
import { completeTaskUpdate } from '@mentorflow/workflows/shared/task.messages';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { rolesIn } from '../auth/organisation-access';
import { PeopleDirectory } from '../people/people.directory';
import { anyHolderOfRole } from '@mentorflow/projections';
import type { TaskInboxQuery } from './task.dto';

/** Tasks completed by acting on their subject, not through the inbox. */
const completedByTheirOwnCommand = new Set(['stagePlanReminder']);

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: Client,
    private readonly people: PeopleDirectory,
  ) {}

  /**
   * The caller's own tasks, soonest due first; open and overdue unless a status is asked for. With them the
   * reviews addressed to a role they hold in the review's organisation (the commission head's, derived by
   * the tasks projection): such a task is overdue once its due instant has passed, no timer marks it.
   */
  async inbox(user: AuthenticatedUser, query: TaskInboxQuery) {
    const rows = await this.db.query<{ view: TaskView; status: TaskView['status'] }[]>(
      `WITH mine AS (
         SELECT view, due_at, task_id, organisation_id, kind,
           CASE WHEN assignee_id = '' AND status = 'open' AND due_at < now() THEN 'overdue' ELSE status END AS status
         FROM tasks_view
         WHERE (assignee_id = $1 AND ($9 OR organisation_id = ANY($8::uuid[])))
            OR (assignee_id = '' AND (assignee_role, organisation_id::text) IN (SELECT * FROM unnest($10::text[], $11::text[])))
       )
       SELECT view, status FROM mine
       WHERE ($2::text IS NULL AND status IN ('open', 'overdue') OR status = $2::text)
         AND ($3::timestamptz IS NULL OR due_at < $3::timestamptz)
         AND ($4::text IS NULL OR kind = $4::text)
         AND ($5::uuid IS NULL OR organisation_id = $5::uuid)
       ORDER BY due_at, task_id LIMIT $6 OFFSET $7`,
      [
        user.sub,
        query.status ?? null,
        query.dueBefore ?? null,
        query.kind ?? null,
        query.organisationId ?? null,
        query.limit,
        query.offset,
        user.organisationIds,
        isAdministrator(user),
        user.reach.map((r) => r.role),
        user.reach.map((r) => r.organisationId),
      ],
    );
    return this.withNames(rows.map((r) => ({ ...r.view, status: r.status })));
  }

  /**
   * The tasks with the names of their assignee and of the people they are about (a route's teacher, a
   * pair's mentees), and a title naming them as the task kind's wording needs («Составить проект ИОМ … для
   * Ивановой М. П.», `taskDisplayTitle`): stored titles hold no names (events never do). One query for the
   * subjects' people, one directory query for every name of the page.
   */
  private async withNames(tasks: TaskView[]) {
    const ids = (type: string) => tasks.filter((t) => t.subject.type === type).map((t) => t.subject.id);
    const subjects = await this.db.query<{ id: string; people: string[]; programmeId: string | null }[]>(
      `SELECT route_id::text AS id, jsonb_build_array(teacher_id) AS people, NULL AS "programmeId" FROM routes_view
       WHERE route_id = ANY($1::uuid[]) AND teacher_id IS NOT NULL
       UNION ALL SELECT pair_id::text, state->'menteeIds', programme_id::text FROM pairs_view WHERE pair_id = ANY($2::uuid[])`,
      [ids('route'), ids('pair')],
    );
    const peopleOf = new Map(subjects.map((r) => [r.id, r.people]));
    // A pair's task is done on its programme's page (the control forms): the inbox links there.
    const programmeOf = new Map(subjects.flatMap((r) => (r.programmeId ? [[r.id, r.programmeId]] : [])));
    const names = await this.people.names([
      ...tasks.map((t) => t.assignee.personId),
      ...subjects.flatMap((r) => r.people),
    ]);
    return tasks.map((task) => {
      const about = (peopleOf.get(task.subject.id) ?? []).flatMap((id) => {
        const name = names.get(id);
        return name ? [name] : [];
      });
      const programmeId = task.subject.type === 'pair' ? programmeOf.get(task.subject.id) : undefined;
      const displayTitle = taskDisplayTitle(
        task,
        about.map((name) => name.fullName),
      );
      return {
        ...task,
        ...(programmeId === undefined ? {} : { programmeId }),
        assigneeName: names.get(task.assignee.personId)?.fullName,
        ...(about.length > 0 ? { subjectNames: about.map((name) => name.shortName) } : {}),
        ...(displayTitle === undefined ? {} : { displayTitle }),
      };
    });
  }

  /** Hands the completion to the workflow that owns the task; it decides and records it. */
  async complete(user: AuthenticatedUser, taskId: string, result: string) {
    const [row] = await this.db.query<{ view: TaskView }[]>('SELECT view FROM tasks_view WHERE task_id = $1', [taskId]);
    const task = row?.view;
    // Someone else's task is reported as missing: its existence is not theirs to know. Their own counts
    // only while they hold the task's role in its organisation (a revoked methodologist no longer completes it).
    if (task !== undefined && task.assignee.personId === anyHolderOfRole) {
      if (!rolesIn(user, task.organisationId).includes(task.assignee.role) && !isAdministrator(user)) {
        throw new NotFoundException('Задача не найдена');
      }
      throw new UnprocessableEntityException(
        'Эта задача закрывается решением на экране программы: решением комиссии по кандидатам, утверждением программы или решением по корректировке или отчёту',
      );
    }
    const own =
      task !== undefined &&
      task.assignee.personId === user.sub &&
      rolesIn(user, task.organisationId).includes(task.assignee.role);
    if (!task || (!own && !isAdministrator(user))) throw new NotFoundException('Задача не найдена');
    if (completedByTheirOwnCommand.has(task.kind)) {
      throw new UnprocessableEntityException('Эта задача закрывается переходом программы к следующему этапу');
    }
    if (task.subject.type === 'calendar') {
      throw new UnprocessableEntityException(
        'Эта задача закрывается загрузкой календаря года в разделе «Производственный календарь»',
      );
    }
    const workflowId = workflowIdOf({ type: task.subject.type, id: task.subject.id });
    const role = isAdministrator(user) && task.assignee.personId !== user.sub ? 'administrator' : task.assignee.role;
    return this.temporal.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ data: { taskId, result }, metadata: { actorId: user.sub, role, now: new Date().toISOString() } }],
    });
  }
}
