/**
 * Benchmark 14 (issue 24 §3 and §4): an inbox of 10,000 open tasks in one organisation — the first page of
 * GET /tasks/inbox as the web app asks for it (20 tasks by due date, with the counts of every filter chip, the
 * names and the working days left) against the raw read of the same page's rows from tasks_view in the same
 * run — and what the store and the read model cost on disk: bytes per event (table, indexes and TOAST) and
 * per projected task row.
 *
 *   node -r @swc-node/register bench/inbox.bench.ts [--smoke] [--tasks N] [--requests N] [--strict]
 *
 * The API runs in this process on PostgreSQL (support/api-bench.ts), without Temporal: the tasks are raised
 * as the workflows raise them (TaskRaised events appended to route streams, 100 a stream), and the tasks
 * projection catches up before the reads. See bench/README.md.
 */
import 'reflect-metadata';
import './support/env';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { routeStream, type TaskRaised } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { organisationsProjection, Projector, tasksProjection } from '@mentorflow/projections';
import type { AuthenticatedUser } from '../apps/api/src/auth/auth.types';
import type { TaskInboxQuery } from '../apps/api/src/tasks/task.dto';
import { countsSql, inboxSql, pageSql } from '../apps/api/src/tasks/task-inbox.sql';
import { UserDirectory } from '../apps/api/src/users/user-directory';
import { registerTestSchool } from '../test/support/organisation';
import { runApiBench } from './support/api-bench';
import { benchCli } from './support/cli';
import { int, ms, percentile, runMain } from './support/stats';

const cli = benchCli('bench:inbox', {
  tasks: { type: 'string' },
  requests: { type: 'string' },
  /** Open tasks of other people in other organisations, in the same table (the inbox must not read them). */
  others: { type: 'string' },
  /** Logs the query plans of the raw read, the inbox's page and its counts (EXPLAIN ANALYZE, BUFFERS) after the run. */
  explain: { type: 'boolean' },
});
const { args, smoke: SMOKE, num, check, unmet, log, verdict } = cli;
const TASKS = num(args.tasks, 10_000, 200);
const REQUESTS = num(args.requests, 100, 10);
const OTHERS = num(args.others, 40_000, 400);
const TASKS_PER_STREAM = 100;
const PAGE = 20;
/** Issue 24 §3: the first page of an inbox of 10,000 open tasks, p95 ≤ 50 ms. */
const TARGET_P95_MS = 50;

const MINUTE = 60_000;

