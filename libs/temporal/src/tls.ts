import type { TLSConfig } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import type { AppConfig } from '@mentorflow/config';

/**
 * The TLS options of every connection to Temporal (the API's client, the worker, scripts): undefined
 * (plaintext) unless TEMPORAL_TLS_* are set; then the server must present a certificate signed by
 * TEMPORAL_TLS_CA (or a system-trusted CA without it) and this process presents its client certificate,
 * so a frontend that requires mTLS admits only holders of a certificate its CA signed.
 * The files are read here, at connection time, so renewed certificates take effect on restart.
 */
export function temporalTlsOptions(temporal: Pick<AppConfig['temporal'], 'tls'>): TLSConfig | undefined {
  const tls = temporal.tls;
  if (!tls) return undefined;
  return {
    ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
    ...(tls.caPath ? { serverRootCACertificate: readFileSync(tls.caPath) } : {}),
    ...(tls.certPath && tls.keyPath
      ? { clientCertPair: { crt: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) } }
      : {}),
  };
}
