import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { UserDirectory } from '../../apps/api/src/users/user-directory';
import { openTestDataSource } from '../support/database';

/**
 * Production sign-in for real: a provider's key set served over HTTP (as Keycloak would), its
 * discovery document, and the API configured with nothing but OIDC_ISSUER and OIDC_AUDIENCE.
 */
describe('OIDC bearer tokens checked against the provider’s JWKS', () => {
  const realm = '/realms/mentorflow';
  const audience = 'mentorflow-api';
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'key-2026-1';
  const subject = randomUUID();
  let provider: Server;
  let issuer: string;
  let jwksFetches = 0;
  let api: NestFastifyApplication;
  let db: DataSource;
  const saved = { ...process.env };

  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const sign = (
    key: KeyObject,
    options: { kid?: string; issuer?: string; audience?: string; expiresIn?: number; sub?: string } = {},
  ) =>
    new JwtService().sign(
      { sub: options.sub ?? subject },
      {
        algorithm: 'RS256',
        privateKey: key.export({ type: 'pkcs8', format: 'pem' }) as string,
        ...(options.kid === '' ? {} : { keyid: options.kid ?? kid }),
        issuer: options.issuer ?? issuer,
        audience: options.audience ?? audience,
        expiresIn: options.expiresIn ?? 300,
      },
    );
  const me = async (token: string) => {
    const response = await fetch(`${await api.getUrl()}/me`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    provider = createServer((request, response) => {
      if (request.url === `${realm}/.well-known/openid-configuration`) {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
      } else if (request.url === `${realm}/protocol/openid-connect/certs`) {
        jwksFetches += 1;
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] }),
        );
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}${realm}`;

    db = await openTestDataSource();
    await new UserDirectory(db).ensure(subject, 'Иванова Мария Петровна', [{ role: 'administrator' }]);

    Object.assign(process.env, { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience, OIDC_CLIENT_ID: 'mentorflow-web' });
    api = await createApiApp({ logger: false });
    await api.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await api?.close();
    await db?.destroy();
    await new Promise((resolve) => provider?.close(resolve));
    process.env = saved;
  });

  it('tells the web app to sign in through the provider and closes the development sign-in', async () => {
    const url = await api.getUrl();
    expect(await (await fetch(`${url}/auth/config`)).json()).toEqual({
      mode: 'oidc',
      issuer,
      clientId: 'mentorflow-web',
    });
    const devToken = await fetch(`${url}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: subject }),
    });
    expect(devToken.status).toBe(404);
    expect((await fetch(`${url}/auth/dev-users`)).status).toBe(404);
  });

  it('accepts a token signed by the provider’s key, found through discovery, and maps its subject to the user', async () => {
    const response = await me(sign(keys.privateKey));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      sub: subject,
      fullName: 'Иванова Мария Петровна',
      assignments: [{ role: 'administrator' }],
    });
    expect(jwksFetches).toBe(1);
    // The key set is cached: a second request does not fetch it again.
    expect((await me(sign(keys.privateKey))).status).toBe(200);
    expect(jwksFetches).toBe(1);
  });

  it.each([
    [
      'alg none',
      () =>
        `${base64url({ alg: 'none', typ: 'JWT', kid })}.${base64url({ sub: subject, iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 300 })}.`,
    ],
    // The classic key confusion: HS256 "signed" with the provider's public key as the secret.
    [
      'HS256 keyed with the public key',
      () =>
        new JwtService().sign(
          { sub: subject },
          {
            algorithm: 'HS256',
            secret: keys.publicKey.export({ type: 'spki', format: 'pem' }) as string,
            keyid: kid,
            issuer,
            audience,
          },
        ),
    ],
    [
      'the development secret (HS256)',
      () =>
        new JwtService().sign(
          { sub: subject },
          { algorithm: 'HS256', secret: process.env.JWT_SECRET as string, keyid: kid, issuer, audience },
        ),
    ],
    ['a wrong issuer', () => sign(keys.privateKey, { issuer: 'http://127.0.0.1:1/realms/evil' })],
    ['a wrong audience', () => sign(keys.privateKey, { audience: 'another-client' })],
    ['an expired token', () => sign(keys.privateKey, { expiresIn: -60 })],
    ['an unknown key id', () => sign(stranger.privateKey, { kid: 'not-in-the-jwks' })],
    ['another key under the known key id', () => sign(stranger.privateKey)],
    ['no key id', () => sign(keys.privateKey, { kid: '' })],
    ['a subject no user has', () => sign(keys.privateKey, { sub: randomUUID() })],
  ])('refuses %s with 401', async (_, make) => {
    const response = await me(make());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ status: 401 });
  });
});
