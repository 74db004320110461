import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import { PersonPicker } from '../../components/PersonPicker';
import {
  ConfirmDialog,
  DataTable,
  DoneBox,
  ErrorBox,
  labelledOptions,
  Loading,
  SelectField,
  ShowMore,
  usePaged,
} from '../../components/ui';
import { formatInstant } from '../../format';
import { useSubmit } from '../../use-submit';
import {
  isRegionalOrganisationKind,
  type RegionalSpecialistRole,
} from '../../../../../libs/domain/src/organisation/organisation.events';
import { organisationKindLabels } from '../../../../../libs/domain/src/organisation/organisation.labels';
import type { PersonListItem, RegionalSpecialistView } from '../../types';

const specialistRoleLabels: Record<RegionalSpecialistRole, string> = { tutor: 'Тьютор', methodologist: 'Методист' };

/**
 * «Региональные специалисты» (issue 18): a school's director or curator, the region's coordinator or an
 * administrator assigns a tutor or methodologist of a ЦНППМ / ИРО / municipal method centre to serve the school —
 * chosen by surname among that organisation's staff — and releases them. The specialist then works on the routes
 * of the school's teachers without a role in the school.
 */
export function RegionalSpecialists() {
  const session = useSession();
  const all = [...session.organisations.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const schools = all.filter((o) => !isRegionalOrganisationKind(o.kind));
  const regional = all.filter((o) => isRegionalOrganisationKind(o.kind));
  const [params, setParams] = useSearchParams();
  const organisationId = params.get('organisation') ?? schools[0]?.organisationId ?? '';
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
      {schools.length > 1 ? (
        <SelectField
          label="Организация"
          field="organisation"
          value={organisationId}
          onChange={(id) => setParams({ organisation: id })}
          options={schools.map((o) => [o.organisationId, o.name] as const)}
        />
      ) : null}
      {organisationId ? (
        <ServedOrganisation key={organisationId} organisationId={organisationId} regional={regional} />
      ) : null}
    </section>
  );
}

function ServedOrganisation({
  organisationId,
  regional,
}: {
  organisationId: string;
  regional: { organisationId: string; name: string; kind: string }[];
}) {
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
      <AssignSpecialist organisationId={organisationId} regional={regional} onAssigned={specialists.reload} />
    </>
  );
}

function AssignSpecialist({
  organisationId,
  regional,
  onAssigned,
}: {
  organisationId: string;
  regional: { organisationId: string; name: string; kind: string }[];
  onAssigned: () => void;
}) {
  const [regionalOrganisationId, setRegionalOrganisationId] = useState(regional[0]?.organisationId ?? '');
  const [person, setPerson] = useState<PersonListItem | undefined>();
  const [role, setRole] = useState<RegionalSpecialistRole>('tutor');
  const { submit: send, busy, error, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await postJson(`/organisations/${organisationId}/regional-specialists`, {
        personId: person?.personId,
        role,
        regionalOrganisationId,
      });
      setPerson(undefined);
      onAssigned();
      return `${person?.fullName ?? 'Специалист'} закреплён(а) за организацией`;
    });
  };
  return (
    <section className="card" aria-labelledby="assign-title">
      <h2 id="assign-title">Закрепить специалиста</h2>
      {regional.length === 0 ? (
        <p className="empty">
          Вам не видна ни одна региональная организация (ЦНППМ, ИРО, методический центр): закрепить её специалиста может
          администратор.
        </p>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Закрепить специалиста" className="form-grid">
          <SelectField
            label="Региональная организация"
            field="regionalOrganisationId"
            error={error}
            value={regionalOrganisationId}
            onChange={(id) => {
              setRegionalOrganisationId(id);
              setPerson(undefined);
            }}
            options={regional.map(
              (o) =>
                [
                  o.organisationId,
                  `${o.name} (${organisationKindLabels[o.kind as keyof typeof organisationKindLabels] ?? o.kind})`,
                ] as const,
            )}
          />
          <PersonPicker
            key={regionalOrganisationId}
            organisationId={regionalOrganisationId}
            label="Специалист"
            field="personId"
            error={error}
            hint="Начните вводить фамилию сотрудника региональной организации"
            value={person}
            onChange={setPerson}
          />
          <SelectField
            label="Роль"
            field="role"
            error={error}
            value={role}
            onChange={setRole}
            options={labelledOptions(specialistRoleLabels)}
          />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {busy ? 'Сохранение…' : 'Закрепить'}
            </button>
          </div>
          <ErrorBox error={error} title="Не закреплено" />
          <DoneBox done={done} />
        </form>
      )}
    </section>
  );
}
