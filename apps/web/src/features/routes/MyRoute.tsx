/** «Мой маршрут»: the signed-in teacher's own routes; with one route, straight to it. */
import { Navigate } from 'react-router';
import { useSession } from '../../auth';
import { getJson } from '../../api';
import { ErrorBox, Loading, useLoad } from '../../components/ui';
import type { Route } from '../../types';
import { RouteList } from './RouteList';

export function MyRoute() {
  const { me } = useSession();
  const own = useLoad(() => getJson<Route[]>(`/routes?teacherId=${encodeURIComponent(me.sub)}&limit=2`), [me.sub]);
  if (own.error) return <ErrorBox error={own.error} />;
  if (!own.data) return <Loading what="Загрузка маршрута" />;
  const [only, ...more] = own.data;
  if (only !== undefined && more.length === 0) return <Navigate to={`/routes/${only.routeId}`} replace />;
  return <RouteList teacherId={me.sub} title="Мои маршруты" />;
}
