import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jsonRequestInit } from './json-request';
import type { TestSystem } from './system';

/** The smallest files file-type recognises by content: a PDF, a PNG (1×1), and a program renamed scan.pdf. */
export const scanFixtures = {
  pdf: (text = 'подписано') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`),
  png: Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.from('0000000049454e44ae426082', 'hex'),
  ]),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]),
};

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The body of a scan upload: the file's bytes as base64 in JSON. */
export const scanBody = (bytes: Buffer) => ({ content: bytes.toString('base64') });

/** Every file under `dir` (the local scan storage), relative paths. */
export function filesUnder(dir: string): string[] {
  const walk = (path: string): string[] =>
    statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => walk(join(path, name))) : [path];
  try {
    return walk(dir).map((path) => path.slice(dir.length + 1));
  } catch {
    return [];
  }
}

/** GET of a scan: status, headers and bytes (or the problem's JSON). */
export async function downloadScan(system: Pick<TestSystem, 'baseUrl'>, path: string, token: string) {
  const response = await fetch(`${system.baseUrl}${path}`, jsonRequestInit('GET', token));
  const contentType = response.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    contentType,
    disposition: response.headers.get('content-disposition') ?? '',
    bytes,
    problem: /json/.test(contentType) ? JSON.parse(bytes.toString('utf8')) : undefined,
  };
}