async function main(): Promise<number> {
  return runApiBench({
    title: 'Task inbox benchmark',
    ...cli,
    measure: async ({ api, baseUrl, databaseUrl }, sections) => {
      const pool = new Pool({ connectionString: databaseUrl, max: 2 });
      const db = api.get(DataSource);
      const store = new EventStore(db);
      const organisationId = randomUUID();
      await registerTestSchool(store, organisationId, 'Школа');
      const methodologist = randomUUID();
      await new UserDirectory(db).ensure(methodologist, 'Методист', [{ role: 'methodologist', organisationId }]);
      const token = api.get(JwtService).sign({ sub: methodologist });

      const sizes = async () =>
        (
          await pool.query<{ events: string; tasks: string }>(
            `SELECT pg_total_relation_size('events') AS events, pg_total_relation_size('tasks_view') AS tasks`,
          )
        ).rows[0] as { events: string; tasks: string };
      const projector = new Projector(db);
      const project = async () => {
        await projector.catchUp(organisationsProjection);
        await projector.catchUp(tasksProjection);
      };
      const now = Date.now();
      // Due one every 50 minutes from tomorrow on: a year of drafting deadlines, none overdue.
      const raised = (i: number, assignee: TaskRaised['data']['assignee'], organisation: string): TaskRaised => {
        const dueAt = new Date(now + 24 * 60 * MINUTE + i * 50 * MINUTE).toISOString();
        return {
          type: 'TaskRaised',
          data: {
            taskId: randomUUID(),
            kind: 'draftRoute',
            title: 'Составить проект ИОМ',
            assignee,
            organisationId: organisation,
            subject: { type: 'route', id: randomUUID() },
            raisedAt: new Date(now).toISOString(),
            dueAt,
            dueLocalDate: dueAt.slice(0, 10),
            remindAt: [],
          },
        };
      };
      /** `n` tasks appended as the route workflows append them, 100 a stream, ten streams a statement. */
      const raise = async (n: number, make: (i: number) => TaskRaised) => {
        for (let first = 0; first < n; first += TASKS_PER_STREAM * 10) {
          const batches = [];
          for (let start = first; start < Math.min(n, first + TASKS_PER_STREAM * 10); start += TASKS_PER_STREAM) {
            const events = Array.from({ length: Math.min(TASKS_PER_STREAM, n - start) }, (_, k) => make(start + k));
            batches.push({
              streamId: routeStream(randomUUID()),
              events: events.map((event) => ({ eventId: randomUUID(), ...event, metadata: { actorId: 'system' } })),
            });
          }
          await store.appendToStreams(batches);
        }
      };
      // The rest of the region first: other people's tasks in 40 other organisations, one in ten a review
      // addressed to a role (no person), which every inbox query must pass over.
      log(`raising ${OTHERS} tasks of others`);
      const elsewhere = Array.from({ length: 40 }, () => randomUUID());
      const people = Array.from({ length: 400 }, () => randomUUID());
      await raise(OTHERS, (i) =>
        raised(
          i,
          i % 10 === 0
            ? { role: 'commissionHead', personId: '' }
            : { role: 'methodologist', personId: people[i % people.length] as string },
          elsewhere[i % elsewhere.length] as string,
        ),
      );
      await project();
      const before = await sizes();
      log(`raising ${TASKS} tasks for one methodologist`);
      await raise(TASKS, (i) => raised(i, { role: 'methodologist', personId: methodologist }, organisationId));
      await project();
      // As autovacuum leaves a table within its minute (the inbox's counts read the index alone where pages are all-visible).
      await pool.query('VACUUM (ANALYZE) tasks_view');
      const after = await sizes();
      // Checked on this organisation's rows: in smoke mode other benchmarks write to the same database meanwhile.
      const [own] = (
        await pool.query<{ events: number; rows: number }>(
          `SELECT (SELECT count(*)::int FROM events WHERE type = 'TaskRaised' AND data->>'organisationId' = $1) AS events,
            (SELECT count(*)::int FROM tasks_view WHERE organisation_id = $1::uuid) AS rows`,
          [organisationId],
        )
      ).rows;
      check(own?.events === TASKS, `${own?.events} events appended, expected ${TASKS}`);
      check(own?.rows === TASKS, `${own?.rows} tasks projected, expected ${TASKS}`);
      const perEvent = (Number(after.events) - Number(before.events)) / TASKS;
      const perRow = (Number(after.tasks) - Number(before.tasks)) / TASKS;

      const inboxUrl = `${baseUrl}/tasks/inbox?limit=${PAGE}&offset=0&sort=due`;
      const inbox = async () => {
        const t = performance.now();
        const response = await fetch(inboxUrl, { headers: { authorization: `Bearer ${token}` } });
        const body = (await response.json()) as { items?: unknown[]; counts?: { all: number }; detail?: string };
        const elapsed = performance.now() - t;
        check(response.status === 200, `inbox: status ${response.status} ${body.detail ?? ''}`);
        check(body.items?.length === PAGE, `inbox: ${body.items?.length} items, expected ${PAGE}`);
        check(body.counts?.all === TASKS, `inbox: counts.all ${body.counts?.all}, expected ${TASKS}`);
        return elapsed;
      };
      // The baseline: the same page's rows, read straight from the read model by its index.
      const rawSql = `SELECT view, status FROM tasks_view WHERE assignee_id = $1 AND status IN ('open', 'overdue')
        ORDER BY due_at, task_id LIMIT ${PAGE}`;
      const raw = async () => {
        const t = performance.now();
        const page = await pool.query(rawSql, [methodologist]);
        const elapsed = performance.now() - t;
        check(page.rowCount === PAGE, `raw: ${page.rowCount} rows, expected ${PAGE}`);
        return elapsed;
      };
      for (let i = 0; i < 5; i++) {
        await inbox();
        await raw();
      }
      const apiTimes: number[] = [];
      const rawTimes: number[] = [];
      // Interleaved, so both see the same moments of the machine.
      for (let i = 0; i < REQUESTS; i++) {
        apiTimes.push(await inbox());
        rawTimes.push(await raw());
      }
      if (args.explain) {
        const user = {
          sub: methodologist,
          userId: methodologist,
          fullName: 'Методист',
          roles: ['methodologist'],
          assignments: [{ role: 'methodologist', organisationId }],
          reach: [{ role: 'methodologist', organisationId }],
          permitted: ['methodologist'],
          organisationIds: [organisationId],
        } as unknown as AuthenticatedUser;
        const query = { limit: PAGE, offset: 0, sort: 'due' } as TaskInboxQuery;
        const base = inboxSql(user, query);
        for (const [name, { sql, parameters }] of [
          ['raw', { sql: rawSql, parameters: [methodologist] as unknown[] }],
          ['page', pageSql(query, base)],
          ['counts', countsSql(base)],
        ] as const) {
          const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
          log(`${name}:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
      }
      await pool.end();

      const p = (xs: number[], q: number) => percentile(xs, q);
      const met = p(apiTimes, 95) <= TARGET_P95_MS;
      if (!SMOKE && !met) unmet.push(`14. inbox first page p95 ${ms(p(apiTimes, 95))} at ${TASKS} open tasks`);
      sections.push({
        title: `14. Task inbox — the first page of ${int(TASKS)} open tasks of one person among ${int(TASKS + OTHERS)}, and the cost on disk`,
        lines: [
          `${REQUESTS} sequential requests each, interleaved; client-side wall time. The API's page: GET /tasks/inbox?limit=${PAGE}&sort=due (the page, the counts of every filter chip, names, working days left, as «Мои задачи» asks).`,
          '',
          '| figure | p50 | p95 | p99 | ratio p95 to raw | target | met |',
          '|---|---:|---:|---:|---:|---|---|',
          `| raw read of the page's ${PAGE} rows from tasks_view (baseline) | ${ms(p(rawTimes, 50))} | ${ms(p(rawTimes, 95))} | ${ms(p(rawTimes, 99))} | 1 | | |`,
          `| GET /tasks/inbox, first page with counts | ${ms(p(apiTimes, 50))} | ${ms(p(apiTimes, 95))} | ${ms(p(apiTimes, 99))} | ${(p(apiTimes, 95) / p(rawTimes, 95)).toFixed(1)} | p95 ≤ ${TARGET_P95_MS} ms | ${verdict(met)} |`,
          '',
          `On disk, measured over these ${int(TASKS)} events and rows (pg_total_relation_size: heap, indexes and TOAST):`,
          '',
          '| what | bytes each |',
          '|---|---:|',
          `| an event in the store (a TaskRaised, ≈ ${int(JSON.stringify(raised(0, { role: 'methodologist', personId: methodologist }, organisationId).data).length)} bytes of JSON data) | ${int(perEvent)} |`,
          `| a task row in tasks_view | ${int(perRow)} |`,
        ],
      });
    },
  });
}

runMain(main, log);
