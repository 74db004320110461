import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../support/database';
import { TestSystem } from '../support/system';

/** Random and hostile bodies on the write endpoints: always a 4xx, never a 500, never a stored event. */
describe('hostile input on write endpoints', () => {
  let system: TestSystem;
  let db: DataSource;
  let organisationId: string;
  let programmeId: string;
  let token: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    db = await openTestDataSource();
    const admin = system.token(randomUUID(), ['administrator']);
    organisationId = (await system.request('POST', '/organisations', admin, { name: 'Школа', kind: 'school', municipality: 'М', region: 'Р', timeZone: 'Europe/Moscow' })).body.organisationId;
    token = system.token(randomUUID(), ['administrator', 'director', 'curator'], [organisationId]);
    programmeId = (await system.request('POST', `/organisations/${organisationId}/programmes`, token, { title: 'Программа' })).body.state.programmeId;
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const eventCount = async () => Number((await db.query('SELECT count(*)::int AS n FROM events'))[0].n);

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
        fc.dictionary(fc.constantFrom('title', 'name', 'kind', 'stage', 'documentId', 'number', 'date', 'mentorId', 'menteeIds', 'consents', 'order', 'term', '__proto__', 'constructor'), hostileValue, { maxKeys: 8 }),
        hostileValue,
      )
      .map(([fields, extra]) => ({ ...fields, unexpectedField: extra })),
    fc.constant({ __proto__: { isAdmin: true } }),
    fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "title": "x"}')),
    fc.array(hostileValue, { maxLength: 3 }),
    fc.string({ maxLength: 30 }),
  );

  const endpoints = () => [
    `/organisations`,
    `/organisations/${organisationId}/programmes`,
    `/programmes/${programmeId}/documents`,
    `/programmes/${programmeId}/curator`,
    `/programmes/${programmeId}/stage-plans`,
    `/programmes/${programmeId}/return`,
    `/programmes/${programmeId}/participants`,
    `/programmes/${programmeId}/pairs`,
  ];

  it('answers every hostile body with a 4xx and stores nothing', async () => {
    const before = await eventCount();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints()), hostileBody, async (path, body) => {
        const response = await fetch(`${system.baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await eventCount()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
