import { Link } from 'react-router';
import { useSession } from '../../auth';
import { PersonId } from '../../components/people';
import { Badge, ErrorBox, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatLocalDate } from '../../format';
import { routeStageLabels } from '../../labels';
import type { Route } from '../../types';

export function RouteList() {
  const session = useSession();
  const routes = usePaged<Route>('/routes', []);
  return (
    <section aria-labelledby="routes-title">
      <h1 id="routes-title">Индивидуальные образовательные маршруты</h1>
      <ErrorBox error={routes.error} />
      {!routes.loaded && !routes.error ? <Loading /> : null}
      {routes.loaded && routes.items.length === 0 ? <p className="empty">Маршрутов нет.</p> : null}
      <ul className="card-list">
        {routes.items.map((route) => (
          <li key={route.routeId} className="card">
            <h2>
              <Link to={`/routes/${route.routeId}`}>ИОМ {route.code}</Link>
            </h2>
            <p>
              Педагог: <PersonId id={route.participants.teacherId} name={route.teacherName} />
            </p>
            <p>
              {session.organisations.get(route.organisationId)?.name ?? ''} · этап «{routeStageLabels[route.stage]}»
            </p>
            <p>
              {formatLocalDate(route.titlePage.startDate)} — {formatLocalDate(route.titlePage.endDate)}{' '}
              {route.draft?.overdue && !route.draft.submittedAt ? <Badge tone="danger">Проект просрочен</Badge> : null}
            </p>
          </li>
        ))}
      </ul>
      <ShowMore list={routes} what="маршрутов" />
    </section>
  );
}
