import { randomUUID } from 'node:crypto';
import { roles } from '@mentorflow/domain';
import { createProgramme, places, registerOrganisation } from '../support/programme-setup';
import { fillPath, routeTable, type AppRoute } from '../support/route-table';
import { TestSystem } from '../support/system';
import { MAX_PAGE_SIZE } from '../../apps/api/src/common/pagination.dto';

/**
 * GET routes that are not lists (one resource, a computation, a report or one aggregate's audit trail),
 * each with the reason. Every other GET route of the route table must page with at most MAX_PAGE_SIZE
 * rows, so a new list endpoint without pagination fails here.
 */
const notLists: Record<string, string> = {
  'GET /auth/config': 'sign-in configuration',
  'GET /auth/dev-users': 'development-only sign-in helper',
  'GET /me': 'the caller',
  'GET /me/notification-preferences': "the caller's own settings: one row per kind of notification (five)",
  'GET /notifications/unsubscribe': 'a page answering one signed link',
  'GET /health': 'readiness',
  'GET /health/live': 'liveness',
  'GET /calendar/working-days': 'a computation over at most 100 dates (bounded by the DTO)',
  'GET /calendar/years/horizon': 'one verdict (how far the calendar reaches)',
  'GET /calendar/feed': "one verdict (whether the caller's calendar feed exists)",
  'GET /calendar/feeds/:file': "a file: one person's calendar (their open tasks, at most 500)",
  'GET /organisations/:id/webhook': "one resource (the organisation's webhook)",
  'GET /organisations/:id/settings': "one resource (the organisation's settings)",
  'GET /mentors/:personId/load': 'one mentor',
  'GET /organisations/:id': 'one resource',
  'GET /programmes/:id': 'one resource',
  'GET /pairs/:id': 'one resource',
  'GET /routes/:id': 'one resource',
  'GET /users/:id': 'one resource',
  'GET /people/:id': 'one resource',
  'GET /practices/:id': 'one resource',
  'GET /associations/:id': 'one resource (its members, plan and meetings, read from its own stream)',
  'GET /incentives/:id': 'one resource',
  'GET /incentives/results-summary': "one organisation's counts (aggregates)",
  'GET /people/:id/export': "one person's data (152-ФЗ), exported whole",
  'GET /pairs/:id/history/verify': 'one verdict',
  'GET /programmes/:id/history': "one aggregate's audit trail, exported whole",
  'GET /pairs/:id/history': "one aggregate's audit trail, exported whole (JSON or CSV)",
  'GET /pairs/:id/personal-programme/versions': "one pair's programme and its corrections, read from its own state",
  'GET /pairs/:id/progress': "one pair's assignments and programme activities, read from its own state",
  'GET /pairs/:id/periodic-reports': "one pair's report periods (a programme lasts at most a year)",
  'GET /routes/:id/history': "one aggregate's audit trail, exported whole",
  'GET /organisations/:id/reports/monitoring': 'a report (aggregates), exported whole',
  'GET /organisations/:id/reports/routes': 'a report, exported whole',
  'GET /reports/region': 'a report (aggregates), exported whole',
  'GET /organisations/:id/people/import/template': 'a file: the staff import template (headers only)',
  'GET /pairs/:id/documents/assignment-order.docx': 'a file: one order (the pairs one order assigned)',
  'GET /pairs/:id/documents/consent.docx': "a file: one person's consent",
  'GET /pairs/:id/documents/replacement-order.docx': 'a file: one order',
  'GET /pairs/:id/documents/termination-order.docx': 'a file: one order',
  'GET /pairs/:id/documents/personal-programme.docx': 'a file: one version of one programme',
  'GET /pairs/:id/documents/final-report.docx': 'a file: one report',
  'GET /routes/:id/documents/route.docx': 'a file: one route (title page, road map, portfolio)',
  'GET /organisations/:id/documents/monitoring-report.docx':
    "a file: one organisation's analytical report for a period",
  'GET /programmes/:id/documents/:documentId/scan': "a file: one document's signed scan",
  'GET /pairs/:id/documents/scan': "a file: one document's signed scan",
};

