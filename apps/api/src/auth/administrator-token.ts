import type { UserDirectory } from '../users/user-directory';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

export type AdministratorCheck =
  { allowed: true; sub: string } | { allowed: false; status: 401 | 403; message: string };

/**
 * The API's sign-in rule for callers outside Nest (the codec server): a bearer token the API's
 * TokenVerifier accepts (same secret or OIDC provider, issuer, audience, algorithms, expiry), whose
 * subject is a registered, not disabled user holding the administrator role — read from the database
 * on every call, as AuthGuard does, so a revoked role counts from the next request.
 */
export function administratorTokenCheck(
  verifier: Pick<TokenVerifier, 'subjectOf'>,
  directory: Pick<UserDirectory, 'findBySubject'>,
) {
  return async (authorization: string | undefined): Promise<AdministratorCheck> => {
    const [scheme, token, extra] = (authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token || extra !== undefined)
      return { allowed: false, status: 401, message: 'a Bearer token of an administrator is required' };
    let subject: string;
    try {
      subject = await verifier.subjectOf(token);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        return { allowed: false, status: 401, message: 'the token is invalid or expired' };
      throw error;
    }
    const user = await directory.findBySubject(subject);
    if (!user || user.disabledAt !== null)
      return { allowed: false, status: 401, message: 'the token’s user is not registered or is disabled' };
    if (!user.assignments.some((a) => a.role === 'administrator'))
      return { allowed: false, status: 403, message: 'only an administrator may use the codec server' };
    return { allowed: true, sub: user.sub };
  };
}
