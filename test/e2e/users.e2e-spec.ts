import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { userStream } from '@mentorflow/domain';
import { openTestDataSource } from '../support/database';
import { registerOrganisation } from '../support/programme-setup';
import { createRoute, recordDiagnostics } from '../support/route-setup';
import { TestSystem } from '../support/system';

/** Users and their roles live in the database; each change is an audited event; scoping follows the grant. */
describe('users, role assignments and organisation-scoped roles', () => {
  let system: TestSystem;
  let db: DataSource;
  let admin: string;
  let organisationA: string;
  let organisationB: string;
  let programmeA: string;
  let programmeB: string;

  const organisationIn = async (name: string, region: string) =>
    (await registerOrganisation(system, admin, { name, municipality: 'г. Город', region, timeZone: 'Europe/Moscow' }))
      .body.organisationId as string;
  const devToken = async (sub: string) =>
    (await system.request('POST', '/auth/dev-token', undefined, { sub })).body.token as string;
  const userEvents = async (userId: string) =>
    await db.query<{ type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[]>(
      'SELECT type, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [userStream(userId)],
    );

  beforeAll(async () => {
    system = await TestSystem.start();
    db = await openTestDataSource();
    admin = system.token(randomUUID(), ['administrator']);
    organisationA = await organisationIn('МБОУ «Школа № 1»', 'Самарская область');
    organisationB = await organisationIn('МБОУ «Школа № 2»', 'Тверская область');
    const startProgramme = async (organisationId: string) =>
      (
        await system.request(
          'POST',
          `/organisations/${organisationId}/programmes`,
          system.token(randomUUID(), ['director'], [organisationId]),
          { title: 'Программа' },
        )
      ).body.state.programmeId as string;
    programmeA = await startProgramme(organisationA);
    programmeB = await startProgramme(organisationB);
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  it('registers a user, grants a role in one organisation, and revokes it with effect on the very next request; each change is an event', async () => {
    const sub = `kc-${randomUUID()}`;
    const created = await system.request('POST', '/users', admin, {
      sub,
      fullName: 'Петрова Анна Сергеевна',
      email: 'petrova@school1.ru',
    });
    expect(created.status).toBe(201);
    const userId = created.body.userId as string;
    expect(created.body).toMatchObject({
      sub,
      fullName: 'Петрова Анна Сергеевна',
      email: 'petrova@school1.ru',
      assignments: [],
    });
    expect((await system.request('POST', '/users', admin, { sub, fullName: 'Другая' })).status).toBe(409);
    // Found by part of the name (any case, ё as е), of the sign-in subject or of the e-mail; a LIKE wildcard is a letter.
    const found = async (q: string) =>
      ((await system.request('GET', `/users?q=${encodeURIComponent(q)}`, admin)).body as { sub: string }[]).map(
        (u) => u.sub,
      );
    expect(await found(sub.slice(3, 15))).toEqual([sub]);
    for (const q of ['ПЕТРОВА АННА', 'petrova@school1']) expect(await found(q)).toContain(sub);
    expect(await found('Петрова_Анна')).toEqual([]);
    const long = await system.request('GET', `/users?q=${'я'.repeat(101)}`, admin);
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('q');

    const grant = { role: 'curator', organisationId: organisationA };
    expect((await system.request('POST', `/users/${userId}/roles`, admin, grant)).status).toBe(201);
    expect((await system.request('POST', `/users/${userId}/roles`, admin, grant)).status).toBe(409);
    const token = await devToken(sub);

    await system.eventually(
      () => system.request('GET', '/me', token),
      (r) => r.body?.assignments?.[0]?.organisationName !== undefined,
    );
    const me = await system.request('GET', '/me', token);
    expect(me.body).toEqual({
      sub,
      userId,
      fullName: 'Петрова Анна Сергеевна',
      assignments: [{ role: 'curator', organisationId: organisationA, organisationName: 'МБОУ «Школа № 1»' }],
    });
    expect((await system.request('GET', `/programmes/${programmeA}`, token)).status).toBe(200);
    // A curator of A is nobody in B.
    expect((await system.request('GET', `/programmes/${programmeB}`, token)).status).toBe(404);

    const revoked = await system.request('DELETE', `/users/${userId}/roles`, admin, grant);
    expect(revoked.status).toBe(200);
    expect((await system.request('GET', `/programmes/${programmeA}`, token)).status).toBe(403);
    expect((await system.request('DELETE', `/users/${userId}/roles`, admin, grant)).status).toBe(404);

    const events = await userEvents(userId);
    expect(events.map((e) => e.type)).toEqual(['UserRegistered', 'RoleGranted', 'RoleRevoked']);
    // The name is in `users` only, never in the hash-chained events (depersonalisation can erase it there).
    expect(events[0]?.data).toEqual({ userId, subject: sub });
    expect(JSON.stringify(events)).not.toMatch(/Петрова|petrova/);
    expect(events[1]).toMatchObject({
      data: { userId, role: 'curator', organisationId: organisationA },
      metadata: { role: 'administrator' },
    });
    expect(await system.listedUser(admin, (u) => u.userId === userId)).toMatchObject({ sub, assignments: [] });
  });

  it.each([
    [{ role: 'curator' }, 'organisationId'],
    [{ role: 'curator', organisationId: randomUUID() }, 'organisationId'],
    [{ role: 'mentor', organisationId: 'not-a-uuid' }, 'organisationId'],
    [{ role: 'regionalCoordinator' }, 'region'],
    [{ role: 'administrator', organisationId: 'ORG' }, 'organisationId'],
    [{ role: 'curator', region: 'Самарская область', organisationId: 'ORG' }, 'region'],
    [{ role: 'superuser', organisationId: 'ORG' }, 'role'],
  ])('refuses the grant %j with 400 naming %s, storing nothing', async (body, field) => {
    const user = await system.request('POST', '/users', admin, { sub: randomUUID(), fullName: 'Сидоров Иван' });
    const resolved = JSON.parse(JSON.stringify(body).replace('"ORG"', JSON.stringify(organisationA)));
    const refused = await system.request('POST', `/users/${user.body.userId}/roles`, admin, resolved);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(/[а-яА-Я]/) })]),
    );
    expect((await system.request('GET', `/users/${user.body.userId}`, admin)).body.assignments).toEqual([]);
    expect((await userEvents(user.body.userId)).map((e) => e.type)).toEqual(['UserRegistered']);
  });

  it('names a conflict and a missing user in Russian in the problem title, as the web app shows it', async () => {
    const sub = `kc-${randomUUID()}`;
    expect((await system.request('POST', '/users', admin, { sub, fullName: 'Сидорова Ольга Ивановна' })).status).toBe(
      201,
    );
    const duplicate = await system.request('POST', '/users', admin, { sub, fullName: 'Другая' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ status: 409, title: 'Конфликт' });
    const missing = await system.request('POST', `/users/${randomUUID()}/deactivate`, admin, {});
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'Не найдено' });
    // The detail still says what exactly is wrong.
    expect(missing.body.detail).toBe('Пользователь не найден');
  });

  it('lets only administrators manage users', async () => {
    const director = system.token(randomUUID(), ['director'], [organisationA]);
    expect((await system.request('GET', '/users', director)).status).toBe(403);
    expect((await system.request('POST', '/users', director, { sub: randomUUID(), fullName: 'Х' })).status).toBe(403);
  });

  it('counts a role only in the organisation it was granted for: curator of A, mentee in B', async () => {
    const sub = randomUUID();
    const token = system.token(sub, ['curator'], [organisationA]);
    system.token(sub, ['mentee'], [organisationB]);
    expect((await system.request('GET', `/programmes/${programmeA}`, token)).status).toBe(200);
    // The route admits curators, and the user is a curator — but not in B.
    expect((await system.request('GET', `/programmes/${programmeB}`, token)).status).toBe(404);
    expect((await system.request('POST', `/programmes/${programmeB}/advance`, token, {})).status).toBe(404);
    const listed = await system.eventually(
      () => system.request('GET', '/programmes', token),
      (r) => r.body?.length > 0,
    );
    expect(listed.body.map((p: { programmeId: string }) => p.programmeId)).toEqual([programmeA]);
  });

  it('lets a regional coordinator read the organisations of their region only, and change nothing in them', async () => {
    const coordinator = system.token(randomUUID(), ['regionalCoordinator'], [], { region: 'Самарская область' });
    const reads = await system.eventually(
      () => system.request('GET', `/programmes/${programmeA}`, coordinator),
      (r) => r.status === 200,
    );
    expect(reads.status).toBe(200);
    expect((await system.request('GET', `/programmes/${programmeB}`, coordinator)).status).toBe(404);
    expect((await system.request('GET', `/organisations/${organisationB}`, coordinator)).status).toBe(404);
    const document = {
      documentId: randomUUID(),
      kind: 'implementationAct',
      number: '1',
      date: '2026-09-01',
      signedBy: 'Директор',
    };
    expect((await system.request('POST', `/programmes/${programmeA}/documents`, coordinator, document)).status).toBe(
      403,
    );
    // Registers organisations of their own region only.
    const elsewhere = await registerOrganisation(system, coordinator, {
      name: 'Школа',
      municipality: 'г. Тверь',
      region: 'Тверская область',
      timeZone: 'Europe/Moscow',
    });
    expect(elsewhere.status).toBe(403);
  });

  it('refuses a disabled user and an unknown subject with 401; the development sign-in knows only existing users', async () => {
    const sub = randomUUID();
    const token = system.token(sub, ['curator'], [organisationA]);
    expect((await system.request('GET', '/me', token)).status).toBe(200);
    await db.query('UPDATE users SET disabled_at = now() WHERE subject = $1', [sub]);
    const refused = await system.request('GET', '/me', token);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/отключён/);

    expect((await system.request('POST', '/auth/dev-token', undefined, { sub: randomUUID() })).status).toBe(404);
    expect((await system.request('POST', '/auth/dev-token', undefined, { sub })).status).toBe(404);
    const users = await system.request('GET', '/auth/dev-users');
    expect(users.status).toBe(200);
    expect(users.body.some((u: { sub: string }) => u.sub === sub)).toBe(false);
    expect(await (await fetch(`${system.baseUrl}/auth/config`)).json()).toEqual({ mode: 'dev' });
  });

  it('has the methodologist complete only tasks assigned to them, and only while they hold the role', async () => {
    const [tutor, methodologist, teacher] = [randomUUID(), randomUUID(), randomUUID()];
    const as = {
      tutor: system.token(tutor, ['tutor'], [organisationA]),
      methodologist: system.token(methodologist, ['methodologist'], [organisationA]),
      colleague: system.token(randomUUID(), ['methodologist'], [organisationA]),
    };
    system.token(teacher, ['mentee'], [organisationA]);
    const today = new Date().toISOString().slice(0, 10);
    const route = await createRoute(system, organisationA, as.tutor, {
      teacherId: teacher,
      methodologistId: methodologist,
      today,
    });
    expect(route.status).toBe(201);
    await recordDiagnostics(system, route.body.state.routeId, as.tutor, today);
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', as.methodologist),
      (r) => r.body?.length > 0,
    );
    const taskId = inbox.body[0].taskId as string;
    expect((await system.request('GET', '/tasks', as.colleague)).body).toEqual([]);
    expect((await system.request('POST', `/tasks/${taskId}/complete`, as.colleague, { result: 'Готово' })).status).toBe(
      404,
    );
    // Their own: the domain answers (the draft is closed by submitting it), not the access check.
    expect(
      (await system.request('POST', `/tasks/${taskId}/complete`, as.methodologist, { result: 'Готово' })).status,
    ).toBe(422);

    const { userId } = (await system.request('GET', '/me', as.methodologist)).body;
    expect(
      (
        await system.request('DELETE', `/users/${userId}/roles`, admin, {
          role: 'methodologist',
          organisationId: organisationA,
        })
      ).status,
    ).toBe(200);
    system.token(methodologist, ['mentee'], [organisationA]);
    expect(
      (await system.request('POST', `/tasks/${taskId}/complete`, as.methodologist, { result: 'Готово' })).status,
    ).toBe(404);
  });

  it('records monitoring results only under a role held in the target organisation', async () => {
    const result = {
      indicator: 'studentsPassedNationalTestsShare',
      value: 87.5,
      periodStart: '2025-09-01',
      periodEnd: '2026-05-31',
    };
    // A curator of B who is nobody in A: A is not theirs to know about.
    const curatorOfB = system.token(randomUUID(), ['curator'], [organisationB]);
    expect(
      (await system.request('POST', `/organisations/${organisationA}/monitoring-results`, curatorOfB, result)).status,
    ).toBe(404);
    // A curator of B who is A's director: recorded in A as the director, not as B's curator.
    const sub = randomUUID();
    system.token(sub, ['curator'], [organisationB]);
    const both = system.token(sub, ['director'], [organisationA]);
    const recorded = await system.request('POST', `/organisations/${organisationA}/monitoring-results`, both, result);
    expect(recorded.status).toBe(201);
    const [event] = await db.query<{ metadata: { role: string; actorId: string } }[]>(
      `SELECT metadata FROM events WHERE type = 'MonitoringResultRecorded' AND data->>'resultId' = $1`,
      [recorded.body.resultId],
    );
    expect(event?.metadata).toMatchObject({ actorId: sub, role: 'director' });
  });

  it('blocks a user: their valid token is refused from the very next request, unblocking restores it; administrators only; each change is an event', async () => {
    const sub = randomUUID();
    const token = system.token(sub, ['curator'], [organisationA]);
    const { userId } = (await system.request('GET', '/me', token)).body;
    expect((await system.request('GET', `/programmes/${programmeA}`, token)).status).toBe(200);

    // Only an administrator: a director, a curator, the user themselves get 403 and change nothing.
    for (const who of [
      system.token(randomUUID(), ['director'], [organisationA]),
      system.token(randomUUID(), ['curator', 'commissionHead'], [organisationA]),
      token,
    ]) {
      expect((await system.request('POST', `/users/${userId}/deactivate`, who, {})).status).toBe(403);
    }
    expect((await system.request('GET', '/me', token)).status).toBe(200);

    const blocked = await system.request('POST', `/users/${userId}/deactivate`, admin, {
      reason: 'Уволена приказом № 12-к',
    });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ userId, disabledAt: expect.any(String) });
    for (const path of ['/me', `/programmes/${programmeA}`, '/tasks']) {
      const refused = await system.request('GET', path, token);
      expect({ path, status: refused.status, detail: refused.body.detail }).toEqual({
        path,
        status: 401,
        detail: expect.stringMatching(/отключён/),
      });
    }
    expect(
      (await system.request('POST', `/organisations/${organisationA}/programmes`, token, { title: 'Программа' }))
        .status,
    ).toBe(401);
    // The list shows the status; blocking again changes nothing.
    expect(await system.listedUser(admin, (u) => u.userId === userId)).toMatchObject({
      disabledAt: blocked.body.disabledAt,
    });
    expect((await system.request('POST', `/users/${userId}/deactivate`, admin, {})).body.disabledAt).toBe(
      blocked.body.disabledAt,
    );

    const unblocked = await system.request('POST', `/users/${userId}/activate`, admin, {});
    expect(unblocked.status).toBe(200);
    expect(unblocked.body.disabledAt).toBeNull();
    expect((await system.request('GET', `/programmes/${programmeA}`, token)).status).toBe(200);

    // An administrator cannot lock themselves out.
    const { userId: adminId } = (await system.request('GET', '/me', admin)).body;
    expect((await system.request('POST', `/users/${adminId}/deactivate`, admin, {})).status).toBe(409);
    expect((await system.request('POST', `/users/${randomUUID()}/deactivate`, admin, {})).status).toBe(404);

    const events = await userEvents(userId);
    expect(events.slice(-2).map((e) => [e.type, e.data.reason, e.metadata.role])).toEqual([
      ['UserDeactivated', 'Уволена приказом № 12-к', 'administrator'],
      ['UserActivated', undefined, 'administrator'],
    ]);
  });

  it('corrects a user in place (name, sign-in subject, e-mail) instead of a second account; the event names the fields, not the name', async () => {
    const sub = `kc-${randomUUID()}`;
    const created = await system.request('POST', '/users', admin, { sub, fullName: 'Сидорва Нина Павловна' });
    expect(created.status).toBe(201);
    const { userId } = created.body;
    await system.request('POST', `/users/${userId}/roles`, admin, { role: 'curator', organisationId: organisationA });

    // Bad input: 400 naming the field in Russian, nothing changed.
    const spaced = await system.request('POST', `/users/${userId}/details`, admin, { sub: 'kc 5' });
    expect(spaced.status).toBe(400);
    expect(spaced.body.errors).toEqual([
      expect.objectContaining({ field: 'sub', message: 'Идентификатор входа не должен содержать пробелов' }),
    ]);
    expect((await system.request('POST', '/users', admin, { sub: 'kc 6', fullName: 'Кто-то' })).status).toBe(400);
    // Only an administrator.
    const director = system.token(randomUUID(), ['director'], [organisationA]);
    expect(
      (await system.request('POST', `/users/${userId}/details`, director, { fullName: 'Сидорова Нина Павловна' }))
        .status,
    ).toBe(403);

    const corrected = `kc-${randomUUID()}`;
    const fixed = await system.request('POST', `/users/${userId}/details`, admin, {
      fullName: 'Сидорова Нина Павловна',
      sub: corrected,
      email: 'sidorova@school1.ru',
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({
      userId,
      sub: corrected,
      fullName: 'Сидорова Нина Павловна',
      email: 'sidorova@school1.ru',
      assignments: [expect.objectContaining({ role: 'curator', organisationId: organisationA })],
    });
    // The same account signs in under the corrected subject; the old one is unknown.
    expect((await system.request('POST', '/auth/dev-token', undefined, { sub })).status).toBe(404);
    expect((await system.request('GET', '/me', await devToken(corrected))).body.userId).toBe(userId);
    // An empty e-mail removes the address; another user's subject is a conflict.
    expect((await system.request('POST', `/users/${userId}/details`, admin, { email: '' })).body.email).toBeNull();
    const other = await system.request('POST', '/users', admin, { sub: `kc-${randomUUID()}`, fullName: 'Другой' });
    expect(
      (await system.request('POST', `/users/${other.body.userId}/details`, admin, { sub: corrected })).status,
    ).toBe(409);

    const events = await userEvents(userId);
    const changes = events.filter((e) => e.type === 'UserDetailsChanged');
    expect(changes.map((e) => e.data)).toEqual([
      { userId, changed: ['subject', 'fullName', 'email'], subject: corrected },
      { userId, changed: ['email'] },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/Сидорова|sidorova/);
  });

  it('finds organisations by part of the name, municipality or region', async () => {
    const marker = randomUUID().slice(0, 8);
    const found = await organisationIn(`МБОУ «Лицей ${marker}»`, 'Самарская область');
    // Case and ё/е do not matter, whatever the database's locale; the list is a projection that lags.
    const byName = await system.eventually(
      () => system.request('GET', `/organisations?q=${encodeURIComponent(`ЛИЦЕЙ ${marker}`)}`, admin),
      (r) => r.body.length > 0,
    );
    expect(byName.status).toBe(200);
    expect(byName.body.map((o: { organisationId: string }) => o.organisationId)).toEqual([found]);
    const byRegion = await system.request('GET', `/organisations?q=${encodeURIComponent('тверская')}`, admin);
    expect(byRegion.body.map((o: { organisationId: string }) => o.organisationId)).toContain(organisationB);
    expect(byRegion.body.map((o: { organisationId: string }) => o.organisationId)).not.toContain(found);
    // A % is a character, not a wildcard.
    expect((await system.request('GET', `/organisations?q=${encodeURIComponent('%')}`, admin)).body).toEqual([]);
    expect((await system.request('GET', `/organisations?q=${'x'.repeat(101)}`, admin)).status).toBe(400);
  });
});
