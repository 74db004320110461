/** The curator's and director's commands on pairs and groups: forming, approving, controls, replacement, termination. */
import { useEffect, useRef, useState, type ComponentProps, type FormEvent, type ReactNode } from 'react';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import {
  CommandForm,
  DoneBox,
  FoldedCommandForm,
  OptionalCommentField,
  InputField,
  labelledOptions,
  SelectField,
  TextAreaField,
} from '../../components/ui';
import { usePersonLabel } from '../../components/people';
import { PersonPicker } from '../../components/PersonPicker';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { readUntil } from '../../query';
import { PeriodicReports } from './PeriodicReports';
import { PairDocuments } from './PairDocuments';
import { formatLocalDate } from '../../format';
import { DecideCorrection, ProgrammeVersions, terminationNoticeText, type Done } from './ProgrammeCorrection';
import { lines } from './programme-versions';
import { personSearchKey } from '../../../../../libs/domain/src/person/person.card';
import { ProgrammeFields } from './ProgrammeFields';
import {
  finalControlOutcomeLabels,
  interimControlOutcomeLabels,
  mentorEligibilityWarningLabels,
  mentorReplacementReasonLabels,
  pairFormLabels,
  pairKindLabels,
  pairStatusLabels,
  taskStatusLabels,
} from '../../labels';
import type { MentorLoad, MentorReplacementReason, Pair, Participant, PersonListItem } from '../../types';

type PairForm = Pair['form'];

/** A pair's mentees with the names the API gave beside their ids (an older answer has ids only). */
export const menteesOf = (pair: Pair): NonNullable<Pair['mentees']> =>
  pair.mentees ?? pair.menteeIds.map((personId) => ({ personId }));

/** The name the participants list carries for a person, when it carries one. */
const nameIn = (participants: readonly Participant[], personId: string) =>
  participants.find((p) => p.personId === personId)?.name;
type PairKind = Pair['kind'];
const kinds = Object.keys(pairKindLabels) as PairKind[];

interface OrderValue {
  number: string;
  date: string;
  signedBy: string;
}
const blankOrder: OrderValue = { number: '', date: '', signedBy: '' };

/** The director's order: number, date and signatory, with the API's messages under `order.*`. */
function OrderFields({
  value,
  onChange,
  error,
  what,
}: {
  value: OrderValue;
  onChange: (v: OrderValue) => void;
  error: unknown;
  what: string;
}) {
  return (
    <fieldset className="form-grid">
      <legend>{what}</legend>
      <InputField
        label="Номер приказа"
        field="order.number"
        required
        error={error}
        value={value.number}
        onChange={(v) => onChange({ ...value, number: v })}
      />
      <InputField
        label="Дата приказа"
        field="order.date"
        error={error}
        required
        type="date"
        value={value.date}
        onChange={(v) => onChange({ ...value, date: v })}
      />
      <InputField
        label="Кем подписан приказ"
        field="order.signedBy"
        required
        error={error}
        value={value.signedBy}
        onChange={(v) => onChange({ ...value, signedBy: v })}
      />
    </fieldset>
  );
}

/** Today in the browser's calendar, and the same day a month on (month ends clamp): the default repeat control. */
const localToday = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
};
export const oneMonthAfter = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 0)).getUTCDate();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, Math.min(d.getUTCDate(), last)))
    .toISOString()
    .slice(0, 10);
};

/** Reads the pair until its read model shows the change (readUntil: the projection lags the command). */
export const waitForPair = (pairId: string, done: (p: Pair) => boolean, timeoutMs?: number): Promise<void> =>
  readUntil<Pair>(`/pairs/${pairId}`, done, { timeoutMs }).then(
    () => undefined,
    () => undefined,
  );

/** Up to this many mentees the list is short enough to read whole; beyond it a filter is offered. */
const MENTEES_WITHOUT_FILTER = 12;

