import { useState, type FormEvent } from 'react';
import { postJson } from '../../api';
import {
  Badge,
  DoneBox,
  ErrorBox,
  InputField,
  labelledOptions,
  SelectField,
  SubmitButton,
  TextAreaField,
} from '../../components/ui';
import { usePersonLabel } from '../../components/people';
import { formatLocalDate } from '../../format';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import {
  candidateDecisionLabels,
  participantRoleLabels,
  participantStatusLabels,
  reviewBodyLabels,
} from '../../labels';
import type { Participant } from '../../types';

type Status = keyof typeof participantStatusLabels;
type Decision = keyof typeof candidateDecisionLabels | '';

const statusTone: Readonly<Record<Status, 'ok' | 'warn' | 'danger' | 'neutral'>> = {
  proposed: 'warn',
  registered: 'ok',
  rejected: 'danger',
  withdrawn: 'neutral',
};

/** A participant's standing: the commission's decision with its minutes, or the withdrawal's reason. */
export function ParticipantStatusCell({ participant }: { participant: Participant }) {
  const status = participant.status as Status;
  const review = participant.review;
  return (
    <>
      <Badge tone={statusTone[status] ?? 'neutral'}>{participantStatusLabels[status] ?? participant.status}</Badge>
      {review ? (
        <small>
          {' '}
          {reviewBodyLabels[review.body]}, протокол № {review.minutesNumber} от {formatLocalDate(review.date)}
          {review.reason ? ` — ${review.reason}` : ''}
        </small>
      ) : null}
      {participant.withdrawalReason ? <small> — {participant.withdrawalReason}</small> : null}
    </>
  );
}

