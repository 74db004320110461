import 'reflect-metadata';
import './tracing';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { appConfig } from '@mentorflow/config';
import { stopTracing } from '@mentorflow/temporal';
import { assertSchemaCurrent, SchemaMismatchError } from '@mentorflow/database';
import { DataSource } from 'typeorm';
import { createWorker } from './create-worker';
import { WorkflowBundleMismatchError } from './workflow-bundle';
import { createWorkerPino, temporalLogger, WorkerNestLogger } from './logger';
import { freeLoopbackPort, startWorkerMetricsServer, temporalCoreMetrics } from './metrics-server';
import { WorkerModule } from './worker.module';

async function main() {
  // No Nest shutdown hooks: on SIGTERM they would close the database pool under running activities and
  // re-raise the signal (exit 143). The SDK's own handler stops polling and lets running activities
  // finish within WORKER_SHUTDOWN_GRACE; only then is the Nest context (pool, projector) closed.
  // pino with the API's redaction (nestjs-pino needs an HTTP server; the worker has none). Installed before
  // the first connection: the SDK's runtime logger is process-wide.
  // The configuration is validated first: a wrong value stops the worker with its name, before any connection.
  const config = appConfig();
  const log = createWorkerPino(undefined, config.logLevel, config.logPretty);
  // The schema before anything connects: appends against an old schema would be retried forever.
  await assertSchemaCurrent(config.databaseUrl, 'worker');
  // WORKER_METRICS_PORT: the Core's metrics too, on a loopback port the worker's /metrics reads and appends.
  const corePort = config.metrics.workerPort > 0 ? await freeLoopbackPort() : undefined;
  Runtime.install({
    logger: temporalLogger(log),
    ...(corePort === undefined ? {} : { telemetryOptions: temporalCoreMetrics(corePort) }),
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new WorkerNestLogger(log) });
  const metrics =
    corePort === undefined ? undefined : await startWorkerMetricsServer(app.get(DataSource), config.metrics, corePort);
  if (metrics) Logger.log(`Metrics on http://${config.metrics.workerHost}:${metrics.port}/metrics`, 'Worker');
  const worker = await createWorker(app);
  Logger.log(`Worker polling task queue "${worker.options.taskQueue}"`, 'Worker');
  await worker.run();
  await metrics?.close();
  await app.close();
  await stopTracing();
  process.exit(0);
}

main().catch((error: unknown) => {
  // A refusal says what to do in its message: its stack would only bury it.
  const refusal = error instanceof SchemaMismatchError || error instanceof WorkflowBundleMismatchError;
  console.error(refusal ? error.message : error);
  process.exit(1);
});
