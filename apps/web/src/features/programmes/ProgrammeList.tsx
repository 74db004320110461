import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../auth';
import { ErrorBox, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatInstant } from '../../format';
import { programmeStageLabels } from '../../labels';
import type { Programme } from '../../types';
import { StartProgramme } from './StartProgramme';

export function ProgrammeList() {
  const session = useSession();
  const programmes = usePaged<Programme>('/programmes', []);
  const canStart = session.has('director', 'administrator');
  const [starting, setStarting] = useState(false);
  const empty = programmes.loaded && programmes.items.length === 0;
  return (
    <section aria-labelledby="programmes-title">
      <h1 id="programmes-title">Программы наставничества</h1>
      <ErrorBox error={programmes.error} />
      {!programmes.loaded && !programmes.error ? <Loading /> : null}
      {empty ? <NoProgrammes /> : null}
      {canStart && !empty && !starting ? (
        <p className="actions">
          <button type="button" onClick={() => setStarting(true)}>
            Начать новую программу
          </button>
        </p>
      ) : null}
      {canStart && starting ? <StartProgramme /> : null}
      <ul className="card-list">
        {programmes.items.map((programme) => {
          const organisation = session.organisations.get(programme.organisationId);
          return (
            <li key={programme.programmeId} className="card">
              <h2>
                <Link to={`/programmes/${programme.programmeId}`}>{programme.title}</Link>
              </h2>
              <p>{organisation?.name ?? 'Организация'}</p>
              <p>
                Этап: <strong>{programmeStageLabels[programme.stage]}</strong> с{' '}
                {formatInstant(programme.stageEnteredAt, session.timeZoneOf(programme.organisationId))}
              </p>
            </li>
          );
        })}
      </ul>
      <ShowMore list={programmes} what="программ" />
    </section>
  );
}

/** No programme yet: the director starts one here; others read who starts it (the list and the home page). */
export function NoProgrammes() {
  const session = useSession();
  const canStart = session.has('director', 'administrator');
  return (
    <>
      <p className="empty">
        {canStart
          ? 'Программ пока нет: начните программу наставничества организации.'
          : 'Программ пока нет: её начинает руководитель организации — когда он начнёт программу, она появится здесь.'}
      </p>
      {canStart ? <StartProgramme /> : null}
    </>
  );
}
