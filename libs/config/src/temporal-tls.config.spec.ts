import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalTlsOptions } from '@mentorflow/temporal';
import { temporalTlsPaths, validateEnvironment } from './app.config';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/mentorflow',
  TEMPORAL_ADDRESS: 'temporal.internal:7233',
  JWT_SECRET: 'a'.repeat(32),
};

describe('TEMPORAL_TLS_* (mTLS to Temporal)', () => {
  let dir: string;
  let ca: string;
  let cert: string;
  let key: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentorflow-tls-config-'));
    [ca, cert, key] = ['ca.pem', 'client.pem', 'client.key'].map((name) => join(dir, name)) as [string, string, string];
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is off (plaintext) when none is set', () => {
    expect(temporalTlsPaths(validateEnvironment(valid))).toBeUndefined();
    expect(temporalTlsOptions({})).toBeUndefined();
  });

  it('reads the CA, the client certificate pair and the server name into the SDK’s TLS options', () => {
    const env = validateEnvironment({
      ...valid,
      TEMPORAL_TLS_CA: ca,
      TEMPORAL_TLS_CERT: cert,
      TEMPORAL_TLS_KEY: key,
      TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
    });
    const tls = temporalTlsOptions({ tls: temporalTlsPaths(env) });
    expect(tls?.serverNameOverride).toBe('temporal-frontend');
    expect(Buffer.from(tls?.serverRootCACertificate ?? []).toString()).toContain('ca');
    expect(Buffer.from(tls?.clientCertPair?.crt ?? []).toString()).toContain('client');
    expect(Buffer.from(tls?.clientCertPair?.key ?? []).toString()).toContain('PRIVATE KEY');
  });

  it('a CA alone is server-authenticated TLS without a client certificate', () => {
    const tls = temporalTlsOptions({ tls: temporalTlsPaths(validateEnvironment({ ...valid, TEMPORAL_TLS_CA: ca })) });
    expect(tls).toEqual({ serverRootCACertificate: expect.any(Buffer) });
  });

  it('refuses to start with a certificate without its key, or a key without its certificate', () => {
    expect(() => validateEnvironment({ ...valid, TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: cert })).toThrow(
      /TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: .*set both or neither/,
    );
    expect(() => validateEnvironment({ ...valid, TEMPORAL_TLS_KEY: key })).toThrow(/set both or neither/);
  });

  it('refuses to start when a file cannot be read or is not PEM, naming the variable and the path', () => {
    const missing = join(dir, 'missing.pem');
    expect(() => validateEnvironment({ ...valid, TEMPORAL_TLS_CA: missing })).toThrow(
      new RegExp(`TEMPORAL_TLS_CA: cannot read ${missing} \\(ENOENT\\)`),
    );
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => validateEnvironment({ ...valid, TEMPORAL_TLS_CERT: notPem, TEMPORAL_TLS_KEY: key })).toThrow(
      /TEMPORAL_TLS_CERT: .*not\.pem is not a PEM file/,
    );
    expect(() => validateEnvironment({ ...valid, TEMPORAL_TLS_CA: '' })).toThrow(/TEMPORAL_TLS_CA/);
  });

  it('refuses a server name without TLS, which would otherwise be silently ignored', () => {
    expect(() => validateEnvironment({ ...valid, TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend' })).toThrow(
      /TEMPORAL_TLS_SERVER_NAME: only used with TLS/,
    );
  });
});
