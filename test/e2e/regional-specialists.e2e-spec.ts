import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { places, registerOrganisation, type OrganisationPlace } from '../support/programme-setup';
import { courseRow, createRoute, recordDiagnostics } from '../support/route-setup';
import { TestSystem } from '../support/system';

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Issue 18, «Regional organisations»: a ЦНППМ's tutor and methodologist hold their roles in the ЦНППМ only; a
 * school (its curator) or the region (its coordinator) assigns them to serve it, and they work on the routes of
 * that school's teachers — and no other school's (404).
 */
describe('regional specialists (ЦНППМ) on routes of the schools they serve, through HTTP', () => {
  let system: TestSystem;
  // A region of its own: the region report below counts its organisations (other specs share the database).
  const region = `Самарская область ${randomUUID().slice(0, 8)}`;
  const { timeZone } = places.samara;
  const today = () => localDateOf(new Date(), timeZone);
  const people = {
    admin: randomUUID(),
    coordinator: randomUUID(),
    curatorA: randomUUID(),
    tutorC: randomUUID(),
    tutor: randomUUID(),
    methodologist: randomUUID(),
    stranger: randomUUID(),
    teachers: [randomUUID(), randomUUID(), randomUUID()] as const,
  };
  const ids = {} as Record<'centre' | 'schoolA' | 'schoolB' | 'schoolC', string>;
  let as: Record<'admin' | 'coordinator' | 'curatorA' | 'tutorC' | 'tutor' | 'methodologist' | 'stranger', string>;

  const specialists = (organisationId: string) => `/organisations/${organisationId}/regional-specialists`;
  const assign = (organisationId: string, token: string, body: object) =>
    system.request('POST', specialists(organisationId), token, body);
  const assignment = (personId: string, role: 'tutor' | 'methodologist', regionalOrganisationId = ids.centre) => ({
    personId,
    role,
    regionalOrganisationId,
  });

  beforeAll(async () => {
    system = await TestSystem.start();
    await loadFixtureYearsAhead();
    as = { admin: system.token(people.admin, ['administrator']) } as typeof as;
    const register = async (place: OrganisationPlace) => {
      const response = await registerOrganisation(system, as.admin, place);
      expect(response.status).toBe(201);
      return response.body.organisationId as string;
    };
    ids.centre = await register({
      name: 'ЦНППМ Самарской области',
      kind: 'professionalExcellenceCentre',
      municipality: 'г. Самара',
      region,
      timeZone,
    });
    ids.schoolA = await register({ ...places.tolyatti, region });
    ids.schoolB = await register({ ...places.samara, region });
    ids.schoolC = await register({ ...places.samara, region, name: 'МБОУ «Школа № 12»' });
    as.coordinator = system.token(people.coordinator, ['regionalCoordinator'], [], { region });
    as.curatorA = system.token(people.curatorA, ['curator'], [ids.schoolA]);
    as.tutorC = system.token(people.tutorC, ['tutor'], [ids.schoolC]);
    // Their roles are in the ЦНППМ only.
    as.tutor = system.token(people.tutor, ['tutor'], [ids.centre]);
    as.methodologist = system.token(people.methodologist, ['methodologist'], [ids.centre]);
    as.stranger = system.token(people.stranger, ['tutor'], [ids.schoolC]);
    for (const teacher of people.teachers) system.token(teacher, ['mentee'], [ids.schoolA]);
  });
  afterAll(() => system?.stop());

  it('a ЦНППМ tutor and methodologist work on routes of two schools without a role there; a third school answers 404', async () => {
    // Before any assignment the schools are not theirs.
    const before = await createRoute(system, ids.schoolA, as.tutor, {
      teacherId: people.teachers[0],
      methodologistId: people.methodologist,
      today: today(),
    });
    expect(before.status).toBe(404);

    // School A's curator assigns both; the region's coordinator assigns them to school B.
    for (const role of ['tutor', 'methodologist'] as const) {
      const person = role === 'tutor' ? people.tutor : people.methodologist;
      expect((await assign(ids.schoolA, as.curatorA, assignment(person, role))).status).toBe(200);
      expect((await assign(ids.schoolB, as.coordinator, assignment(person, role))).status).toBe(200);
    }
    const listed = await system.request('GET', specialists(ids.schoolA), as.curatorA);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        personId: people.tutor,
        role: 'tutor',
        regionalOrganisationId: ids.centre,
        regionalOrganisationName: 'ЦНППМ Самарской области',
        // No card in the directory: the account's name.
        name: `Пользователь ${people.tutor.slice(0, 8)}`,
      }),
      expect.objectContaining({ personId: people.methodologist, role: 'methodologist' }),
    ]);

    // Reach follows the organisations' read model: wait until it has both assignments.
    for (const school of [ids.schoolA, ids.schoolB])
      await system.eventually(
        () => system.request('GET', `/organisations/${school}`, as.methodologist),
        (r) => r.status === 200,
      );

    // The tutor creates and runs a route in each school; the methodologist drafts its road map.
    const routes: string[] = [];
    for (const [school, teacher] of [
      [ids.schoolA, people.teachers[0]],
      [ids.schoolB, people.teachers[1]],
    ] as const) {
      const created = await createRoute(system, school, as.tutor, {
        teacherId: teacher,
        methodologistId: people.methodologist,
        today: today(),
      });
      expect(created.status).toBe(201);
      const routeId = created.body.state.routeId as string;
      routes.push(routeId);
      expect((await recordDiagnostics(system, routeId, as.tutor, today())).status).toBe(200);
      const submitted = await system.request('POST', `/routes/${routeId}/submit-draft`, as.methodologist, {
        rows: [courseRow(addDays(today(), 120))],
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body.state.stage).toBe('design');
      // The route's card is its read model: it shows the route once the projection has it.
      await system.eventually(
        () => system.request('GET', `/routes/${routeId}`, as.methodologist),
        (r) => r.status === 200,
      );
      expect((await system.request('GET', `/routes/${routeId}/history`, as.tutor)).status).toBe(200);
    }

    // School C's own route: not theirs to see or act on.
    const third = await createRoute(system, ids.schoolC, as.tutorC, {
      teacherId: people.teachers[2],
      methodologistId: people.methodologist,
      today: today(),
    });
    expect(third.status).toBe(201);
    const thirdId = third.body.state.routeId as string;
    expect((await system.request('GET', `/routes/${thirdId}`, as.tutor)).status).toBe(404);
    expect((await system.request('GET', `/routes/${thirdId}/history`, as.methodologist)).status).toBe(404);
    expect((await recordDiagnostics(system, thirdId, as.tutor, today())).status).toBe(404);
    expect(
      (
        await createRoute(system, ids.schoolC, as.tutor, {
          teacherId: people.teachers[2],
          methodologistId: people.methodologist,
          today: today(),
        })
      ).status,
    ).toBe(404);

    // The list shows the two schools' routes, not the third's.
    const list = await system.eventually(
      () => system.request('GET', '/routes?limit=100', as.tutor),
      (r) =>
        r.status === 200 && routes.every((id) => r.body.some((route: { routeId: string }) => route.routeId === id)),
    );
    expect(list.body.map((route: { routeId: string }) => route.routeId).sort()).toEqual([...routes].sort());

    // The region releases the tutor from school B: its route is out of reach from then on.
    const released = await system.request(
      'POST',
      `${specialists(ids.schoolB)}/remove`,
      as.coordinator,
      assignment(people.tutor, 'tutor'),
    );
    expect(released.status).toBe(200);
    await system.eventually(
      () => system.request('GET', `/routes/${routes[1]}`, as.tutor),
      (r) => r.status === 404,
    );
    expect((await system.request('GET', `/routes/${routes[0]}`, as.tutor)).status).toBe(200);
  });

  it('refuses what cannot be assigned, naming what is missing; other schools and roles may not assign', async () => {
    const notHeld = await assign(ids.schoolA, as.curatorA, assignment(people.stranger, 'tutor'));
    expect(notHeld.status).toBe(422);
    expect(notHeld.body.unmet).toEqual([expect.objectContaining({ code: 'regionalSpecialist.roleNotHeld' })]);

    const notRegional = await assign(ids.schoolA, as.curatorA, assignment(people.stranger, 'tutor', ids.schoolC));
    expect(notRegional.status).toBe(422);
    expect(notRegional.body.unmet.map((u: { code: string }) => u.code)).toContain(
      'regionalSpecialist.regionalOrganisation.notRegional',
    );

    const twice = await assign(ids.schoolA, as.curatorA, assignment(people.methodologist, 'methodologist'));
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('organisation.regionalSpecialist.alreadyAssigned');

    const bad = await assign(ids.schoolA, as.curatorA, {
      ...assignment(people.tutor, 'tutor'),
      role: 'curator',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);

    // A tutor may not assign; another school's staff do not see school A at all.
    expect((await assign(ids.schoolC, as.tutorC, assignment(people.tutor, 'tutor'))).status).toBe(403);
    const curatorC = system.token(randomUUID(), ['curator'], [ids.schoolC]);
    expect((await assign(ids.schoolA, curatorC, assignment(people.tutor, 'tutor'))).status).toBe(404);
  });

  it('counts the schools, not the ЦНППМ, among the region’s organisations', async () => {
    const report = await system.eventually(
      () => system.request('GET', `/reports/region?region=${encodeURIComponent(region)}`, as.coordinator),
      (r) => r.status === 200 && r.body.totals.organisations >= 3,
      20_000,
    );
    expect(report.body.totals.organisations).toBe(3);
  });
});
