import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const dist = path.resolve(__dirname, '../../apps/web/dist');

/** Personal data stays out of browser and proxy caches; the built web app publishes no source. */
describe('caching and source maps', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // Built first: the API registers the files it finds when it starts.
    web.ensureWebBuild();
    system = await TestSystem.start();
  });
  afterAll(() => system?.stop());

  it('answers API requests with Cache-Control: no-store, errors included', async () => {
    const organisationId = randomUUID();
    const curator = system.token(randomUUID(), ['curator'], [organisationId]);
    const admin = system.token(randomUUID(), ['administrator']);
    const cacheControl = async (url: string, token?: string) =>
      (
        await fetch(`${system.baseUrl}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
      ).headers.get('cache-control');

    expect(await cacheControl('/me', curator)).toBe('no-store');
    expect(await cacheControl('/users?limit=5', admin)).toBe('no-store');
    expect(await cacheControl(`/organisations/${organisationId}/programmes`, curator)).toBe('no-store');
    expect(await cacheControl('/me')).toBe('no-store'); // 401
    expect(await cacheControl('/auth/dev-users')).toBe('no-store');
  });

  it('keeps the web application’s own caching: hashed assets for a year, the page revalidated', async () => {
    const script = readdirSync(path.join(dist, 'assets')).find((file) => file.endsWith('.js'));
    expect(script).toBeDefined();
    expect((await fetch(`${system.baseUrl}/app/assets/${script}`)).headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await fetch(`${system.baseUrl}/app/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('builds no source maps, and a request for one is 404, not the page', async () => {
    const files = readdirSync(dist, { recursive: true }).map(String);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    const script = files.find((file) => file.startsWith('assets') && file.endsWith('.js')) as string;
    for (const missing of [`/app/${script}.map`, '/app/assets/missing-0000.js', '/app/index.js.map']) {
      const response = await fetch(`${system.baseUrl}${missing}`);
      expect({ missing, status: response.status }).toEqual({ missing, status: 404 });
    }
    // Screens still get the page (deep links).
    expect((await fetch(`${system.baseUrl}/app/programmes/${randomUUID()}`)).headers.get('content-type')).toMatch(
      /text\/html/,
    );
  });

  it('never serves a source map in production, even one a development build left behind', async () => {
    const webDist = mkdtempSync(path.join(tmpdir(), 'mentorflow-web-'));
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>mentorflow</title>');
    writeFileSync(path.join(webDist, 'assets/index-abc.js'), 'console.log(1);\n//# sourceMappingURL=index-abc.js.map');
    writeFileSync(path.join(webDist, 'assets/index-abc.js.map'), '{"version":3,"sources":["secret.ts"]}');
    const served = async (nodeEnv: string) => {
      const previous = { NODE_ENV: process.env.NODE_ENV, WEB_DIST: process.env.WEB_DIST };
      Object.assign(process.env, { NODE_ENV: nodeEnv, WEB_DIST: webDist });
      const api = await createApiApp({ logger: false }).finally(() => {
        for (const [key, value] of Object.entries(previous)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      });
      try {
        await api.listen(0, '127.0.0.1');
        const url = await api.getUrl();
        return {
          script: (await fetch(`${url}/app/assets/index-abc.js`)).status,
          map: (await fetch(`${url}/app/assets/index-abc.js.map`)).status,
        };
      } finally {
        await api.close();
      }
    };
    try {
      expect(await served('production')).toEqual({ script: 200, map: 404 });
      // Development may debug a development build.
      expect(await served('test')).toEqual({ script: 200, map: 200 });
    } finally {
      rmSync(webDist, { recursive: true, force: true });
    }
  });
});