/** Forming a pair or group: the director's order, the term and each participant's written consent; the mentor's load is shown before sending. */
export function FormPairForm({
  programmeId,
  participants,
  capacity,
  onFormed,
}: {
  programmeId: string;
  participants: Participant[];
  capacity: number;
  onFormed: () => Promise<void>;
}) {
  const label = usePersonLabel();
  const mentors = participants.filter((p) => p.role === 'mentor' && p.status === 'registered');
  const mentees = participants.filter((p) => p.role === 'mentee' && p.status === 'registered');
  const { values, set, bind } = useFormValues({
    form: 'teacherTeacher' as PairForm,
    mentorId: '',
    shortTermReason: '',
  });
  const { form, mentorId, shortTermReason } = values;
  // Kinds combine (002 §9.1.3: «как в одном виде, так и в комплексе»).
  const [chosenKinds, setChosenKinds] = useState<PairKind[]>(['traditional']);
  const toggleKind = (k: PairKind, on: boolean) =>
    setChosenKinds((all) => (on ? kinds.filter((x) => x === k || all.includes(x)) : all.filter((x) => x !== k)));
  const [menteeIds, setMenteeIds] = useState<string[]>([]);
  const [consents, setConsents] = useState<Record<string, string>>({});
  const [order, setOrder] = useState<OrderValue>(blankOrder);
  const [term, setTerm] = useState({ start: '', end: '' });
  const [load, setLoad] = useState<number | undefined>();
  const command = useSubmit();

  useEffect(() => {
    setLoad(undefined);
    if (!mentorId) return;
    let live = true;
    getJson<MentorLoad>(`/mentors/${mentorId}/load`)
      .then((l) => live && setLoad(l.load))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [mentorId]);

  // A college's programme may hold hundreds of mentees: the list is narrowed by any part of the name or position.
  const [menteeFilter, setMenteeFilter] = useState('');
  const filterKey = personSearchKey(menteeFilter);
  const shownMentees = mentees.filter(
    (m) =>
      menteeIds.includes(m.personId) ||
      personSearchKey(`${label(m.personId, m.name)} ${m.position}`).includes(filterKey),
  );

  const mentor = mentors.find((m) => m.personId === mentorId);
  const people = [
    ...(mentorId ? [{ id: mentorId, who: 'наставника' }] : []),
    ...menteeIds.map((id) => ({ id, who: 'наставляемого' })),
  ];
  const overloaded = load !== undefined && load + Math.max(1, menteeIds.length) > capacity;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      const result = await postJson<{ state: Pair }>(`/programmes/${programmeId}/pairs`, {
        form,
        kinds: chosenKinds,
        mentorId: mentorId || undefined,
        menteeIds,
        // Only dated consents are sent: a missing one comes back as an unmet condition naming the person.
        consents: people.filter((p) => consents[p.id]).map((p) => ({ personId: p.id, date: consents[p.id] })),
        order,
        term,
        ...(shortTermReason.trim() ? { shortTermReason } : {}),
      });
      await waitForPair(result.state.pairId, () => true);
      await onFormed();
      setMenteeIds([]);
      set('mentorId', '');
      return `${chosenKinds.includes('group') ? 'Группа закреплена' : 'Пара закреплена'} приказом № ${order.number}`;
    });
  };

  return (
    <details className="form-details" id="pair-form">
      <summary>Сформировать пару или группу</summary>
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Сформировать пару или группу"
        submit="Закрепить приказом"
        busyText="Закрепление…"
        failed="Закрепление отклонено"
      >
        {mentors.length === 0 || mentees.length === 0 ? (
          <p className="alert alert-warn">
            Сначала отберите в программу хотя бы одного наставника и одного наставляемого.
          </p>
        ) : null}
        <div className="form-grid">
          <SelectField label="Форма наставничества" {...bind('form')} options={labelledOptions(pairFormLabels)} />
          <fieldset aria-describedby="kinds-hint">
            <legend>Вид наставничества (можно несколько)</legend>
            <p className="hint" id="kinds-hint">
              Несколько наставляемых — только при наставничестве в группе
            </p>
            <ul className="checkbox-list">
              {kinds.map((k) => (
                <li key={k}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosenKinds.includes(k)}
                      onChange={(e) => toggleKind(k, e.target.checked)}
                    />
                    {pairKindLabels[k]}
                  </label>
                </li>
              ))}
            </ul>
            {command.error ? <FieldMessages error={command.error} field="kinds" /> : null}
          </fieldset>
          <SelectField
            label="Наставник"
            {...bind('mentorId')}
            empty="— выберите наставника —"
            options={mentors.map(
              (m) =>
                [
                  m.personId,
                  `${label(m.personId, m.name)} — ${m.position}${m.subject ? `, ${m.subject}` : ''}`,
                ] as const,
            )}
          />
        </div>
        {mentorId ? (
          <p className="hint" data-testid="mentor-load">
            Нагрузка наставника: {load === undefined ? '…' : `${load} из ${capacity}`}
            {overloaded ? (
              <span className="inline-warning"> Свободных мест нет: закрепление будет отклонено.</span>
            ) : null}
            {mentor?.eligibilityWarnings.length ? (
              <span className="inline-warning">
                {' '}
                {mentor.eligibilityWarnings
                  .map((w) => mentorEligibilityWarningLabels[w as keyof typeof mentorEligibilityWarningLabels] ?? w)
                  .join('; ')}{' '}
                — будет отмечено в решении.
              </span>
            ) : null}
          </p>
        ) : null}
        <fieldset>
          <legend>Наставляемые</legend>
          {mentees.length > MENTEES_WITHOUT_FILTER ? (
            <InputField
              label="Найти наставляемого"
              field="menteeFilter"
              type="search"
              hint={`Показано ${shownMentees.length} из ${mentees.length}; отмеченные остаются в списке`}
              value={menteeFilter}
              onChange={setMenteeFilter}
            />
          ) : null}
          <ul className="checkbox-list">
            {shownMentees.map((m) => (
              <li key={m.participantId}>
                <label>
                  <input
                    type="checkbox"
                    checked={menteeIds.includes(m.personId)}
                    onChange={(e) =>
                      setMenteeIds((all) =>
                        e.target.checked ? [...all, m.personId] : all.filter((id) => id !== m.personId),
                      )
                    }
                  />
                  {label(m.personId, m.name)} — {m.position}
                </label>
              </li>
            ))}
          </ul>
          {command.error ? <FieldMessages error={command.error} field="menteeIds" /> : null}
        </fieldset>
        {people.length ? (
          <fieldset className="form-grid">
            <legend>Письменные согласия</legend>
            {people.map((p) => (
              <InputField
                key={p.id}
                label={`Дата согласия ${p.who} ${label(p.id, nameIn(participants, p.id))}`}
                field={`consents.${people.indexOf(p)}.date`}
                type="date"
                value={consents[p.id] ?? ''}
                onChange={(v) => setConsents((all) => ({ ...all, [p.id]: v }))}
              />
            ))}
          </fieldset>
        ) : null}
        <OrderFields value={order} onChange={setOrder} error={command.error} what="Приказ руководителя о закреплении" />
        <fieldset className="form-grid">
          <legend>Срок наставничества</legend>
          <InputField
            label="Начало"
            field="term.start"
            required
            type="date"
            value={term.start}
            onChange={(v) => setTerm({ ...term, start: v })}
          />
          <InputField
            label="Окончание"
            field="term.end"
            hint="Как правило, не менее года"
            required
            type="date"
            value={term.end}
            onChange={(v) => setTerm({ ...term, end: v })}
          />
          <InputField label="Причина срока короче года (если короче)" {...bind('shortTermReason')} />
        </fieldset>
      </CommandForm>
    </details>
  );
}

