import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { AppConfig } from '@mentorflow/config';
import { AesGcmPayloadCodec, mentorflowDataConverter, payloadCodecFor } from './payload-codec';
import { temporalTlsOptions } from './tls';
import { tracingClientInterceptors } from './tracing';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

/** Task queue and namespace as configured, so callers never spell them themselves. */
@Injectable()
export class TemporalSettings {
  readonly taskQueue: string;
  readonly namespace: string;
  readonly address: string;
  /** Undefined: plaintext; else mTLS (TEMPORAL_TLS_*). */
  readonly tls: TLSConfig | undefined;
  /** Encrypts every payload the client sends and decrypts what it reads (personal data, see README). */
  readonly payloadCodec: AesGcmPayloadCodec;
  constructor(config: ConfigService) {
    const temporal = config.getOrThrow<AppConfig['temporal']>('app.temporal');
    this.taskQueue = temporal.taskQueue;
    this.namespace = temporal.namespace;
    this.address = temporal.address;
    this.tls = temporalTlsOptions(temporal);
    this.payloadCodec = payloadCodecFor(temporal.payloadKeys);
  }
}

@Injectable()
class ConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * The one Temporal client of a process. The connection is lazy: the API starts (and reports
 * not-ready) while Temporal is down, and reconnects when it is back, without a restart.
 */
@Global()
@Module({
  providers: [
    TemporalSettings,
    {
      provide: TEMPORAL_CONNECTION,
      inject: [TemporalSettings],
      useFactory: (settings: TemporalSettings) => Connection.lazy({ address: settings.address, tls: settings.tls }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, TemporalSettings],
      useFactory: (connection: Connection, settings: TemporalSettings) =>
        new Client({
          connection,
          namespace: settings.namespace,
          dataConverter: mentorflowDataConverter(settings.payloadCodec),
          // Tracing on: the request's trace continues into the workflow (its headers), else none.
          interceptors: tracingClientInterceptors(),
        }),
    },
    ConnectionCloser,
  ],
  exports: [Client, TemporalSettings, TEMPORAL_CONNECTION],
})
export class TemporalClientModule {}
