// Provides the Java time-skipping test server (io.temporal.testserver.TestServer) as an
// executable the Temporal TypeScript SDK can spawn via `{ type: 'existing-path' }`.
// The SDK's own download host is not reachable everywhere, but Maven Central is.
// The SDK gives a spawned server only ~5 s to accept connections, so the JVM is tuned for
// startup (C1 only, serial GC) and an AppCDS archive of the server's classes is created.
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, withCacheLock } from './cache.mjs';
import { executableFromEnv, freePort, isExecutable, waitForPort, which } from './process.mjs';

const execFileP = promisify(execFile);

export const TEST_SERVER_VERSION = '1.35.0';
const MAIN_CLASS = 'io.temporal.testserver.TestServer';
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];

const defaultLog = (msg) => process.stderr.write(`[test-server] ${msg}\n`);

/**
 * Absolute path of an executable wrapper that runs the time-skipping test server; the
 * SDK invokes it as `<path> <port> --enable-time-skipping`.
 * Override with $TEMPORAL_TEST_SERVER_PATH.
 */
export async function ensureTimeSkippingTestServer({ log = defaultLog } = {}) {
  const override = await executableFromEnv('TEMPORAL_TEST_SERVER_PATH', log);
  if (override) return override;

  const java = await findJava();
  const dir = path.join(cacheDir(), 'temporal-test-server');
  const paths = {
    dir,
    pom: path.join(dir, 'pom.xml'),
    lib: path.join(dir, 'lib'),
    jsa: path.join(dir, 'app.jsa'),
    wrapper: path.join(dir, 'temporal-test-server'),
    stamp: path.join(dir, 'stamp.json'),
  };
  // Everything in the cache is only valid for this server version and this exact JVM
  // (a CDS archive from another JVM build is rejected).
  const stamp = JSON.stringify({ version: TEST_SERVER_VERSION, java: java.path, javaVersion: java.version });
  if (await isProvisioned(paths, stamp)) return paths.wrapper;

  return withCacheLock(
    'temporal-test-server',
    async () => {
      if (await isProvisioned(paths, stamp)) return paths.wrapper;
      await mkdir(dir, { recursive: true });
      await rm(paths.stamp, { force: true });
      await fetchJars(paths, log);
      await writeWrapper(paths, java.path);
      await createCdsArchive(paths, java.path, log);
      await writeFile(paths.stamp, stamp);
      log(`Test server ready: ${paths.wrapper}`);
      return paths.wrapper;
    },
    { log },
  );
}

async function isProvisioned(paths, stamp) {
  const current = await readFile(paths.stamp, 'utf8').catch(() => null);
  if (current !== stamp || !(await isExecutable(paths.wrapper))) return false;
  const jars = await readdir(paths.lib).catch(() => []);
  return jars.some((f) => f.startsWith(`temporal-test-server-${TEST_SERVER_VERSION}`));
}

