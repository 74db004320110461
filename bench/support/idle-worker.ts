/**
 * Benchmark 7's worker: the real worker (apps/worker: Nest context, activities, createWorker with
 * WORKER_MAX_CACHED_WORKFLOWS) in a process of its own, so its RSS is the worker's alone. Answers
 * `{ type: 'status' }` on the IPC channel with its memory after a full GC and the SDK's cache count.
 * Run with --expose-gc; BENCH_WORKFLOW_BUNDLE names a prebuilt bundle (support/bundle.ts).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createWorker } from '../../apps/worker/src/create-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const codePath = process.env.BENCH_WORKFLOW_BUNDLE;
  const worker = await createWorker(app, codePath ? { workflowBundle: { codePath } } : {});
  const running = worker.run();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'status') {
      for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
      const status = worker.getStatus();
      const memory = process.memoryUsage();
      process.send?.({
        type: 'status',
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        external: memory.external,
        cached: status.numCachedWorkflows,
        state: status.runState,
        maxCached: worker.options.maxCachedWorkflows,
      });
    } else if (message.type === 'stop') {
      worker.shutdown();
    }
  });
  process.send?.({ type: 'ready' });
  await running;
  await app.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
