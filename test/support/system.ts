import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { NestFactory } from '@nestjs/core';
import { ConsoleLogger } from '@nestjs/common';
import type { Worker, WorkerOptions } from '@temporalio/worker';
import type { Role } from '@mentorflow/domain';
import { DataSource } from 'typeorm';
import type { RoleAssignment } from '../../apps/api/src/auth/auth.types';
import { UserDirectory } from '../../apps/api/src/users/user-directory';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorker } from '../../apps/worker/src/create-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { jsonRequestInit } from './json-request';
import { eventually } from './poll';

/**
 * The whole system in one test process against the real servers global setup started: the API on a
 * random port and the worker (activities + projector) polling a task queue of its own.
 */
export class TestSystem {
  private constructor(
    readonly api: NestFastifyApplication,
    /** The worker's Nest context: specs reach its services (the digest schedules) through it. */
    readonly workerApp: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    readonly baseUrl: string,
  ) {}

  /** `workerOptions` go to createWorker (benchmarks pass a prebuilt workflow bundle). */
  static async start(
    taskQueue = `e2e-${process.pid}-${Date.now()}`,
    workerOptions: Partial<WorkerOptions> = {},
  ): Promise<TestSystem> {
    process.env.TEMPORAL_TASK_QUEUE = taskQueue;
    process.env.PROJECTOR_POLL_MS ??= '20'; // benchmarks pass the shipped default
    process.env.THROTTLE_LIMIT ??= '100000';
    // As under npm start: the web journeys and some specs sign in through the picker (the API listens on 127.0.0.1).
    process.env.MENTORFLOW_DEV_SIGNIN ??= 'true';
    process.env.THROTTLE_READ_LIMIT ??= '100000';
    process.env.THROTTLE_ANONYMOUS_LIMIT ??= '100000';
    const workerApp = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
    await workerApp.init();
    const worker = await createWorker(workerApp, workerOptions);
    const running = worker.run();
    // Errors only: a 500 in a long run names its cause in the output (503s of dependency outages are warnings).
    // A logger instance, not a list of levels: the worker's `logger: false` above unset Nest's shared logger.
    const api = await createApiApp({ logger: new ConsoleLogger('api', { logLevels: ['error'] }) });
    const users = new TestUsers(new UserDirectory(api.get(DataSource)));
    // Every request, fetch()ed directly or not, waits until the users token() registered are stored.
    api
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', async () => users.settled());
    await api.listen(0, '127.0.0.1');
    const system = new TestSystem(api, workerApp, worker, running, await api.getUrl());
    system.users = users;
    return system;
  }

  private users!: TestUsers;

  /**
   * A signed token for `sub`, whose user is registered (if new) and granted `roles` in each of
   * `organisationIds` (an administrator: unscoped; a regional coordinator: in `scope`) directly in the
   * database, as an administrator would through /users. Grants add up across calls for the same sub.
   */
  token(
    sub: string,
    roles: Role[],
    organisationIds: string[] = [],
    scope: { region?: string; municipality?: string } = {},
  ): string {
    const assignments = roles.flatMap((role): RoleAssignment[] =>
      role === 'administrator'
        ? [{ role }]
        : role === 'regionalCoordinator'
          ? [
              {
                role,
                region: scope.region ?? 'Самарская область',
                ...(scope.municipality ? { municipality: scope.municipality } : {}),
              },
            ]
          : organisationIds.map((organisationId) => ({ role, organisationId })),
    );
    this.users.ensure(sub, assignments);
    return this.api.get(JwtService).sign({ sub });
  }

  /** Resolves once every user token() registered is stored. */
  usersStored(): Promise<void> {
    return this.users.settled();
  }

  /** The user `match` picks from GET /users, paging through the whole list (other specs add users to the shared database). */
  async listedUser<T extends { userId: string; sub: string }>(
    token: string,
    match: (user: T) => boolean,
  ): Promise<T | undefined> {
    for (let offset = 0; ; offset += 100) {
      const page = (await this.request('GET', `/users?limit=100&offset=${offset}`, token)).body as T[];
      const found = page.find(match);
      if (found || page.length < 100) return found;
    }
  }

  request(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
    return this.requestWith({}, method, path, token, body);
  }

  /** request() with more request headers (an Idempotency-Key); the answer's headers come back beside its body. */
  async requestWith(
    headers: Record<string, string>,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, jsonRequestInit(method, token, body, headers));
    const text = await response.text();
    // A file (an XLSX template, a CSV export) comes back as its text: only JSON is parsed.
    const json = /json/.test(response.headers.get('content-type') ?? 'application/json');
    return {
      status: response.status,
      body: text ? (json ? JSON.parse(text) : text) : undefined,
      headers: response.headers,
    };
  }

  /** Polls until `check` passes: read models are eventually consistent (projector interval). */
  eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    return eventually(read, check, { timeoutMs });
  }

  async stop(): Promise<void> {
    await this.api.close();
    this.worker.shutdown();
    await this.running;
    await this.workerApp.close();
  }
}

/** Registers token()'s users one after another (concurrent grants to one user would race on its event stream). */
class TestUsers {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly directory: UserDirectory) {}

  ensure(sub: string, assignments: RoleAssignment[]): void {
    this.chain = this.chain.then(() => this.directory.ensure(sub, `Пользователь ${sub.slice(0, 8)}`, assignments));
  }

  settled(): Promise<void> {
    return this.chain.then(() => undefined);
  }
}
