/**
 * Correcting an approved personalised programme (002 §2 «планирование и коррекция»): the versions compared
 * side by side with who made each and when, the mentor's proposal of a new version (with the comment of a
 * returned one to rework), the commission head's or curator's decision on it; and the mentor's or a mentee's
 * written notice of ending the mentoring early (Labour Code art. 351.8). Before the first approval the same
 * forms serve the mentor's first programme (issue 26), named as such.
 */
import { useState, type FormEvent } from 'react';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import { CommandForm, InputField, SelectField, TextAreaField } from '../../components/ui';
import { usePersonLabel } from '../../components/people';
import { VersionComparison, type ComparedVersion } from '../../components/VersionComparison';
import { formatDay, formatInstant, formatLocalDate } from '../../format';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import type { Pair } from '../../types';
import { ProgrammeFields } from './ProgrammeFields';
import { approvedVersions, lines, programmeFields, programmeRows, type ProgrammeRow } from './programme-versions';

/** What a form calls once its command is sent: waits for the read model to show it, then says so. */
export type Done = (check: (p: Pair) => boolean, notice: string) => Promise<void>;

/** The name the pair's answer carries for a person beside the id, or the directory's. */
function usePairPerson(pair: Pair) {
  const label = usePersonLabel();
  return (id: string | undefined) => (id ? label(id, pair.names?.[id]) : '—');
}

/**
 * Every version of the programme, and the proposed correction beside the current version: who proposed and who
 * approved each, when, with the reason; the two chosen side by side with what changed highlighted.
 */
export function ProgrammeVersions({ pair }: { pair: Pair }) {
  const session = useSession();
  const person = usePairPerson(pair);
  const zone = session.timeZoneOf(pair.organisationId);
  const approved = approvedVersions(pair);
  const pending = pair.pendingCorrection;
  // A first programme awaiting decision has nothing to be compared with: the decision form shows it.
  if (approved.length < 2 && (!pending || approved.length === 0)) return null;
  const versions: ComparedVersion<ProgrammeRow>[] = approved.map((v) => ({
    label: `Версия ${v.version}: ${v.version === 1 ? 'утверждённая программа' : 'корректировка'}`,
    column: `Версия ${v.version}`,
    rows: programmeRows(v),
    about: [
      v.proposedBy
        ? `предложил(а) ${person(v.proposedBy)}${v.proposedAt ? ` ${formatInstant(v.proposedAt, zone)}` : ''}${v.reason ? ` («${v.reason}»)` : ''}`
        : '',
      `утвердил(а) ${person(v.approvedBy)} ${formatInstant(v.approvedAt, zone)}`,
      v.comment ? `комментарий: «${v.comment}»` : '',
    ]
      .filter(Boolean)
      .join('; '),
  }));
  if (pending) {
    versions.push({
      label: 'Предложенная корректировка',
      column: 'Предложено',
      rows: programmeRows(pending),
      about: `предложил(а) ${person(pending.proposedBy)} ${formatInstant(pending.proposedAt, zone)} («${pending.reason}»); ждёт решения`,
    });
  }
  return (
    <VersionComparison
      key={`${approved.length}-${pending?.correctionId ?? ''}`}
      id={`programme-versions-${pair.pairId}`}
      title="Версии персонализированной программы"
      tableLabel="Сравнение версий персонализированной программы"
      versions={versions}
      keyOf={(row) => row.key}
      fields={programmeFields}
    />
  );
}

interface Activity {
  title: string;
  plannedDate: string;
}

/** «Действует версия 1: предложил(а) Иванова М. П.; утвердил(а) Смирнова О. В. 03.12.2026». */
export function CurrentProgrammeVersion({ pair }: { pair: Pair }) {
  const session = useSession();
  const person = usePairPerson(pair);
  const current = approvedVersions(pair).at(-1);
  if (!current) return null;
  return (
    <p className="hint" data-testid="programme-version">
      {`Действует версия ${current.version}: ${current.proposedBy ? `предложил(а) ${person(current.proposedBy)}; ` : ''}утвердил(а) ${person(current.approvedBy)} ${formatDay(current.approvedAt, session.timeZoneOf(pair.organisationId))}${current.comment ? `; комментарий: «${current.comment}»` : ''}`}
    </p>
  );
}

/** The words of the mentor's proposal and its decision: a correction, or the first programme (formed pair). */
const wordsFor = (pair: Pair) =>
  pair.status === 'formed'
    ? {
        what: 'Программа',
        propose: 'Предложить программу',
        form: 'Предложение программы',
        reason: 'Пояснение к программе',
        reasonShown: 'Пояснение',
        proposed: 'Программа предложена: её рассмотрит руководитель методической комиссии или куратор',
        review: 'Рассмотреть предложенную программу',
        approved: 'Программа утверждена: пара/группа активна',
        returned: 'Программа возвращена наставнику с комментарием',
      }
    : {
        what: 'Корректировка',
        propose: 'Предложить корректировку',
        form: 'Корректировка программы',
        reason: 'Причина корректировки',
        reasonShown: 'Причина',
        proposed: 'Корректировка программы предложена: её рассмотрит руководитель методической комиссии или куратор',
        review: 'Рассмотреть корректировку программы',
        approved: 'Корректировка программы утверждена: действует новая версия',
        returned: 'Корректировка возвращена наставнику с комментарием',
      };

/**
 * The mentor proposes a new version of the approved programme with the reason; it starts from the returned
 * version when there is one (with the comment on what to rework), otherwise from the current programme, or,
 * for the first programme, empty.
 */
