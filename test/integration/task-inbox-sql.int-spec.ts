import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../apps/api/src/auth/auth.types';
import type { TaskInboxQuery } from '../../apps/api/src/tasks/task.dto';
import { countsSql, inboxSql, pageSql } from '../../apps/api/src/tasks/task-inbox.sql';
import { openTestDataSource } from '../support/database';

const DAY = 86_400_000;

interface Row {
  taskId: string;
  organisationId: string;
  assigneeId: string;
  role: string;
  kind: string;
  status: string;
  dueAt: Date;
}

/**
 * The inbox's SQL on PostgreSQL (issue 24 §3): a person's own tasks and the reviews addressed to a role she
 * holds are read as separate branches in due order and merged, so every page must be exactly the page of the
 * whole list — in both directions, at any offset — and the counts must count all of it, never another
 * organisation's tasks or another role's.
 */
describe('the task inbox query (tasks_view, page and counts)', () => {
  let db: DataSource;
  const me = randomUUID();
  const mine = randomUUID();
  const foreign = randomUUID();
  // The database's clock, not this process's: the inbox reads a task as overdue by PostgreSQL's now(), and under
  // `npm run test:clock` the two clocks started apart. Due times stay half a day off any whole day from it.
  let now = 0;
  const rows: Row[] = [];
  const user = {
    sub: me,
    userId: me,
    fullName: 'Методист',
    roles: ['methodologist', 'commissionHead'],
    assignments: [],
    reach: [
      { role: 'methodologist', organisationId: mine },
      { role: 'commissionHead', organisationId: mine },
    ],
    permitted: ['methodologist', 'commissionHead'],
    organisationIds: [mine],
  } as unknown as AuthenticatedUser;

  beforeAll(async () => {
    db = await openTestDataSource();
    const [clock] = await db.query<{ now: Date }[]>('SELECT now() AS now');
    now = (clock as { now: Date }).now.getTime() + DAY / 2;
    const add = (row: Omit<Row, 'taskId'>) => rows.push({ taskId: randomUUID(), ...row });
    for (let i = 0; i < 45; i++) {
      // Own tasks, some past due (they read as overdue), some stored as overdue by their timer, some done.
      const status = i % 9 === 0 ? 'done' : i % 7 === 0 ? 'overdue' : 'open';
      add({
        organisationId: mine,
        assigneeId: me,
        role: 'methodologist',
        kind: 'draftRoute',
        status,
        dueAt: new Date(now + (i - 10) * DAY),
      });
      // Reviews addressed to the commission head's role, interleaved in due order with the own tasks.
      if (i % 3 === 0)
        add({
          organisationId: mine,
          assigneeId: '',
          role: 'commissionHead',
          kind: 'candidateReview',
          status: 'open',
          dueAt: new Date(now + (i - 10) * DAY + 3_600_000),
        });
    }
    // Not hers: a role she does not hold, her own id in an organisation she has no role in, someone else's task.
    add({
      organisationId: mine,
      assigneeId: '',
      role: 'curator',
      kind: 'candidateReview',
      status: 'open',
      dueAt: new Date(now + DAY),
    });
    add({
      organisationId: foreign,
      assigneeId: me,
      role: 'methodologist',
      kind: 'draftRoute',
      status: 'open',
      dueAt: new Date(now + DAY),
    });
    add({
      organisationId: foreign,
      assigneeId: '',
      role: 'commissionHead',
      kind: 'candidateReview',
      status: 'open',
      dueAt: new Date(now + DAY),
    });
    add({
      organisationId: mine,
      assigneeId: randomUUID(),
      role: 'methodologist',
      kind: 'draftRoute',
      status: 'open',
      dueAt: new Date(now),
    });
    for (const row of rows) {
      const dueLocalDate = row.dueAt.toISOString().slice(0, 10);
      await db.query(
        `INSERT INTO tasks_view (task_id, stream_id, organisation_id, assignee_id, assignee_role, kind, status, due_at,
           subject_type, subject_id, view, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'route', $9, $10, now())`,
        [
          row.taskId,
          `route-${randomUUID()}`,
          row.organisationId,
          row.assigneeId,
          row.role,
          row.kind,
          row.status,
          row.dueAt,
          randomUUID(),
          { taskId: row.taskId, dueLocalDate },
        ],
      );
    }
  });
  afterAll(async () => {
    await db.query('DELETE FROM tasks_view WHERE task_id = ANY($1::uuid[])', [rows.map((r) => r.taskId)]);
    await db.destroy();
  });

  // Read once the rows are in (beforeAll).
  const hers = () =>
    rows.filter(
      (r) =>
        r.status !== 'done' &&
        r.organisationId === mine &&
        (r.assigneeId === me || (r.assigneeId === '' && r.role === 'commissionHead')),
    );
  const shownStatus = (r: Row) => (r.status === 'open' && r.dueAt.getTime() < now - DAY / 2 ? 'overdue' : r.status);
  const page = async (query: Partial<TaskInboxQuery>) => {
    const full = { limit: 20, offset: 0, ...query } as TaskInboxQuery;
    const { sql, parameters } = pageSql(full, inboxSql(user, full));
    return (await db.query<{ view: { taskId: string }; status: string }[]>(sql, parameters)).map((r) => [
      r.view.taskId,
      r.status,
    ]);
  };
  const inOrder = (direction: 1 | -1) =>
    [...hers()]
      .sort((a, b) => direction * (a.dueAt.getTime() - b.dueAt.getTime()) || a.taskId.localeCompare(b.taskId))
      .map((r) => [r.taskId, shownStatus(r)]);

  it('pages through her own tasks and her role’s reviews merged in due order, both ways, at every offset', async () => {
    expect(hers().length).toBeGreaterThan(40);
    for (const [sort, direction] of [
      ['due', 1],
      ['-due', -1],
    ] as const) {
      const all = inOrder(direction);
      for (const offset of [0, 20, 40]) {
        expect(await page({ sort, offset })).toEqual(all.slice(offset, offset + 20));
      }
    }
  });

  it('filters by kind and overdue after the merge, and counts every task she sees, not a page', async () => {
    expect(await page({ kind: 'candidateReview', limit: 100 } as Partial<TaskInboxQuery>)).toEqual(
      inOrder(1).filter(([id]) => hers().find((r) => r.taskId === id)?.kind === 'candidateReview'),
    );
    expect(await page({ overdue: 'true', limit: 100 } as Partial<TaskInboxQuery>)).toEqual(
      inOrder(1).filter(([, status]) => status === 'overdue'),
    );
    const query = { limit: 20, offset: 0 } as TaskInboxQuery;
    const { sql, parameters } = countsSql(inboxSql(user, query));
    const counted = await db.query<{ kind: string; all: number; overdue: number }[]>(sql, parameters);
    const byKind = Object.fromEntries(counted.map((c) => [c.kind, c.all]));
    expect(byKind).toEqual({
      draftRoute: hers().filter((r) => r.kind === 'draftRoute').length,
      candidateReview: hers().filter((r) => r.kind === 'candidateReview').length,
    });
    expect(counted.reduce((sum, c) => sum + c.overdue, 0)).toBe(
      hers().filter((r) => shownStatus(r) === 'overdue').length,
    );
  });

  it('shows a done task only when done tasks are asked for', async () => {
    const done = rows.filter((r) => r.status === 'done' && r.assigneeId === me && r.organisationId === mine);
    const listed = await page({ status: 'done', limit: 100 } as Partial<TaskInboxQuery>);
    expect(listed.map(([id]) => id).sort()).toEqual(done.map((r) => r.taskId).sort());
  });
});
