import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap';

const root = path.resolve(__dirname, '../..');

/** The web app's generated types (apps/web/src/api-types.ts) cannot drift from the API's DTOs. */
describe('web api-types.ts', () => {
  let api: NestFastifyApplication;

  beforeAll(async () => {
    api = await createApiApp({ logger: false });
    await api.listen(0, '127.0.0.1');
  });

  afterAll(() => api.close());

  it("is what openapi-typescript makes of the running API's /docs/openapi.json", async () => {
    // In a child process: openapi-typescript's dependencies are ES modules, which Jest's CommonJS runtime cannot load.
    const check = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/web-types.ts', '--from', await api.getUrl(), '--check'],
      { cwd: root },
    ).then(
      () => ({ ok: true, stderr: '' }),
      (error: { stderr?: string }) => ({ ok: false, stderr: error.stderr ?? String(error) }),
    );
    if (!check.ok) throw new Error(check.stderr.trim() || 'web:types --check failed: run npm run web:types');
    expect(check.ok).toBe(true);
  });
});
