import { appConfig, isLoopbackHost, validateEnvironment, validateVariables } from './app.config';
import { logTransport } from './log-redaction';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/mentorflow',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  JWT_SECRET: 'a'.repeat(32),
};

describe('configuration validated at start', () => {
  it('fills defaults for what is not set', () => {
    expect(validateEnvironment(valid)).toMatchObject({
      PORT: 3000,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'mentorflow',
    });
  });

  it('names every missing or invalid variable with its reason', () => {
    expect(() =>
      validateEnvironment({ ...valid, DATABASE_URL: undefined, PORT: '70000', JWT_SECRET: 'short' }),
    ).toThrow(/DATABASE_URL[\s\S]*PORT[\s\S]*JWT_SECRET must be at least 32 characters/);
  });

  it('reads numbers from their string form', () => {
    expect(validateEnvironment({ ...valid, PORT: '8080', PROJECTOR_POLL_MS: '25' })).toMatchObject({
      PORT: 8080,
      PROJECTOR_POLL_MS: 25,
    });
  });

  it('parks a failing event after PROJECTION_MAX_FAILURES consecutive failures: 5 unless set, a positive number', () => {
    expect(validateEnvironment(valid)).toMatchObject({ PROJECTION_MAX_FAILURES: 5 });
    expect(validateEnvironment({ ...valid, PROJECTION_MAX_FAILURES: '3' })).toMatchObject({
      PROJECTION_MAX_FAILURES: 3,
    });
    expect(() => validateEnvironment({ ...valid, PROJECTION_MAX_FAILURES: '0' })).toThrow(/PROJECTION_MAX_FAILURES/);
    expect(() => validateEnvironment({ ...valid, PROJECTION_MAX_FAILURES: 'many' })).toThrow(/PROJECTION_MAX_FAILURES/);
  });

  it("validates the worker's cache size, shutdown grace and log level like the rest", () => {
    expect(validateEnvironment(valid)).toMatchObject({
      WORKER_MAX_CACHED_WORKFLOWS: 2000,
      WORKER_SHUTDOWN_GRACE: '10 seconds',
      LOG_LEVEL: 'info',
    });
    expect(
      validateEnvironment({ ...valid, WORKER_MAX_CACHED_WORKFLOWS: '500', WORKER_SHUTDOWN_GRACE: '30s' }),
    ).toMatchObject({
      WORKER_MAX_CACHED_WORKFLOWS: 500,
      WORKER_SHUTDOWN_GRACE: '30s',
    });
    expect(() =>
      validateEnvironment({
        ...valid,
        WORKER_MAX_CACHED_WORKFLOWS: 'lots',
        WORKER_SHUTDOWN_GRACE: 'ten seconds',
        LOG_LEVEL: 'loud',
      }),
    ).toThrow(/LOG_LEVEL[\s\S]*WORKER_MAX_CACHED_WORKFLOWS[\s\S]*WORKER_SHUTDOWN_GRACE must be a duration/);
  });

  it('takes SMTP_URL as smtp:// or smtps:// with credentials, and the retry settings as bounded numbers', () => {
    expect(
      validateEnvironment({
        ...valid,
        SMTP_URL: 'smtps://robot:secret@smtp.school.ru:465',
        NOTIFICATION_MAX_ATTEMPTS: '5',
      }),
    ).toMatchObject({ SMTP_URL: 'smtps://robot:secret@smtp.school.ru:465', NOTIFICATION_MAX_ATTEMPTS: 5 });
    expect(validateEnvironment({ ...valid, SMTP_URL: 'smtp://127.0.0.1:1025' })).toMatchObject({
      MAIL_FROM: 'mentorflow <noreply@mentorflow.localhost>',
      NOTIFICATION_RETRY_BASE_MS: 30_000,
    });
    expect(() =>
      validateEnvironment({ ...valid, SMTP_URL: 'http://smtp.school.ru', NOTIFICATION_MAX_ATTEMPTS: '0' }),
    ).toThrow(/SMTP_URL[\s\S]*NOTIFICATION_MAX_ATTEMPTS/);
  });

  it('listens on the loopback address unless HOST says otherwise', () => {
    expect(validateEnvironment(valid)).toMatchObject({ HOST: '127.0.0.1' });
    expect(validateEnvironment({ ...valid, HOST: '0.0.0.0' })).toMatchObject({ HOST: '0.0.0.0' });
  });

  it('opens no /metrics beyond this machine without METRICS_TOKEN', () => {
    expect(validateEnvironment(valid)).toMatchObject({ WORKER_METRICS_PORT: 0, WORKER_METRICS_HOST: '127.0.0.1' });
    expect(() =>
      validateEnvironment({ ...valid, WORKER_METRICS_PORT: '9464', WORKER_METRICS_HOST: '0.0.0.0' }),
    ).toThrow(/WORKER_METRICS_HOST: .*needs METRICS_TOKEN/);
    expect(
      validateEnvironment({
        ...valid,
        WORKER_METRICS_PORT: '9464',
        WORKER_METRICS_HOST: '0.0.0.0',
        METRICS_TOKEN: 'b'.repeat(16),
      }),
    ).toMatchObject({ WORKER_METRICS_PORT: 9464 });
    expect(() => validateEnvironment({ ...valid, METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN must be at least 16/,
    );
  });
});

describe('development sign-in', () => {
  it('refuses to start when it is on and the API would listen beyond this machine', () => {
    for (const HOST of ['0.0.0.0', '::', '10.0.0.5', 'mentorflow.example.ru']) {
      expect(() => validateEnvironment({ ...valid, MENTORFLOW_DEV_SIGNIN: 'true', HOST })).toThrow(
        /MENTORFLOW_DEV_SIGNIN: .*loopback address.*HOST=/,
      );
    }
    for (const HOST of ['127.0.0.1', '::1', 'localhost', '[::1]'])
      expect(() => validateEnvironment({ ...valid, MENTORFLOW_DEV_SIGNIN: 'true', HOST })).not.toThrow();
    // Off, any address is fine.
    expect(() => validateEnvironment({ ...valid, HOST: '0.0.0.0' })).not.toThrow();
  });

  it('is off unless asked for, and never with OIDC or in production', () => {
    const devSignIn = (env: Record<string, string | undefined>) => {
      const saved = { ...process.env };
      const wanted: Record<string, string | undefined> = {
        ...valid,
        NODE_ENV: 'test',
        MENTORFLOW_DEV_SIGNIN: undefined,
        OIDC_ISSUER: undefined,
        ...env,
      };
      for (const [key, value] of Object.entries(wanted)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      try {
        return appConfig().devSignIn;
      } finally {
        process.env = saved;
      }
    };
    expect(devSignIn({ MENTORFLOW_DEV_SIGNIN: undefined })).toBe(false);
    expect(devSignIn({ MENTORFLOW_DEV_SIGNIN: 'false' })).toBe(false);
    expect(devSignIn({ MENTORFLOW_DEV_SIGNIN: 'true' })).toBe(true);
    expect(
      devSignIn({
        MENTORFLOW_DEV_SIGNIN: 'true',
        NODE_ENV: 'production',
        TEMPORAL_PAYLOAD_KEYS: `k:${'A'.repeat(43)}=`,
        NOTIFICATION_UNSUBSCRIBE_SECRET: 'u'.repeat(32),
      }),
    ).toBe(false);
    expect(
      devSignIn({
        MENTORFLOW_DEV_SIGNIN: 'true',
        OIDC_ISSUER: 'https://sso.example.ru/realms/m',
        OIDC_AUDIENCE: 'mentorflow-api',
      }),
    ).toBe(false);
  });

  it('knows the loopback addresses', () => {
    expect(
      ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'].every(isLoopbackHost),
    ).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'localhost.example.ru', ''].some(isLoopbackHost)).toBe(false);
  });
});

describe('variables read outside the Nest configuration', () => {
  it('refuses a WORKFLOWS_PATH that does not exist, at start and where the worker bundles', () => {
    const bad = { ...valid, WORKFLOWS_PATH: '/nowhere/workflows/index.ts' };
    expect(() => validateEnvironment(bad)).toThrow(/WORKFLOWS_PATH: \/nowhere\/workflows\/index.ts does not exist/);
    expect(() => validateVariables(['WORKFLOWS_PATH'], bad)).toThrow(/WORKFLOWS_PATH: .* does not exist/);
    expect(validateVariables(['WORKFLOWS_PATH'], { WORKFLOWS_PATH: __filename })).toMatchObject({
      WORKFLOWS_PATH: __filename,
    });
  });

  it('accepts WORKFLOW_STACK_TRACES on or off only', () => {
    expect(() => validateEnvironment({ ...valid, WORKFLOW_STACK_TRACES: 'yes' })).toThrow(
      /WORKFLOW_STACK_TRACES: WORKFLOW_STACK_TRACES must be one of the following values: on, off/,
    );
    expect(() => validateVariables(['WORKFLOW_STACK_TRACES'], { WORKFLOW_STACK_TRACES: 'true' })).toThrow(
      /WORKFLOW_STACK_TRACES/,
    );
    expect(validateVariables(['WORKFLOW_STACK_TRACES'], { WORKFLOW_STACK_TRACES: 'on' })).toMatchObject({
      WORKFLOW_STACK_TRACES: 'on',
    });
  });

  it('accepts CALENDAR_HORIZON_WARN_FROM as a real day of the year, 10-01 by default', () => {
    expect(validateVariables(['CALENDAR_HORIZON_WARN_FROM'], {})).toEqual(
      expect.objectContaining({ CALENDAR_HORIZON_WARN_FROM: '10-01' }),
    );
    expect(validateVariables(['CALENDAR_HORIZON_WARN_FROM'], { CALENDAR_HORIZON_WARN_FROM: '02-29' })).toMatchObject({
      CALENDAR_HORIZON_WARN_FROM: '02-29',
    });
    for (const bad of ['1 October', '10-1', '13-01', '02-30', '04-31', '2027-10-01']) {
      expect(() => validateEnvironment({ ...valid, CALENDAR_HORIZON_WARN_FROM: bad })).toThrow(
        /CALENDAR_HORIZON_WARN_FROM must be a day of the year as MM-DD/,
      );
    }
  });

  it('checks only the variables named, so the workflow bundle needs no database or Temporal address', () => {
    expect(() => validateVariables(['WORKFLOW_STACK_TRACES'], {})).not.toThrow();
    expect(() => validateVariables(['WORKFLOW_STACK_TRACES'], { LOG_LEVEL: 'loud' })).not.toThrow();
  });
});

describe('log lines', () => {
  it('are JSON unless LOG_PRETTY=true (npm start) asks for pino-pretty', () => {
    expect(logTransport(false)).toEqual({});
    expect(logTransport(true)).toMatchObject({ transport: { target: 'pino-pretty' } });
    expect(validateEnvironment({ ...valid, LOG_PRETTY: 'true' })).toMatchObject({ LOG_PRETTY: 'true' });
    expect(() => validateEnvironment({ ...valid, LOG_PRETTY: 'yes' })).toThrow(/LOG_PRETTY/);
  });
});
