import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  mayReassignTask,
  regionalSpecialistsOf,
  roleLabels,
  taskDisplayTitle,
  workflowIdOf,
  workingDaysLeftText,
  type TaskKind,
  type TaskView,
} from '@mentorflow/domain';
import { localDateOf, type ProductionCalendar } from '@mentorflow/calendar';
import { EventStore } from '@mentorflow/event-store';
import { completeTaskUpdate, reassignTaskUpdate } from '@mentorflow/workflows/shared/task.messages';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { canAccessOrganisation, rolesIn } from '../auth/organisation-access';
import { OrganisationsService } from '../organisations/organisations.service';
import { seesStaffNames } from '../people/people.roles';
import { AggregateGateway } from '../common/aggregate.gateway';
import { PeopleDirectory } from '../people/people.directory';
import { anyHolderOfRole, loadProductionCalendar } from '@mentorflow/projections';
import type { BulkReassignTasksDto, TaskInboxQuery } from './task.dto';
import { countsSql, inboxSql, managedAssignees, pageSql } from './task-inbox.sql';
import { workingDaysUntil } from './task-working-days';
import { pairFormOf } from './task-forms';
import { problemOf } from '../common/problem.filter';

/** Tasks completed by acting on their subject, not through the inbox. */
const completedByTheirOwnCommand = new Set(['stagePlanReminder']);

