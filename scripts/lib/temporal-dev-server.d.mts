// The ESM face of temporal-dev-server.cjs: its declarations are temporal-dev-server.d.cts.
export * from './temporal-dev-server.cjs';
