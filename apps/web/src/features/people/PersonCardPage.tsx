import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { getJson, postJson, sendJson } from '../../api';
import { useSession } from '../../auth';
import { NoConsentFlag, PersonId, usePeople } from '../../components/people';
import { Badge, DoneBox, ErrorBox, Field, InputField, Loading, useLoad } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { formatDay, formatInstant, formatLocalDate, formatNumericDate } from '../../format';
import { roleLabels } from '../../labels';
import {
  employmentStatusLabels,
  personCardFacts,
  personFieldLabels,
  qualificationCategoryLabels,
  type PersonCardField,
} from '../../../../../libs/domain/src/person/person.card';
import type { PersonCardView, Role } from '../../types';
import { CardFields, EmploymentFields } from './person-form';
import { CardReads, PersonPrivacy } from './PersonPrivacy';
import { IncentiveList } from '../incentives/IncentiveList';
import { trainingFieldLabels } from '../../../../../libs/domain/src/person/person.training';
import { PersonTrainings } from './PersonTrainings';
import {
  cardBody,
  cardValuesOf,
  clearedFields,
  employmentBody,
  type CardValues,
  type EmploymentValues,
} from './person-values';

const shown = (field: PersonCardField, view: PersonCardView): string | undefined => {
  const value = view[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (field === 'category') return qualificationCategoryLabels[value as keyof typeof qualificationCategoryLabels];
  if (field === 'lastAttestationDate' || field === 'birthDate') return formatLocalDate(String(value));
  return String(value);
};

/** A person's card: who they are, where they work, their consent to the processing of personal data, its history. */
export function PersonCardPage() {
  const { personId = '' } = useParams();
  const card = useLoad(() => getJson<PersonCardView>(`/people/${personId}`), [personId]);
  const { refresh } = usePeople();
  const session = useSession();
  // Each change is an event of the person's stream written with the row: the history is read again with the card.
  const [revision, setRevision] = useState(0);
  const changed = () => {
    card.reload();
    refresh();
    setRevision((r) => r + 1);
  };
  if (card.error) return <ErrorBox error={card.error} />;
  if (!card.data) return <Loading what="Загрузка карточки" />;
  const view = card.data;
  const zone = session.timeZoneOf(view.employments[0]?.organisationId);
  const isAdministrator = session.has('administrator');
  const facts = personCardFacts.flatMap((field) => {
    const value = shown(field, view);
    return value === undefined ? [] : [[field, value] as const];
  });
  return (
    <section aria-labelledby="person-title" className="person-card">
      <p>
        <Link to="/people">← Сотрудники</Link>
      </p>
      {/* A depersonalised person has no name left to show: the card says when they lost it. */}
      <h1 id="person-title">
        {view.depersonalised ? `Обезличен(а) ${formatDay(view.depersonalisedAt, zone)}` : view.fullName}
      </h1>
      {view.depersonalised ? <Badge tone="neutral">Персональные данные обезличены</Badge> : null}
      <section className="card" aria-labelledby="person-facts-title">
        <h2 id="person-facts-title">Карточка</h2>
        {facts.length ? (
          <dl>
            {facts.map(([field, value]) => (
              <div key={field} className="person-fact">
                <dt>{personFieldLabels[field]}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="empty">{view.depersonalised ? 'Сведения обезличены.' : 'Кроме ФИО, сведений нет.'}</p>
        )}
        {view.depersonalised ? null : <EditCard view={view} onChanged={changed} />}
      </section>
      <Consent view={view} onChanged={changed} />
      <Employments view={view} onChanged={changed} />
      {view.depersonalised ? null : <PersonTrainings view={view} onChanged={changed} />}
      {view.depersonalised ? null : <IncentiveList query={`personId=${view.personId}`} title="Поощрения" />}
      {isAdministrator ? <PersonPrivacy view={view} onChanged={changed} /> : null}
      {isAdministrator ? <CardReads key={`reads-${revision}`} personId={view.personId} timeZone={zone} /> : null}
      <PersonHistory key={revision} personId={view.personId} />
    </section>
  );
}

function EditCard({ view, onChanged }: { view: PersonCardView; onChanged: () => void }) {
  const [values, setValues] = useState<CardValues>(() => cardValuesOf(view));
  const { submit: send, busy, error, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      // A field emptied in the form is cleared (null); the others are sent as they stand.
      const cleared = clearedFields(cardValuesOf(view), values);
      await sendJson('PATCH', `/people/${view.personId}`, {
        ...cardBody(values),
        ...Object.fromEntries(cleared.map((k) => [k, null])),
      });
      onChanged();
      return 'Карточка сохранена';
    });
  };
  return (
    <details className="form-details">
      <summary>Изменить карточку</summary>
      <form onSubmit={submit} noValidate aria-label="Изменить карточку" className="form-grid">
        <CardFields values={values} onChange={setValues} error={error} />
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Сохранение…' : 'Сохранить'}
          </button>
        </div>
        <ErrorBox error={error} title="Карточка не сохранена" />
        <DoneBox done={done} />
      </form>
    </details>
  );
}

/** Consent to the processing of personal data (152-ФЗ): shown, recorded, withdrawn. */
function Consent({ view, onChanged }: { view: PersonCardView; onChanged: () => void }) {
  const { values, set, bind, reset } = useFormValues({ date: '', document: '' });
  const { date, document } = values;
  const { submit: send, busy, error, done } = useSubmit();
  const consent = view.consent;
  const given = consent && !consent.withdrawnOn;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      if (given) await postJson(`/people/${view.personId}/consent/withdrawal`, { date });
      else await postJson(`/people/${view.personId}/consent`, { date, document });
      reset();
      onChanged();
      return given ? 'Отзыв согласия записан' : 'Согласие записано';
    });
  };
  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 id="consent-title">Согласие на обработку персональных данных</h2>
      {consent ? (
        <p data-testid="consent">
          Получено {formatLocalDate(consent.date)}, документ: {consent.document}
          {consent.withdrawnOn ? `; отозвано ${formatLocalDate(consent.withdrawnOn)}` : ''}
        </p>
      ) : null}
      {given ? null : (
        <p>
          <NoConsentFlag />
        </p>
      )}
      {view.depersonalised ? null : (
        <form
          onSubmit={submit}
          noValidate
          aria-label={given ? 'Записать отзыв согласия' : 'Записать согласие'}
          className="form-grid"
        >
          <InputField
            label={given ? 'Дата отзыва согласия' : 'Дата согласия'}
            {...bind('date')}
            error={error}
            type="date"
          />
          {given ? null : (
            <Field label="Документ (реквизиты согласия)" field="document" error={error}>
              {(props) => <input {...props} value={document} onChange={(e) => set('document', e.target.value)} />}
            </Field>
          )}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {given ? 'Записать отзыв согласия' : 'Записать согласие'}
            </button>
          </div>
          <ErrorBox error={error} title="Не записано" />
          <DoneBox done={done} />
        </form>
      )}
    </section>
  );
}