/** A row of the inbox's page: the task as projected and its status at the read. */
interface InboxRow {
  view: TaskView;
  status: TaskView['status'];
}

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gateway: AggregateGateway,
    private readonly people: PeopleDirectory,
    private readonly organisations: OrganisationsService,
    private readonly store: EventStore,
  ) {}

  /**
   * The caller's own tasks (or, with `scope=team`, those of the staff the caller may move), soonest due first;
   * open and overdue unless a status is asked for. With them the reviews addressed to a role they hold in the
   * review's organisation (the commission head's, derived by the tasks projection): such a task is overdue
   * once its due instant has passed, no timer marks it.
   */
  async inbox(user: AuthenticatedUser, query: TaskInboxQuery) {
    const { sql, parameters } = pageSql(query, inboxSql(user, query));
    return this.inboxItems(user, await this.db.query<InboxRow[]>(sql, parameters));
  }

  private inboxItems(user: AuthenticatedUser, rows: InboxRow[]) {
    return this.withNames(
      user,
      rows.map((r) => ({ ...r.view, status: r.status })),
    );
  }

  /** The inbox's page with the counts of every filter (all, overdue, this week, per kind) for the chips. */
  async inboxWithCounts(user: AuthenticatedUser, query: TaskInboxQuery) {
    const base = inboxSql(user, query);
    const page = pageSql(query, base);
    const counts = countsSql(base);
    // One snapshot for both reads: a task projected between them made the chips count one the page did not show.
    const [rows, counted] = await this.db.transaction(
      'REPEATABLE READ',
      async (manager) =>
        [
          (await manager.query(page.sql, page.parameters)) as InboxRow[],
          (await manager.query(counts.sql, counts.parameters)) as {
            kind: TaskKind;
            all: number;
            overdue: number;
            week: number;
          }[],
        ] as const,
    );
    const items = await this.inboxItems(user, rows);
    const sum = (key: 'all' | 'overdue' | 'week') => counted.reduce((total, row) => total + row[key], 0);
    return {
      items,
      counts: {
        all: sum('all'),
        overdue: sum('overdue'),
        week: sum('week'),
        byKind: Object.fromEntries(counted.map((row) => [row.kind, row.all])),
      },
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * The tasks with the names of their assignee and of the people they are about (a route's teacher, a
   * pair's mentees), the pair or route by name (`subjectTitle`), a title naming them as the task kind's
   * wording needs («Составить проект ИОМ … для Ивановой М. П.», `taskDisplayTitle`), the working days left on
   * the organisation's calendar, and whether the caller may pass the task on. Stored titles hold no names
   * (events never do); names go only to a caller who may see them: the task's own assignee, or someone who
   * sees the organisation's staff (`seesStaffNames`). One query for the subjects, one for every name of the page.
   */
  private async withNames(user: AuthenticatedUser, tasks: TaskView[]) {
    const ids = (type: string) => tasks.filter((t) => t.subject.type === type).map((t) => t.subject.id);
    const subjects = await this.db.query<
      { id: string; people: string[]; programmeId: string | null; mentorId: string | null; code: string | null }[]
    >(
      `SELECT route_id::text AS id, jsonb_build_array(teacher_id) AS people, NULL AS "programmeId", NULL AS "mentorId", code
       FROM routes_view WHERE route_id = ANY($1::uuid[]) AND teacher_id IS NOT NULL
       UNION ALL SELECT pair_id::text, state->'menteeIds', programme_id::text, mentor_id, NULL FROM pairs_view
       WHERE pair_id = ANY($2::uuid[])`,
      [ids('route'), ids('pair')],
    );
    const subjectOf = new Map(subjects.map((r) => [r.id, r]));
    const named = (task: TaskView) =>
      task.assignee.personId === user.sub || task.assignee.personId === '' || seesStaffNames(user, task.organisationId);
    const names = await this.people.names([
      ...tasks.filter(named).map((t) => t.assignee.personId),
      ...subjects.flatMap((r) => [...r.people, ...(r.mentorId ? [r.mentorId] : [])]),
    ]);
    const left = await this.workingDaysLeft(tasks);
    return tasks.map((task) => {
      const subject = subjectOf.get(task.subject.id);
      const shown = named(task);
      const nameOf = (id: string) => (shown ? names.get(id) : undefined);
      const about = (subject?.people ?? []).flatMap((id) => nameOf(id) ?? []);
      const mentor = subject?.mentorId ? nameOf(subject.mentorId) : undefined;
      // A pair's task is done on its programme's page (the control forms): the inbox links there.
      const programmeId = task.subject.type === 'pair' ? (subject?.programmeId ?? undefined) : undefined;
      const displayTitle = taskDisplayTitle(
        task,
        about.map((name) => name.fullName),
      );
      const subjectTitle =
        task.subject.type === 'route' && subject?.code
          ? `ИОМ ${subject.code}${about.length > 0 ? ` — ${about.map((n) => n.shortName).join(', ')}` : ''}`
          : task.subject.type === 'pair' && mentor
            ? `Пара: ${[mentor, ...about].map((n) => n.shortName).join(' — ')}`
            : undefined;
      const days = left.get(task.taskId);
      return {
        ...task,
        ...(programmeId === undefined ? {} : { programmeId }),
        assigneeName: nameOf(task.assignee.personId)?.fullName,
        ...(about.length > 0 ? { subjectNames: about.map((name) => name.shortName) } : {}),
        ...(subjectTitle === undefined ? {} : { subjectTitle }),
        ...(displayTitle === undefined ? {} : { displayTitle }),
        ...(days === undefined ? {} : { workingDaysLeft: days }),
        workingDaysText: workingDaysLeftText(days, task.deadlinePendingYear),
        canReassign: reassignable(task) && mayReassignTask(task.assignee.role, rolesIn(user, task.organisationId)),
      };
    });
  }

  /**
   * Working days from the organisation's today to each task's due date, on its production calendar with its
   * region's own days off (as the route's draft deadline counts them); `null` where the calendar lacks the year.
   */
  private async workingDaysLeft(tasks: readonly TaskView[]): Promise<Map<string, number | null>> {
    const dated = tasks.filter((t) => t.dueLocalDate !== undefined);
    const organisations = await this.db.query<{ id: string; time_zone: string; region: string }[]>(
      'SELECT organisation_id::text AS id, time_zone, region FROM organisations_view WHERE organisation_id = ANY($1::uuid[])',
      [[...new Set(dated.map((t) => t.organisationId))]],
    );
    const where = new Map(organisations.map((o) => [o.id, o]));
    const calendars = new Map<string, Promise<ProductionCalendar>>();
    const calendarOf = (region: string | undefined) => {
      const key = region ?? '';
      if (!calendars.has(key)) calendars.set(key, loadProductionCalendar(this.store, { region }));
      return calendars.get(key)!;
    };
    const left = new Map<string, number | null>();
    for (const task of dated) {
      const organisation = where.get(task.organisationId);
      const today = localDateOf(new Date(), organisation?.time_zone ?? 'Europe/Moscow');
      left.set(task.taskId, workingDaysUntil(await calendarOf(organisation?.region), today, task.dueLocalDate!));
    }
    return left;
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
    const form = pairFormOf(task);
    if (form !== undefined) throw form;
    if (task.subject.type === 'calendar') {
      throw new UnprocessableEntityException(
        'Эта задача закрывается загрузкой календаря года в разделе «Производственный календарь»',
      );
    }
    const workflowId = workflowIdOf({ type: task.subject.type, id: task.subject.id });
    const role = isAdministrator(user) && task.assignee.personId !== user.sub ? 'administrator' : task.assignee.role;
    return this.gateway.commandAs(user, role, workflowId, completeTaskUpdate, { taskId, result });
  }

  /**
   * Passes an active task to another holder of its role, with a reason (issue 27): the owner's workflow
   * decides and records TaskReassigned in the pair's or route's history; the projection moves the inbox row.
   * A task outside the caller's organisations is missing (404); one the caller may not move is 403.
   */
  async reassign(user: AuthenticatedUser, taskId: string, to: { toPersonId: string; reason: string }) {
    const [row] = await this.db.query<{ view: TaskView }[]>('SELECT view FROM tasks_view WHERE task_id = $1', [taskId]);
    const task = row?.view;
    if (!task || !canAccessOrganisation(user, task.organisationId)) throw new NotFoundException('Задача не найдена');
    const callerRoles = rolesIn(user, task.organisationId).filter(
      (role) => role === 'administrator' || user.permitted.includes(role),
    );
    if (!mayReassignTask(task.assignee.role, callerRoles)) {
      throw new ForbiddenException(
        task.assignee.role === 'mentor' || task.assignee.role === 'commissionHead'
          ? 'Передать задачу наставника или руководителя методической комиссии может куратор организации или администратор'
          : 'Передать эту задачу может только администратор',
      );
    }
    const subject = task.subject;
    if (!reassignable(task) || (subject.type !== 'pair' && subject.type !== 'route')) {
      throw new UnprocessableEntityException(
        task.assignee.personId === anyHolderOfRole
          ? 'Рассмотрение адресовано роли, а не человеку: его видит каждый руководитель методической комиссии организации'
          : 'Эту задачу нельзя передать: она закрывается действием по программе или календарю',
      );
    }
    if (!(await this.holdsTaskRole(to.toPersonId, task))) {
      throw new UnprocessableEntityException(
        `Новый исполнитель не назначен на роль «${roleLabels[task.assignee.role]}» в организации задачи`,
      );
    }
    const role = callerRoles.includes('administrator')
      ? 'administrator'
      : callerRoles.find((r) => mayReassignTask(task.assignee.role, [r]))!;
    await this.gateway.commandAs(user, role, workflowIdOf({ type: subject.type, id: subject.id }), reassignTaskUpdate, {
      taskId: task.taskId,
      toPersonId: to.toPersonId,
      reason: to.reason,
    });
    return { taskId: task.taskId, assignee: { personId: to.toPersonId, role: task.assignee.role } };
  }

  /**
   * Several tasks at once (someone goes on leave): the listed ones, or every open task of `fromPersonId`
   * the caller may move. Each is moved or refused on its own; the answer lists both.
   */
  async reassignMany(user: AuthenticatedUser, body: BulkReassignTasksDto) {
    if ((body.taskIds === undefined) === (body.fromPersonId === undefined)) {
      throw new BadRequestException({
        detail: 'Укажите задачи (taskIds) или сотрудника (fromPersonId)',
        errors: [{ field: 'taskIds', constraint: 'oneOf', message: 'Укажите список задач или сотрудника, но не оба' }],
      });
    }
    const taskIds =
      body.taskIds ??
      (
        await this.db.query<{ task_id: string }[]>(
          `SELECT task_id::text FROM tasks_view WHERE assignee_id = $1 AND status IN ('open', 'overdue')
             AND ($2::uuid IS NULL OR organisation_id = $2::uuid)
             AND ($3 OR (assignee_role, organisation_id::text) IN (SELECT * FROM unnest($4::text[], $5::text[])))
           ORDER BY due_at NULLS LAST, task_id LIMIT 500`,
          [
            body.fromPersonId,
            body.organisationId ?? null,
            isAdministrator(user),
            managedAssignees(user).roles,
            managedAssignees(user).organisationIds,
          ],
        )
      ).map((r) => r.task_id);
    const reassigned: string[] = [];
    const refused: { taskId: string; status: number; detail: string }[] = [];
    for (const taskId of taskIds) {
      try {
        await this.reassign(user, taskId, body);
        reassigned.push(taskId);
      } catch (error) {
        const { status, detail } = problemOf(error);
        refused.push({ taskId, status, detail: detail ?? '' });
      }
    }
    return { reassigned, refused };
  }

  /** The person holds the task's role in its organisation, or serves it as a regional specialist in that role. */
  private async holdsTaskRole(personId: string, task: TaskView): Promise<boolean> {
    if (await this.organisations.holdsRole(personId, task.assignee.role, task.organisationId)) return true;
    const organisation = await this.organisations.registered(task.organisationId);
    return (
      organisation !== undefined &&
      regionalSpecialistsOf(organisation).some((s) => s.personId === personId && s.role === task.assignee.role)
    );
  }
}

/** A task a person holds, in a pair or a route (their workflows take the reassignment). */
const reassignable = (task: TaskView): boolean =>
  task.assignee.personId !== anyHolderOfRole && (task.subject.type === 'pair' || task.subject.type === 'route');
