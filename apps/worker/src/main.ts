import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createWorker } from './create-worker';
import { WorkerModule } from './worker.module';

async function main() {
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
  const worker = await createWorker(app);
  Logger.log(`Worker polling task queue "${worker.options.taskQueue}"`, 'Worker');
  // The SDK shuts the worker down on SIGINT/SIGTERM, letting running activities finish within the grace time.
  await worker.run();
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
