import { registerAs } from '@nestjs/config';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
  type ValidationError,
} from 'class-validator';

/** The `ms` package's duration syntax, which the Temporal SDK parses (no negative durations). */
const DURATION =
  /^(\d+)?\.?\d+ *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i;

/** A day of the year as MM-DD (02-29 included: the day is compared as text, whatever the year). */
const MONTH_DAY = /^(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-9])|(?:0[13-9]|1[0-2])-30|(?:0[13578]|1[02])-31)$/;

/**
 * A whole number from `min` (to `max`), converted from the variable's text. Applied as the stack
 * `@Type(() => Number) @IsInt() @Min @Max` would be, lowest first, so the checks keep their order.
 */
const IntegerVariable =
  (min: number, max?: number): PropertyDecorator =>
  (target, key) => {
    for (const decorator of [...(max === undefined ? [] : [Max(max)]), Min(min), IsInt(), Type(() => Number)])
      decorator(target, key);
  };

/**
 * Every environment variable mentorflow reads, validated once at start-up so a typo fails fast
 * with the variable's name instead of surfacing as a connection error later.
 */
export class EnvironmentVariables {
  @IsString()
  @IsNotEmpty()
  DATABASE_URL!: string;

  @IsString()
  @IsNotEmpty()
  TEMPORAL_ADDRESS!: string;

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE = 'mentorflow';

