import { validateEnvironment } from './app.config';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/mentorflow',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  JWT_SECRET: 'a'.repeat(32),
};

describe('configuration validated at start', () => {
  it('fills defaults for what is not set', () => {
    expect(validateEnvironment(valid)).toMatchObject({ PORT: 3000, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'mentorflow' });
  });

  it('names every missing or invalid variable with its reason', () => {
    expect(() => validateEnvironment({ ...valid, DATABASE_URL: undefined, PORT: '70000', JWT_SECRET: 'short' })).toThrow(
      /DATABASE_URL[\s\S]*PORT[\s\S]*JWT_SECRET must be at least 32 characters/,
    );
  });

  it('reads numbers from their string form', () => {
    expect(validateEnvironment({ ...valid, PORT: '8080', PROJECTOR_POLL_MS: '25' })).toMatchObject({ PORT: 8080, PROJECTOR_POLL_MS: 25 });
  });
});
