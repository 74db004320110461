import { useState, type FormEvent } from 'react';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import { useOrganisationChoice } from '../../components/organisations';
import { PersonPicker } from '../../components/PersonPicker';
import { ConfirmDialog, DataTable, DoneBox, ErrorBox, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatInstant } from '../../format';
import { useSubmit } from '../../use-submit';
import {
  isRegionalOrganisationKind,
  type RegionalSpecialistRole,
} from '../../../../../libs/domain/src/organisation/organisation.events';
import type { RegionalSpecialistCandidate, RegionalSpecialistView } from '../../types';

const specialistRoleLabels: Record<RegionalSpecialistRole, string> = { tutor: 'Тьютор', methodologist: 'Методист' };

/**
 * «Региональные специалисты» (issue 18): a school's director or curator, the region's coordinator or an
 * administrator assigns a tutor or methodologist of a ЦНППМ / ИРО / municipal method centre to serve the school —
 * chosen by surname among that organisation's staff — and releases them. The specialist then works on the routes
 * of the school's teachers without a role in the school.
 */
export function RegionalSpecialists() {
  const session = useSession();
  // The organisations a regional specialist may serve: not the regional ones themselves.
  const schools = [...session.organisations.values()]
    .filter((o) => !isRegionalOrganisationKind(o.kind))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .map((o) => ({ id: o.organisationId, name: o.name }));
  const { organisationId, select } = useOrganisationChoice(schools);
  return (
    <section aria-labelledby="regional-title">
      <h1 id="regional-title">Региональные специалисты</h1>
      <p className="hint">
        Тьюторы и методисты ЦНППМ, ИРО и муниципальных методических центров, закреплённые за организацией, работают с
        ИОМ её педагогов без роли в самой организации.
      </p>
      {schools.length === 0 ? (
        <p className="empty">Нет организаций, за которыми можно закрепить специалистов.</p>
      ) : null}
      {select}
      {organisationId ? <ServedOrganisation key={organisationId} organisationId={organisationId} /> : null}
    </section>
  );
}

function ServedOrganisation({ organisationId }: { organisationId: string }) {
  const session = useSession();
  const specialists = usePaged<RegionalSpecialistView>(`/organisations/${organisationId}/regional-specialists`, []);
  const [releasing, setReleasing] = useState<RegionalSpecialistView | undefined>();
  const release = useSubmit();
  const zone = session.timeZoneOf(organisationId);
  const confirmRelease = () =>
    void release.submit(async () => {
      if (!releasing) return;
      await postJson(`/organisations/${organisationId}/regional-specialists/remove`, {
        personId: releasing.personId,
        role: releasing.role,
        regionalOrganisationId: releasing.regionalOrganisationId,
      });
      setReleasing(undefined);
      specialists.reload();
      return `${releasing.name ?? 'Специалист'} откреплён(а) от организации`;
    });
  const name = session.organisations.get(organisationId)?.name ?? 'организации';
  return (
    <>
      <section className="card" aria-labelledby="assigned-title">
        <h2 id="assigned-title">Закреплённые специалисты</h2>
        <ErrorBox error={specialists.error} />
        {!specialists.loaded && !specialists.error ? <Loading /> : null}
        {specialists.loaded && specialists.items.length === 0 ? (
          <p className="empty" role="status">
            За организацией пока не закреплён ни один региональный специалист.
          </p>
        ) : null}
        {specialists.items.length ? (
          <DataTable
            caption={`Специалисты, закреплённые за ${name}`}
            columns={['ФИО', 'Региональная организация', 'Роль', 'Закреплён(а)', 'Действия']}
          >
            {specialists.items.map((s) => (
              <tr key={`${s.personId}-${s.role}-${s.regionalOrganisationId}`}>
                <td>{s.name ?? 'Имя не указано'}</td>
                <td>{s.regionalOrganisationName ?? '—'}</td>
                <td>{specialistRoleLabels[s.role]}</td>
                <td>{formatInstant(s.assignedAt, zone)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setReleasing(s)}
                    aria-label={`Открепить: ${s.name ?? 'специалист'}, ${specialistRoleLabels[s.role].toLowerCase()}`}
                  >
                    Открепить
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        <ShowMore list={specialists} what="специалистов" />
        <ErrorBox error={release.error} title="Не откреплено" />
        <DoneBox done={release.done} />
      </section>
      <ConfirmDialog
        open={releasing !== undefined}
        title="Открепить специалиста?"
        confirm="Открепить"
        busy={release.busy}
        onConfirm={confirmRelease}
        onCancel={() => setReleasing(undefined)}
      >
        <p>
          {releasing?.name ?? 'Специалист'} ({releasing ? specialistRoleLabels[releasing.role].toLowerCase() : ''},{' '}
          {releasing?.regionalOrganisationName ?? 'региональная организация'}) больше не будет видеть ИОМ педагогов{' '}
          {name} и работать с ними. История маршрутов, где он(а) уже участвовал(а), сохранится.
        </p>
      </ConfirmDialog>
      <AssignSpecialist organisationId={organisationId} onAssigned={specialists.reload} />
    </>
  );
}

/** The candidate as the picker offers it: who, in which role, of which regional organisation. */
const candidateLine = (c: RegionalSpecialistCandidate) =>
  `${c.fullName} — ${specialistRoleLabels[c.role].toLowerCase()}, ${c.regionalOrganisationName}`;
const candidateKey = (c: RegionalSpecialistCandidate) => `${c.personId}-${c.role}-${c.regionalOrganisationId}`;

/** The picker searches the region's ЦНППМ, ИРО and methodical centres' tutors and methodologists by surname. */
function AssignSpecialist({ organisationId, onAssigned }: { organisationId: string; onAssigned: () => void }) {
  const [candidate, setCandidate] = useState<RegionalSpecialistCandidate | undefined>();
  const { submit: send, busy, error, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await postJson(`/organisations/${organisationId}/regional-specialists`, {
        personId: candidate?.personId,
        role: candidate?.role,
        regionalOrganisationId: candidate?.regionalOrganisationId,
      });
      setCandidate(undefined);
      onAssigned();
      return `${candidate?.fullName ?? 'Специалист'} закреплён(а) за организацией`;
    });
  };
  return (
    <section className="card" aria-labelledby="assign-title">
      <h2 id="assign-title">Закрепить специалиста</h2>
      <form onSubmit={submit} noValidate aria-label="Закрепить специалиста" className="form-grid">
        <PersonPicker<RegionalSpecialistCandidate>
          organisationId={organisationId}
          searchPath={`/organisations/${organisationId}/regional-specialists/candidates`}
          describe={candidateLine}
          keyOf={candidateKey}
          label="Специалист"
          field="personId"
          error={error}
          hint="Начните вводить фамилию: тьюторы и методисты региона"
          value={candidate}
          onChange={setCandidate}
        />
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Сохранение…' : 'Закрепить'}
          </button>
        </div>
        <ErrorBox error={error} title="Не закреплено" />
        <DoneBox done={done} />
      </form>
    </section>
  );
}