/** Java ≥ 11 from $JAVA_HOME or PATH. */
async function findJava() {
  const candidate = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : null;
  const javaPath = candidate && (await isExecutable(candidate)) ? candidate : await which('java');
  const hint =
    'the time-skipping test server needs Java 11+ (e.g. `apt-get install openjdk-17-jre-headless`), ' +
    'or set TEMPORAL_TEST_SERVER_PATH';
  if (!javaPath) throw new Error(`'java' not found on PATH or in $JAVA_HOME: ${hint}`);
  let out;
  try {
    ({ stderr: out } = await execFileP(javaPath, ['-version'], { timeout: 30_000 }));
  } catch (err) {
    throw new Error(`\`${javaPath} -version\` failed (${err.message.trim()}): ${hint}`);
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (!(major >= 11)) throw new Error(`${javaPath} is Java ${m ? m[0] : '(unknown version)'}; ${hint}`);
  return { path: javaPath, version: out.trim().split('\n').slice(0, 2).join(' | ') };
}

async function fetchJars(paths, log) {
  const mvn = await which('mvn');
  if (!mvn) {
    throw new Error(
      "'mvn' not found on PATH: Maven is needed to fetch the Temporal test server from Maven Central " +
        '(e.g. `apt-get install maven`), or set TEMPORAL_TEST_SERVER_PATH',
    );
  }
  await writeFile(paths.pom, pomXml());
  // Copy into a fresh directory and swap, so jars of an older version never linger in the classpath.
  const tmpLib = `${paths.lib}.tmp-${process.pid}`;
  await rm(tmpLib, { recursive: true, force: true });
  log(`Fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} from Maven Central…`);
  const t0 = Date.now();
  await run(
    mvn,
    ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${tmpLib}`, '-DincludeScope=runtime'],
    { cwd: paths.dir, what: 'mvn dependency:copy-dependencies' },
  );
  await rm(paths.lib, { recursive: true, force: true });
  await rename(tmpLib, paths.lib);
  const jars = (await readdir(paths.lib)).filter((f) => f.endsWith('.jar'));
  log(`Fetched ${jars.length} jars in ${secs(t0)}`);
}

function pomXml() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/lib/test-server.mjs: only used to fetch the test server's jars. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.mentorflow</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${TEST_SERVER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`;
}

async function writeWrapper(paths, javaPath) {
  const q = shQuote;
  // The archive is optional: the wrapper runs without it if it is missing.
  const script = `#!/bin/sh
# Generated by scripts/lib/test-server.mjs — Temporal time-skipping test server ${TEST_SERVER_VERSION}.
# Usage: $0 <port> --enable-time-skipping
LIB=${q(paths.lib)}
JSA=${q(paths.jsa)}
if [ -f "$JSA" ]; then
  exec ${q(javaPath)} ${JVM_FLAGS.join(' ')} "-XX:SharedArchiveFile=$JSA" -cp "$LIB/*" ${MAIN_CLASS} "$@"
fi
exec ${q(javaPath)} ${JVM_FLAGS.join(' ')} -cp "$LIB/*" ${MAIN_CLASS} "$@"
`;
  const tmp = `${paths.wrapper}.tmp-${process.pid}`;
  await writeFile(tmp, script);
  await chmod(tmp, 0o755);
  await rename(tmp, paths.wrapper);
}

/**
 * Dynamic AppCDS: run the server once with -XX:ArchiveClassesAtExit until it accepts
 * connections, then SIGTERM it — the JVM's shutdown sequence (Shutdown → JVM_Halt) dumps the
 * archive. Failure here is not fatal; the wrapper just starts slower.
 */
async function createCdsArchive(paths, javaPath, log) {
  await rm(paths.jsa, { force: true });
  const tmpJsa = `${paths.jsa}.tmp-${process.pid}`;
  const cp = ['-cp', `${paths.lib}/*`];
  try {
    log('Creating AppCDS archive (one-off start/stop of the test server)…');
    const t0 = Date.now();
    await startAndStop(javaPath, [...JVM_FLAGS, `-XX:ArchiveClassesAtExit=${tmpJsa}`, ...cp]);
    if (!(await stat(tmpJsa).catch(() => null))?.size) throw new Error('the JVM exited without writing the archive');
    await rename(tmpJsa, paths.jsa);
    log(`Archive written in ${secs(t0)}: ${paths.jsa}`);

    // Measure (and thereby verify) both ways; the SDK allows ~5 s to accept connections.
    const plain = await startAndStop(javaPath, [...JVM_FLAGS, ...cp]);
    const withCds = await startAndStop(javaPath, [
      ...JVM_FLAGS,
      `-XX:SharedArchiveFile=${paths.jsa}`,
      '-Xlog:cds=warning',
      ...cp,
    ]);
    log(`Start-to-accept: ${plain.acceptMs} ms without AppCDS, ${withCds.acceptMs} ms with AppCDS`);
    if (/\[(warning|error) *\]\[cds/i.test(withCds.output)) {
      throw new Error(`JVM rejected the archive:\n${withCds.output.trim()}`);
    }
  } catch (err) {
    await rm(paths.jsa, { force: true });
    log(`WARNING: AppCDS archive not used (${err.message}); the test server will start without it`);
  } finally {
    await rm(tmpJsa, { force: true });
  }
}

/** Start the server on a free port, time until it accepts TCP connections, then SIGTERM it. */
async function startAndStop(javaPath, jvmArgs, timeoutMs = 60_000) {
  const port = await freePort();
  const t0 = Date.now();
  const child = spawn(javaPath, [...jvmArgs, MAIN_CLASS, String(port), '--enable-time-skipping'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let early = null;
  exited.then((r) => (early = r));

  try {
    await waitForPort(port, {
      timeoutMs,
      intervalMs: 25,
      what: 'test server',
      failIf: () => early && `test server exited early (${early.code ?? early.signal}):\n${output.slice(-2000)}`,
    });
    const acceptMs = Date.now() - t0;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killTimer);
    return { acceptMs, output };
  } finally {
    if (!early && child.exitCode === null) child.kill('SIGKILL');
  }
}

function run(cmd, args, { cwd, what }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    // Maven's jansi emits bare colour resets even with -B -q; forward only real text.
    const forward = (chunk) => {
      // eslint-disable-next-line no-control-regex -- stripping ANSI escapes is the point
      const text = chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
      if (text.trim()) process.stderr.write(text);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code ?? signal}); see output above`)),
    );
  });
}

const shQuote = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
