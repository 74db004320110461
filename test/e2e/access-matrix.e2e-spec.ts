import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { programmeStream, roles, type Role } from '@mentorflow/domain';
import { EventStore, type RecordedEvent } from '@mentorflow/event-store';
import { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import { AppModule } from '../../apps/api/src/app.module';
import { IS_PUBLIC, ROLES } from '../../apps/api/src/auth/auth.decorators';
import { staffReaderRoles } from '../../apps/api/src/people/people.roles';
import { routeSupervisors } from '../../apps/api/src/routes/routes.service';
import { addPerson } from '../support/people';
import { parkStoredEvent } from '../support/poison-projection';
import { approveCandidates } from '../support/participants';
import {
  formPair,
  pairFormation,
  participantsListed,
  places,
  registerOrganisation,
  problemBody,
  selectMentorAndMentee,
  startProgramme,
  type OrganisationPlace,
} from '../support/programme-setup';
import { createRoute, recordDiagnostics } from '../support/route-setup';
import { scanFixtures } from '../support/scans';
import { TestSystem } from '../support/system';

/**
 * Every route of the API × every role × a user of the resource's own organisation and one of another:
 * a role the route does not admit gets 403; an admitted role gets 404 for another organisation's
 * resource and is let through (neither 403 nor 404) for its own. The route table comes from the
 * controllers' metadata, so a new route is in the matrix the moment it exists; it fails here if it
 * declares no roles or has a path parameter no fixture below resolves.
 */

interface ApiRoute {
  method: string;
  path: string;
  roles: Role[] | undefined;
  isPublic: boolean;
}

function controllersOf(module: Type<unknown>, seen = new Set<unknown>()): Type<unknown>[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type<unknown>[];
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as unknown[];
  return [...own, ...imports.flatMap((m) => (typeof m === 'function' ? controllersOf(m as Type<unknown>, seen) : []))];
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

const apiRoutes: ApiRoute[] = [...new Set(controllersOf(AppModule))].flatMap((controller) =>
  Object.getOwnPropertyNames(controller.prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => controller.prototype[name] as object)
    .filter((handler) => typeof handler === 'function' && Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
    .map((handler) => ({
      method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
      path: join(
        Reflect.getMetadata(PATH_METADATA, controller) as string,
        Reflect.getMetadata(PATH_METADATA, handler) as string,
      ),
      roles: Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, controller),
      isPublic: (Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller)) === true,
    })),
);

/**
 * Collections whose `:id` belongs to an organisation: another organisation's id must answer 404. A published
 * practice (`practices`) belongs to its region, not one organisation: its service answers 404 after validation;
 * so does an incentive (`incentives`), whose service checks its organisation itself.
 */
const organisationScoped = ['organisations', 'programmes', 'pairs', 'routes', 'tasks', 'mentors', 'people'];

/**
 * Rules narrower than "any admitted role of the organisation" (membership, not role): an ИОМ is read
 * by its participants and the organisation's supervising staff only.
 */
function ownExpectation(route: ApiRoute, role: Role): 'through' | 404 {
  const routeRead = route.method === 'GET' && /^\/routes\/:id(\/history|\/documents\/route\.docx)?$/.test(route.path);
  if (routeRead && role !== 'administrator' && !routeSupervisors.includes(role)) return 404;
  // A card is read by the staff who work with people, not by every mentor or mentee of the school.
  const cardRead = route.method === 'GET' && route.path === '/people/:id';
  if (cardRead && role !== 'administrator' && !(staffReaderRoles as readonly Role[]).includes(role)) return 404;
  // An incentive is seen by the organisation's management, its person and its proposer, not by every mentor or mentee.
  const incentiveRead = route.method === 'GET' && route.path === '/incentives/:id';
  if (incentiveRead && (role === 'mentor' || role === 'mentee')) return 404;
  return 'through';
}

describe('access matrix: every route × every role × own and other organisation', () => {
  let system: TestSystem;
  const A = places.tolyatti;
  const B = places.vladivostok;
  const people = {
    admin: randomUUID(),
    director: randomUUID(),
    curator: randomUUID(),
    tutor: randomUUID(),
    methodologist: randomUUID(),
    teacher: randomUUID(),
    mentor: randomUUID(),
    mentee: randomUUID(),
  };
  const ids: Record<string, string> = {};
  const own = {} as Record<Role, string>;
  const other = {} as Record<Role, string>;

  beforeAll(async () => {
    // The scan of the fixture's document goes to a directory of this run, not the working tree's .data.
    process.env.SCAN_STORAGE_DIR = mkdtempSync(joinPath(tmpdir(), 'access-matrix-scans-'));
    system = await TestSystem.start();
    const admin = system.token(people.admin, ['administrator']);
    const register = async (place: OrganisationPlace) => {
      const response = await registerOrganisation(system, admin, place);
      expect(response.status).toBe(201);
      return response.body.organisationId as string;
    };
    ids.organisationA = await register(A);
    ids.organisationB = await register(B);
    const a = ids.organisationA;
    const as = {
      director: system.token(people.director, ['director'], [a]),
      curator: system.token(people.curator, ['curator'], [a]),
      tutor: system.token(people.tutor, ['tutor'], [a]),
      methodologist: system.token(people.methodologist, ['methodologist'], [a]),
    };
    system.token(people.teacher, ['mentee'], [a]);

    // A programme with a curator, a selected mentor, a formed pair; an ИОМ whose diagnostics gave the methodologist a task.
    const programme = await startProgramme(system, a, as.director, people.curator, 'Программа наставничества');
    ids.programme = programme.programmeId;
    expect(programme.appointed.status).toBe(200);
    const candidates: string[] = [];
    for (const selected of await selectMentorAndMentee(
      system,
      ids.programme,
      as.curator,
      people.mentor,
      people.mentee,
    )) {
      expect(selected.status).toBe(201);
      candidates.push(selected.body.participantId);
    }
    await participantsListed(system, ids.programme, as.curator, 2);
    await approveCandidates(system, ids.programme, as.curator, candidates);
    ids.participant = candidates[0] as string;
    const formed = await formPair(system, ids.programme, as.director, people.mentor, people.mentee);
    expect(formed.status).toBe(201);
    ids.pair = formed.body.state.pairId;
    ids.mentor = people.mentor;
    // A registered document with its signed scan: the scan routes' `:documentId`.
    ids.document = randomUUID();
    const recorded = await system.request('POST', `/programmes/${ids.programme}/documents`, as.curator, {
      documentId: ids.document,
      kind: 'implementationAct',
      number: '7-од',
      date: '2026-08-20',
      signedBy: 'Директор',
    });
    expect(recorded.status).toBe(200);
    const scan = { content: scanFixtures.pdf().toString('base64') };
    const attached = await system.request(
      'POST',
      `/programmes/${ids.programme}/documents/${ids.document}/scan`,
      as.curator,
      scan,
    );
    expect(attached.status).toBe(200);
    // A problem of the preliminary analysis (issue 28): the problem routes' `:problemId`.
    const problem = problemBody();
    await system.request('POST', `/programmes/${ids.programme}/problems`, as.curator, problem);
    ids.problem = problem.problemId;

    const today = localDateOf(new Date(), A.timeZone);
    const route = await createRoute(system, a, as.tutor, {
      teacherId: people.teacher,
      methodologistId: people.methodologist,
      today,
    });
    expect(route.status).toBe(201);
    ids.route = route.body.state.routeId;
    const diagnosed = await recordDiagnostics(system, ids.route, as.tutor, today);
    expect(diagnosed.status).toBe(200);
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', as.methodologist),
      (r) => r.body?.length > 0,
    );
    ids.task = inbox.body[0].taskId;
    // The methodologist's notification of that task (sent by the log sender): the resend route's `:id`.
    const notified = await system.eventually(
      () => system.request('GET', '/notifications?status=sent&limit=100', admin),
      (r) => r.body?.some?.((n: { taskId: string }) => n.taskId === ids.task),
    );
    ids.notification = notified.body.find((n: { taskId: string }) => n.taskId === ids.task).notificationId;

    for (const role of roles) {
      own[role] = system.token(randomUUID(), [role], [a], A);
      if (role !== 'administrator') other[role] = system.token(randomUUID(), [role], [ids.organisationB], B);
    }
    ids.user = (await system.request('GET', '/me', as.curator)).body.userId;
    // A parked event (issue 23) for the retry route: the programme's first event, as the programmes read model parks it.
    const db = system.api.get(DataSource);
    const [programmeStarted] = await new EventStore(db).readStream(programmeStream(ids.programme));
    ids.parkedEvent = await parkStoredEvent(db, 'programmes', programmeStarted as RecordedEvent);
    ids.person = await addPerson(system, a, as.curator, 'Сотрудникова');
    // A practice of A's mentor, published: every role of A's region reads it (issue 28).
    const practice = await system.request('POST', '/practices', system.token(people.mentor, ['mentor'], [a]), {
      organisationId: a,
      title: 'Практика',
      form: 'teacherTeacher',
      problem: 'Проблема',
      whatWasDone: 'Сделано',
      results: 'Результаты',
      evidence: 'Подтверждение',
      subject: 'Математика',
      level: 'organisation',
    });
    expect(practice.status).toBe(201);
    ids.practice = practice.body.practiceId;
    expect((await system.request('POST', `/practices/${ids.practice}/publish`, admin, {})).status).toBe(200);
    // A's mentors' methodical association (issue 28): read by A's staff, kept by its curator and director.
    const association = await system.request('POST', '/associations', as.curator, {
      name: 'МО наставников',
      level: 'organisation',
      organisationId: a,
    });
    expect(association.status).toBe(201);
    ids.association = association.body.associationId;
    // An incentive the pair's mentor proposed for her mentee, and a kind the administrator added (issue 28).
    const incentive = await system.request('POST', '/incentives', system.token(people.mentor, ['mentor'], [a]), {
      organisationId: a,
      personId: people.mentee,
      recipientRole: 'mentee',
      pairId: ids.pair,
      kind: 'gratitudeLetter',
    });
    expect(incentive.status).toBe(201);
    ids.incentive = incentive.body.incentiveId;
    const kind = await system.request('POST', '/incentive-kinds', admin, { name: `Вид ${randomUUID().slice(0, 8)}` });
    expect(kind.status).toBe(201);
    ids.incentiveKind = kind.body.kindId;
    // A training record of a person of A (issue 28): the correction route's `:trainingId`.
    const training = await system.request('POST', `/organisations/${a}/trainings`, as.curator, {
      personId: ids.person,
      role: 'mentor',
      courseTitle: 'Наставничество в школе',
      hours: 36,
      dateFrom: localDateOf(new Date(Date.now() - 30 * 86_400_000), A.timeZone),
      dateTo: localDateOf(new Date(Date.now() - 20 * 86_400_000), A.timeZone),
    });
    expect(training.status).toBe(201);
    ids.training = training.body.trainingId;
    // Reads come from projections: wait until they show the fixture as it now is.
    for (const [path, check] of [
      [`/programmes/${ids.programme}`, () => true],
      [`/pairs/${ids.pair}`, () => true],
      [`/routes/${ids.route}`, (body: { stage?: string }) => body.stage === 'design'],
    ] as const) {
      const seen = await system.eventually(
        () => system.request('GET', path, admin),
        (r) => r.status === 200 && check(r.body),
      );
      expect(seen.status).toBe(200);
    }
    // The coordinators' reach comes from the organisations' projection.
    await system.eventually(
      () => system.request('GET', `/organisations/${a}`, own.regionalCoordinator),
      (r) => r.status === 200,
    );
  });
  afterAll(() => system?.stop());

  const resolve = (route: ApiRoute): string =>
    route.path.replace(/:(\w+)/g, (_, name: string) => {
      const collection = route.path.split('/')[1] as string;
      const value =
        name === 'personId' && collection === 'mentors'
          ? ids.mentor
          : name === 'participantId' && collection === 'programmes'
            ? ids.participant
            : name === 'documentId' && collection === 'programmes'
              ? ids.document
              : name === 'problemId' && collection === 'programmes'
                ? ids.problem
                : name === 'trainingId' && collection === 'organisations'
                  ? ids.training
                  : name === 'organisationId' && collection === 'people'
                    ? ids.organisationA
                    : name !== 'id'
                      ? undefined
                      : collection === 'organisations'
                        ? ids.organisationA
                        : collection === 'users'
                          ? ids.user
                          : (
                              {
                                programmes: ids.programme,
                                pairs: ids.pair,
                                routes: ids.route,
                                tasks: ids.task,
                                people: ids.person,
                                notifications: ids.notification,
                                practices: ids.practice,
                                associations: ids.association,
                                incentives: ids.incentive,
                                'incentive-kinds': ids.incentiveKind,
                                projections: ids.parkedEvent,
                              } as Record<string, string | undefined>
                            )[collection];
      if (!value)
        throw new Error(`${route.method} ${route.path}: no fixture resolves :${name}; add one to the access matrix`);
      return value;
    });

  const call = (route: ApiRoute, token: string) =>
    system.request(route.method, resolve(route), token, route.method === 'GET' ? undefined : {});

  it('finds the routes, and each declares @Public or the roles it admits', () => {
    expect(apiRoutes.length).toBeGreaterThan(40);
    const undeclared = apiRoutes.filter((r) => !r.isPublic && !(Array.isArray(r.roles) && r.roles.length > 0));
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  // Reads first, then writes: a write that happens to succeed must not change what a later read sees.
  const guarded = () =>
    [...apiRoutes.filter((r) => !r.isPublic)].sort((x, y) => Number(x.method !== 'GET') - Number(y.method !== 'GET'));

  it('answers each route × role × organisation as the route declares', async () => {
    const wrong: string[] = [];
    for (const route of guarded()) {
      const admitted = route.roles ?? [];
      const scoped = organisationScoped.includes(route.path.split('/')[1] as string) && /:\w+/.test(route.path);
      for (const role of roles) {
        const label = `${route.method} ${route.path} as ${role}`;
        const mine = await call(route, own[role]);
        if (!admitted.includes(role)) {
          if (mine.status !== 403) wrong.push(`${label} (own): ${mine.status}, expected 403`);
        } else if (ownExpectation(route, role) === 404) {
          if (mine.status !== 404) wrong.push(`${label} (own, not a member): ${mine.status}, expected 404`);
        } else if ([401, 403, 404].includes(mine.status) || mine.status >= 500) {
          wrong.push(`${label} (own): ${mine.status} ${JSON.stringify(mine.body?.detail ?? '')}, expected to pass`);
        }
        if (role === 'administrator') continue; // unscoped: there is no other organisation for them
        const theirs = await call(route, other[role]);
        if (!admitted.includes(role)) {
          if (theirs.status !== 403) wrong.push(`${label} (other): ${theirs.status}, expected 403`);
        } else if (scoped) {
          if (theirs.status !== 404) wrong.push(`${label} (other): ${theirs.status}, expected 404`);
        } else if (theirs.status >= 500 || theirs.status === 401) {
          wrong.push(`${label} (other): ${theirs.status}`);
        } else if (route.method === 'GET') {
          // A list must not leak anything of the other organisation.
          const leaked = [ids.organisationA, ids.programme, ids.pair, ids.route, ids.task].filter((id) =>
            JSON.stringify(theirs.body ?? '').includes(id as string),
          );
          if (leaked.length > 0) wrong.push(`${label} (other): shows ${leaked.join(', ')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses a pair with another organisation's mentor or mentee (404, no capacity taken) and scopes a mentor's load", async () => {
    const b = ids.organisationB as string;
    const [bDirector, bCurator, bMentor, bMentee] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const inB = {
      director: system.token(bDirector, ['director'], [b]),
      curator: system.token(bCurator, ['curator'], [b]),
    };
    const { programmeId: programmeB, appointed } = await startProgramme(
      system,
      b,
      inB.director,
      bCurator,
      'Программа Б',
    );
    expect(appointed.status).toBe(200);
    const candidatesB: string[] = [];
    for (const selected of await selectMentorAndMentee(system, programmeB, inB.curator, bMentor, bMentee)) {
      expect(selected.status).toBe(201);
      candidatesB.push(selected.body.participantId);
    }
    await participantsListed(system, programmeB, inB.curator, 2);
    await approveCandidates(system, programmeB, inB.curator, candidatesB);
    const formation = (mentorId: string, menteeId: string) =>
      pairFormation(mentorId, menteeId, { order: { number: '16-к' } });
    const pairB = await system.request(
      'POST',
      `/programmes/${programmeB}/pairs`,
      inB.director,
      formation(bMentor, bMentee),
    );
    expect(pairB.status).toBe(201);

    // A's curator and director cannot take B's mentor, nor B's mentee with A's own (unreserved) mentee as mentor.
    const aMentee = randomUUID();
    system.token(aMentee, ['mentee'], [ids.organisationA as string]);
    for (const [token, body] of [
      [own.curator, formation(bMentor, aMentee)],
      [own.director, formation(bMentor, aMentee)],
      [own.director, formation(aMentee, bMentee)],
    ] as const) {
      const refused = await system.request('POST', `/programmes/${ids.programme}/pairs`, token, body);
      expect({ status: refused.status, detail: refused.body.detail }).toEqual({
        status: 404,
        detail: expect.stringMatching(/не найден в этой организации/),
      });
    }
    // B's mentor's capacity holds B's pair only.
    const load = await system.request('GET', `/mentors/${bMentor}/load`, system.token(people.admin, ['administrator']));
    expect(load.body).toEqual({ mentorId: bMentor, load: 1, reservations: { [pairB.body.state.pairId]: 1 } });

    // The load endpoint: B's mentor is nobody in A; A's own mentor shows A's pair to A; B sees its own.
    for (const role of ['curator', 'director', 'commissionHead'] as const) {
      const theirs = await system.request('GET', `/mentors/${bMentor}/load`, own[role]);
      expect({
        role,
        status: theirs.status,
        leaked: JSON.stringify(theirs.body).includes(pairB.body.state.pairId),
      }).toEqual({ role, status: 404, leaked: false });
    }
    expect((await system.request('GET', `/mentors/${bMentor}/load`, inB.curator)).body).toMatchObject({
      load: 1,
      reservations: { [pairB.body.state.pairId]: 1 },
    });
    expect((await system.request('GET', `/mentors/${ids.mentor}/load`, own.curator)).body).toMatchObject({
      load: 1,
      reservations: { [ids.pair as string]: 1 },
    });
    expect((await system.request('GET', `/mentors/${ids.mentor}/load`, inB.curator)).status).toBe(404);
  });

  it('a ЦНППМ tutor assigned to serve A reaches A as a tutor, without a role in A, and nothing of B', async () => {
    const admin = system.token(people.admin, ['administrator']);
    const centre = await registerOrganisation(system, admin, {
      ...A,
      name: 'ЦНППМ',
      kind: 'professionalExcellenceCentre',
    });
    expect(centre.status).toBe(201);
    const tutorId = randomUUID();
    const tutor = system.token(tutorId, ['tutor'], [centre.body.organisationId]);
    const assigned = await system.request(
      'POST',
      `/organisations/${ids.organisationA}/regional-specialists`,
      own.curator,
      { personId: tutorId, role: 'tutor', regionalOrganisationId: centre.body.organisationId },
    );
    expect(assigned.status).toBe(200);
    const read = await system.eventually(
      () => system.request('GET', `/routes/${ids.route}`, tutor),
      (r) => r.status === 200,
    );
    expect(read.status).toBe(200);
    expect((await system.request('GET', `/organisations/${ids.organisationB}`, tutor)).status).toBe(404);
    // Served as a tutor only: the school's curator's routes stay closed to them.
    expect((await system.request('GET', `/programmes/${ids.programme}/participants`, tutor)).status).toBe(403);
  });
});
