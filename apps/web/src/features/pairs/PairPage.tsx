/**
 * One pair's own screen (issue 26): the mentor's and the mentee's work through the pair's term — what is due,
 * the personalised programme with each activity's progress, the assignments, the periodic reports, the diary,
 * the mentee's reports and the mentor's final report. The commission head reads it and decides the reports.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { getJson } from '../../api';
import { useSession } from '../../auth';
import { Badge, DataTable, DoneBox, ErrorBox, Loading, useLoad } from '../../components/ui';
import { usePersonLabel } from '../../components/people';
import { formatDay, formatNumericDate } from '../../format';
import { pairStatusLabels, taskLabel, taskStatusLabels } from '../../labels';
import type { Pair } from '../../types';
import { menteesOf, waitForPair } from './PairForms';
import {
  CurrentProgrammeVersion,
  DecideCorrection,
  ProgrammeVersions,
  ProposeCorrection,
  TerminationNoticeForm,
  terminationNoticeText,
  type Done,
} from './ProgrammeCorrection';
import { PeriodicReports } from './PeriodicReports';
import { AssignmentForm, MentorFinalReportForm, PeriodicReportForm } from './PairWorkForms';
import { PairEntries } from './PairEntries';

interface Progress {
  assignments: { taskId: string; menteeId: string; title: string; dueLocalDate: string; status: string }[];
  activities: {
    index: number;
    title: string;
    plannedDate: string;
    status: 'planned' | 'inProgress' | 'done' | 'overdue';
  }[];
}

const activityStatusLabels: Record<Progress['activities'][number]['status'], string> = {
  planned: 'Запланировано',
  inProgress: 'В работе',
  done: 'Выполнено',
  overdue: 'Просрочено',
};

/** «Иванова М. П. — Петров И. С.»: the pair as its people know it. */
export function usePairName() {
  const label = usePersonLabel();
  return (pair: Pair) =>
    `${label(pair.mentorId, pair.mentorName)} — ${menteesOf(pair)
      .map((m) => label(m.personId, m.name))
      .join(', ')}`;
}

