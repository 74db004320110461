import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { jsonRequestInit } from './json-request';
import type { TestSystem } from './system';

/**
 * GET of a generated document: its status, its headers, and its text as mammoth reads the DOCX (or the
 * problem's JSON when refused).
 */
export async function downloadDocument(
  system: Pick<TestSystem, 'baseUrl'>,
  path: string,
  token: string,
): Promise<{ status: number; contentType: string; disposition: string; text: string; problem?: any }> {
  const response = await fetch(`${system.baseUrl}${path}`, jsonRequestInit('GET', token));
  const contentType = response.headers.get('content-type') ?? '';
  const disposition = response.headers.get('content-disposition') ?? '';
  if (!response.ok || /json/.test(contentType)) {
    const body = await response.text();
    return {
      status: response.status,
      contentType,
      disposition,
      text: '',
      problem: body ? JSON.parse(body) : undefined,
    };
  }
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await response.arrayBuffer()) });
  return { status: response.status, contentType, disposition, text: value };
}

/**
 * With MENTORFLOW_WRITE_DOCUMENT_SNAPSHOTS=1, writes a document's extracted text to docs/documents/<kind>.txt:
 * the committed snapshot of what each kind of document says.
 */
export function writeDocumentSnapshot(kind: string, text: string): void {
  if (process.env.MENTORFLOW_WRITE_DOCUMENT_SNAPSHOTS !== '1') return;
  const dir = join(__dirname, '..', '..', 'docs', 'documents');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${kind}.txt`), text.replace(/\n{3,}/g, '\n\n').trim() + '\n');
}

/** The text of the DOCX the button makes the browser download (a refusal shown instead fails with its text). */
export async function downloadedText(
  page: Page,
  button: string | RegExp,
  refusalTitle = 'Документ не сформирован',
): Promise<{ fileName: string; text: string }> {
  const refusal = page.getByRole('alert').filter({ hasText: refusalTitle });
  const [download] = await Promise.all([
    Promise.race([
      page.waitForEvent('download'),
      refusal.waitFor().then(async () => Promise.reject(new Error(`${await refusal.textContent()}`))),
    ]),
    page.getByRole('button', { name: button }).click(),
  ]);
  const { value } = await mammoth.extractRawText({ buffer: await readFile(await download.path()) });
  return { fileName: download.suggestedFilename(), text: value };
}
