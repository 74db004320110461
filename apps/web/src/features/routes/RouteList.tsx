import { Link } from 'react-router';
import { useSession } from '../../auth';
import { PersonId } from '../../components/people';
import { Badge, ErrorBox, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatLocalDate } from '../../format';
import { routeStageLabels } from '../../labels';
import type { Route } from '../../types';

/** The routes the caller may see; `teacherId`: only that teacher's («Мой маршрут»). */
export function RouteList({
  teacherId,
  title = 'Индивидуальные образовательные маршруты',
}: { teacherId?: string; title?: string } = {}) {
  const session = useSession();
  const routes = usePaged<Route>(teacherId ? `/routes?teacherId=${encodeURIComponent(teacherId)}` : '/routes', []);
  return (
    <section aria-labelledby="routes-title">
      <h1 id="routes-title">{title}</h1>
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
