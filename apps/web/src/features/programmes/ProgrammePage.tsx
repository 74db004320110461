import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { getJson } from '../../api';
import { readUntil } from '../../query';
import { useSession } from '../../auth';
import { Badge, ErrorBox, Loading, useLoad } from '../../components/ui';
import type { Programme } from '../../types';
import { programmeScreens, type ProgrammeContext } from './programme-screens';

/**
 * A programme: its title and a bar of its screens (overview, documents, preparation, participants, pairs,
 * monitoring — issue 26: one screen per job instead of one long page), the chosen screen in the URL. The
 * programme is read once here and handed to the screens.
 */
export function ProgrammePage() {
  const { programmeId = '' } = useParams();
  const session = useSession();
  const [programme, setProgramme] = useState<Programme>();
  // Read again on every screen opened: what another screen changed (a pair, a participant) shows in the checklist.
  const { pathname } = useLocation();
  const loaded = useLoad(async () => {
    const value = await getJson<Programme>(`/programmes/${programmeId}`);
    setProgramme(value);
    return value;
  }, [programmeId, pathname]);

  if (loaded.error && !programme) return <ErrorBox error={loaded.error} />;
  if (!programme || programme.programmeId !== programmeId) return <Loading what="Загрузка программы" />;

  const zone = session.timeZoneOf(programme.organisationId);
  const organisation = session.organisations.get(programme.organisationId);
  const programmePath = `/programmes/${programmeId}`;
  const checklistCodes = (p: Programme) => (p.nextStageChecklist ?? []).map((c) => c.code).join();
  const context: ProgrammeContext = {
    programme,
    zone,
    refresh: async (version) => setProgramme(await readUntil<Programme>(programmePath, (p) => p.version >= version)),
    refreshChecklist: async () =>
      setProgramme(
        await readUntil<Programme>(programmePath, (p) => checklistCodes(p) !== checklistCodes(programme), {
          timeoutMs: 3000,
        }),
      ),
  };

  return (
    <article aria-labelledby="programme-title">
      <p className="breadcrumbs">
        <Link to="/programmes">Программы</Link> / {organisation?.name ?? 'Организация'}
      </p>
      <h1 id="programme-title">{programme.title}</h1>
      <p className="hint">
        Время — часовой пояс организации ({zone}).{' '}
        {programme.implementsTargetModel ? <Badge tone="ok">Организация внедряет целевую модель</Badge> : null}
      </p>
      <nav aria-label="Разделы программы" className="screen-tabs">
        <ul>
          {programmeScreens.map((screen) => (
            <li key={screen.path}>
              <NavLink to={screen.path ? `${programmePath}/${screen.path}` : programmePath} end>
                {screen.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={context} />
    </article>
  );
}
