import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe link turns off: one kind of notification, or the daily digest, for one person. */
export interface UnsubscribeClaim {
  personId: string;
  /** A notification kind (TaskRaised…) or `Digest`. */
  kind: string;
}

/** A link in an old letter still works for a year; after that the person signs in to change the setting. */
export const UNSUBSCRIBE_TOKEN_TTL_MS = 365 * 86_400_000;

const mac = (payload: string, secret: string): Buffer =>
  createHmac('sha256', secret).update(`mentorflow-unsubscribe:${payload}`).digest();

/**
 * `<base64url payload>.<base64url HMAC-SHA256>`: the person id, the kind and when it was issued, signed with
 * NOTIFICATION_UNSUBSCRIBE_SECRET, so the link works without signing in and cannot be changed to another
 * person or kind. Ids only: nothing personal in the URL.
 */
export function signUnsubscribeToken(claim: UnsubscribeClaim, secret: string, issuedAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ p: claim.personId, k: claim.kind, i: issuedAt.getTime() })).toString(
    'base64url',
  );
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

/** The claim of a token signed with `secret` and issued within the last year; undefined if tampered or expired. */
export function verifyUnsubscribeToken(token: string, secret: string, now: Date): UnsubscribeClaim | undefined {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const { p, k, i } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof p !== 'string' || typeof k !== 'string' || typeof i !== 'number') return undefined;
    if (i > now.getTime() + 60_000 || now.getTime() - i > UNSUBSCRIBE_TOKEN_TTL_MS) return undefined;
    return { personId: p, kind: k };
  } catch {
    return undefined;
  }
}

/** The API's page that reads the token: no sign-in, under PUBLIC_URL like the task links. */
export const unsubscribeLink = (publicUrl: string, token: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