function FieldMessages({ error, field }: { error: unknown; field: string }) {
  const messages =
    error && typeof error === 'object' && 'fieldMessages' in error
      ? (error as { fieldMessages(f: string): string[] }).fieldMessages(field)
      : [];
  return messages.length ? <small className="field-error">{[...new Set(messages)].join('; ')}</small> : null;
}

export const pairActions = ['approve', 'interim', 'correction', 'final', 'replace', 'terminate'] as const;
export type PairAction = (typeof pairActions)[number];

/** The commands one pair takes now, each shown only to the roles the API allows and only in the states it applies to. */
export function PairActions({
  pair,
  mentors,
  onChanged,
  open,
}: {
  pair: Pair;
  mentors: Participant[];
  onChanged: () => Promise<void>;
  open?: { action: PairAction; nonce: number };
}) {
  const session = useSession();
  const closed = pair.status === 'completed' || pair.status === 'terminated';
  const canApprove = session.has('curator', 'commissionHead', 'director', 'administrator');
  const canControl = session.has('curator', 'commissionHead', 'administrator');
  const isDirector = session.has('director', 'administrator');
  const interimTaskId = pair.controlPlan?.interimTaskIds.find(
    (id) => !pair.interimControls.some((c) => c.taskId === id),
  );
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const details = panel.current?.querySelector<HTMLDetailsElement>(`details[data-action="${open.action}"]`);
    if (!details) return;
    details.open = true;
    details.scrollIntoView({ behavior: 'smooth', block: 'start' });
    details.querySelector<HTMLElement>('input, select, textarea')?.focus({ preventScroll: true });
  }, [open]);

  // The notice lives here, not in the form: the form itself goes away once its command no longer applies.
  const [notice, setNotice] = useState<string | null>(null);
  const changed = async (done: (p: Pair) => boolean, text: string) => {
    await waitForPair(pair.pairId, done);
    setNotice(text);
    await onChanged();
  };
  const noticeBox = <DoneBox done={notice} />;

  if (closed) {
    return (
      <>
        {noticeBox}
        <p className="hint">
          {pairStatusLabels[pair.status]}
          {pair.termination
            ? `: ${pair.termination.reason}${pair.termination.order ? ` (приказ № ${pair.termination.order.number} от ${formatLocalDate(pair.termination.order.date)})` : ''}`
            : ''}
          {pair.finalControl ? `: ${finalControlOutcomeLabels[pair.finalControl.outcome]}` : ''}
        </p>
        <PairDocuments pair={pair} mentees={menteesOf(pair)} />
        <FinalReport pair={pair} />
        <ProgrammeVersions pair={pair} />
        <PeriodicReports pair={pair} />
      </>
    );
  }
  const items: ReactNode[] = [];
  if (pair.status === 'formed' && canApprove)
    items.push(<ApproveProgramme key="approve" pair={pair} onDone={changed} />);
  if (pair.status === 'active' && canControl && interimTaskId)
    items.push(<InterimControl key="interim" pair={pair} taskId={interimTaskId} onDone={changed} />);
  if (pair.status === 'active' && canControl && pair.controlPlan && !pair.finalControl)
    items.push(<FinalControl key="final" pair={pair} taskId={pair.controlPlan.finalTaskId} onDone={changed} />);
  // The mentor's first programme (a formed pair) is decided the way a correction is.
  if ((pair.status === 'active' || pair.status === 'formed') && canControl && pair.pendingCorrection)
    items.push(
      <ActionDetails
        key="correction"
        action="correction"
        title={pair.status === 'formed' ? 'Рассмотреть предложенную программу' : 'Рассмотреть корректировку программы'}
      >
        <DecideCorrection pair={pair} onDone={changed} />
      </ActionDetails>,
    );
  if (isDirector) {
    items.push(<ReplaceMentor key="replace" pair={pair} mentors={mentors} onDone={changed} />);
    items.push(<Terminate key="terminate" pair={pair} onDone={changed} />);
  }
  return (
    <div className="action-panel" ref={panel}>
      {noticeBox}
      {pair.interimControls.length ? (
        <p className="hint">
          Промежуточный контроль:{' '}
          {pair.interimControls.map((c) => `${interimControlOutcomeLabels[c.outcome]} (${c.comment})`).join('; ')}
        </p>
      ) : null}
      {pair.terminationNotice ? (
        <p className="alert alert-warn" data-testid="termination-notice">
          {terminationNoticeText(pair.terminationNotice)}
        </p>
      ) : null}
      <PairDocuments pair={pair} mentees={menteesOf(pair)} />
      <FinalReport pair={pair} />
      <ProgrammeVersions pair={pair} />
      <Assignments pair={pair} />
      <PeriodicReports pair={pair} />
      {items.length ? items : <p className="hint">Для вашей роли действий с этой парой нет.</p>}
    </div>
  );
}

