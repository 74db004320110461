import { randomBytes } from 'node:crypto';
import { validateEnvironment } from './app.config';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/mentorflow',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  JWT_SECRET: 'a'.repeat(32),
  NOTIFICATION_UNSUBSCRIBE_SECRET: 'u'.repeat(32),
};
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('TEMPORAL_PAYLOAD_KEYS at start', () => {
  it('is required in production, so personal data never reaches Temporal unencrypted', () => {
    expect(() => validateEnvironment({ ...valid, NODE_ENV: 'production' })).toThrow(
      /TEMPORAL_PAYLOAD_KEYS is required when NODE_ENV=production/,
    );
    expect(
      validateEnvironment({ ...valid, NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS: `${key('2026')},${key('2025')}` })
        .TEMPORAL_PAYLOAD_KEYS,
    ).toMatch(/^2026:/);
  });

  it('is optional elsewhere but, when given, must be well-formed', () => {
    expect(validateEnvironment({ ...valid, NODE_ENV: 'development' }).TEMPORAL_PAYLOAD_KEYS).toBeUndefined();
    expect(() => validateEnvironment({ ...valid, TEMPORAL_PAYLOAD_KEYS: 'k1:c2hvcnQ=' })).toThrow(
      /TEMPORAL_PAYLOAD_KEYS must be keyId:base64key/,
    );
  });
});
