import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, getJson, tokenStore } from './api';
import type { Assignment, Me, Organisation, Role } from './types';

interface Session {
  me: Me;
  roles: Set<Role>;
  organisations: Map<string, Organisation>;
  /** The organisation's zone, or Moscow time until it is known. */
  timeZoneOf(organisationId: string | undefined): string;
  has(...roles: Role[]): boolean;
}

interface AuthState {
  session: Session | null;
  loading: boolean;
  error: string | null;
  signIn(token: string, remember: boolean): Promise<void>;
  signOut(): void;
  /** Reads the user and the organisations again (after an organisation was registered or a role changed). */
  refresh(): Promise<Session | null>;
}

const AuthContext = createContext<AuthState | null>(null);
const DEFAULT_ZONE = 'Europe/Moscow';

/** The token's claims, for an API without /me yet: roles and organisations come from the token itself. */
function meFromToken(token: string): Me {
  const payload = JSON.parse(atob(token.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? '')) as {
    sub: string;
    name?: string;
    roles?: Role[];
    organisationIds?: string[];
    region?: string;
    municipality?: string;
  };
  const organisationIds = payload.organisationIds ?? [];
  const assignments = (payload.roles ?? []).flatMap((role): Assignment[] =>
    organisationIds.length === 0 || role === 'administrator'
      ? [{ role, region: payload.region, municipality: payload.municipality }]
      : organisationIds.map((organisationId) => ({ role, organisationId })),
  );
  return { sub: payload.sub, fullName: payload.name, assignments };
}

async function loadSession(token: string): Promise<Session> {
  let me: Me;
  try {
    me = await getJson<Me>('/me');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    me = meFromToken(token);
  }
  const organisations = new Map<string, Organisation>();
  try {
    for (const organisation of await getJson<Organisation[]>('/organisations?limit=100'))
      organisations.set(organisation.organisationId, organisation);
  } catch {
    // Names and zones are a convenience: screens still work with ids and Moscow time.
  }
  const roles = new Set(me.assignments.map((a) => a.role));
  return {
    me,
    roles,
    organisations,
    timeZoneOf: (id) => (id ? organisations.get(id)?.timeZone : undefined) ?? DEFAULT_ZONE,
    has: (...wanted) => wanted.some((role) => roles.has(role)),
  };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(() => tokenStore.get() !== null);
  const [error, setError] = useState<string | null>(null);

  const signOut = useCallback(() => {
    tokenStore.clear();
    setSession(null);
  }, []);

  const signIn = useCallback(async (token: string, remember: boolean) => {
    tokenStore.set(token, remember);
    setLoading(true);
    setError(null);
    try {
      setSession(await loadSession(token));
    } catch (e) {
      tokenStore.clear();
      setSession(null);
      const message =
        e instanceof ApiError
          ? e.status === 401
            ? 'Токен недействителен или истёк'
            : e.message
          : 'Токен не распознан';
      setError(message);
      throw new Error(message);
    } finally {
      setLoading(false);
    }
  }, []);

  const refresh = useCallback(async () => {
    const token = tokenStore.get();
    if (!token) return null;
    const fresh = await loadSession(token);
    setSession(fresh);
    return fresh;
  }, []);

  useEffect(() => {
    const token = tokenStore.get();
    if (!token) return;
    loadSession(token)
      .then(setSession)
      .catch(() => {
        tokenStore.clear();
        setError('Сеанс истёк: войдите снова');
      })
      .finally(() => setLoading(false));
  }, []);

  const value = useMemo(
    () => ({ session, loading, error, signIn, signOut, refresh }),
    [session, loading, error, signIn, signOut, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** For screens behind RequireSession: the session is there. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