function ActionDetails({ action, title, children }: { action: PairAction; title: string; children: ReactNode }) {
  return (
    <details data-action={action}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** One command on the pair, folded under its title, which also names the form; `send` posts and waits for the result. */
function ActionForm({
  action,
  title,
  command,
  send,
  ...form
}: {
  action: PairAction;
  title: string;
  command: ReturnType<typeof useSubmit>;
  send: () => Promise<void>;
} & Pick<
  ComponentProps<typeof FoldedCommandForm>,
  'className' | 'submit' | 'busyText' | 'variant' | 'failed' | 'children'
>) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await send();
      return '';
    });
  };
  return (
    <FoldedCommandForm
      title={title}
      details={{ 'data-action': action }}
      command={command}
      onSubmit={submit}
      {...form}
    />
  );
}

function ApproveProgramme({ pair, onDone }: { pair: Pair; onDone: Done }) {
  const session = useSession();
  const { values, bind } = useFormValues({ start: pair.term.start, end: '', directions: '', difficulties: '' });
  const { start, end, directions, difficulties } = values;
  const [activities, setActivities] = useState([{ title: '', plannedDate: '' }]);
  const [controllerRole, setControllerRole] = useState<'curator' | 'commissionHead'>(
    session.has('commissionHead') && !session.has('curator') ? 'commissionHead' : 'curator',
  );
  // Nobody chosen: the user controls the pair themselves.
  const [controller, setController] = useState<PersonListItem>();
  const command = useSubmit();

  const send = async () => {
    await postJson(`/pairs/${pair.pairId}/personal-programme`, {
      start,
      end,
      directions: lines(directions),
      difficulties: lines(difficulties),
      activities,
      controller: { personId: controller?.personId ?? session.me.sub, role: controllerRole },
    });
    await onDone(
      (p) => p.status === 'active',
      'Персонализированная программа утверждена: пара реализует программу, контрольные задачи поставлены',
    );
  };

  return (
    <ActionForm
      action="approve"
      title="Утвердить персонализированную программу"
      command={command}
      send={send}
      submit="Утвердить программу"
      busyText="Утверждение…"
      failed="Утверждение отклонено"
    >
      <ProgrammeFields bind={bind} activities={activities} setActivities={setActivities} />
      <fieldset className="form-grid">
        <legend>Кто проводит контроль</legend>
        <SelectField
          label="Роль контролирующего"
          field="controller.role"
          value={controllerRole}
          onChange={setControllerRole}
          options={[
            ['curator', 'Куратор'],
            ['commissionHead', 'Руководитель методической комиссии'],
          ]}
        />
        <PersonPicker
          organisationId={pair.organisationId}
          label="Контролирующий"
          field="controller.personId"
          hint="Начните вводить фамилию; если никого не выбрать — вы"
          value={controller}
          onChange={setController}
        />
      </fieldset>
      <div className="actions">
        <button type="button" onClick={() => setActivities((all) => [...all, { title: '', plannedDate: '' }])}>
          Добавить мероприятие
        </button>
      </div>
    </ActionForm>
  );
}

