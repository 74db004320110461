import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth, useSession } from '../../auth';
import { Loading } from '../../components/ui';

export function RequireSession({ children }: { children: ReactNode }) {
  const { session, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading what="Вход" />;
  if (!session) return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  return children;
}

/**
 * The first screen a role works in: curators and directors «Главная» (where their programme stands), administrators the audit (the organisations on an
 * empty system), municipal and regional coordinators «Показатели», a teacher her route, others their tasks.
 */
export function HomeRedirect() {
  const session = useSession();
  // On an empty system the administrator starts by registering an organisation: the list says so.
  if (session.has('administrator'))
    return <Navigate to={session.organisations.size === 0 ? '/organisations' : '/audit'} replace />;
  if (session.has('regionalCoordinator')) return <Navigate to="/dashboard" replace />;
  if (session.has('curator', 'director')) return <Navigate to="/home" replace />;
  if (session.roles.size === 1 && session.has('teacher')) return <Navigate to="/my-route" replace />;
  return <Navigate to="/tasks" replace />;
}
