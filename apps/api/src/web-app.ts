import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the built web application lives: WEB_DIST, or apps/web/dist of this checkout (npm run build:web). */
export function webDistDirectory(): string | undefined {
  const candidates = [
    process.env.WEB_DIST,
    path.resolve(__dirname, '../../web/dist'),
    path.resolve(process.cwd(), 'apps/web/dist'),
  ];
  return candidates.find(
    (dir): dir is string => dir !== undefined && dir !== '' && existsSync(path.join(dir, 'index.html')),
  );
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

/** A request for a file rather than a screen: under /app/assets/, or a source map anywhere. */
const isFileRequest = (url: string) => {
  const pathname = url.split('?', 1)[0] ?? '';
  return pathname.startsWith('/app/assets/') || pathname.endsWith('.map');
};

/**
 * Serves the web application under /app/ (the API owns the root paths): hashed assets cached for a
 * year, index.html for every other /app/ path so the browser's router takes over, and / → /app/.
 * A missing file is 404, not index.html. In production source maps are never served, even when a
 * development build left some in the directory (`vite build` makes none). Does nothing when the
 * application has not been built.
 */
export async function registerWebApp(
  app: NestFastifyApplication,
  options: { oidcIssuer?: string; production?: boolean } = {},
): Promise<string | undefined> {
  const root = webDistDirectory();
  if (!root) return undefined;
  const fastify = app.getHttpAdapter().getInstance();
  const policy = webContentSecurityPolicy(options.oidcIssuer);
  await app.register(fastifyStatic, {
    root,
    prefix: '/app/',
    // One route per built file; unknown paths fall through to the SPA route below.
    wildcard: false,
    index: false,
    globIgnore: options.production ? ['**/*.map'] : [],
    // The caching below is the only one (send's own `public, max-age=0` would override it).
    cacheControl: false,
    setHeaders: (res, file) => {
      res.setHeader(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/app/')) reply.header('content-security-policy', policy);
    return payload;
  });
  const spa = (
    request: { url: string },
    reply: {
      header: (k: string, v: string) => unknown;
      sendFile: (f: string, root: string) => unknown;
      callNotFound: () => void;
    },
  ) => {
    if (isFileRequest(request.url)) return reply.callNotFound();
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root);
  };
  fastify.get('/app/', spa);
  fastify.get('/app/*', spa);
  fastify.get('/app', (_request, reply) => reply.redirect('/app/'));
  fastify.get('/', (_request, reply) => reply.redirect('/app/'));
  return root;
}
