import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workflowCode, workflowSourcesHash, WorkflowBundleMismatchError } from './workflow-bundle';

/** A bundle file and its manifest as npm run build:workflows writes them, built from `sourcesHash`. */
function prebuilt(dir: string, sourcesHash: string, { manifest = true } = {}): string {
  const codePath = join(dir, 'bundle-0123456789abcdef.js');
  writeFileSync(codePath, '/* bundle */');
  const entry = { sourcesHash, bundle: 'bundle-0123456789abcdef.js', builtAt: '2026-01-15T10:00:00.000Z' };
  if (manifest) {
    writeFileSync(join(dir, 'bundle-0123456789abcdef.json'), JSON.stringify(entry));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(entry));
  }
  return codePath;
}

describe('the prebuilt workflow bundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-bundle-'));
  });
  afterEach(() => {
    delete process.env.WORKFLOW_BUNDLE;
    rmSync(dir, { recursive: true, force: true });
  });

  it('given WORKFLOW_BUNDLE of other sources, refuses to start the worker and says how to rebuild it', () => {
    process.env.WORKFLOW_BUNDLE = prebuilt(dir, 'f'.repeat(64));
    expect(() => workflowCode(undefined, dir)).toThrow(WorkflowBundleMismatchError);
    expect(() => workflowCode(undefined, dir)).toThrow(
      /does not match this worker's workflow code[\s\S]*built from sources ffffffffffff… on 2026-01-15[\s\S]*npm run build:workflows/,
    );
  });

  it('given WORKFLOW_BUNDLE without its manifest, refuses it too', () => {
    process.env.WORKFLOW_BUNDLE = prebuilt(dir, workflowSourcesHash(), { manifest: false });
    expect(() => workflowCode(undefined, dir)).toThrow(/has no manifest/);
  });

  it('given WORKFLOW_BUNDLE of these sources, runs it without bundling', () => {
    const codePath = prebuilt(dir, workflowSourcesHash());
    process.env.WORKFLOW_BUNDLE = codePath;
    expect(workflowCode(undefined, dir)).toEqual({ workflowBundle: { codePath } });
  });

  it('without WORKFLOW_BUNDLE, takes the build directory’s bundle when it matches, else bundles at start', () => {
    const codePath = prebuilt(dir, workflowSourcesHash());
    expect(workflowCode(undefined, dir)).toEqual({ workflowBundle: { codePath } });
    prebuilt(dir, 'f'.repeat(64));
    const messages: string[] = [];
    expect(workflowCode((m) => messages.push(m), dir)).toMatchObject({
      workflowsPath: expect.stringMatching(/index\.ts$/),
    });
    expect(messages.join('\n')).toMatch(/of other sources: bundling at start/);
  });
});
