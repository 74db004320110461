import { Link } from 'react-router';
import { useSession } from '../../auth';
import { ErrorBox, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatInstant } from '../../format';
import { programmeStageLabels } from '../../labels';
import type { Programme } from '../../types';

export function ProgrammeList() {
  const session = useSession();
  const programmes = usePaged<Programme>('/programmes', []);
  return (
    <section aria-labelledby="programmes-title">
      <h1 id="programmes-title">Программы наставничества</h1>
      <ErrorBox error={programmes.error} />
      {!programmes.loaded && !programmes.error ? <Loading /> : null}
      {programmes.loaded && programmes.items.length === 0 ? (
        <p className="empty">Программ пока нет: её начинает руководитель организации.</p>
      ) : null}
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
