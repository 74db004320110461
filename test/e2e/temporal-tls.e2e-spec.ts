import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporalTlsOptions } from '@mentorflow/temporal';
import { createProgramme, places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import { makeTestPki, startMtlsProxy, type TestPki } from '../support/tls-proxy';

/**
 * mTLS to Temporal (TEMPORAL_TLS_*): the API's client and the project's worker reach Temporal only
 * through a frontend that requires a client certificate signed by its CA, and run a programme through
 * it; connections without that certificate, or trusting another CA, are refused.
 */
describe('Temporal over mTLS', () => {
  let pki: TestPki;
  let proxy: Awaited<ReturnType<typeof startMtlsProxy>>;
  let system: TestSystem | undefined;
  const saved = { ...process.env };

  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startMtlsProxy(pki, process.env.TEMPORAL_ADDRESS as string);
  });
  afterAll(async () => {
    await system?.stop();
    await proxy?.close();
    pki?.remove();
    process.env = saved;
  });

  const refusal = (promise: Promise<{ close(): Promise<void> }>) =>
    promise.then(
      async (connection) => {
        await connection.close();
        return 'connected';
      },
      (error: Error) => error.message,
    );

  it('runs a programme workflow through the API’s client and the worker, both with the client certificate', async () => {
    Object.assign(process.env, {
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_CA: pki.ca,
      TEMPORAL_TLS_CERT: pki.clientCert,
      TEMPORAL_TLS_KEY: pki.clientKey,
    });
    system = await TestSystem.start(`e2e-tls-${process.pid}-${Date.now()}`);
    const [admin, director] = [randomUUID(), randomUUID()];
    const organisation = await registerOrganisation(system, system.token(admin, ['administrator']), places.samara);
    expect(organisation.status).toBe(201);
    const organisationId = organisation.body.organisationId as string;
    // Started by the API's client and answered by the worker's workflow: both went through the proxy.
    const started = await createProgramme(
      system,
      organisationId,
      system.token(director, ['director'], [organisationId]),
      'Программа (mTLS)',
    );
    expect(started.status).toBe(201);
    expect(started.body.state).toMatchObject({ stage: 'preparatory', organisationId });
    expect(proxy.accepted()).toBeGreaterThanOrEqual(2);
  });

  it('the client reaches the frontend with the client certificate and the CA', async () => {
    const connection = await Connection.connect({
      address: proxy.address,
      tls: temporalTlsOptions({ tls: { caPath: pki.ca, certPath: pki.clientCert, keyPath: pki.clientKey } }),
    });
    try {
      const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(namespaceInfo?.name).toBe('default');
    } finally {
      await connection.close();
    }
  });

  it('refuses a client without a client certificate, or with one another CA signed', async () => {
    const refusedBefore = proxy.refused();
    const withoutCertificate = await refusal(
      Connection.connect({
        address: proxy.address,
        connectTimeout: '5s',
        tls: temporalTlsOptions({ tls: { caPath: pki.ca } }),
      }),
    );
    expect(withoutCertificate).not.toBe('connected');
    const foreignCertificate = await refusal(
      Connection.connect({
        address: proxy.address,
        connectTimeout: '5s',
        tls: temporalTlsOptions({
          tls: { caPath: pki.ca, certPath: pki.otherClientCert, keyPath: pki.otherClientKey },
        }),
      }),
    );
    expect(foreignCertificate).not.toBe('connected');
    const worker = await refusal(
      NativeConnection.connect({ address: proxy.address, tls: temporalTlsOptions({ tls: { caPath: pki.ca } }) }),
    );
    expect(worker).not.toBe('connected');
    expect(proxy.refused()).toBeGreaterThan(refusedBefore);
  });

  it('refuses a server whose certificate the configured CA did not sign', async () => {
    const tls = temporalTlsOptions({ tls: { caPath: pki.otherCa, certPath: pki.clientCert, keyPath: pki.clientKey } });
    expect(await refusal(Connection.connect({ address: proxy.address, connectTimeout: '5s', tls }))).not.toBe(
      'connected',
    );
    expect(await refusal(NativeConnection.connect({ address: proxy.address, tls }))).not.toBe('connected');
  });

  it('a plaintext client gets nowhere on the TLS port', async () => {
    expect(await refusal(Connection.connect({ address: proxy.address, connectTimeout: '5s' }))).not.toBe('connected');
  });
});
