import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/**
 * The provisioning scripts are plain ESM (npm start runs them without a build); Jest's CommonJS
 * transform would turn import() into require(), so load them through a real dynamic import.
 */
const dynamicImport = new Function('url', 'return import(url)') as <T>(url: string) => Promise<T>;

export const importScript = <T>(relative: string): Promise<T> =>
  dynamicImport<T>(pathToFileURL(join(__dirname, '..', '..', 'scripts', relative)).href);

export const testLog = (message: string) => {
  if (process.env.MENTORFLOW_TEST_VERBOSE) process.stderr.write(`${message}\n`);
};

/** Resolved by global setup (test files run in a VM context where import() of ESM is unavailable). */
export function timeSkippingServerPath(): string {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run through the integration Jest project');
  return path;
}

/** Runs a TypeScript operator script (`scripts/<relative>`) as `npm run` does, with this process's environment. */
export const runTsScript = (relative: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, ['-r', '@swc-node/register', join('scripts', relative), ...args], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env },
  });
