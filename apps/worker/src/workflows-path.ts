import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Finds workflows/index.ts from the source tree or a built dist/ (the worker bundles it at start). */
export function workflowsPath(): string {
  if (process.env.WORKFLOWS_PATH) return resolve(process.env.WORKFLOWS_PATH);
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'workflows', 'index.ts');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('workflows/index.ts not found: set WORKFLOWS_PATH');
}
