import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { CommandMetadata } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { workerBundleOptions } from '../../apps/worker/src/workflows-path';
import { openTestDataSource } from './database';
import { timeSkippingServerPath } from './scripts';

export interface TimeSkippingWorker {
  /** Set in beforeAll: read these inside hooks and tests, not at describe time. */
  readonly env: TestWorkflowEnvironment;
  readonly store: EventStore;
  /** The test server's clock (it jumps ahead with env.sleep). */
  nowMs(): Promise<number>;
  /** Command metadata stamped with the test server's clock. */
  meta(actorId: string, role: CommandMetadata['role']): Promise<CommandMetadata>;
}

/**
 * Registers beforeAll/afterAll for a describe block: a time-skipping Temporal test server, a
 * DataSource on the migrated test database with an EventStore over it, and a worker running the real
 * workflows with `activities` on `taskQueue`. Torn down in reverse order after the block.
 */
export function useTimeSkippingWorker(options: {
  taskQueue: string;
  activities: (deps: { store: EventStore; db: DataSource }) => object;
}): TimeSkippingWorker {
  let env: TestWorkflowEnvironment | undefined;
  let dataSource: DataSource | undefined;
  let store: EventStore | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set in beforeAll: use it inside a hook or a test`);
    return value;
  };

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
    });
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: options.taskQueue,
      ...workerBundleOptions(),
      activities: options.activities({ store, db: dataSource }),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await dataSource?.destroy();
    await env?.teardown();
  });

  const context: TimeSkippingWorker = {
    get env() {
      return started(env, 'env');
    },
    get store() {
      return started(store, 'store');
    },
    nowMs: async () => Number(await context.env.currentTimeMs()),
    meta: async (actorId, role) => ({ actorId, role, now: new Date(await context.nowMs()).toISOString() }),
  };
  return context;
}