export function PairPage() {
  const { pairId = '' } = useParams();
  const { hash } = useLocation();
  const session = useSession();
  const label = usePersonLabel();
  const pairName = usePairName();
  const pair = useLoad(() => getJson<Pair>(`/pairs/${pairId}`), [pairId]);
  const progress = useLoad(() => getJson<Progress>(`/pairs/${pairId}/progress`), [pairId, pair.data?.version]);
  const loaded = pair.data !== undefined;
  // The notice lives on the page: the form that sent the command goes once it no longer applies.
  const [notice, setNotice] = useState<{ section: 'correction' | 'termination'; text: string } | null>(null);

  // The inbox links to a form on this page (#final-report, #periodic-report): open it once the pair is shown.
  useEffect(() => {
    if (!loaded || !hash) return;
    const target = document.getElementById(hash.slice(1));
    target?.scrollIntoView({ block: 'start' });
    target?.querySelector<HTMLElement>('input, select, textarea')?.focus({ preventScroll: true });
  }, [loaded, hash]);

  if (pair.error) return <ErrorBox error={pair.error} title="Пара не открылась" />;
  if (!pair.data) return <Loading what="Загрузка пары" />;
  const p = pair.data;
  const me = session.me.sub;
  const isMentor = p.mentorId === me;
  const isMentee = p.menteeIds.includes(me);
  const active = p.status === 'active';
  const due = Object.entries(p.tasks ?? {})
    .filter(([, t]) => (t.status === 'open' || t.status === 'overdue') && t.assignee?.personId === me)
    .sort(([, a], [, b]) => (a.dueLocalDate ?? '').localeCompare(b.dueLocalDate ?? ''));
  const programme = p.personalProgramme;
  const refresh = () => pair.reload();
  const changedIn =
    (section: 'correction' | 'termination'): Done =>
    async (done, text) => {
      await waitForPair(p.pairId, done);
      setNotice({ section, text });
      await pair.reload();
    };
  const noticeIn = (section: 'correction' | 'termination') => (
    <DoneBox done={notice?.section === section ? notice.text : null} />
  );
  const controls = session.has('curator', 'commissionHead', 'administrator');

  return (
    <section aria-labelledby="pair-title" className="pair-page">
      <p>
        <Link to="/pairs">← {isMentee && !isMentor ? 'Моя пара' : 'Все пары'}</Link>
      </p>
      <div className="page-head">
        <h1 id="pair-title">Пара: {pairName(p)}</h1>
        <Badge tone={active ? 'info' : 'neutral'}>{pairStatusLabels[p.status]}</Badge>
      </div>
      <dl className="facts">
        <div>
          <dt>Наставник</dt>
          <dd>{label(p.mentorId, p.mentorName)}</dd>
        </div>
        <div>
          <dt>{p.menteeIds.length > 1 ? 'Наставляемые' : 'Наставляемый'}</dt>
          <dd>
            {menteesOf(p)
              .map((m) => label(m.personId, m.name))
              .join(', ')}
          </dd>
        </div>
        <div>
          <dt>Срок наставничества</dt>
          <dd>{`${formatNumericDate(p.term.start)} — ${formatNumericDate(p.term.end)}`}</dd>
        </div>
        <div>
          <dt>Приказ</dt>
          <dd>{`№ ${p.order.number} от ${formatNumericDate(p.order.date)}`}</dd>
        </div>
      </dl>

      <section aria-labelledby="due-title">
        <h2 id="due-title">Что нужно сделать</h2>
        {due.length === 0 ? (
          <p className="empty">Открытых задач по этой паре у вас нет.</p>
        ) : (
          <ul className="due-list">
            {due.map(([taskId, t]) => (
              <li key={taskId}>
                {t.status === 'overdue' ? <Badge tone="danger">{taskStatusLabels.overdue}</Badge> : null}{' '}
                {t.kind && t.assignee ? taskLabel({ kind: t.kind, role: t.assignee.role }) : t.title}
                {t.dueLocalDate ? ` — до ${formatNumericDate(t.dueLocalDate)}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="programme-title">
        <h2 id="programme-title">Персонализированная программа</h2>
        {programme ? (
          <>
            <p>
              {`${formatNumericDate(programme.start)} — ${formatNumericDate(programme.end)}. Направления: ${programme.directions.join('; ')}.`}
            </p>
            <DataTable label="Мероприятия программы" columns={['Мероприятие', 'Дата', 'Ход']}>
              {(progress.data?.activities ?? []).map((a) => (
                <tr key={a.index}>
                  <td>{a.title}</td>
                  <td>{formatNumericDate(a.plannedDate)}</td>
                  <td>
                    <Badge tone={a.status === 'overdue' ? 'danger' : a.status === 'done' ? 'ok' : 'neutral'}>
                      {activityStatusLabels[a.status]}
                    </Badge>
                  </td>
                </tr>
              ))}
            </DataTable>
            <CurrentProgrammeVersion pair={p} />
          </>
        ) : (
          <p className="empty">Программа ещё не утверждена.</p>
        )}
        <ProgrammeVersions pair={p} />
      </section>

      {/* After a controller's decision its form goes; the section stays for the notice of what was done.
          Before the first approval the mentor proposes the programme here (issue 26). */}
      {((programme && active) || p.status === 'formed') &&
      (isMentor || (controls && (p.pendingCorrection || notice?.section === 'correction'))) ? (
        <section aria-labelledby="correction-title" id="programme-correction">
          <h2 id="correction-title">{active ? 'Корректировка программы' : 'Предложение программы'}</h2>
          {noticeIn('correction')}
          {isMentor ? (
            <ProposeCorrection
              key={`propose-${p.personalProgrammeVersions?.length ?? 1}-${p.returnedCorrection?.correctionId ?? ''}`}
              pair={p}
              onDone={changedIn('correction')}
            />
          ) : null}
          {controls && p.pendingCorrection ? (
            <DecideCorrection key={p.pendingCorrection.correctionId} pair={p} onDone={changedIn('correction')} />
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="assignments-title" id="assignments">
        <h2 id="assignments-title">Задания наставника</h2>
        {(progress.data?.assignments ?? []).length === 0 ? <p className="empty">Заданий пока нет.</p> : null}
        <ul>
          {(progress.data?.assignments ?? []).map((a) => (
            <li key={a.taskId}>
              {`${a.title} — ${label(a.menteeId, menteesOf(p).find((m) => m.personId === a.menteeId)?.name)}, срок ${formatNumericDate(a.dueLocalDate)}: ${taskStatusLabels[a.status as keyof typeof taskStatusLabels] ?? a.status}`}
            </li>
          ))}
        </ul>
        {isMentor && active ? <AssignmentForm pair={p} onDone={refresh} /> : null}
      </section>

      <section aria-labelledby="reports-title" id="periodic-report">
        <h2 id="reports-title">Периодические отчёты</h2>
        {(isMentor || isMentee) && active ? <PeriodicReportForm pair={p} onDone={refresh} /> : null}
        <PeriodicReports pair={p} open />
      </section>

      <PairEntries pair={p} isMentor={isMentor} isMentee={isMentee} />

      {p.terminationNotice || ((isMentor || isMentee) && active) ? (
        <section aria-labelledby="notice-title" id="termination-notice">
          <h2 id="notice-title">Досрочное прекращение наставничества</h2>
          {noticeIn('termination')}
          {p.terminationNotice ? (
            <p className="alert alert-warn" data-testid="termination-notice">
              {terminationNoticeText(p.terminationNotice)}
            </p>
          ) : (
            <TerminationNoticeForm pair={p} onDone={changedIn('termination')} />
          )}
        </section>
      ) : null}

      {isMentor || p.mentorFinalReport ? (
        <section aria-labelledby="final-report-title" id="final-report">
          <h2 id="final-report-title">Итоговый отчёт наставника</h2>
          {p.mentorFinalReport ? (
            <dl className="final-report" data-testid="mentor-final-report">
              <dt>Заключение об адаптации наставляемого</dt>
              <dd>{p.mentorFinalReport.conclusion}</dd>
              <dt>Предложения по дальнейшей работе</dt>
              <dd>{p.mentorFinalReport.proposals ?? '—'}</dd>
              <dt>Представлен</dt>
              <dd>{formatDay(p.mentorFinalReport.submittedAt, session.timeZoneOf(p.organisationId))}</dd>
            </dl>
          ) : isMentor && active && p.controlPlan?.mentorReportTaskId ? (
            <MentorFinalReportForm pair={p} taskId={p.controlPlan.mentorReportTaskId} onDone={refresh} />
          ) : (
            <p className="empty">Итоговый отчёт пишется к концу программы, когда наступит его срок.</p>
          )}
        </section>
      ) : null}
    </section>
  );
}
