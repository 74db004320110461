import { validateEnvironment } from './app.config';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/mentorflow',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  JWT_SECRET: 'a'.repeat(32),
  TEMPORAL_PAYLOAD_KEYS: `k:${'A'.repeat(43)}=`,
};

describe('NOTIFICATION_UNSUBSCRIBE_SECRET at start', () => {
  it('is required in production: without it anyone could forge the links that turn off a person’s mail', () => {
    expect(() => validateEnvironment({ ...valid, NODE_ENV: 'production' })).toThrow(
      /NOTIFICATION_UNSUBSCRIBE_SECRET is required when NODE_ENV=production/,
    );
    expect(
      validateEnvironment({ ...valid, NODE_ENV: 'production', NOTIFICATION_UNSUBSCRIBE_SECRET: 's'.repeat(32) })
        .NOTIFICATION_UNSUBSCRIBE_SECRET,
    ).toBe('s'.repeat(32));
  });

  it('is optional elsewhere (a development secret stands in) but, when given, must be long enough', () => {
    expect(validateEnvironment({ ...valid, NODE_ENV: 'development' }).NOTIFICATION_UNSUBSCRIBE_SECRET).toBeUndefined();
    expect(() => validateEnvironment({ ...valid, NOTIFICATION_UNSUBSCRIBE_SECRET: 'short' })).toThrow(
      /NOTIFICATION_UNSUBSCRIBE_SECRET must be at least 32 characters/,
    );
  });
});
