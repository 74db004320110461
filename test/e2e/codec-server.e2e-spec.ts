import { JwtService } from '@nestjs/jwt';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';
import { UserDirectory } from '../../apps/api/src/users/user-directory';

/**
 * scripts/codec-server.ts as operators run it, against the test database: only a token the API would
 * accept, of a user whose roles (in the database) include administrator, decrypts or encrypts payloads.
 */
describe('codec server (scripts/codec-server.ts)', () => {
  const uiOrigin = 'http://127.0.0.1:18233';
  let child: ChildProcess;
  let base: string;
  let db: DataSource;
  const jwt = new JwtService({
    secret: process.env.JWT_SECRET,
    signOptions: { algorithm: 'HS256', issuer: 'mentorflow', audience: 'mentorflow-api', expiresIn: '5m' },
  });
  const [admin, curator, stranger] = [randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    db = await new DataSource(
      dataSourceOptions(process.env.DATABASE_URL as string, { extra: { max: 2 } }),
    ).initialize();
    const directory = new UserDirectory(db);
    await directory.ensure(admin, 'Администратор кодека', [{ role: 'administrator' }]);
    await directory.ensure(curator, 'Куратор', [{ role: 'curator', organisationId: randomUUID() }]);
    const root = join(__dirname, '..', '..');
    child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/codec-server.ts', '--port', '0', '--ui-origin', uiOrigin],
      {
        cwd: root,
        env: { ...process.env, TEMPORAL_ADDRESS: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /codec server on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (found?.[1]) resolve(found[1]);
      });
      child.on('exit', (code) => reject(new Error(`codec server exited (${code}): ${output}`)));
    });
  });
  afterAll(async () => {
    child?.kill('SIGTERM');
    await db?.destroy();
  });

  const plain = {
    metadata: { encoding: Buffer.from('json/plain').toString('base64') },
    data: Buffer.from('"Петрова Анна"').toString('base64'),
  };
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: uiOrigin,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  it('answers 401 without a token, with a forged, expired or unregistered user’s token', async () => {
    expect((await post('/decode', { payloads: [plain] })).status).toBe(401);
    const forged = new JwtService({
      secret: 'another-secret-another-secret-0123456789',
      signOptions: { issuer: 'mentorflow', audience: 'mentorflow-api' },
    }).sign({ sub: admin });
    expect((await post('/decode', { payloads: [plain] }, forged)).status).toBe(401);
    expect((await post('/decode', { payloads: [plain] }, jwt.sign({ sub: admin }, { expiresIn: -10 }))).status).toBe(
      401,
    );
    expect((await post('/decode', { payloads: [plain] }, jwt.sign({ sub: stranger }))).status).toBe(401);
  });

  it('answers 403 to a user who is not an administrator', async () => {
    expect((await post('/encode', { payloads: [plain] }, jwt.sign({ sub: curator }))).status).toBe(403);
  });

  it('encodes and decodes for an administrator, with CORS for the Temporal UI only', async () => {
    const token = jwt.sign({ sub: admin });
    const encoded = await post('/encode', { payloads: [plain] }, token);
    expect(encoded.status).toBe(200);
    expect(encoded.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const decoded = await post('/decode', await encoded.json(), token);
    expect(decoded.status).toBe(200);
    expect(((await decoded.json()) as { payloads: unknown[] }).payloads).toEqual([plain]);
  });
});
