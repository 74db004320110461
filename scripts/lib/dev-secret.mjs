import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The development JWT secret: JWT_SECRET if set, otherwise one generated once under .data/, so
 * `npm start` and `npm run token` agree without anyone choosing a secret.
 */
export function developmentJwtSecret(root) {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(root, '.data', 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The development key encrypting Temporal payloads: TEMPORAL_PAYLOAD_KEYS if set, otherwise one key
 * generated once under .data/ (losing it makes the local Temporal history unreadable, not the event store).
 */
export function developmentPayloadKeys(root) {
  if (process.env.TEMPORAL_PAYLOAD_KEYS) return process.env.TEMPORAL_PAYLOAD_KEYS;
  const file = path.join(root, '.data', 'dev-temporal-payload-key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `dev:${randomBytes(32).toString('base64')}`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
