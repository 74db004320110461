import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../../apps/worker/src/workflows-path';

describe('workflow bundle', () => {
  it('bundles workflows/ with only workflow-safe imports, as the worker does at start', async () => {
    const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: undefined });
    expect(code).toContain('programmeWorkflow');
    // Framework and database code must never reach the deterministic sandbox.
    expect(code).not.toMatch(/@nestjs\/|typeorm|require\("pg"\)/);
  });
});
