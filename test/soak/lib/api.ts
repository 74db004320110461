import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Role } from '@mentorflow/domain';
import { DataSource } from 'typeorm';
import type { RoleAssignment } from '../../../apps/api/src/auth/auth.types';
import { UserDirectory } from '../../../apps/api/src/users/user-directory';
import { createApiApp } from '../../../apps/api/src/bootstrap';
import { jsonRequestInit } from '../../support/json-request';

export interface Response {
  status: number;
  body: any;
}

/**
 * The API in this process (as in the end-to-end tests) against servers the caller names; the worker
 * runs elsewhere, so the reliability tests can crash it without touching the API.
 */
export class Api {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
  ) {}

  /**
   * API instances in other processes (the cluster's), tried in turn: when set, requests go there instead of to this
   * process's API (which still issues the tokens). See `failover`.
   */
  private targets: string[] = [];
  private next = 0;
  /** Every answer an instance gave, retried ones included: what clients saw while instances restarted. */
  readonly attempts: Record<string, number> = {};

  /**
   * Sends to `targets` from now on. A write without an Idempotency-Key gets one, and a refused connection or a 503
   * is sent again, same key, to the next instance (as a balancer or the web app retries), until `timeoutMs`.
   */
  failover(targets: string[]): this {
    this.targets = targets;
    return this;
  }

  /** Users are registered one after another (concurrent grants to one user race on its stream). */
  private users: Promise<unknown> = Promise.resolve();

  static async start(env: {
    DATABASE_URL: string;
    TEMPORAL_ADDRESS: string;
    TEMPORAL_TASK_QUEUE: string;
  }): Promise<Api> {
    Object.assign(process.env, env);
    process.env.JWT_SECRET ??= 'soak-secret-soak-secret-soak-secret-0123456789';
    process.env.THROTTLE_LIMIT = '1000000';
    process.env.THROTTLE_READ_LIMIT = '1000000';
    process.env.THROTTLE_ANONYMOUS_LIMIT = '1000000';
    process.env.LOG_LEVEL ??= 'warn';
    const app = await createApiApp({ logger: false });
    // The soak runner wants to know why a command failed (a 500's cause is logged, never sent).
    if (process.env.SOAK_LOG_API_ERRORS === '1') app.useLogger(app.get(PinoNestLogger));
    await app.listen(0, '127.0.0.1');
    return new Api(app, await app.getUrl());
  }

  /** A token for `sub`, registered in the user directory with `roles` in `organisationIds` (await usersStored()). */
  token(sub: string, roles: Role[], organisationIds: string[] = []): string {
    const assignments = roles.flatMap((role): RoleAssignment[] =>
      role === 'administrator'
        ? [{ role }]
        : organisationIds.map((organisationId) => ({ role, organisationId }) as RoleAssignment),
    );
    const directory = new UserDirectory(this.app.get(DataSource));
    this.users = this.users.then(() => directory.ensure(sub, `Пользователь ${sub.slice(0, 8)}`, assignments));
    return this.app.get(JwtService).sign({ sub });
  }

  usersStored(): Promise<void> {
    return this.users.then(() => undefined);
  }

  /**
   * Never throws: a refused connection or a timeout is status 0, an ambiguous outcome like a 5xx. `headers`:
   * more request headers (an Idempotency-Key).
   */
  async request(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    timeoutMs = 120_000,
    headers?: Record<string, string>,
  ): Promise<Response> {
    await this.usersStored();
    if (this.targets.length > 0) return this.failoverRequest(method, path, token, body, timeoutMs, headers);
    return this.send(this.baseUrl, method, path, token, body, timeoutMs, headers);
  }

  private async failoverRequest(
    method: string,
    path: string,
    token: string | undefined,
    body: unknown,
    timeoutMs: number,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const keyed =
      method === 'GET' || headers['Idempotency-Key'] ? headers : { ...headers, 'Idempotency-Key': randomUUID() };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const target = this.targets[this.next++ % this.targets.length] as string;
      const response = await this.send(target, method, path, token, body, Math.max(1, deadline - Date.now()), keyed);
      this.attempts[response.status] = (this.attempts[response.status] ?? 0) + 1;
      const retryable = response.status === 0 || response.status === 503;
      if (!retryable || Date.now() >= deadline) return response;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async send(
    baseUrl: string,
    method: string,
    path: string,
    token: string | undefined,
    body: unknown,
    timeoutMs: number,
    headers?: Record<string, string>,
  ): Promise<Response> {
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        ...jsonRequestInit(method, token, body, headers),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // A non-JSON body (a proxy's error page) is kept as text for the failure message.
      }
      return { status: response.status, body: parsed };
    } catch (error) {
      return { status: 0, body: { error: (error as Error).message } };
    }
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
