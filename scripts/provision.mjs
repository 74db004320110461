// Provisions local tooling into the mentorflow cache and records the resolved paths in
// <cache>/provisioned.json for start/test scripts.
//   node scripts/provision.mjs          Temporal CLI (dev server)
//   node scripts/provision.mjs --test   … plus the Java time-skipping test server
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from './lib/cache.mjs';
import { ensureTemporalCli } from './lib/temporal-cli.mjs';
import { ensureTimeSkippingTestServer } from './lib/test-server.mjs';

const log = (msg) => process.stderr.write(`[provision] ${msg}\n`);
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--test');
if (unknown.length) {
  log(`unknown argument(s): ${unknown.join(' ')}\nusage: node scripts/provision.mjs [--test]`);
  process.exit(2);
}
const withTestServer = args.includes('--test');

async function step(name, fn) {
  const t0 = Date.now();
  try {
    const value = await fn();
    return { value, seconds: (Date.now() - t0) / 1000 };
  } catch (err) {
    throw new Error(`${name}: ${err?.message ?? err}`);
  }
}

try {
  const cache = cacheDir();
  const manifestPath = path.join(cache, 'provisioned.json');
  // Keep entries from earlier runs (e.g. the test server) when provisioning a subset.
  const manifest = await readFile(manifestPath, 'utf8')
    .then(JSON.parse)
    .catch(() => ({}));
  const rows = [];

  const cli = await step('Temporal CLI', () =>
    ensureTemporalCli({ log: (m) => process.stderr.write(`[temporal-cli] ${m}\n`) }),
  );
  manifest.temporalCli = cli.value; // null → the SDK downloads its own CLI
  rows.push(['Temporal CLI', cli.value ?? "(none: Temporal SDK's own download)", cli.seconds]);

  if (withTestServer) {
    const ts = await step('Time-skipping test server', () =>
      ensureTimeSkippingTestServer({ log: (m) => process.stderr.write(`[test-server] ${m}\n`) }),
    );
    manifest.testServer = ts.value;
    rows.push(['Test server', ts.value, ts.seconds]);
  }

  manifest.updatedAt = new Date().toISOString();
  const tmp = `${manifestPath}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, manifestPath);

  log('Summary:');
  for (const [name, value, seconds] of rows) log(`  ${name.padEnd(13)} ${value}  (${seconds.toFixed(1)} s)`);
  log(`  Manifest      ${manifestPath}`);
} catch (err) {
  log(`FAILED: ${err.message}`);
  process.exitCode = 1;
}
