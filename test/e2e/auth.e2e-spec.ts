import { JwtService } from '@nestjs/jwt';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { UserDirectory } from '../../apps/api/src/users/user-directory';
import { openTestDataSource } from '../support/database';
import { randomUUID } from 'node:crypto';
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
    ['alg none', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: 'mentorflow', aud: 'mentorflow-api' })}.`],
    ['another secret', () => new JwtService({ secret: 'x'.repeat(40) }).sign(claims, { issuer: 'mentorflow', audience: 'mentorflow-api' })],
    ['wrong issuer', () => new JwtService({ secret: secret() }).sign(claims, { issuer: 'evil', audience: 'mentorflow-api' })],
    ['wrong audience', () => new JwtService({ secret: secret() }).sign(claims, { issuer: 'mentorflow', audience: 'other' })],
    ['expired', () => new JwtService({ secret: secret() }).sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, { issuer: 'mentorflow', audience: 'mentorflow-api' })],
    ['HS384 instead of HS256', () => new JwtService({ secret: secret() }).sign(claims, { algorithm: 'HS384', issuer: 'mentorflow', audience: 'mentorflow-api' })],
    ['no subject', () => new JwtService({ secret: secret() }).sign({ roles: ['administrator'] }, { issuer: 'mentorflow', audience: 'mentorflow-api' })],
    ['a subject no user has, whatever roles it claims', () => new JwtService({ secret: secret() }).sign({ ...claims, sub: randomUUID() }, { issuer: 'mentorflow', audience: 'mentorflow-api' })],
  ])('refuses a token with %s (401)', async (_, make) => {
    const response = await listOrganisations(make());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ status: 401 });
  });

  it('refuses a valid token whose roles the route does not allow (403), recording nothing', async () => {
    const mentor = system.token(randomUUID(), ['mentor'], [randomUUID()]);
    const response = await system.request('POST', '/organisations', mentor, {
      name: 'Школа', kind: 'school', municipality: 'М', region: 'Р', timeZone: 'Europe/Moscow',
    });
    expect(response.status).toBe(403);
  });
});

describe('the development sign-in', () => {
  it('exists only in development: NODE_ENV=production answers 404 even without OIDC', async () => {
    // An existing user: the 404 below is the mode's, not an unknown subject's.
    const db = await openTestDataSource();
    const { sub } = await new UserDirectory(db).ensure(randomUUID(), 'Иванова Мария Петровна', [{ role: 'administrator' }]);
    await db.destroy();
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const api = await createApiApp({ logger: false });
    process.env.NODE_ENV = previous;
    try {
      await api.listen(0, '127.0.0.1');
      const url = await api.getUrl();
      const token = await fetch(`${url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub }) });
      expect(token.status).toBe(404);
      expect((await fetch(`${url}/auth/dev-users`)).status).toBe(404);
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
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ name: 'Школа', kind: 'school', municipality: 'М', region: 'Р', timeZone: 'Europe/Moscow' }),
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await write(`10.0.0.${i}`)).status);

    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect((await system.request('GET', '/organisations', admin)).status).toBe(200);
    const response = await fetch(`${system.baseUrl}/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
