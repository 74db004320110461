import helmet from '@fastify/helmet';
import { Logger as NestLogger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { appConfig } from '@mentorflow/config';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { IdempotencyStore, registerIdempotentAnswers } from './common/idempotency.interceptor';
import { mentorflowValidationPipe, registerJsonShapeLimit } from './common/validation';
import { allowedHostnames, registerHostCheck, registerNoStore, registerRouteBodyLimits } from './http-hardening';
import { registerApiMetrics } from './metrics/api-metrics';
import { registerRequestTracing } from './metrics/request-tracing';
import { registerWebApp } from './web-app';

/**
 * Builds the HTTP application; shared by main.ts and the end-to-end tests so both run the same thing.
 * `logger: false` silences the API; a logger of its own replaces the JSON one (the tests print errors only, so a
 * 500 in a long run names its cause).
 */
export async function createApiApp(options: { logger?: false | LoggerService } = {}): Promise<NestFastifyApplication> {
  const config = appConfig();
  const { http } = config;
  // X-Forwarded-For counts only behind a configured proxy, so a client cannot spoof its way past the throttler.
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({ bodyLimit: 1_048_576, trustProxy: http.trustProxy }),
    {
      bufferLogs: options.logger === undefined,
      abortOnError: false,
      logger: options.logger,
    },
  );
  if (options.logger === undefined) app.useLogger(app.get(Logger));
  if (config.devSignIn) {
    new NestLogger('DevSignIn').warn(
      '!!! DEVELOPMENT SIGN-IN IS ON (MENTORFLOW_DEV_SIGNIN=true): anyone who reaches this API can sign in as any user, administrators included. Never in production. !!!',
    );
  }
  const fastify = app.getHttpAdapter().getInstance();
  registerHostCheck(fastify, allowedHostnames(http));
  registerNoStore(fastify);
  registerRouteBodyLimits(fastify);
  registerJsonShapeLimit(fastify);
  registerIdempotentAnswers(fastify, app.get(IdempotencyStore));
  registerApiMetrics(fastify, app.get(DataSource), config.metrics.token);
  registerRequestTracing(fastify);
  app.useGlobalPipes(mentorflowValidationPipe());
  if (http.corsOrigins.length > 0) app.enableCors({ origin: http.corsOrigins, credentials: false });
  // Swagger UI needs inline styles and scripts; everything else keeps helmet's defaults.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  // The web application (apps/web) under /app/ with a stricter policy of its own, when it has been built.
  await registerWebApp(app, { oidcIssuer: config.oidc?.issuer, production: config.production });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('mentorflow API')
      .setDescription('Целевая модель наставничества педагогических работников: программы, пары, ИОМ, задачи')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
