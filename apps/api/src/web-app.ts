import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the built web application lives: WEB_DIST, or apps/web/dist of this checkout (npm run build:web). */
export function webDistDirectory(): string | undefined {
  const candidates = [process.env.WEB_DIST, path.resolve(__dirname, '../../web/dist'), path.resolve(process.cwd(), 'apps/web/dist')];
  return candidates.find((dir): dir is string => dir !== undefined && dir !== '' && existsSync(path.join(dir, 'index.html')));
}

/**
 * Content Security Policy of the web application's pages: its own scripts and styles only (Vite emits no
 * inline code), API calls to this origin, and the OIDC provider's token endpoint when sign-in goes there.
 */
export function webContentSecurityPolicy(oidcIssuer?: string): string {
  const connect = ["'self'", ...(oidcIssuer ? [new URL(oidcIssuer).origin] : [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Serves the web application under /app/ (the API owns the root paths): hashed assets cached for a
 * year, index.html for every other /app/ path so the browser's router takes over, and / → /app/.
 * Does nothing when the application has not been built.
 */
export async function registerWebApp(app: NestFastifyApplication, oidcIssuer?: string): Promise<string | undefined> {
  const root = webDistDirectory();
  if (!root) return undefined;
  const fastify = app.getHttpAdapter().getInstance();
  const policy = webContentSecurityPolicy(oidcIssuer);
  await app.register(fastifyStatic, {
    root,
    prefix: '/app/',
    // One route per built file; unknown paths fall through to the SPA route below.
    wildcard: false,
    index: false,
    setHeaders: (res, file) => {
      res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/app/')) reply.header('content-security-policy', policy);
    return payload;
  });
  const spa = (_request: unknown, reply: { header: (k: string, v: string) => unknown; sendFile: (f: string, root: string) => unknown }) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root);
  };
  fastify.get('/app/', spa);
  fastify.get('/app/*', spa);
  fastify.get('/app', (_request, reply) => reply.redirect('/app/'));
  fastify.get('/', (_request, reply) => reply.redirect('/app/'));
  return root;
}
