import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const replayCorpusDir = join(__dirname, '..', 'replay');

/**
 * With MENTORFLOW_CAPTURE_REPLAY=1, saves a finished test's workflow history into the replay corpus
 * (test/replay/<name>.json), which the replay gate runs against the current workflow code.
 */
export async function captureHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.MENTORFLOW_CAPTURE_REPLAY !== '1') return;
  const history = await handle.fetchHistory();
  // The same JSON form `temporal workflow show --output json` and the Web UI export.
  writeFileSync(join(replayCorpusDir, `${name}.json`), historyToJSON(history));
}
