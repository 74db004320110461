// The ESM face of process.cjs: its declarations are process.d.cts.
export * from './process.cjs';
