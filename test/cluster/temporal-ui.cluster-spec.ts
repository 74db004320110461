import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../support/poll';
import { freePort, startTemporalUi, type Managed } from '../soak/lib/processes';

/**
 * The Temporal Web UI of `npm run start:cluster` (scripts/lib/temporal-ui.mjs): the standalone UI server built from
 * the Go module proxy, against the cluster's Temporal server, shows workflows and refuses every write.
 */
describe('the Temporal Web UI of the cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-temporal-ui-'));
  let ui: Managed | undefined;
  let connection: Connection | undefined;
  afterAll(async () => {
    ui?.child.kill();
    await connection?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'lists a running workflow and refuses to terminate it',
    async () => {
      const port = await freePort();
      ui = await startTemporalUi(process.env.TEMPORAL_ADDRESS as string, port, dir);
      const base = `http://127.0.0.1:${port}`;

      // A workflow no worker polls: it stays running.
      connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
      const client = new Client({ connection });
      const workflowId = `ui-${randomUUID()}`;
      const handle = await client.workflow.start('nothing', { taskQueue: `ui-${randomUUID()}`, workflowId });

      const settings = (await (await fetch(`${base}/api/v1/settings`)).json()) as Record<string, unknown>;
      expect(settings).toMatchObject({ DisableWriteActions: true, WorkflowTerminateDisabled: true });
      const listed = await eventually(
        async () =>
          (await (
            await fetch(
              `${base}/api/v1/namespaces/default/workflows?query=${encodeURIComponent(`WorkflowId="${workflowId}"`)}`,
            )
          ).json()) as { executions?: { execution: { workflowId: string }; status: string }[] },
        (body) => (body.executions ?? []).length === 1,
        { timeoutMs: 30_000 },
      );
      expect(listed.executions?.[0]).toMatchObject({
        execution: { workflowId },
        status: 'WORKFLOW_EXECUTION_STATUS_RUNNING',
      });

      // The UI's own CSRF protocol (cookie + header), so what refuses the write is the read-only setting.
      const page = await fetch(`${base}/`);
      const csrf = /_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
      expect(csrf).not.toBe('');
      const terminate = await fetch(`${base}/api/v1/namespaces/default/workflows/${workflowId}/terminate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-CSRF-TOKEN': csrf, cookie: `_csrf=${csrf}` },
        body: JSON.stringify({ reason: 'из интерфейса Temporal' }),
      });
      expect(terminate.status).toBe(405);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.terminate('test over');
    },
    20 * 60_000,
  ); // the first run builds the UI server (≈ 3 min here, more on a cold module cache)
});
