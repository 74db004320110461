import { Link, Navigate, useLocation } from 'react-router';
import { useSession } from '../../auth';
import { RegionDashboard } from './RegionDashboard';

/**
 * «Показатели»: a coordinator's region or municipality; a curator's or director's own organisation (a list to
 * choose from when they serve several).
 */
export function Dashboard() {
  const session = useSession();
  const { search } = useLocation();
  if (session.has('regionalCoordinator')) return <RegionDashboard />;
  const own = [
    ...new Set(
      session.me.assignments.flatMap((a) =>
        (a.role === 'curator' || a.role === 'director') && a.organisationId ? [a.organisationId] : [],
      ),
    ),
  ];
  if (own.length === 1) return <Navigate to={`/dashboard/organisations/${own[0]}${search}`} replace />;
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Показатели</h1>
      {own.length === 0 ? <p className="empty">Показатели доступны куратору, руководителю и координатору.</p> : null}
      <ul className="card-list">
        {own.map((id) => (
          <li key={id} className="card">
            <Link to={`/dashboard/organisations/${id}${search}`}>
              {session.organisations.get(id)?.name ?? 'Организация'}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