describe('every list endpoint pages with a bounded page size', () => {
  let system: TestSystem;
  let token: string;
  let lists: AppRoute[];
  let organisationId: string;
  let programmeId: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    const admin = system.token(randomUUID(), ['administrator']);
    organisationId = (await registerOrganisation(system, admin, places.plainSamara)).body.organisationId;
    token = system.token(randomUUID(), [...roles], [organisationId]);
    programmeId = (await createProgramme(system, organisationId, token)).body.state.programmeId;
    await system.usersStored();
    lists = routeTable(system.api).filter((route) => route.method === 'GET' && !(`GET ${route.path}` in notLists));
  });
  afterAll(() => system?.stop());

  const get = async (route: AppRoute, query: string) => {
    const id = route.path.startsWith('/organisations/') ? organisationId : programmeId;
    const response = await fetch(`${system.baseUrl}${fillPath(route.path, { id }, randomUUID())}?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const named = (body: { errors?: { field: string; constraint: string; message: string }[] }, constraint: string) =>
    body.errors?.find((e) => e.field === 'limit' && e.constraint === constraint && /[А-Яа-яЁё]/.test(e.message)) !==
    undefined;

  it('finds the list endpoints in the route table, and every exemption is a real route', () => {
    const gets = routeTable(system.api)
      .filter((route) => route.method === 'GET')
      .map((route) => `GET ${route.path}`);
    expect(Object.keys(notLists).filter((key) => !gets.includes(key))).toEqual([]);
    expect(lists.length).toBeGreaterThanOrEqual(7);
  });

  it(`refuses limit=${MAX_PAGE_SIZE + 1}, 0 and non-numbers with 400 naming "limit", and serves limit=${MAX_PAGE_SIZE}`, async () => {
    for (const route of lists) {
      const label = `GET ${route.path}`;
      const tooMany = await get(route, `limit=${MAX_PAGE_SIZE + 1}`);
      expect({ label, status: tooMany.status, named: named(tooMany.body, 'max') }).toEqual({
        label,
        status: 400,
        named: true,
      });
      const zero = await get(route, 'limit=0');
      expect({ label, status: zero.status, named: named(zero.body, 'min') }).toEqual({
        label,
        status: 400,
        named: true,
      });
      const word = await get(route, 'limit=all');
      expect({ label, status: word.status, named: named(word.body, 'isInt') }).toEqual({
        label,
        status: 400,
        named: true,
      });
      const negative = await get(route, 'offset=-1');
      expect({ label, status: negative.status }).toEqual({ label, status: 400 });
      // Accepted: 200, or 404 where the path names a pair, person, practice or association this test has not made (validation passed first).
      const max = await get(route, `limit=${MAX_PAGE_SIZE}`);
      expect({ label, status: max.status }).toEqual({
        label,
        status: /^\/(pairs|people|practices|associations)\/:id/.test(route.path) ? 404 : 200,
      });
      if (max.status === 200)
        expect(Array.isArray(max.body) ? max.body.length : (max.body.items?.length ?? 0)).toBeLessThanOrEqual(
          MAX_PAGE_SIZE,
        );
    }
  });

  it('returns at most `limit` rows and moves on with `offset`', async () => {
    const admin = system.token(randomUUID(), ['administrator']);
    for (const name of ['Школа 2', 'Школа 3', 'Школа 4']) {
      const registered = await registerOrganisation(system, admin, { ...places.plainSamara, name });
      expect(registered.status).toBe(201);
    }
    await system.eventually(
      () => system.request('GET', '/organisations?limit=100', admin),
      (r) => r.body.length >= 4,
    );
    const first = await system.request('GET', '/organisations?limit=2&offset=0', admin);
    const second = await system.request('GET', '/organisations?limit=2&offset=2', admin);
    expect(first.body).toHaveLength(2);
    expect(second.body.length).toBeGreaterThanOrEqual(1);
    const ids = (rows: { organisationId: string }[]) => rows.map((r) => r.organisationId);
    expect(ids(first.body).filter((id: string) => ids(second.body).includes(id))).toEqual([]);
  });
});
