/** The pair's periodic reports (002 §6.1.9, §7.1.6) and the controllers' accept / return of a submitted one. */
import { useCallback, useEffect, useState } from 'react';
import { isAllowedFileRef } from '../../../../../libs/domain/src/shared/file-ref';
import type { periodicReportsOf, PeriodicReportStatus } from '../../../../../libs/domain/src/pair/pair.reports';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import { DoneBox, ErrorBox } from '../../components/ui';
import { usePersonLabel } from '../../components/people';
import { formatLocalDate } from '../../format';
import { useSubmit } from '../../use-submit';
import { readUntil } from '../../query';
import type { Pair } from '../../types';

/** A report as GET /pairs/:id/periodic-reports answers it: the domain's own answer, not a copy of its fields. */
type PeriodicReport = ReturnType<typeof periodicReportsOf>[number];

const statusLabels: Readonly<Record<PeriodicReportStatus, string>> = {
  pending: 'ожидается',
  overdue: 'просрочен',
  submitted: 'представлен',
  accepted: 'принят',
  returned: 'возвращён на доработку',
  cancelled: 'отменён',
};

/** `open`: the list shown unfolded (the pair's own page); by default only for those who decide the reports. */
export function PeriodicReports({ pair, open }: { pair: Pair; open?: boolean }) {
  const session = useSession();
  const label = usePersonLabel();
  const canDecide = session.has('curator', 'commissionHead', 'administrator') && pair.status === 'active';
  const [reports, setReports] = useState<PeriodicReport[]>([]);
  const [comments, setComments] = useState<Record<string, string>>({});
  const command = useSubmit();
  const { setError } = command;

  const load = useCallback(async () => {
    const body = await getJson<{ reports: PeriodicReport[] }>(`/pairs/${pair.pairId}/periodic-reports`);
    setReports(body.reports);
    return body.reports;
  }, [pair.pairId]);
  useEffect(() => {
    load().catch(setError);
  }, [load, setError, pair]);

  const decide = (report: PeriodicReport, decision: 'accepted' | 'returned') =>
    void command.submit(async () => {
      const comment = comments[report.taskId]?.trim();
      await postJson(`/pairs/${pair.pairId}/periodic-reports/decision`, {
        taskId: report.taskId,
        decision,
        ...(comment ? { comment } : {}),
      });
      // The list is a read model: read it until it shows the decision.
      const fresh = await readUntil<{ reports: PeriodicReport[] }>(
        `/pairs/${pair.pairId}/periodic-reports`,
        (body) => body.reports.find((r) => r.taskId === report.taskId)?.status === decision,
      );
      setReports(fresh.reports);
      return decision === 'accepted' ? 'Отчёт принят' : 'Отчёт возвращён автору на доработку';
    });

  if (!reports.length) return null;
  return (
    <details className="periodic-reports" data-testid="periodic-reports" open={open ?? canDecide}>
      <summary>Периодические отчёты ({reports.length})</summary>
      <DoneBox done={command.done} />
      <ErrorBox error={command.error} title="Решение по отчёту не принято" />
      <ul>
        {reports.map((r) => (
          <li key={r.taskId} data-testid={`periodic-report-${r.status}`}>
            {`${r.role === 'mentor' ? 'Отчёт наставника' : 'Отчёт наставляемого'} ${label(r.authorId, pair.names?.[r.authorId])} за период ${formatLocalDate(r.periodStart)} — ${formatLocalDate(r.periodEnd)}${r.dueLocalDate ? `, срок ${formatLocalDate(r.dueLocalDate)}` : ''}: ${statusLabels[r.status]}`}
            {r.text ? <blockquote>{r.text}</blockquote> : null}
            {r.fileRef && isAllowedFileRef(r.fileRef) ? (
              <a href={r.fileRef} target="_blank" rel="noreferrer noopener">
                Файл отчёта
              </a>
            ) : null}
            {r.comment ? <p className="hint">{`Комментарий: ${r.comment}`}</p> : null}
            {canDecide && r.status === 'submitted' ? (
              <div className="actions">
                <label>
                  Комментарий (обязателен при возврате)
                  <textarea
                    rows={2}
                    value={comments[r.taskId] ?? ''}
                    onChange={(e) => setComments({ ...comments, [r.taskId]: e.target.value })}
                  />
                </label>
                <button
                  type="button"
                  className="button-primary"
                  disabled={command.busy}
                  onClick={() => decide(r, 'accepted')}
                >
                  Принять отчёт
                </button>
                <button type="button" disabled={command.busy} onClick={() => decide(r, 'returned')}>
                  Вернуть на доработку
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
