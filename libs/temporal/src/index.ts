export * from './temporal-client.module';
export * from './payload-codec';
export * from './tls';
export * from './tracing';
