import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { TestSystem } from '../support/system';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer tokens', () => {
  let system: TestSystem;
  const claims = { sub: randomUUID(), roles: ['administrator'], organisationIds: [] };
  const secret = () => process.env.JWT_SECRET as string;

  beforeAll(async () => {
    system = await TestSystem.start();
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
    ['no roles claim', () => new JwtService({ secret: secret() }).sign({ sub: claims.sub, organisationIds: [] }, { issuer: 'mentorflow', audience: 'mentorflow-api' })],
    ['unknown role', () => new JwtService({ secret: secret() }).sign({ ...claims, roles: ['superuser'] }, { issuer: 'mentorflow', audience: 'mentorflow-api' })],
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
