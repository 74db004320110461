import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService, type JwtVerifyOptions } from '@nestjs/jwt';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import type { JwksClient } from 'jwks-rsa';
import type { AppConfig } from '@mentorflow/config';

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/**
 * Checks a bearer token and answers its subject. With OIDC configured: signed by a key of the
 * provider's JWKS (found by `kid`), with the pinned algorithms, issuer and audience. Otherwise the
 * development tokens: HS256 with JWT_SECRET, issuer and audience. Anything else — `alg: none`, another
 * algorithm, an unknown key, expired, or without an expiry (`exp`) at all — is refused.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly oidc: AppConfig['oidc'];
  private readonly jwtConfig: AppConfig['jwt'];
  private jwks?: Promise<JwksClient>;
  /** Made once: given a string, jsonwebtoken first tries to parse it as a PEM public key on every call (≈0.7 ms). */
  private readonly devSecret: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService,
  ) {
    this.oidc = config.get<AppConfig['oidc']>('app.oidc');
    this.jwtConfig = config.getOrThrow<AppConfig['jwt']>('app.jwt');
    this.devSecret = createSecretKey(Buffer.from(this.jwtConfig.secret, 'utf8'));
  }

  get mode(): 'dev' | 'oidc' {
    return this.oidc ? 'oidc' : 'dev';
  }

  async subjectOf(token: string): Promise<string> {
    const payload = this.oidc ? await this.verifyOidc(token, this.oidc) : await this.verifyDevelopment(token);
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new InvalidTokenError('no subject');
    // jsonwebtoken checks `exp` only when present: a token without one would be valid forever.
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw new InvalidTokenError('no expiry');
    return payload.sub;
  }

  private async verifyDevelopment(token: string): Promise<Record<string, unknown>> {
    try {
      return await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        secret: this.devSecret as unknown as string,
        algorithms: ['HS256'],
        issuer: this.jwtConfig.issuer,
        audience: this.jwtConfig.audience,
      });
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
  }

  private async verifyOidc(token: string, oidc: NonNullable<AppConfig['oidc']>): Promise<Record<string, unknown>> {
    const decoded = this.jwt.decode<{ header?: { kid?: unknown; alg?: unknown } } | null>(token, { complete: true });
    const kid = decoded?.header?.kid;
    // The algorithm is pinned before any key is looked up: a token cannot pick its own (CVE-2015-9235 family).
    if (
      typeof kid !== 'string' ||
      typeof decoded?.header?.alg !== 'string' ||
      !oidc.algorithms.includes(decoded.header.alg)
    ) {
      throw new InvalidTokenError('missing kid or algorithm not allowed');
    }
    let publicKey: string;
    try {
      publicKey = (await (await this.jwksClient(oidc)).getSigningKey(kid)).getPublicKey();
    } catch (error) {
      throw new InvalidTokenError(`signing key ${kid}: ${(error as Error).message}`);
    }
    try {
      // `secret`, not `publicKey`: @nestjs/jwt prefers the module's HS256 secret over a passed publicKey.
      // The pinned asymmetric algorithms keep the PEM from being used as an HMAC key.
      return await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        secret: publicKey,
        algorithms: oidc.algorithms as NonNullable<JwtVerifyOptions['algorithms']>,
        issuer: oidc.issuer,
        audience: oidc.audience,
      });
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
  }

  /** The provider's key set, cached and rate-limited by jwks-rsa; an unknown kid refetches it (key rotation). */
  private jwksClient(oidc: NonNullable<AppConfig['oidc']>): Promise<JwksClient> {
    this.jwks ??= this.jwksUri(oidc).then(
      (jwksUri) =>
        new (loadJwksRsa().JwksClient)({
          jwksUri,
          cache: true,
          cacheMaxAge: 10 * 60_000,
          rateLimit: true,
          jwksRequestsPerMinute: 10,
          timeout: 5_000,
        }),
    );
    // A failed discovery is retried on the next request rather than remembered.
    this.jwks.catch(() => (this.jwks = undefined));
    return this.jwks;
  }

  private async jwksUri(oidc: NonNullable<AppConfig['oidc']>): Promise<string> {
    if (oidc.jwksUri) return oidc.jwksUri;
    const issuer = oidc.issuer.replace(/\/$/, '');
    try {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(5_000),
      });
      const discovery = (await response.json()) as { jwks_uri?: unknown };
      if (response.ok && typeof discovery.jwks_uri === 'string') return discovery.jwks_uri;
    } catch (error) {
      this.logger.warn(`OIDC discovery at ${issuer} failed: ${(error as Error).message}`);
    }
    return `${issuer}/protocol/openid-connect/certs`;
  }
}

/**
 * jwks-rsa 4 depends on the ESM-only `jose`: Node's own require loads it (require(esm), Node ≥ 20.19)
 * where Jest's module registry cannot, so it is loaded lazily, through Node, and only in OIDC mode.
 */
const loadJwksRsa = (): typeof import('jwks-rsa') => createRequire(__filename)('jwks-rsa') as typeof import('jwks-rsa');
