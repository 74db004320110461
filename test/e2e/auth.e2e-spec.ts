import { JwtService } from '@nestjs/jwt';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { UserDirectory } from '../../apps/api/src/users/user-directory';
import { openTestDataSource } from '../support/database';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { organisationBody, places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer tokens', () => {
  let system: TestSystem;
  const claims = { sub: randomUUID(), roles: ['administrator'], organisationIds: [] };
  const secret = () => process.env.JWT_SECRET as string;

  beforeAll(async () => {
    system = await TestSystem.start();
    // The subject is a registered administrator: each refusal below is the token's fault, not the user's.
    system.token(claims.sub, ['administrator']);
    await system.usersStored();
  });
  afterAll(() => system?.stop());

  const listOrganisations = (token: string) => system.request('GET', '/organisations', token);

  it('accepts a token signed with the configured secret, issuer and audience', async () => {
    expect((await listOrganisations(system.token(claims.sub, ['administrator']))).status).toBe(200);
  });

  it.each([
    [
      'alg none',
      () =>
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: 'mentorflow', aud: 'mentorflow-api' })}.`,
    ],
    [
      'another secret',
      () =>
        new JwtService({ secret: 'x'.repeat(40) }).sign(claims, { issuer: 'mentorflow', audience: 'mentorflow-api' }),
    ],
    [
      'wrong issuer',
      () => new JwtService({ secret: secret() }).sign(claims, { issuer: 'evil', audience: 'mentorflow-api' }),
    ],
    [
      'wrong audience',
      () => new JwtService({ secret: secret() }).sign(claims, { issuer: 'mentorflow', audience: 'other' }),
    ],
    [
      'expired',
      () =>
        new JwtService({ secret: secret() }).sign(
          { ...claims, exp: Math.floor(Date.now() / 1000) - 60 },
          { issuer: 'mentorflow', audience: 'mentorflow-api' },
        ),
    ],
    [
      'HS384 instead of HS256',
      () =>
        new JwtService({ secret: secret() }).sign(claims, {
          algorithm: 'HS384',
          issuer: 'mentorflow',
          audience: 'mentorflow-api',
        }),
    ],
    [
      'no subject',
      () =>
        new JwtService({ secret: secret() }).sign(
          { roles: ['administrator'] },
          { issuer: 'mentorflow', audience: 'mentorflow-api' },
        ),
    ],
    [
      'a subject no user has, whatever roles it claims',
      () =>
        new JwtService({ secret: secret() }).sign(
          { ...claims, sub: randomUUID() },
          { issuer: 'mentorflow', audience: 'mentorflow-api' },
        ),
    ],
  ])('refuses a token with %s (401)', async (_, make) => {
    const response = await listOrganisations(make());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ status: 401 });
  });

  it('refuses a valid token whose roles the route does not allow (403), recording nothing', async () => {
    const mentor = system.token(randomUUID(), ['mentor'], [randomUUID()]);
    const response = await registerOrganisation(system, mentor, places.plain);
    expect(response.status).toBe(403);
  });
});

/** Runs `make` with these variables set (undefined: unset), then puts the environment back. */
async function withEnv<T>(vars: Record<string, string | undefined>, make: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(vars);
  try {
    return await make();
  } finally {
    apply(saved);
  }
}

/** A request with a Host header of our choosing (fetch() sets its own from the URL). */
function requestWithHost(
  url: string,
  host: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { ...headers, host } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? JSON.parse(text) : undefined,
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the development sign-in', () => {
  let sub: string;

  beforeAll(async () => {
    // An existing user: each 404 below is the mode's, not an unknown subject's.
    const db = await openTestDataSource();
    ({ sub } = await new UserDirectory(db).ensure(randomUUID(), 'Иванова Мария Петровна', [{ role: 'administrator' }]));
    await db.destroy();
  });

  const devEndpoints = async (env: Record<string, string | undefined>) => {
    const api = await withEnv(env, () => createApiApp({ logger: false }));
    try {
      await api.listen(0, '127.0.0.1');
      const url = await api.getUrl();
      const token = await fetch(`${url}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub }),
      });
      return { token: token.status, users: (await fetch(`${url}/auth/dev-users`)).status };
    } finally {
      await api.close();
    }
  };

  it('is off unless MENTORFLOW_DEV_SIGNIN=true: both endpoints answer 404', async () => {
    expect(await devEndpoints({ MENTORFLOW_DEV_SIGNIN: undefined })).toEqual({ token: 404, users: 404 });
    expect(await devEndpoints({ MENTORFLOW_DEV_SIGNIN: 'false' })).toEqual({ token: 404, users: 404 });
    expect(await devEndpoints({ MENTORFLOW_DEV_SIGNIN: 'true' })).toEqual({ token: 200, users: 200 });
  });

  it('stays off under NODE_ENV=production even when asked for', async () => {
    expect(await devEndpoints({ MENTORFLOW_DEV_SIGNIN: 'true', NODE_ENV: 'production' })).toEqual({
      token: 404,
      users: 404,
    });
  });

  it('refuses to start when the API would listen beyond loopback', async () => {
    await expect(
      withEnv({ MENTORFLOW_DEV_SIGNIN: 'true', HOST: '0.0.0.0' }, () => createApiApp({ logger: false })),
    ).rejects.toThrow(/MENTORFLOW_DEV_SIGNIN: .*loopback address.*HOST=0\.0\.0\.0/);
  });

  it('lists only what the picker shows: subject, name and roles, without the cache keeping it', async () => {
    const db = await openTestDataSource();
    const organisationId = randomUUID();
    const curator = await new UserDirectory(db).ensure(randomUUID(), 'Петров Пётр Петрович', [
      { role: 'curator', organisationId },
      { role: 'mentor', organisationId },
      { role: 'mentor', organisationId: randomUUID() },
    ]);
    await db.destroy();
    const api = await withEnv({ MENTORFLOW_DEV_SIGNIN: 'true' }, () => createApiApp({ logger: false }));
    try {
      await api.listen(0, '127.0.0.1');
      const response = await fetch(`${await api.getUrl()}/auth/dev-users`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const users = (await response.json()) as { sub: string }[];
      expect(users.find((u) => u.sub === curator.sub)).toEqual({
        sub: curator.sub,
        fullName: 'Петров Пётр Петрович',
        roles: ['curator', 'mentor'],
      });
      for (const user of users) expect(Object.keys(user).sort()).toEqual(['fullName', 'roles', 'sub']);
    } finally {
      await api.close();
    }
  });
});