export function ProposeCorrection({ pair, onDone }: { pair: Pair; onDone: Done }) {
  const session = useSession();
  const person = usePairPerson(pair);
  const words = wordsFor(pair);
  const returned = pair.returnedCorrection;
  const base = returned ?? pair.personalProgramme;
  const { values, bind } = useFormValues({
    reason: returned?.reason ?? '',
    start: base?.start ?? '',
    end: base?.end ?? '',
    directions: (base?.directions ?? []).join('\n'),
    difficulties: (base?.difficulties ?? []).join('\n'),
  });
  const { reason, start, end, directions, difficulties } = values;
  const [activities, setActivities] = useState<Activity[]>(
    base?.activities.map(({ title, plannedDate }) => ({ title, plannedDate })) ?? [{ title: '', plannedDate: '' }],
  );
  const command = useSubmit();
  if (pair.pendingCorrection) {
    return (
      <p className="hint" data-testid="correction-pending">
        {`${words.what} предложена ${formatDay(pair.pendingCorrection.proposedAt, session.timeZoneOf(pair.organisationId))} и ждёт решения руководителя методической комиссии или куратора.`}
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`/pairs/${pair.pairId}/personal-programme/corrections`, {
        reason,
        start,
        end,
        directions: lines(directions),
        difficulties: lines(difficulties),
        activities,
      });
      await onDone((p) => p.pendingCorrection !== undefined, words.proposed);
    });
  };
  return (
    <>
      {returned ? (
        <p className="alert alert-warn" role="status" data-testid="correction-returned">
          {`${words.what} возвращена на доработку: «${returned.comment}» — ${person(returned.returnedBy)}, ${formatInstant(returned.returnedAt, session.timeZoneOf(pair.organisationId))}`}
        </p>
      ) : null}
      <details open={returned !== undefined}>
        <summary>{pair.status === 'formed' ? words.propose : 'Предложить корректировку программы'}</summary>
        <CommandForm
          command={command}
          onSubmit={submit}
          label={words.form}
          submit={words.propose}
          busyText="Отправка…"
          failed={`${words.what} не принята`}
        >
          <ProgrammeFields
            bind={bind}
            activities={activities}
            setActivities={setActivities}
            removable
            leading={<TextAreaField label={words.reason} required rows={2} {...bind('reason')} />}
          />
          <div className="actions">
            <button type="button" onClick={() => setActivities((all) => [...all, { title: '', plannedDate: '' }])}>
              Добавить мероприятие
            </button>
          </div>
        </CommandForm>
      </details>
    </>
  );
}

/** The commission head or the curator approves the mentor's corrected programme or returns it with a comment. */
export function DecideCorrection({ pair, onDone }: { pair: Pair; onDone: Done }) {
  const person = usePairPerson(pair);
  const words = wordsFor(pair);
  const proposed = pair.pendingCorrection!;
  const { values, bind } = useFormValues({ decision: 'approved' as 'approved' | 'returned', comment: '' });
  const { decision, comment } = values;
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`/pairs/${pair.pairId}/personal-programme/corrections/decision`, {
        correctionId: proposed.correctionId,
        decision,
        ...(comment.trim() ? { comment } : {}),
      });
      await onDone((p) => p.pendingCorrection === undefined, decision === 'approved' ? words.approved : words.returned);
    });
  };
  return (
    <CommandForm
      command={command}
      onSubmit={submit}
      label={words.review}
      className="form-grid"
      submit="Записать решение"
      busyText="Запись…"
      failed="Решение не принято"
    >
      <p className="hint">
        {`Предложил(а) ${person(proposed.proposedBy)}. ${words.reasonShown}: ${proposed.reason}. Срок: ${formatLocalDate(proposed.start)} — ${formatLocalDate(proposed.end)}. Направления: ${proposed.directions.join('; ')}. Мероприятия: ${proposed.activities.map((a) => `${a.title} (${formatLocalDate(a.plannedDate)})`).join('; ')}`}
      </p>
      <SelectField
        label="Решение"
        {...bind('decision')}
        options={[
          ['approved', 'Утвердить'],
          ['returned', 'Вернуть на доработку'],
        ]}
      />
      <TextAreaField
        label="Комментарий"
        {...bind('comment')}
        hint="Обязателен при возврате: что доработать"
        required={decision === 'returned'}
        rows={2}
      />
    </CommandForm>
  );
}

/** «Письменное заявление наставляемого от 02.11.2026: наставничество прекращается 09.11.2026». */
export const terminationNoticeText = (notice: NonNullable<Pair['terminationNotice']>) =>
  `Письменное заявление ${notice.givenByRole === 'mentor' ? 'наставника' : 'наставляемого'} от ${formatLocalDate(notice.noticeDate)}: наставничество прекращается ${formatLocalDate(notice.endsOn)}`;

/** The mentor's or a mentee's written notice of ending the mentoring early: at least 3 working days ahead. */
export function TerminationNoticeForm({ pair, onDone }: { pair: Pair; onDone: Done }) {
  const [noticeDate, setNoticeDate] = useState('');
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`/pairs/${pair.pairId}/termination-notice`, { noticeDate });
      await onDone(
        (p) => p.terminationNotice !== undefined,
        'Заявление подано: наставничество прекратится не ранее чем через 3 рабочих дня',
      );
    });
  };
  return (
    <CommandForm
      command={command}
      onSubmit={submit}
      label="Заявление о досрочном прекращении"
      className="form-grid"
      submit="Подать заявление"
      busyText="Отправка…"
      variant="danger"
      failed="Заявление не принято"
    >
      <p className="hint">
        Наставничество прекращается по письменному заявлению наставника или наставляемого не ранее чем через 3 рабочих
        дня после него (ст. 351.8 ТК РФ).
      </p>
      <InputField
        label="Дата письменного заявления"
        field="noticeDate"
        required
        type="date"
        value={noticeDate}
        onChange={setNoticeDate}
      />
    </CommandForm>
  );
}