function InterimControl({ pair, taskId, onDone }: { pair: Pair; taskId: string; onDone: Done }) {
  const { values, bind } = useFormValues(() => ({
    outcome: 'passed' as 'passed' | 'needsCorrection',
    comment: '',
    repeatControlDate: oneMonthAfter(localToday()),
  }));
  const { outcome, comment, repeatControlDate } = values;
  const command = useSubmit();
  const before = pair.interimControls.length;
  const send = async () => {
    await postJson(`/pairs/${pair.pairId}/interim-control`, {
      taskId,
      outcome,
      comment,
      ...(outcome === 'needsCorrection' ? { repeatControlDate } : {}),
    });
    await onDone(
      (p) => p.interimControls.length > before,
      `Промежуточный контроль записан: ${interimControlOutcomeLabels[outcome].toLowerCase()}`,
    );
  };
  return (
    <ActionForm
      action="interim"
      title="Провести промежуточный контроль"
      command={command}
      send={send}
      className="form-grid"
      submit="Записать результат"
      busyText="Запись…"
      failed="Контроль не принят"
    >
      <SelectField
        label="Результат промежуточного контроля"
        {...bind('outcome')}
        options={labelledOptions(interimControlOutcomeLabels)}
      />
      <TextAreaField label="Комментарий контролирующего" rows={2} {...bind('comment')} />
      {outcome === 'needsCorrection' ? (
        <InputField
          label="Дата повторного промежуточного контроля"
          hint="К этой дате наставник представит корректировку программы"
          type="date"
          {...bind('repeatControlDate')}
        />
      ) : null}
    </ActionForm>
  );
}

