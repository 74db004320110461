/** 002 §2 «ИОМ наставляемого»: the links between a pair and its mentees' routes, shown on both pages. */
import { Link } from 'react-router';
import { getJson } from '../../api';
import { useLoad } from '../../components/ui';

/** On the pair's page: the routes linked to the pair (GET /pairs/:id answers them). */
export function PairRouteLinks({ pairId }: { pairId: string }) {
  const pair = useLoad(
    () =>
      getJson<{ menteeRoutes?: { routeId: string; code: string; teacherShortName?: string }[] }>(`/pairs/${pairId}`),
    [pairId],
  );
  const routes = pair.data?.menteeRoutes ?? [];
  if (routes.length === 0) return null;
  return (
    <p aria-label="ИОМ наставляемого">
      ИОМ наставляемого:{' '}
      {routes.map((route, i) => (
        <span key={route.routeId}>
          {i > 0 ? ', ' : ''}
          <Link to={`/routes/${route.routeId}`}>{route.code}</Link>
          {route.teacherShortName ? ` (${route.teacherShortName})` : ''}
        </span>
      ))}
    </p>
  );
}

/** On the route's page: the pair whose mentee's route it is. */
export function RoutePairLink({ pairId }: { pairId?: string }) {
  if (pairId === undefined) return null;
  return (
    <div>
      <dt>Наставническая пара</dt>
      <dd>
        <Link to={`/audit/${pairId}`}>ИОМ наставляемого этой пары — открыть пару</Link>
      </dd>
    </div>
  );
}
