import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import {
  DataTable,
  ErrorBox,
  InputField,
  labelledOptions,
  Loading,
  SelectField,
  ShowMore,
  SubmitButton,
  usePaged,
} from '../../components/ui';
import { PersonId } from '../../components/people';
import { PersonPicker } from '../../components/PersonPicker';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { CommissionMeetingForm, ParticipantStatusCell, WithdrawParticipant } from '../participants/ParticipantReview';
import { menteeCategoryLabels, mentorEligibilityWarningLabels, participantRoleLabels } from '../../labels';
import type { Participant, PersonCardView, PersonListItem } from '../../types';
import { useAnchor, useProgramme } from './programme-screens';

/** Mentors and mentees: the candidates, the commission's decisions, proposing one (its form on its button). */
export function ProgrammeParticipants() {
  const { programme, refreshChecklist } = useProgramme();
  const programmeId = programme.programmeId;
  const session = useSession();
  const participants = usePaged<Participant>(`/programmes/${programmeId}/participants`, [programmeId]);
  // The table may show one role only (the API filters, so every page holds it); the commission's form keeps all.
  const [shownRole, setShownRole] = useState<'' | 'mentor' | 'mentee'>('');
  const shown = usePaged<Participant>(
    `/programmes/${programmeId}/participants${shownRole ? `?role=${shownRole}` : ''}`,
    [programmeId],
  );
  // The checklist's «Отобрать наставника / наставляемого» names the role (?role=): the form opens on it.
  const [params] = useSearchParams();
  const asked = params.get('role');
  const [participantRole, setParticipantRole] = useState<'mentor' | 'mentee'>(asked === 'mentee' ? 'mentee' : 'mentor');
  // Opened once by the link; afterwards the user folds and unfolds it (the tab bar's link drops the query).
  const [openedByLink] = useState(asked !== null);
  const canManage = session.has('curator', 'administrator');
  // 002 §4.4: the commission head chairs the review of candidates; the curator or an administrator records it too.
  const canReview = session.has('commissionHead', 'curator', 'administrator');
  const canWithdraw = session.has('curator', 'commissionHead', 'director', 'administrator');
  // The inbox's «Перейти к заседанию комиссии» (#meeting-form-title) lands once the candidates are listed.
  useAnchor(participants.loaded);
  // The participants list is a projection that lags a command: read it until it shows the change.
  const reloadParticipants = () => void participants.awaitChange().then(shown.reload);

  return (
    <section aria-labelledby="participants-title" className="card">
      <h2 id="participants-title">Наставники и наставляемые</h2>
      {participants.items.length > 0 ? (
        <SelectField
          label="Показать"
          field="shownRole"
          value={shownRole}
          onChange={setShownRole}
          empty="Всех участников"
          options={[
            ['mentor', 'Только наставников'],
            ['mentee', 'Только наставляемых'],
          ]}
        />
      ) : null}
      <Participants
        list={shown}
        programmeId={programmeId}
        canWithdraw={canWithdraw}
        onWithdrawn={async () => {
          reloadParticipants();
          await refreshChecklist();
        }}
      />
      {canReview ? (
        <CommissionMeetingForm
          programmeId={programmeId}
          participants={participants.items}
          onRecorded={() => {
            reloadParticipants();
            void refreshChecklist();
          }}
        />
      ) : null}
      {canManage ? (
        <details className="form-details" id="participant-form" open={openedByLink}>
          <summary>Предложить кандидата</summary>
          <ParticipantForm
            programmeId={programmeId}
            organisationId={programme.organisationId}
            role={participantRole}
            onRole={setParticipantRole}
            onRegistered={async () => {
              await refreshChecklist();
              participants.reload();
              shown.reload();
            }}
          />
        </details>
      ) : null}
    </section>
  );
}