function FinalControl({ pair, taskId, onDone }: { pair: Pair; taskId: string; onDone: Done }) {
  const { values, bind } = useFormValues({
    outcome: 'passed' as 'passed' | 'notPassed',
    mentorConclusion: pair.mentorFinalReport?.conclusion ?? '',
    proposals: pair.mentorFinalReport?.proposals ?? '',
    comment: '',
  });
  const { outcome, mentorConclusion, proposals, comment } = values;
  const command = useSubmit();
  const send = async () => {
    await postJson(`/pairs/${pair.pairId}/final-control`, {
      taskId,
      outcome,
      mentorConclusion,
      ...(proposals.trim() ? { proposals } : {}),
      ...(comment.trim() ? { comment } : {}),
    });
    // The control and the completion after it are two appends: the page waits for both, not showing the pair
    // still active without its control form.
    await onDone((p) => p.status === 'completed', 'Итоговый контроль проведён: пара завершила программу');
  };
  return (
    <ActionForm
      action="final"
      title="Провести итоговый контроль"
      command={command}
      send={send}
      className="form-grid"
      submit="Завершить итоговый контроль"
      busyText="Запись…"
      failed="Итоговый контроль не принят"
    >
      <SelectField label="Итог" {...bind('outcome')} options={labelledOptions(finalControlOutcomeLabels)} />
      <TextAreaField label="Заключение наставника об адаптации" rows={2} {...bind('mentorConclusion')} />
      <TextAreaField label="Предложения по дальнейшей работе (необязательно)" rows={2} {...bind('proposals')} />
      <OptionalCommentField {...bind('comment')} />
    </ActionForm>
  );
}

function ReplaceMentor({ pair, mentors, onDone }: { pair: Pair; mentors: Participant[]; onDone: Done }) {
  const label = usePersonLabel();
  const { values, bind } = useFormValues({ reason: '' as MentorReplacementReason | '', newMentorId: '' });
  const { reason, newMentorId } = values;
  const [consentDate, setConsentDate] = useState('');
  const [menteeConsents, setMenteeConsents] = useState<Record<string, string>>({});
  const [order, setOrder] = useState<OrderValue>(blankOrder);
  const command = useSubmit();
  const candidates = mentors.filter((m) => m.personId !== pair.mentorId && m.status === 'registered');
  const send = async () => {
    const { replacementId } = await postJson<{ replacementId: string }>(`/pairs/${pair.pairId}/replace-mentor`, {
      reason: reason || undefined,
      order,
      newMentorId: newMentorId || undefined,
      newMentorConsent: { personId: newMentorId || undefined, date: consentDate },
      // Only dated consents are sent: a missing one comes back naming the mentee (002 §4.5).
      menteeConsents: pair.menteeIds
        .filter((id) => menteeConsents[id])
        .map((id) => ({ personId: id, date: menteeConsents[id] })),
    });
    // Accepted (202): the workflow applies it, or records a rejection if the pair moved on meanwhile.
    await waitForPair(pair.pairId, (p) => p.replacementDecisions?.[replacementId] !== undefined);
    const after = await getJson<Pair>(`/pairs/${pair.pairId}`);
    if (after.replacementDecisions?.[replacementId] === 'rejected') {
      throw new Error(
        'Замена наставника отклонена: пара изменилась, пока заявка обрабатывалась. Обновите страницу и проверьте условия.',
      );
    }
    await onDone(() => true, `Наставник заменён по приказу № ${order.number}`);
  };
  return (
    <ActionForm
      action="replace"
      title="Заменить наставника"
      command={command}
      send={send}
      submit="Заменить наставника"
      busyText="Замена…"
      failed="Замена отклонена"
    >
      <div className="form-grid">
        <SelectField
          label="Основание замены"
          {...bind('reason')}
          required
          empty="— выберите основание —"
          options={labelledOptions(mentorReplacementReasonLabels)}
        />
        <SelectField
          label="Новый наставник"
          {...bind('newMentorId')}
          required
          hint="Из отобранных в программу наставников"
          empty="— выберите наставника —"
          options={candidates.map((m) => [m.personId, `${label(m.personId, m.name)} — ${m.position}`] as const)}
        />
        <InputField
          label="Дата согласия нового наставника"
          field="newMentorConsent.date"
          required
          type="date"
          value={consentDate}
          onChange={setConsentDate}
        />
        {menteesOf(pair).map(({ personId: id, name }, i) => (
          <InputField
            key={id}
            label={`Дата согласия наставляемого ${label(id, name)} на замену`}
            field={`menteeConsents.${i}.date`}
            type="date"
            value={menteeConsents[id] ?? ''}
            onChange={(v) => setMenteeConsents((all) => ({ ...all, [id]: v }))}
          />
        ))}
      </div>
      <OrderFields value={order} onChange={setOrder} error={command.error} what="Приказ о замене наставника" />
    </ActionForm>
  );
}