function Employments({ view, onChanged }: { view: PersonCardView; onChanged: () => void }) {
  const session = useSession();
  return (
    <section className="card" aria-labelledby="employments-title">
      <h2 id="employments-title">Место работы</h2>
      {view.employments.length === 0 ? <p className="empty">Сведений о работе нет.</p> : null}
      <ul className="card-list">
        {view.employments.map((e) => (
          <li key={e.organisationId}>
            <h3>{e.organisationName ?? session.organisations.get(e.organisationId)?.name ?? 'Организация'}</h3>
            <p>
              {e.positions.join('; ') || 'Должность не указана'}
              {e.subjects.length ? ` (${e.subjects.join(', ')})` : ''}
              {e.personnelKey ? `, табельный № ${e.personnelKey}` : ''}
            </p>
            <p>
              {employmentStatusLabels[e.status] ?? e.status}
              {e.statusFrom ? ` с ${formatLocalDate(e.statusFrom)}` : ''}
              {e.statusTo ? ` по ${formatLocalDate(e.statusTo)}` : ''}
            </p>
            {view.depersonalised ? null : <EditEmployment view={view} employment={e} onChanged={onChanged} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EditEmployment({
  view,
  employment,
  onChanged,
}: {
  view: PersonCardView;
  employment: PersonCardView['employments'][number];
  onChanged: () => void;
}) {
  const [values, setValues] = useState<EmploymentValues>(() => ({
    personnelKey: employment.personnelKey ?? '',
    positions: employment.positions.join('; '),
    subjects: employment.subjects.join(', '),
    status: employment.status,
    statusFrom: employment.statusFrom ?? '',
    statusTo: employment.statusTo ?? '',
  }));
  const { submit: send, busy, error, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await sendJson(
        'PUT',
        `/people/${view.personId}/employments/${employment.organisationId}`,
        employmentBody(values),
      );
      onChanged();
      return 'Сведения о работе сохранены';
    });
  };
  return (
    <details className="form-details">
      <summary>Изменить сведения о работе</summary>
      <form onSubmit={submit} noValidate aria-label="Изменить сведения о работе" className="form-grid">
        <EmploymentFields values={values} onChange={setValues} error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Сохранение…' : 'Сохранить'}
          </button>
        </div>
        <ErrorBox error={error} title="Не сохранено" />
        <DoneBox done={done} />
      </form>
    </details>
  );
}

interface PersonHistoryEntry {
  version: number;
  position: number;
  type: string;
  recordedAt: string;
  actorId: string;
  actorName?: string;
  role?: Role | 'system';
  data?: {
    fields?: string[];
    given?: boolean;
    status?: string;
    title?: string;
    meeting?: { date: string; minutesNumber: string };
  };
  /** The methodical association an association's event happened in (issue 28). */
  association?: { associationId: string; name: string };
}

const personEventLabels: Record<string, string> = {
  PersonRegistered: 'Сотрудник внесён в справочник',
  PersonCardChanged: 'Изменена карточка',
  PersonEmploymentChanged: 'Изменены сведения о работе',
  PersonConsentRecorded: 'Записано согласие на обработку ПДн',
  PersonDepersonalised: 'Персональные данные обезличены',
  PersonTrainingRecorded: 'Записаны сведения об обучении',
  PersonTrainingCorrected: 'Сведения об обучении исправлены',
};

/** What the person's history says of their part in a methodical association, the association named. */
function associationEntry(entry: PersonHistoryEntry, name: string): string {
  const association = `методического объединения «${name}»`;
  switch (entry.type) {
    case 'AssociationMemberAdded':
      return `Включение в состав ${association}`;
    case 'AssociationMemberRemoved':
      return `Исключение из состава ${association}`;
    case 'AssociationPlanItemAdded':
      return `Ответственный за мероприятие плана «${entry.data?.title ?? ''}» ${association}`;
    case 'AssociationMeetingHeld':
      return `Участие в заседании ${association}${
        entry.data?.meeting
          ? ` (протокол № ${entry.data.meeting.minutesNumber} от ${formatNumericDate(entry.data.meeting.date)})`
          : ''
      }`;
    default:
      return entry.type;
  }
}

/** Who changed which fields when (the person's own stream: names of fields, never values), and their part in associations. */
function PersonHistory({ personId }: { personId: string }) {
  const session = useSession();
  const history = useLoad(() => getJson<PersonHistoryEntry[]>(`/people/${personId}/history`), [personId]);
  if (history.error) return null; // Read only by those the API allows: the card stays useful without it.
  if (!history.data) return <Loading what="Загрузка истории" />;
  const zone = session.timeZoneOf(undefined);
  return (
    <section className="card" aria-labelledby="person-history-title">
      <h2 id="person-history-title">История изменений</h2>
      <ol className="person-history">
        {history.data.map((entry) => (
          <li key={entry.position}>
            <time dateTime={entry.recordedAt}>{formatInstant(entry.recordedAt, zone)}</time>{' '}
            <strong>
              {entry.association
                ? associationEntry(entry, entry.association.name)
                : entry.type === 'PersonConsentRecorded' && entry.data?.given === false
                  ? 'Записан отзыв согласия на обработку ПДн'
                  : (personEventLabels[entry.type] ?? entry.type)}
            </strong>
            {entry.data?.fields?.length
              ? `: ${entry.data.fields
                  .map((f) =>
                    entry.type === 'PersonTrainingCorrected'
                      ? (trainingFieldLabels[f] ?? f)
                      : (personFieldLabels[f as PersonCardField] ?? f),
                  )
                  .join(', ')}`
              : ''}
            {' — '}
            <PersonId id={entry.actorId} name={entry.actorName} />
            {entry.role && entry.role !== 'system' ? ` (${roleLabels[entry.role]})` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
