import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workflowBundleOptions } from '../../apps/worker/src/workflows-path';
import { replayCorpusDir } from '../support/replay';
import { mentorflowDataConverter, payloadCodecFor } from '@mentorflow/temporal';

const corpus = readdirSync(replayCorpusDir).filter((f) => f.endsWith('.json'));

/**
 * The replay gate: every recorded history must replay against the current workflow code. A change
 * that breaks determinism fails here; guard it with patched()/deprecatePatch() (see README).
 */
describe('replay of recorded workflow histories', () => {
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    bundle = await bundleWorkflowCode(workflowBundleOptions());
  });

  it('has a corpus to replay', () => {
    expect(corpus.length).toBeGreaterThan(0);
  });

  it.each(corpus)('%s replays without non-determinism', async (file) => {
    const history = JSON.parse(readFileSync(join(replayCorpusDir, file), 'utf8'));
    // With the worker's payload codec: the corpus was recorded unencrypted and must pass through it untouched.
    const dataConverter = mentorflowDataConverter(payloadCodecFor(process.env.TEMPORAL_PAYLOAD_KEYS));
    await Worker.runReplayHistory({ workflowBundle: bundle, replayName: file, dataConverter }, history);
  });
});
