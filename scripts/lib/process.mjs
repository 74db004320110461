// The ESM face of process.cjs (the one copy of the process and port helpers) for the .mjs scripts.
export { isAlive, freePort, portOpen, waitForPort, isExecutable, executableFromEnv, which } from './process.cjs';