  /**
   * Keys encrypting workflow payloads in Temporal's history: `keyId:base64key[,keyId:base64key…]`, the first
   * active. Required when NODE_ENV=production; elsewhere a development key stands in (libs/temporal payload-codec).
   */
  @ValidateIf(
    (env: { NODE_ENV?: string; TEMPORAL_PAYLOAD_KEYS?: string }) =>
      env.NODE_ENV === 'production' || env.TEMPORAL_PAYLOAD_KEYS !== undefined,
  )
  @IsString({ message: 'TEMPORAL_PAYLOAD_KEYS is required when NODE_ENV=production' })
  @Matches(/^\s*[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{43,44}\s*(,\s*[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{43,44}\s*)*$/, {
    message:
      'TEMPORAL_PAYLOAD_KEYS must be keyId:base64key[,keyId:base64key…] with 32-byte keys (openssl rand -base64 32); required when NODE_ENV=production',
  })
  TEMPORAL_PAYLOAD_KEYS?: string;

  /**
   * mTLS to Temporal's frontend (README: Temporal's port). PEM path of the CA that signed the server's
   * certificate; set, the client and the worker connect with TLS and trust only this CA.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_TLS_CA?: string;

  /** PEM paths of this process's client certificate and its key, both or neither (checked below). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_TLS_CERT?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_TLS_KEY?: string;

  /** The name checked in the server's certificate when it differs from TEMPORAL_ADDRESS's host (SNI). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_TLS_SERVER_NAME?: string;

  @IntegerVariable(0, 65535)
  PORT = 3000;

  /** The address the API listens on. Loopback by default: exposing it is a decision (containers set 0.0.0.0). */
  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  /**
   * Where users reach the API (`https://mentorflow.example.ru`): its host is accepted in the Host header,
   * beside localhost and the loopback addresses; any other Host is refused (DNS rebinding).
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  /**
   * `true`: GET /auth/dev-users and POST /auth/dev-token let anyone who reaches the API sign in as any user.
   * Only with a loopback HOST (checked below), never with OIDC or NODE_ENV=production; `npm start` sets it.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  MENTORFLOW_DEV_SIGNIN?: string;

  /** Signs and verifies the development tokens; not needed when an OIDC provider issues them. */
  @ValidateIf((env: EnvironmentVariables) => !env.OIDC_ISSUER)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER = 'mentorflow';

  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE = 'mentorflow-api';

  /** Set: tokens come from this OpenID Connect provider (e.g. a Keycloak realm URL) and are checked against its JWKS. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OIDC_ISSUER?: string;

  @ValidateIf((env: EnvironmentVariables) => !!env.OIDC_ISSUER)
  @IsString()
  @IsNotEmpty({ message: 'OIDC_AUDIENCE is required with OIDC_ISSUER' })
  OIDC_AUDIENCE?: string;

  /** Default: the provider's discovery document, else Keycloak's `${OIDC_ISSUER}/protocol/openid-connect/certs`. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OIDC_JWKS_URI?: string;

  /** Comma-separated signature algorithms accepted from the provider. */
  @IsString()
  @IsNotEmpty()
  OIDC_ALGORITHMS = 'RS256';

  /** The public client the web app redirects to for sign-in. */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IntegerVariable(5, 10000)
  PROJECTOR_POLL_MS = 50;

  /** Events read per projector batch: each aggregate's row is written once per batch, however many events it got. */
  @IntegerVariable(10, 10000)
  PROJECTOR_BATCH_SIZE = 1000;

  @IsOptional()
  @IsIn(['true', 'false'])
  PROJECTOR_ENABLED?: string;

  /** Consecutive failures of one event before its read model parks it and moves on (issue 23). */
  @IntegerVariable(1, 1000)
  PROJECTION_MAX_FAILURES = 5;

  /** Comma-separated origins the browser may call the API from; empty: no cross-origin access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Write requests one client may send per THROTTLE_TTL_MS. */
  @IntegerVariable(1)
  THROTTLE_LIMIT = 120;

  /** Reads (GET/HEAD) one client may send per THROTTLE_TTL_MS. */
  @IntegerVariable(1)
  THROTTLE_READ_LIMIT = 600;

  /** Requests without a signed-in user one address may send per THROTTLE_TTL_MS. */
  @IntegerVariable(1)
  THROTTLE_ANONYMOUS_LIMIT = 30;

  @IntegerVariable(1000)
  THROTTLE_TTL_MS = 60_000;

  /** Workflows kept in the worker's cache (≈ 0.31 MB each, bench 7); 0 turns the cache off. */
  @IntegerVariable(0)
  WORKER_MAX_CACHED_WORKFLOWS = 2000;

  /** How long SIGTERM waits for running activities, as Temporal reads a duration (`10 seconds`, `30s`, `1500ms`). */
  @Matches(DURATION, { message: 'WORKER_SHUTDOWN_GRACE must be a duration such as 10 seconds, 30s or 1500ms' })
  WORKER_SHUTDOWN_GRACE = '10 seconds';

  /** The worker's workflows/index.ts when it is not found beside the code (a built image); checked to exist below. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  WORKFLOWS_PATH?: string;

  /** `on`: the workflow sandbox keeps the SDK's per-promise stack traces (apps/worker workflows-path.ts says why not). */
  @IsOptional()
  @IsIn(['on', 'off'])
  WORKFLOW_STACK_TRACES?: 'on' | 'off';

  /** From this day (MM-DD) of the last loaded calendar year, the next year's production calendar is due. */
  @Matches(MONTH_DAY, { message: 'CALENDAR_HORIZON_WARN_FROM must be a day of the year as MM-DD, e.g. 10-01' })
  CALENDAR_HORIZON_WARN_FROM = '10-01';

  /**
   * Set: notifications go by e-mail through this SMTP server (`smtp://user:password@host:587` upgrades with
   * STARTTLS when the server offers it, `smtps://…:465` is TLS from the start); unset: they are only logged.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['smtp', 'smtps'] })
  SMTP_URL?: string;

  /** The sender of notification e-mails: an address, or `Name <address>`. */
  @IsString()
  @IsNotEmpty()
  MAIL_FROM = 'mentorflow <noreply@mentorflow.localhost>';

  /** A notification that failed this many times is parked for the administrator (GET /notifications?status=failed). */
  @IntegerVariable(1, 100)
  NOTIFICATION_MAX_ATTEMPTS = 8;

  /** The wait after the first failed attempt; it doubles after each further one (capped at an hour). */
  @IntegerVariable(10, 3_600_000)
  NOTIFICATION_RETRY_BASE_MS = 30_000;

  /** Where signed scans of documents are kept: a local directory (default) or an S3-compatible bucket. */
  @IsIn(['local', 's3'])
  SCAN_STORAGE: 'local' | 's3' = 'local';

  /** The local storage's directory (relative to the working directory, or absolute); created when missing. */
  @IsString()
  @IsNotEmpty()
  SCAN_STORAGE_DIR = '.data/scans';

  /** The bucket of the S3-compatible storage; required with SCAN_STORAGE=s3. */
  @ValidateIf((env: EnvironmentVariables) => env.SCAN_STORAGE === 's3')
  @IsString()
  @IsNotEmpty({ message: 'SCAN_S3_BUCKET is required with SCAN_STORAGE=s3' })
  SCAN_S3_BUCKET?: string;

  @IsString()
  @IsNotEmpty()
  SCAN_S3_REGION = 'us-east-1';

  /** MinIO or another S3-compatible service (`http://127.0.0.1:9000`); unset: AWS itself. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  SCAN_S3_ENDPOINT?: string;

  /** `true` for MinIO and most self-hosted services: the bucket in the path, not in the host name. */
  @IsIn(['true', 'false'])
  SCAN_S3_FORCE_PATH_STYLE = 'false';

  /** Both or neither; neither: the AWS SDK's own chain (AWS_ACCESS_KEY_ID…, a profile, an instance role). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  SCAN_S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  SCAN_S3_SECRET_ACCESS_KEY?: string;

  /**
   * Signs the unsubscribe links in notification e-mails (HMAC-SHA256; at least 32 characters, e.g.
   * `openssl rand -base64 32`). Required when NODE_ENV=production; elsewhere a development secret stands in.
   * Changing it voids the links in letters already sent.
   */
  @ValidateIf(
    (env: { NODE_ENV?: string; NOTIFICATION_UNSUBSCRIBE_SECRET?: string }) =>
      env.NODE_ENV === 'production' || env.NOTIFICATION_UNSUBSCRIBE_SECRET !== undefined,
  )
  @IsString({ message: 'NOTIFICATION_UNSUBSCRIBE_SECRET is required when NODE_ENV=production' })
  @MinLength(32, {
    message:
      'NOTIFICATION_UNSUBSCRIBE_SECRET must be at least 32 characters (openssl rand -base64 32); required when NODE_ENV=production',
  })
  NOTIFICATION_UNSUBSCRIBE_SECRET?: string;

  /** Behind a reverse proxy that sets X-Forwarded-For: its address (or `true`); otherwise the header is ignored. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /**
   * The bearer token /metrics asks for (Prometheus's `authorization` credentials). Unset: the API serves no
   * /metrics at all and the worker's metrics listener stays on a loopback address (checked below).
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters (openssl rand -hex 16)' })
  METRICS_TOKEN?: string;

  /** The worker's /metrics listener (the worker has no other HTTP); 0 or unset: none. */
  @IntegerVariable(0, 65535)
  WORKER_METRICS_PORT = 0;

  /** The address that listener binds; anything but loopback needs METRICS_TOKEN (checked below). */
  @IsString()
  @IsNotEmpty()
  WORKER_METRICS_HOST = '127.0.0.1';

  /** Set: traces go by OTLP/HTTP to this collector (`http://collector:4318`); unset: no tracing at all. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** `true`: log lines are printed for a person (pino-pretty; `npm start` sets it); otherwise JSON lines. */
  @IsOptional()
  @IsIn(['true', 'false'])
  LOG_PRETTY?: string;

  /** A prebuilt workflow bundle (`npm run build:workflows`): the worker refuses it unless it matches its code. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  WORKFLOW_BUNDLE?: string;
}

const problemLine = (e: ValidationError) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`;

export function validateEnvironment(config: Record<string, unknown>): EnvironmentVariables {
  const validated = plainToInstance(EnvironmentVariables, config, { enableImplicitConversion: false });
  const errors = validateSync(validated, { skipMissingProperties: false });
  const lines = errors.map(problemLine);
  if (validated.MENTORFLOW_DEV_SIGNIN === 'true' && !isLoopbackHost(validated.HOST)) {
    lines.push(
      `  MENTORFLOW_DEV_SIGNIN: development sign-in lets anyone who reaches the API act as any user, so it is allowed only while the API listens on a loopback address (HOST=127.0.0.1, ::1 or localhost), not HOST=${validated.HOST}`,
    );
  }
  lines.push(
    ...temporalTlsProblems(validated),
    ...workflowsPathProblems(validated),
    ...scanStorageProblems(validated),
    ...metricsProblems(validated),
  );
  if (lines.length > 0) {
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return validated;
}

function scanStorageProblems(env: EnvironmentVariables): string[] {
  return (env.SCAN_S3_ACCESS_KEY_ID === undefined) !== (env.SCAN_S3_SECRET_ACCESS_KEY === undefined)
    ? ['  SCAN_S3_ACCESS_KEY_ID, SCAN_S3_SECRET_ACCESS_KEY: the key and its secret go together: set both or neither']
    : [];
}

/** Where the signed scans of documents are kept (apps/api/src/scans). */
export type ScanStorageConfig =
  | { kind: 'local'; directory: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      credentials?: { accessKeyId: string; secretAccessKey: string };
    };

export function scanStorageConfig(
  env: Pick<
    EnvironmentVariables,
    | 'SCAN_STORAGE'
    | 'SCAN_STORAGE_DIR'
    | 'SCAN_S3_BUCKET'
    | 'SCAN_S3_REGION'
    | 'SCAN_S3_ENDPOINT'
    | 'SCAN_S3_FORCE_PATH_STYLE'
    | 'SCAN_S3_ACCESS_KEY_ID'
    | 'SCAN_S3_SECRET_ACCESS_KEY'
  >,
): ScanStorageConfig {
  if (env.SCAN_STORAGE !== 's3') return { kind: 'local', directory: env.SCAN_STORAGE_DIR };
  return {
    kind: 's3',
    bucket: env.SCAN_S3_BUCKET as string,
    region: env.SCAN_S3_REGION,
    ...(env.SCAN_S3_ENDPOINT ? { endpoint: env.SCAN_S3_ENDPOINT } : {}),
    forcePathStyle: env.SCAN_S3_FORCE_PATH_STYLE === 'true',
    ...(env.SCAN_S3_ACCESS_KEY_ID && env.SCAN_S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: env.SCAN_S3_ACCESS_KEY_ID, secretAccessKey: env.SCAN_S3_SECRET_ACCESS_KEY } }
      : {}),
  };
}

/** Metrics name every read model, command and route: off a loopback address only behind the token. */
function metricsProblems(env: EnvironmentVariables): string[] {
  if (env.WORKER_METRICS_PORT === 0 || env.METRICS_TOKEN !== undefined || isLoopbackHost(env.WORKER_METRICS_HOST))
    return [];
  return [
    `  WORKER_METRICS_HOST: the worker's /metrics on ${env.WORKER_METRICS_HOST} needs METRICS_TOKEN (or a loopback address)`,
  ];
}

/**
 * Only the variables named, validated as at start-up, for code that also runs without the rest of the
 * configuration (the replay tests and benchmarks bundle workflows without a database or Temporal address).
 */
export function validateVariables<Name extends keyof EnvironmentVariables>(
  names: readonly Name[],
  config: Record<string, unknown> = process.env,
): Pick<EnvironmentVariables, Name> {
  const validated = plainToInstance(EnvironmentVariables, config, { enableImplicitConversion: false });
  const named = (property: string) => (names as readonly string[]).includes(property);
  const lines = validateSync(validated, { skipMissingProperties: false })
    .filter((e) => named(e.property))
    .map(problemLine);
  if (named('WORKFLOWS_PATH')) lines.push(...workflowsPathProblems(validated));
  if (lines.length > 0) {
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return validated;
}

function workflowsPathProblems(env: EnvironmentVariables): string[] {
  const path = env.WORKFLOWS_PATH;
  if (typeof path !== 'string' || path.length === 0 || existsSync(path)) return [];
  return [`  WORKFLOWS_PATH: ${path} does not exist (the worker bundles workflows/index.ts from it)`];
}

/**
 * TLS to Temporal is half-configured or its files cannot be read: said at start, not as a handshake
 * error on the first connection (or silently plaintext).
 */
function temporalTlsProblems(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  if ((env.TEMPORAL_TLS_CERT === undefined) !== (env.TEMPORAL_TLS_KEY === undefined)) {
    problems.push(
      '  TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: the client certificate and its key go together: set both or neither',
    );
  }
  const anyFile = env.TEMPORAL_TLS_CA ?? env.TEMPORAL_TLS_CERT ?? env.TEMPORAL_TLS_KEY;
  if (env.TEMPORAL_TLS_SERVER_NAME !== undefined && anyFile === undefined) {
    problems.push(
      '  TEMPORAL_TLS_SERVER_NAME: only used with TLS: set TEMPORAL_TLS_CA and/or TEMPORAL_TLS_CERT with TEMPORAL_TLS_KEY',
    );
  }
  for (const name of ['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY'] as const) {
    const path = env[name];
    if (typeof path !== 'string' || path.length === 0) continue;
    try {
      accessSync(path, constants.R_OK);
      if (!readFileSync(path, 'utf8').includes('-----BEGIN ')) problems.push(`  ${name}: ${path} is not a PEM file`);
    } catch (error) {
      problems.push(
        `  ${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  }
  return problems;
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: addresses only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const ipv4 = bare.replace(/^::ffff:/, '');
  return isIPv4(ipv4) && ipv4.startsWith('127.');
}

export interface AppConfig {
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string; payloadKeys?: string; tls?: TemporalTlsPaths };
  port: number;
  jwt: { secret: string; issuer: string; audience: string };
  /** Present: production sign-in through an OIDC provider; absent: development tokens signed with JWT_SECRET. */
  oidc?: { issuer: string; audience: string; jwksUri?: string; algorithms: string[]; clientId?: string };
  /** NODE_ENV=production closes the development sign-in even without OIDC. */
  production: boolean;
  /** GET /auth/dev-users and POST /auth/dev-token answer: MENTORFLOW_DEV_SIGNIN=true, no OIDC, not production. */
  devSignIn: boolean;
  logLevel: string;
  /** LOG_PRETTY=true: readable lines (pino-pretty) instead of JSON. */
  logPretty: boolean;
  projector: { pollMs: number; batchSize: number; enabled: boolean; maxFailures: number };
  /** Signed scans of documents: a local directory or an S3-compatible bucket. */
  scans: ScanStorageConfig;
  /** /metrics: the bearer token (none: the API serves none) and the worker's listener (port 0: none). */
  metrics: { token?: string; workerPort: number; workerHost: string };
  /** Notifications: SMTP when `smtpUrl` is set (else the log), retries with exponential backoff, links to PUBLIC_URL. */
  mail: { smtpUrl?: string; from: string; maxAttempts: number; retryBaseMs: number; unsubscribeSecret: string };
  http: {
    host: string;
    publicUrl?: string;
    corsOrigins: string[];
    throttleLimit: number;
    throttleReadLimit: number;
    throttleAnonymousLimit: number;
    throttleTtlMs: number;
    trustProxy: string | boolean;
  };
}

/** Where the PEM files of the mTLS connection to Temporal are (read when connecting: libs/temporal temporalTlsOptions). */
export interface TemporalTlsPaths {
  caPath?: string;
  certPath?: string;
  keyPath?: string;
  serverName?: string;
}

/** Absent: plaintext gRPC (Temporal on this machine only); present: TLS, with a client certificate when both files are given. */
export function temporalTlsPaths(
  env: Pick<
    EnvironmentVariables,
    'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_SERVER_NAME'
  >,
): TemporalTlsPaths | undefined {
  if (!env.TEMPORAL_TLS_CA && !env.TEMPORAL_TLS_CERT && !env.TEMPORAL_TLS_KEY) return undefined;
  return {
    ...(env.TEMPORAL_TLS_CA ? { caPath: env.TEMPORAL_TLS_CA } : {}),
    ...(env.TEMPORAL_TLS_CERT ? { certPath: env.TEMPORAL_TLS_CERT } : {}),
    ...(env.TEMPORAL_TLS_KEY ? { keyPath: env.TEMPORAL_TLS_KEY } : {}),
    ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverName: env.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}

/** The unsubscribe links' key under npm start and in tests; production refuses to start without its own. */
export const DEVELOPMENT_UNSUBSCRIBE_SECRET = 'mentorflow-development-unsubscribe-secret-not-for-production';

export const APP_CONFIG = 'app';

export const appConfig = registerAs(APP_CONFIG, (): AppConfig => {
  const env = validateEnvironment(process.env);
  return {
    databaseUrl: env.DATABASE_URL,
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      payloadKeys: env.TEMPORAL_PAYLOAD_KEYS,
      ...(temporalTlsPaths(env) ? { tls: temporalTlsPaths(env) } : {}),
    },
    port: env.PORT,
    jwt: { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE },
    ...(env.OIDC_ISSUER
      ? {
          oidc: {
            issuer: env.OIDC_ISSUER,
            audience: env.OIDC_AUDIENCE as string,
            ...(env.OIDC_JWKS_URI ? { jwksUri: env.OIDC_JWKS_URI } : {}),
            algorithms: env.OIDC_ALGORITHMS.split(',')
              .map((a) => a.trim())
              .filter(Boolean),
            ...(env.OIDC_CLIENT_ID ? { clientId: env.OIDC_CLIENT_ID } : {}),
          },
        }
      : {}),
    production: process.env.NODE_ENV === 'production',
    devSignIn: env.MENTORFLOW_DEV_SIGNIN === 'true' && !env.OIDC_ISSUER && process.env.NODE_ENV !== 'production',
    logLevel: env.LOG_LEVEL,
    logPretty: env.LOG_PRETTY === 'true',
    projector: {
      pollMs: env.PROJECTOR_POLL_MS,
      batchSize: env.PROJECTOR_BATCH_SIZE,
      enabled: env.PROJECTOR_ENABLED !== 'false',
      maxFailures: env.PROJECTION_MAX_FAILURES,
    },
    scans: scanStorageConfig(env),
    metrics: {
      ...(env.METRICS_TOKEN ? { token: env.METRICS_TOKEN } : {}),
      workerPort: env.WORKER_METRICS_PORT,
      workerHost: env.WORKER_METRICS_HOST,
    },
    mail: {
      ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
      from: env.MAIL_FROM,
      maxAttempts: env.NOTIFICATION_MAX_ATTEMPTS,
      retryBaseMs: env.NOTIFICATION_RETRY_BASE_MS,
      // Outside production only (validated above): links signed with it are worthless anywhere else.
      unsubscribeSecret: env.NOTIFICATION_UNSUBSCRIBE_SECRET ?? DEVELOPMENT_UNSUBSCRIBE_SECRET,
    },
    http: {
      host: env.HOST,
      ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
      corsOrigins: (env.CORS_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      throttleLimit: env.THROTTLE_LIMIT,
      throttleReadLimit: env.THROTTLE_READ_LIMIT,
      throttleAnonymousLimit: env.THROTTLE_ANONYMOUS_LIMIT,
      throttleTtlMs: env.THROTTLE_TTL_MS,
      trustProxy: env.TRUST_PROXY === undefined ? false : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY,
    },
  };
});

export interface WorkerConfig {
  maxCachedWorkflows: number;
  /** A duration string Temporal parses (checked by the DURATION pattern above). */
  shutdownGrace: string;
}

/** The worker's own settings, a namespace of their own: `@Inject(workerConfig.KEY)` gives them typed. */
export const workerConfig = registerAs('worker', (): WorkerConfig => {
  const env = validateEnvironment(process.env);
  return { maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS, shutdownGrace: env.WORKER_SHUTDOWN_GRACE };
});
