import { ExecutionContext, Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import {
  normalizeIp,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@mentorflow/config';

interface ThrottledRequest {
  method: string;
  ip: string;
  user?: { sub: string };
}

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<ThrottledRequest>();
const isRead = (context: ExecutionContext) => ['GET', 'HEAD', 'OPTIONS'].includes(requestOf(context).method);
const signedIn = (context: ExecutionContext) => requestOf(context).user !== undefined;

/** Whole seconds, at least one: what Retry-After and the message both say. */
const retryAfterSeconds = (seconds: number) => Math.max(1, Math.ceil(seconds));

/**
 * The 429's Russian detail, with the wait the Retry-After header gives: on the sign-in routes it speaks of
 * attempts to sign in (the sign-in page shows it as it is).
 */
export function throttledMessage(path: string, secondsToWait: number): string {
  const wait = `повторите через ${retryAfterSeconds(secondsToWait)} с`;
  return path.startsWith('/auth/') ? `Слишком много попыток входа, ${wait}` : `Слишком много запросов, ${wait}`;
}

/**
 * Three budgets per client and window (THROTTLE_TTL_MS), each over all routes together:
 * - `anonymous`: every request without a signed-in user (sign-in, public routes, a body sent to them),
 *   per address — the strictest, since nothing else limits who sends them;
 * - `write`: POST/PUT/PATCH/DELETE, per user when signed in, else per address;
 * - `read`: GET/HEAD, per user or address, generous (a screen makes a few reads at once).
 * The address is the socket's, or the trusted proxy's X-Forwarded-For (TRUST_PROXY, set in bootstrap.ts).
 */
export function throttlerOptions(http: AppConfig['http']): ThrottlerModuleOptions {
  const ttl = http.throttleTtlMs;
  return {
    throttlers: [
      { name: 'anonymous', ttl, limit: http.throttleAnonymousLimit, skipIf: signedIn },
      { name: 'write', ttl, limit: http.throttleLimit, skipIf: isRead },
      { name: 'read', ttl, limit: http.throttleReadLimit, skipIf: (context) => !isRead(context) },
    ],
    // A user's budget follows the user from any address; two users behind one NAT do not share one.
    getTracker: (request) => {
      const { user, ip } = request as ThrottledRequest;
      // An IPv6 client is tracked by its /64, as the library does: one host usually owns the whole prefix.
      return user ? `user:${user.sub}` : `ip:${normalizeIp(ip)}`;
    },
    // Per client across all routes, not the library's default of per route: a client cannot multiply
    // its budget by the number of endpoints.
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    errorMessage: (context, detail) =>
      throttledMessage(context.switchToHttp().getRequest<{ url: string }>().url, detail.timeToBlockExpire),
  };
}

/**
 * Runs after the AuthGuard (ThrottlingModule is imported after AuthModule, and global guards run in the
 * order of their modules), so `request.user` is the verified user, never a claim of an unchecked token.
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  /** The standard Retry-After too: the library names it after the throttler (Retry-After-write). */
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    void context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('retry-after', String(retryAfterSeconds(detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => throttlerOptions(config.getOrThrow<AppConfig['http']>('app.http')),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ClientThrottlerGuard }],
})
export class ThrottlingModule {}
