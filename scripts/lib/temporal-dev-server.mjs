// The ESM face of temporal-dev-server.cjs (how the Temporal dev server is run) for the .mjs scripts.
export { temporalDevServerArgs, temporalUiWanted, devServerOutput } from './temporal-dev-server.cjs';