function Participants({
  list,
  programmeId,
  canWithdraw,
  onWithdrawn,
}: {
  list: ReturnType<typeof usePaged<Participant>>;
  programmeId: string;
  canWithdraw: boolean;
  onWithdrawn: () => Promise<void>;
}) {
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.loaded) return <Loading />;
  if (list.items.length === 0) return <p className="empty">Участники не отобраны.</p>;
  return (
    <>
      <DataTable
        caption="Кандидаты и отобранные участники"
        columns={[
          'Участник',
          'Роль',
          'Должность',
          'Стаж (общий / по предмету)',
          'Замечания',
          'Решение комиссии',
          ...(canWithdraw ? ['Действия'] : []),
        ]}
      >
        {list.items.map((p) => (
          <tr key={p.participantId}>
            <td>
              <PersonId id={p.personId} name={p.name} hasConsent={p.hasConsent} />
            </td>
            <td>
              {participantRoleLabels[p.role]}
              {p.menteeCategory
                ? ` — ${menteeCategoryLabels[p.menteeCategory as keyof typeof menteeCategoryLabels] ?? p.menteeCategory}`
                : ''}
            </td>
            <td>
              {p.position}
              {p.subject ? `, ${p.subject}` : ''}
            </td>
            <td>
              {p.teachingExperienceYears} / {p.subjectExperienceYears}
            </td>
            <td>
              {p.eligibilityWarnings
                .map((w) => mentorEligibilityWarningLabels[w as keyof typeof mentorEligibilityWarningLabels] ?? w)
                .join('; ') || '—'}
            </td>
            <td>
              <ParticipantStatusCell participant={p} />
            </td>
            {canWithdraw ? (
              <td>
                <WithdrawParticipant programmeId={programmeId} participant={p} onWithdrawn={() => void onWithdrawn()} />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <ShowMore list={list} what="участников" />
    </>
  );
}

function ParticipantForm({
  programmeId,
  organisationId,
  role,
  onRole,
  onRegistered,
}: {
  programmeId: string;
  organisationId: string;
  role: 'mentor' | 'mentee';
  onRole: (r: 'mentor' | 'mentee') => void;
  onRegistered: () => Promise<void>;
}) {
  const [person, setPerson] = useState<PersonListItem>();
  const { values, set, bind } = useFormValues({
    position: '',
    subject: '',
    teachingExperienceYears: '',
    subjectExperienceYears: '',
    menteeCategory: 'newSpecialist',
  });
  const { position, subject, teachingExperienceYears, subjectExperienceYears, menteeCategory } = values;
  const { submit: send, busy, error } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await postJson(`/programmes/${programmeId}/participants`, {
        personId: person?.personId,
        role,
        position,
        ...(subject ? { subject } : {}),
        teachingExperienceYears: teachingExperienceYears === '' ? undefined : Number(teachingExperienceYears),
        subjectExperienceYears: subjectExperienceYears === '' ? undefined : Number(subjectExperienceYears),
        ...(role === 'mentee' ? { menteeCategory } : {}),
      });
      await onRegistered();
      setPerson(undefined);
    });
  };

  // The directory fills in what it knows of the chosen person; the curator may still correct it.
  const choose = (chosen: PersonListItem | undefined) => {
    setPerson(chosen);
    if (!chosen) return;
    set('position', chosen.positions[0] ?? '');
    set('subject', chosen.subjects[0] ?? '');
    getJson<PersonCardView>(`/people/${chosen.personId}`).then(
      (card) => {
        set(
          'teachingExperienceYears',
          card.teachingExperienceYears === undefined ? '' : String(card.teachingExperienceYears),
        );
        set(
          'subjectExperienceYears',
          card.subjectExperienceYears === undefined ? '' : String(card.subjectExperienceYears),
        );
      },
      () => undefined,
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Предложить кандидата" className="form-grid">
      <p className="hint">Кандидат станет участником после решения методической комиссии (педагогического совета).</p>
      <SelectField
        label="Роль"
        field="role"
        error={error}
        value={role}
        onChange={onRole}
        options={labelledOptions(participantRoleLabels)}
      />
      <PersonPicker
        organisationId={organisationId}
        label="Сотрудник"
        field="personId"
        error={error}
        hint="Начните вводить фамилию: должность и стаж подставятся из справочника сотрудников"
        value={person}
        onChange={choose}
      />
      <InputField label="Должность" {...bind('position')} error={error} />
      <InputField label="Предмет (необязательно)" {...bind('subject')} error={error} />
      <YearsField label="Педагогический стаж, лет" {...bind('teachingExperienceYears')} error={error} />
      <YearsField label="Стаж по предмету, лет" {...bind('subjectExperienceYears')} error={error} />
      {role === 'mentee' ? (
        <SelectField
          label="Категория наставляемого"
          {...bind('menteeCategory')}
          error={error}
          options={labelledOptions(menteeCategoryLabels)}
        />
      ) : null}
      <div className="actions">
        <SubmitButton busy={busy} busyText="Сохранение…" variant="plain">
          Предложить
        </SubmitButton>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

/** Years of experience: a whole number, 0 or more, typed on a numeric keyboard. */
function YearsField({
  label,
  field,
  error,
  value,
  onChange,
}: {
  label: string;
  field: string;
  error: unknown;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <InputField
      label={label}
      field={field}
      error={error}
      type="number"
      min={0}
      inputMode="numeric"
      value={value}
      onChange={onChange}
    />
  );
}