function Terminate({ pair, onDone }: { pair: Pair; onDone: Done }) {
  const [reason, setReason] = useState('');
  const [order, setOrder] = useState<OrderValue>(blankOrder);
  const command = useSubmit();
  const send = async () => {
    await postJson(`/pairs/${pair.pairId}/terminate`, { reason, order });
    await onDone((p) => p.status === 'terminated', 'Наставничество прекращено досрочно');
  };
  return (
    <ActionForm
      action="terminate"
      title="Прекратить наставничество досрочно"
      command={command}
      send={send}
      submit="Прекратить наставничество"
      busyText="Прекращение…"
      variant="danger"
      failed="Прекращение отклонено"
    >
      <TextAreaField label="Причина прекращения" field="reason" required rows={2} value={reason} onChange={setReason} />
      <OrderFields value={order} onChange={setOrder} error={command.error} what="Приказ о прекращении" />
    </ActionForm>
  );
}

/** The mentor's final report and the final control: the conclusion and the proposals for further work (002 §6.1.10). */
function FinalReport({ pair }: { pair: Pair }) {
  const report = pair.mentorFinalReport;
  const final = pair.finalControl;
  if (!report && !final) return null;
  return (
    <dl className="final-report" data-testid="final-report">
      {report ? (
        <>
          <dt>Заключение наставника</dt>
          <dd>{report.conclusion}</dd>
          {report.proposals ? (
            <>
              <dt>Предложения наставника по дальнейшей работе</dt>
              <dd>{report.proposals}</dd>
            </>
          ) : null}
        </>
      ) : null}
      {final ? (
        <>
          <dt>Итоговый контроль</dt>
          <dd>{`${finalControlOutcomeLabels[final.outcome]}: ${final.mentorConclusion}`}</dd>
          {final.proposals ? (
            <>
              <dt>Предложения по дальнейшей работе</dt>
              <dd>{final.proposals}</dd>
            </>
          ) : null}
        </>
      ) : null}
    </dl>
  );
}

/** The mentor's assignments (002 §6.1.6) under each activity of the programme: done, open or overdue. */
function Assignments({ pair }: { pair: Pair }) {
  const label = usePersonLabel();
  const assignments = pair.assignments ?? [];
  if (!assignments.length) return null;
  const activities = pair.personalProgramme?.activities ?? [];
  return (
    <details className="assignments" data-testid="assignments">
      <summary>Задания наставника ({assignments.length})</summary>
      <ul>
        {assignments.map((a) => (
          <li key={a.taskId}>
            {`${a.title} — ${label(a.menteeId, menteesOf(pair).find((m) => m.personId === a.menteeId)?.name)}, срок ${formatLocalDate(a.dueLocalDate)}: ${taskStatusLabels[pair.tasks?.[a.taskId]?.status ?? 'cancelled']}`}
            {a.activityIndex !== undefined && activities[a.activityIndex]
              ? ` (мероприятие «${activities[a.activityIndex]?.title}»)`
              : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
