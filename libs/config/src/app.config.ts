import { registerAs } from '@nestjs/config';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

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

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER = 'mentorflow';

  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE = 'mentorflow-api';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(10000)
  PROJECTOR_POLL_MS = 50;

  @IsOptional()
  @IsIn(['true', 'false'])
  PROJECTOR_ENABLED?: string;

  /** Comma-separated origins the browser may call the API from; empty: no cross-origin access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Write requests one client may send per THROTTLE_TTL_MS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT = 120;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  THROTTLE_TTL_MS = 60_000;

  /** Behind a reverse proxy that sets X-Forwarded-For: its address (or `true`); otherwise the header is ignored. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;
}

export function validateEnvironment(config: Record<string, unknown>): EnvironmentVariables {
  const validated = plainToInstance(EnvironmentVariables, config, { enableImplicitConversion: false });
  const errors = validateSync(validated, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return validated;
}

export interface AppConfig {
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string };
  port: number;
  jwt: { secret: string; issuer: string; audience: string };
  logLevel: string;
  projector: { pollMs: number; enabled: boolean };
  http: { corsOrigins: string[]; throttleLimit: number; throttleTtlMs: number; trustProxy: string | boolean };
}

export const APP_CONFIG = 'app';

export const appConfig = registerAs(APP_CONFIG, (): AppConfig => {
  const env = validateEnvironment(process.env);
  return {
    databaseUrl: env.DATABASE_URL,
    temporal: { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE },
    port: env.PORT,
    jwt: { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE },
    logLevel: env.LOG_LEVEL,
    projector: { pollMs: env.PROJECTOR_POLL_MS, enabled: env.PROJECTOR_ENABLED !== 'false' },
    http: {
      corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      throttleLimit: env.THROTTLE_LIMIT,
      throttleTtlMs: env.THROTTLE_TTL_MS,
      trustProxy: env.TRUST_PROXY === undefined ? false : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY,
    },
  };
});