describe('the Host header', () => {
  it('is refused (421, in Russian) unless it names localhost, a loopback address or PUBLIC_URL, before any route runs', async () => {
    const api = await withEnv({ PUBLIC_URL: 'https://mentorflow.example.ru' }, () => createApiApp({ logger: false }));
    try {
      await api.listen(0, '127.0.0.1');
      const url = await api.getUrl();
      const port = new URL(url).port;
      for (const host of [
        'evil.example.com',
        `evil.example.com:${port}`,
        `127.0.0.1.nip.io:${port}`,
        'mentorflow.example.ru.evil.com',
      ]) {
        const refused = await requestWithHost(`${url}/auth/config`, host);
        expect({ host, status: refused.status }).toEqual({ host, status: 421 });
        expect(refused.body).toMatchObject({ status: 421, detail: expect.stringMatching(/Host/) });
        // Before routing and authentication: an unknown path and a protected one are refused the same way.
        expect((await requestWithHost(`${url}/users/me`, host)).status).toBe(421);
      }
      for (const host of [
        `localhost:${port}`,
        'localhost',
        `127.0.0.1:${port}`,
        `[::1]:${port}`,
        `LOCALHOST:${port}`,
        'mentorflow.example.ru',
        'mentorflow.example.ru:443',
      ]) {
        expect({ host, status: (await requestWithHost(`${url}/auth/config`, host)).status }).toEqual({
          host,
          status: 200,
        });
      }
      // Probes reach the pod by its address; health carries no personal data.
      expect((await requestWithHost(`${url}/health/live`, '10.1.2.3:3000')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('write throttling', () => {
  let system: TestSystem;
  const previous = process.env.THROTTLE_LIMIT;

  beforeAll(async () => {
    process.env.THROTTLE_LIMIT = '3';
    system = await TestSystem.start();
  });
  afterAll(async () => {
    process.env.THROTTLE_LIMIT = previous;
    await system?.stop();
  });

  it('answers 429 past the limit of writes, ignores a spoofed X-Forwarded-For, and leaves reads alone', async () => {
    const admin = system.token(randomUUID(), ['administrator']);
    const write = (forwardedFor: string) =>
      fetch(`${system.baseUrl}/organisations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin}`,
          'content-type': 'application/json',
          'x-forwarded-for': forwardedFor,
        },
        body: JSON.stringify(organisationBody(places.plain)),
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await write(`10.0.0.${i}`)).status);

    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect((await system.request('GET', '/organisations', admin)).status).toBe(200);
    const response = await fetch(`${system.baseUrl}/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
