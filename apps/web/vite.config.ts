import { defineConfig } from 'vite';

// The API owns the root paths; in development the dev server forwards them to it (npm start runs it on 3000).
const apiPaths = [
  '/auth',
  '/me',
  '/users',
  '/organisations',
  '/programmes',
  '/pairs',
  '/mentors',
  '/routes',
  '/tasks',
  '/calendar',
  '/health',
  '/docs',
];
const apiTarget = process.env.MENTORFLOW_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  // Served by the API under /app/ so it never shadows an API route.
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  // No source maps in a production build (`vite build`): they would publish the whole source. The dev
  // server has its own; `vite build --mode development` keeps them for debugging a build.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: mode !== 'production' },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: apiTarget, changeOrigin: false }])),
  },
}));
