import type { DirectoryUser } from '../users/user-directory';
import { administratorTokenCheck } from './administrator-token';
import { InvalidTokenError } from './token-verifier';

const user = (
  sub: string,
  roles: DirectoryUser['assignments'][number]['role'][],
  disabledAt: string | null = null,
): DirectoryUser => ({
  userId: `id-${sub}`,
  sub,
  fullName: sub,
  email: null,
  createdAt: '2026-01-01T00:00:00Z',
  disabledAt,
  assignments: roles.map((role, i) => ({
    role,
    assignmentId: `a${i}`,
    grantedAt: '2026-01-01T00:00:00Z',
    ...(role === 'administrator' ? {} : { organisationId: 'org' }),
  })),
});

describe('administrator token check (codec server)', () => {
  const users = [
    user('admin', ['administrator']),
    user('curator', ['curator', 'director']),
    user('retired', ['administrator'], '2026-02-01T00:00:00Z'),
  ];
  const verifier = {
    subjectOf: async (token: string) => {
      if (token.startsWith('valid-')) return token.slice('valid-'.length);
      if (token === 'broken') throw new Error('database down');
      throw new InvalidTokenError('bad signature');
    },
  };
  const check = administratorTokenCheck(verifier, {
    findBySubject: async (sub: string) => users.find((u) => u.sub === sub),
  });

  it('admits an administrator', async () => {
    expect(await check('Bearer valid-admin')).toEqual({ allowed: true, sub: 'admin' });
  });

  it('answers 401 without a Bearer token, with an invalid one, or for an unknown or disabled user', async () => {
    for (const header of [
      undefined,
      '',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer',
      'Bearer forged',
      'Bearer valid-nobody',
      'Bearer valid-retired',
      'bearer valid-admin',
    ]) {
      expect(await check(header)).toMatchObject({ allowed: false, status: 401 });
    }
  });

  it('answers 403 to a signed-in user without the administrator role', async () => {
    expect(await check('Bearer valid-curator')).toMatchObject({ allowed: false, status: 403 });
  });

  it('lets other failures surface instead of reading them as a bad token', async () => {
    await expect(check('Bearer broken')).rejects.toThrow('database down');
  });
});
