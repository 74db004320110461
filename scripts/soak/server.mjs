#!/usr/bin/env node
// Servers for the reliability tests and soak runs, as child processes they can crash and restart.
// Jest test files cannot import these ESM helpers, so they spawn this script instead:
//   node scripts/soak/server.mjs postgres --port <p> --data-dir <dir>   → prints {"url","port","dataDir","pid"}; SIGTERM stops it
//   node scripts/soak/server.mjs temporal-cli                          → prints {"path"}
//   node scripts/soak/server.mjs temporal-server --database-url <u> --port <p> --dir <d>
//       → builds (once) the Temporal server, prepares its databases on that PostgreSQL, writes its configuration;
//         prints {"command","args"} to start it (the caller runs it, so it can kill it)
//   node scripts/soak/server.mjs temporal-namespace --address <host:port>  → registers `default` once it is missing
//   node scripts/soak/server.mjs temporal-ui --address <host:port> --port <p> --dir <d>
//       → builds (once) the read-only Temporal Web UI, writes its configuration; prints {"command","args"}
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/postgres.mjs';
import { ensureTemporalCli } from '../lib/temporal-cli.mjs';
import {
  ensureNamespace,
  ensureTemporalServer,
  freeServerPorts,
  prepareTemporalDatabases,
  temporalServerConfig,
} from '../lib/temporal-server.mjs';
import { ensureTemporalUi, temporalUiConfig } from '../lib/temporal-ui.mjs';

const [command, ...rest] = process.argv.slice(2);
const option = (name) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const log = (message) => process.stderr.write(`[soak-server] ${message}\n`);

if (command === 'temporal-cli') {
  const cli = await ensureTemporalCli({ log });
  process.stdout.write(`${JSON.stringify({ path: cli })}\n`);
} else if (command === 'temporal-server') {
  const url = new URL(option('database-url'));
  const connection = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  const binaries = await ensureTemporalServer({ log });
  await prepareTemporalDatabases({ ...binaries, ...connection, log });
  const args = await temporalServerConfig({
    dir: path.resolve(option('dir')),
    ...connection,
    frontendPort: Number(option('port')),
    otherPorts: await freeServerPorts(),
  });
  process.stdout.write(`${JSON.stringify({ command: binaries.server, args })}\n`);
} else if (command === 'temporal-ui') {
  const binary = await ensureTemporalUi({ log });
  const args = await temporalUiConfig({
    dir: path.resolve(option('dir')),
    temporalAddress: option('address'),
    port: Number(option('port')),
    codecEndpoint: option('codec-endpoint') ?? 'http://127.0.0.1:8888',
  });
  process.stdout.write(`${JSON.stringify({ command: binary, args })}\n`);
} else if (command === 'temporal-namespace') {
  const cli = await ensureTemporalCli({ log });
  await ensureNamespace({ cli, address: option('address'), log });
} else if (command === 'postgres') {
  // Persistent so a restart after an immediate shutdown recovers the same cluster from its WAL.
  const dataDir = path.resolve(option('data-dir'));
  const server = await startEmbeddedPostgres({ dataDir, persistent: true, port: Number(option('port') ?? 0), log });
  const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, dataDir, pid })}\n`);
  const stop = async () => {
    await server.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Stays up until told to stop (or until the postmaster is killed under it, then it just waits).
  setInterval(() => {}, 1 << 30);
} else {
  process.stderr.write('usage: server.mjs postgres --port <p> --data-dir <dir> | temporal-cli | temporal-server …\n');
  process.exit(2);
}
