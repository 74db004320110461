import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { NestFactory } from '@nestjs/core';
import type { Worker } from '@temporalio/worker';
import type { Role } from '@mentorflow/domain';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorker } from '../../apps/worker/src/create-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The whole system in one test process against the real servers global setup started: the API on a
 * random port and the worker (activities + projector) polling a task queue of its own.
 */
export class TestSystem {
  private constructor(
    readonly api: NestFastifyApplication,
    private readonly workerApp: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    readonly baseUrl: string,
  ) {}

  static async start(taskQueue = `e2e-${process.pid}-${Date.now()}`): Promise<TestSystem> {
    process.env.TEMPORAL_TASK_QUEUE = taskQueue;
    process.env.PROJECTOR_POLL_MS = '20';
    process.env.THROTTLE_LIMIT ??= '100000';
    const workerApp = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
    await workerApp.init();
    const worker = await createWorker(workerApp);
    const running = worker.run();
    const api = await createApiApp({ logger: false });
    await api.listen(0, '127.0.0.1');
    return new TestSystem(api, workerApp, worker, running, await api.getUrl());
  }

  /** A signed token for `sub` holding `roles` in `organisationIds` (a regional coordinator: in `scope`). */
  token(sub: string, roles: Role[], organisationIds: string[] = [], scope: { region?: string; municipality?: string } = {}): string {
    return this.api.get(JwtService).sign({ sub, roles, organisationIds, ...scope });
  }

  async request(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Polls until `check` passes: read models are eventually consistent (projector interval). */
  async eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (check(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async stop(): Promise<void> {
    await this.api.close();
    this.worker.shutdown();
    await this.running;
    await this.workerApp.close();
  }
}
