import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  Module,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { idempotencyScope, requestHash, runIdempotent } from './idempotency';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** How long a first answer is kept and returned again (the README's «Safe retries» says so). */
export const IDEMPOTENCY_RETENTION = '24 hours';

/**
 * A claim nobody answered for this long belongs to a request that died with its process: a retry takes it
 * over. Longer than any command waits for a worker; the Temporal update id keeps even a takeover single.
 */
const ABANDONED_AFTER = '2 minutes';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Claim {
  subject: string;
  route: string;
  key: string;
}

type Outcome =
  | { kind: 'claimed' }
  | { kind: 'inFlight' }
  | { kind: 'otherRequest' }
  | { kind: 'answered'; status: number; body: unknown };

/** The stored first answers (table personal.idempotency_keys). */
@Injectable()
export class IdempotencyStore {
  private readonly logger = new Logger('Idempotency');
  /** Requests holding a claim, until their answer is recorded (the onSend hook below). */
  private readonly claims = new WeakMap<FastifyRequest, Claim>();
  private lastPurge = 0;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Claims the key for this request, or says what the first request with it got. */
  async claim(request: FastifyRequest, claim: Claim, hash: string): Promise<Outcome> {
    await this.purgeExpired();
    const params = [claim.subject, claim.route, claim.key, hash];
    // A row past retention is free again; so is an abandoned claim of the very same request.
    const claimed = await this.db.query<unknown[]>(
      `INSERT INTO personal.idempotency_keys (subject, route, idempotency_key, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject, route, idempotency_key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status = NULL, response_body = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - interval '${IDEMPOTENCY_RETENTION}'
            OR (idempotency_keys.status IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
                AND idempotency_keys.created_at < now() - interval '${ABANDONED_AFTER}')
       RETURNING 1`,
      params,
    );
    if (claimed.length > 0) {
      this.claims.set(request, claim);
      return { kind: 'claimed' };
    }
    const [first] = await this.db.query<{ request_hash: string; status: number | null; response_body: unknown }[]>(
      `SELECT request_hash, status, response_body FROM personal.idempotency_keys
       WHERE subject = $1 AND route = $2 AND idempotency_key = $3`,
      params.slice(0, 3),
    );
    // Deleted meanwhile (the first request failed with a 5xx): the caller may simply retry.
    if (first === undefined) return { kind: 'inFlight' };
    if (first.request_hash !== hash) return { kind: 'otherRequest' };
    if (first.status === null) return { kind: 'inFlight' };
    return { kind: 'answered', status: first.status, body: first.response_body };
  }

  /**
   * Keeps the answer of a claimed request: a 5xx frees the key instead (the same request may succeed later),
   * as does an answer that is no JSON (nothing to return again).
   */
  /** Whether this request holds a claim whose answer is still to be recorded. */
  holds(request: FastifyRequest): boolean {
    return this.claims.has(request);
  }

  async record(request: FastifyRequest, status: number, payload: unknown): Promise<void> {
    const claim = this.claims.get(request);
    if (claim === undefined) return;
    this.claims.delete(request);
    const where = [claim.subject, claim.route, claim.key];
    const body = status < 500 ? jsonOf(payload) : undefined;
    try {
      if (body === undefined) {
        await this.db.query(
          `DELETE FROM personal.idempotency_keys WHERE subject = $1 AND route = $2 AND idempotency_key = $3`,
          where,
        );
      } else {
        await this.db.query(
          `UPDATE personal.idempotency_keys SET status = $4, response_body = $5::jsonb
           WHERE subject = $1 AND route = $2 AND idempotency_key = $3`,
          [...where, status, body],
        );
      }
    } catch (error) {
      // The answer still goes out; a retry finds the claim in flight until it counts as abandoned.
      this.logger.warn(`The answer to an idempotent command was not stored: ${(error as Error).message}`);
    }
  }

  /** Deletes answers past retention, at most every ten minutes per process. */
  private async purgeExpired(): Promise<void> {
    if (Date.now() - this.lastPurge < 600_000) return;
    this.lastPurge = Date.now();
    await this.db.query(
      `DELETE FROM personal.idempotency_keys WHERE created_at < now() - interval '${IDEMPOTENCY_RETENTION}'`,
    );
  }
}

/** The payload as JSON text for jsonb ('null' for an empty body), or undefined when it is not JSON. */
function jsonOf(payload: unknown): string | undefined {
  if (payload === undefined || payload === null || payload === '') return 'null';
  if (typeof payload !== 'string') return undefined;
  try {
    JSON.parse(payload);
    return payload;
  } catch {
    return undefined;
  }
}

const KEY_MESSAGE = 'Заголовок Idempotency-Key должен быть UUID';

/**
 * Safe retries (issue 23) for every command endpoint at once: a POST/PUT/PATCH/DELETE with an
 * `Idempotency-Key` runs once per key; a repeat with the same body gets the first answer again (same status,
 * header `Idempotent-Replayed: true`), with another body 422, while the first still runs 409. Runs after the
 * guards, so the key is namespaced with the verified caller. Requests without the header pass untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: { sub: string } }>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined || SAFE_METHODS.has(request.method)) return next.handle();
    if (typeof key !== 'string' || !isUUID(key)) {
      throw new BadRequestException({
        detail: KEY_MESSAGE,
        errors: [{ field: 'Idempotency-Key', constraint: 'isUuid', message: KEY_MESSAGE }],
      });
    }
    // Sign-in has no caller to namespace the key by; it creates nothing twice anyway.
    const subject = request.user?.sub;
    if (subject === undefined) return next.handle();
    const route = `${request.method} ${request.url}`;
    const claim = { subject, route, key: key.toLowerCase() };
    const outcome = await this.store.claim(request, claim, requestHash(request.body));
    if (outcome.kind === 'otherRequest') {
      throw new UnprocessableEntityException({
        code: 'idempotency.keyReused',
        detail: 'Ключ идемпотентности уже использован с другим запросом',
      });
    }
    if (outcome.kind === 'inFlight') {
      throw new ConflictException({
        code: 'idempotency.inFlight',
        detail: 'Запрос с этим ключом идемпотентности ещё выполняется: повторите его чуть позже',
      });
    }
    if (outcome.kind === 'answered') {
      const reply = http.getResponse<FastifyReply>().status(outcome.status).header('idempotent-replayed', 'true');
      if (outcome.status >= 400) reply.header('content-type', 'application/problem+json; charset=utf-8');
      return of(outcome.body);
    }
    const scope = idempotencyScope(subject, route, claim.key);
    return new Observable((subscriber) => runIdempotent(scope, () => next.handle().subscribe(subscriber)));
  }
}

/** Stores each claimed request's answer, whatever produced it (the handler or ProblemFilter), before it leaves. */
export function registerIdempotentAnswers(fastify: FastifyInstance, store: IdempotencyStore): void {
  // A callback hook that finishes at once for unclaimed requests: an async hook stays pending past send(), and a
  // handler that calls send() and then resolves undefined (@nestjs/swagger's openapi.json) is answered twice.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!store.holds(request)) return done(null, payload);
    store.record(request, reply.statusCode, payload).then(
      () => done(null, payload),
      (error: Error) => done(error),
    );
  });
}

@Module({
  providers: [IdempotencyStore, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}
