import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { codecRequestHandler, type CodecAuthorizer } from './codec-http';
import { payloadCodecFor } from './payload-codec';

const uiOrigin = 'http://127.0.0.1:8233';
const codec = payloadCodecFor(`k1:${randomBytes(32).toString('base64')}`);
// Stands in for the API's check (apps/api administrator-token.spec.ts covers the real one).
const authorize: CodecAuthorizer = async (header) =>
  header === 'Bearer admin'
    ? { allowed: true }
    : header === 'Bearer curator'
      ? { allowed: false, status: 403, message: 'administrators only' }
      : { allowed: false, status: 401, message: 'token required' };

describe('codec server handler', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(codecRequestHandler({ codec, uiOrigin, authorize, maxBodyBytes: 64 * 1024 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const plain = {
    metadata: { encoding: Buffer.from('json/plain').toString('base64') },
    data: Buffer.from('"Иванова Мария, СНИЛС 112-233-445 95"').toString('base64'),
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('refuses to encode or decode without a token (401) and for a non-administrator (403)', async () => {
    for (const path of ['/encode', '/decode']) {
      const anonymous = await post(path, { payloads: [plain] });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      expect(await anonymous.text()).not.toContain('payloads');
      expect((await post(path, { payloads: [plain] }, { authorization: 'Bearer forged' })).status).toBe(401);
      expect((await post(path, { payloads: [plain] }, { authorization: 'Bearer curator' })).status).toBe(403);
    }
  });

  it('encodes and decodes for an administrator', async () => {
    const encoded = await post('/encode', { payloads: [plain] }, { authorization: 'Bearer admin' });
    expect(encoded.status).toBe(200);
    const sealed = (await encoded.json()) as { payloads: { data: string }[] };
    expect(Buffer.from(sealed.payloads[0]?.data ?? '', 'base64').toString()).not.toContain('Иванова');
    const decoded = await post('/decode', sealed, { authorization: 'Bearer admin', origin: uiOrigin });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(((await decoded.json()) as { payloads: unknown[] }).payloads).toEqual([plain]);
  });

  it('allows browsers only from the Temporal UI’s origin', async () => {
    const preflight = await fetch(`${base}/decode`, {
      method: 'OPTIONS',
      headers: {
        origin: uiOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    // Another page's script gets neither the CORS grant nor an answer, even with an administrator's token.
    const foreign = await post(
      '/decode',
      { payloads: [plain] },
      { authorization: 'Bearer admin', origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const foreignPreflight = await fetch(`${base}/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses bodies over the limit and answers 400 to what is not a payload list', async () => {
    expect(
      (await post('/encode', { payloads: [{ data: 'A'.repeat(70 * 1024) }] }, { authorization: 'Bearer admin' }))
        .status,
    ).toBe(413);
    const broken = await fetch(`${base}/decode`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin' },
      body: '{',
    });
    expect(broken.status).toBe(400);
    expect((await post('/other', {}, { authorization: 'Bearer admin' })).status).toBe(404);
  });
});