/** «Исключить»: withdraws a participant from the programme with the reason (WithdrawParticipant). */
export function WithdrawParticipant({
  programmeId,
  participant,
  onWithdrawn,
}: {
  programmeId: string;
  participant: Participant;
  onWithdrawn: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { submit: send, busy, error } = useSubmit();
  const label = usePersonLabel();
  if (participant.status === 'withdrawn') return null;
  if (!open) {
    return (
      // The name in aria-label, not a visually hidden span: an absolute span inside a scrolled table widens the page.
      <button
        type="button"
        className="button-link"
        aria-label={`Исключить ${label(participant.personId, participant.name)}`}
        onClick={() => setOpen(true)}
      >
        Исключить
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await postJson(`/programmes/${programmeId}/participants/${participant.participantId}/withdraw`, { reason });
      setOpen(false);
      onWithdrawn();
    });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Исключение участника ${label(participant.personId, participant.name)}`}
    >
      <InputField label="Причина выбытия" field="reason" error={error} value={reason} onChange={setReason} />
      <div className="actions">
        <SubmitButton busy={busy} busyText="Сохранение…" variant="plain">
          Исключить из программы
        </SubmitButton>
        <button type="button" className="button-link" onClick={() => setOpen(false)}>
          Отмена
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

/**
 * The meeting of the methodical commission (or pedagogical council) that reviews the candidates the
 * curator proposed (002 §4.4, §8.3): its date, the number of its minutes, who was present, and a
 * decision per candidate — approved, or rejected with the reason.
 */
export function CommissionMeetingForm({
  programmeId,
  participants,
  onRecorded,
}: {
  programmeId: string;
  participants: Participant[];
  onRecorded: () => void;
}) {
  const candidates = participants.filter((p) => p.status === 'proposed' || p.status === 'rejected');
  const { values, bind } = useFormValues({
    body: 'methodicalCommission' as keyof typeof reviewBodyLabels,
    date: '',
    minutesNumber: '',
    membersPresent: '',
  });
  const { body, date, minutesNumber, membersPresent } = values;
  const [decisions, setDecisions] = useState<Record<string, { decision: Decision; reason: string }>>({});
  const { submit: send, busy, error, done } = useSubmit();
  const label = usePersonLabel();

  if (candidates.length === 0) return <p className="empty">Нет кандидатов, ожидающих решения комиссии.</p>;

  const decide = (participantId: string, change: Partial<{ decision: Decision; reason: string }>) =>
    setDecisions((all) => ({
      ...all,
      [participantId]: { ...(all[participantId] ?? { decision: '', reason: '' }), ...change },
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      const chosen = Object.entries(decisions).filter(([, d]) => d.decision !== '');
      await postJson(`/programmes/${programmeId}/commission-meetings`, {
        body,
        date,
        minutesNumber,
        membersPresent: membersPresent
          .split('\n')
          .map((m) => m.trim())
          .filter(Boolean),
        decisions: chosen.map(([participantId, d]) => ({
          participantId,
          decision: d.decision,
          ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
        })),
      });
      setDecisions({});
      onRecorded();
      return `Решения заседания (протокол № ${minutesNumber}) внесены`;
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="meeting-form-title" className="form-grid">
      <h3 id="meeting-form-title">Заседание комиссии по кандидатам</h3>
      <SelectField
        label="Кто рассматривает"
        {...bind('body')}
        error={error}
        options={labelledOptions(reviewBodyLabels)}
      />
      <InputField label="Дата заседания" {...bind('date')} error={error} type="date" />
      <InputField label="Номер протокола" {...bind('minutesNumber')} error={error} />
      <TextAreaField label="Присутствовали (по одному в строке)" {...bind('membersPresent')} error={error} rows={3} />
      <fieldset>
        <legend>Решения по кандидатам</legend>
        {candidates.map((p) => {
          const current = decisions[p.participantId] ?? { decision: '', reason: '' };
          const who = `${participantRoleLabels[p.role]} ${label(p.personId, p.name)}`;
          return (
            <div key={p.participantId} className="form-grid">
              <SelectField
                label={`Решение: ${who}`}
                field={`decision-${p.participantId}`}
                value={current.decision}
                onChange={(decision) => decide(p.participantId, { decision })}
                empty="— не рассматривался —"
                options={labelledOptions(candidateDecisionLabels)}
              />
              <InputField
                label={`Причина: ${who}`}
                field={`reason-${p.participantId}`}
                value={current.reason}
                onChange={(v) => decide(p.participantId, { reason: v })}
              />
            </div>
          );
        })}
      </fieldset>
      <div className="actions">
        <SubmitButton busy={busy} busyText="Сохранение…" variant="plain">
          Внести решения комиссии
        </SubmitButton>
      </div>
      <ErrorBox error={error} title="Решения не внесены" />
      <DoneBox done={done} />
    </form>
  );
}

/** The organisation's mentor capacity (defect 4): the director, curator or administrator sets it. */
export function MentorCapacityForm({
  organisationId,
  capacity,
  onChanged,
}: {
  organisationId: string;
  capacity: number;
  onChanged: (capacity: number) => void;
}) {
  const [value, setValue] = useState(String(capacity));
  const { submit: send, busy, error, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      const state = await postJson<{ settings: { mentorCapacity: number } }>(
        `/organisations/${organisationId}/settings`,
        { mentorCapacity: value === '' ? undefined : Number(value) },
      );
      onChanged(state.settings.mentorCapacity);
      return `Наставник может сопровождать не более ${state.settings.mentorCapacity} наставляемых одновременно`;
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="capacity-form-title" className="form-grid">
      <h3 id="capacity-form-title">Наставляемых у одного наставника</h3>
      <InputField
        label="Не более одновременно"
        field="mentorCapacity"
        error={error}
        hint="По положению — не более двух; для наставничества в группе организация может увеличить"
        type="number"
        min={1}
        inputMode="numeric"
        value={value}
        onChange={setValue}
      />
      <div className="actions">
        <SubmitButton busy={busy} busyText="Сохранение…" variant="plain">
          Сохранить
        </SubmitButton>
      </div>
      <ErrorBox error={error} />
      <DoneBox done={done} />
    </form>
  );
}
