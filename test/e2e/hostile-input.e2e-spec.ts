import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { countEvents } from '../support/database';
import { startWithEveryRole } from '../support/every-role';
import { createProgramme, places } from '../support/programme-setup';
import { fillPath, type AppRoute } from '../support/route-table';
import { TestSystem } from '../support/system';

/** Random and hostile bodies on the write endpoints: always a 4xx, never a 500, never a stored event. */
describe('hostile input on write endpoints', () => {
  let system: TestSystem;
  let db: DataSource;
  let organisationId: string;
  let programmeId: string;
  let token: string;
  let writes: AppRoute[];

  beforeAll(async () => {
    // Every role, so guards let each hostile body through to parsing and validation.
    ({ system, db, organisationId, token, writes } = await startWithEveryRole(places.plain));
    programmeId = (await createProgramme(system, organisationId, token)).body.state.programmeId;
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const eventCount = () => countEvents(db);
  /** Whether the API answers `body`, sent as JSON whatever it is, with a 4xx. */
  const refusedAsClientError = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.status >= 400 && response.status < 500;
  };

  const hostileValue = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant('x'.repeat(100_000)),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  );
  // Known fields with wrong or extreme values, always with one field no DTO declares: the body is never
  // valid, yet every field still goes through transformation and validation.
  const hostileBody = fc.oneof(
    fc
      .tuple(
        fc.dictionary(
          fc.constantFrom(
            'title',
            'name',
            'kind',
            'stage',
            'documentId',
            'number',
            'date',
            'mentorId',
            'menteeIds',
            'consents',
            'order',
            'term',
            '__proto__',
            'constructor',
          ),
          hostileValue,
          { maxKeys: 8 },
        ),
        hostileValue,
      )
      .map(([fields, extra]) => ({ ...fields, unexpectedField: extra })),
    // Parsed, so `__proto__` is an own key that JSON.stringify sends (a literal would set the prototype and send `{}`).
    fc.constant(JSON.parse('{"__proto__": {"isAdmin": true}}')),
    fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "title": "x"}')),
    fc.array(hostileValue, { maxLength: 3 }),
    fc.string({ maxLength: 30 }),
  );

  /**
   * Every POST/PUT/PATCH/DELETE route of the application's route table (a new endpoint is covered without
   * being listed), with real ids where the path names an organisation or a programme, random ones elsewhere.
   */
  const endpoint = (route: AppRoute) => {
    const id = route.path.startsWith('/organisations/')
      ? organisationId
      : route.path.startsWith('/programmes/')
        ? programmeId
        : randomUUID();
    return { method: route.method, path: fillPath(route.path, { id }, randomUUID()) };
  };

  it('covers every write endpoint of the route table', () => {
    expect(writes.length).toBeGreaterThan(30);
    expect(writes.every((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method))).toBe(true);
  });

  it('answers every hostile body with a 4xx and stores nothing', async () => {
    const before = await eventCount();
    const hit = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), hostileBody, async (route, body) => {
        const { method, path } = endpoint(route);
        hit.add(`${method} ${route.path}`);
        // The route in the assertion names the endpoint when a counterexample is found.
        expect({
          route: `${method} ${route.path}`,
          clientError: await refusedAsClientError(method, path, body),
        }).toEqual({ route: `${method} ${route.path}`, clientError: true });
      }),
      { numRuns: 300 },
    );
    // Each endpoint also gets one of every kind of hostile body, whatever the random draw picked.
    for (const route of writes) {
      const { method, path } = endpoint(route);
      for (const body of [
        { unexpectedField: 1 },
        [1, 2],
        'text',
        null,
        JSON.parse('{"__proto__": {"polluted": true}}'),
        { constructor: { prototype: { polluted: true } } },
      ]) {
        expect({
          route: `${method} ${route.path}`,
          body,
          clientError: await refusedAsClientError(method, path, body),
        }).toEqual({ route: `${method} ${route.path}`, body, clientError: true });
      }
    }
    expect(hit.size).toBeGreaterThan(writes.length / 2);
    expect(await eventCount()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
