/** The route's control points with what the monthly checks found (003 §7.1), and the tutor's check form. */
import { useState, type FormEvent } from 'react';
import { CommandForm, Field, InputField } from '../../components/ui';
import { formatLocalDate, todayIn } from '../../format';
import { useSession } from '../../auth';
import { useSubmit } from '../../use-submit';
import type { Route } from '../../types';

type Outcome = 'passed' | 'notPassed' | 'moved';

interface ControlPointCheck {
  controlPointId: string;
  date: string;
  outcome: Outcome;
  newDate?: string;
  reason?: string;
  month: string;
  checkedAt: string;
}

interface MissedControlPoint {
  controlPointId: string;
  date: string;
  cause: 'notPassed' | 'notChecked';
  detectedAt: string;
}

/** The read model's fields for monthly checks: absent on routes that never had one. */
export type RouteWithChecks = Route & {
  controlPointChecks?: ControlPointCheck[];
  missedControlPoints?: MissedControlPoint[];
};

const outcomeLabels: Record<Outcome, string> = {
  passed: 'Пройдена',
  notPassed: 'Не пройдена',
  moved: 'Перенесена',
};

const missedLabels: Record<MissedControlPoint['cause'], string> = {
  notPassed: 'не пройдена',
  notChecked: 'не проверена в свой месяц',
};

export function ControlPointList({ route }: { route: RouteWithChecks }) {
  if (route.controlPoints.length === 0) return null;
  const checks = route.controlPointChecks ?? [];
  const missed = route.missedControlPoints ?? [];
  return (
    <>
      <h3>Контрольные точки</h3>
      {missed.length ? (
        <div className="alert alert-warn" role="status" aria-label="Пропущенные контрольные точки">
          <strong>Пропущенные контрольные точки:</strong>
          <ul>
            {missed.map((m) => (
              <li key={`${m.controlPointId}-${m.date}-${m.cause}`}>
                {route.controlPoints.find((p) => p.controlPointId === m.controlPointId)?.description ??
                  m.controlPointId}{' '}
                ({formatLocalDate(m.date)}) — {missedLabels[m.cause]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul>
        {route.controlPoints.map((c) => {
          const own = checks.filter((check) => check.controlPointId === c.controlPointId);
          return (
            <li key={c.controlPointId}>
              {formatLocalDate(c.date)} — {c.description}
              {own.map((check) => (
                <small key={`${check.checkedAt}-${check.date}`}>
                  {' '}
                  [{outcomeLabels[check.outcome]}
                  {check.newDate ? ` на ${formatLocalDate(check.newDate)}` : ''}
                  {check.reason ? `: ${check.reason}` : ''}]
                </small>
              ))}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The tutor's monthly check: one outcome per control point due in the month and not yet settled. */
export function ControlPointCheckForm({
  route,
  send,
  onDone,
}: {
  route: RouteWithChecks;
  send: (body: unknown) => Promise<void>;
  onDone: () => void;
}) {
  const session = useSession();
  const [month, setMonth] = useState(() => todayIn(session.timeZoneOf(route.organisationId)).slice(0, 7));
  const [outcomes, setOutcomes] = useState<Record<string, { outcome: Outcome; newDate: string; reason: string }>>({});
  const command = useSubmit();
  const settled = new Set(
    (route.controlPointChecks ?? []).filter((c) => c.outcome !== 'moved').map((c) => c.controlPointId),
  );
  const due = route.controlPoints.filter((p) => p.date.slice(0, 7) === month && !settled.has(p.controlPointId));
  const of = (id: string) => outcomes[id] ?? { outcome: 'passed' as Outcome, newDate: '', reason: '' };
  const set = (id: string, patch: Partial<{ outcome: Outcome; newDate: string; reason: string }>) =>
    setOutcomes((all) => ({ ...all, [id]: { ...of(id), ...patch } }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() =>
      send({
        month,
        outcomes: due.map((p) => {
          const o = of(p.controlPointId);
          return {
            controlPointId: p.controlPointId,
            outcome: o.outcome,
            ...(o.outcome === 'moved' ? { newDate: o.newDate } : {}),
            ...(o.reason.trim() ? { reason: o.reason } : {}),
          };
        }),
      }).then(onDone),
    );
  };
  return (
    <details open={due.length > 0} id="control-point-check">
      <summary>Ежемесячная проверка контрольных точек</summary>
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Проверка контрольных точек"
        submit="Записать проверку"
        busyText="Запись…"
        failed="Не записано"
      >
        <div className="form-grid">
          <InputField label="Месяц проверки" field="month" type="month" value={month} onChange={setMonth} />
        </div>
        {due.length === 0 ? <p className="hint">На этот месяц непроверенных контрольных точек нет.</p> : null}
        {due.map((point, i) => {
          const o = of(point.controlPointId);
          return (
            <fieldset key={point.controlPointId} className="form-grid">
              <legend>
                {formatLocalDate(point.date)} — {point.description}
              </legend>
              <Field label="Результат" field={`outcomes.${i}.outcome`} error={command.error}>
                {(props) => (
                  <select
                    {...props}
                    value={o.outcome}
                    onChange={(e) => set(point.controlPointId, { outcome: e.target.value as Outcome })}
                  >
                    {(Object.keys(outcomeLabels) as Outcome[]).map((key) => (
                      <option key={key} value={key}>
                        {outcomeLabels[key]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {o.outcome === 'moved' ? (
                <InputField
                  label="Новая дата"
                  field={`outcomes.${i}.newDate`}
                  type="date"
                  value={o.newDate}
                  onChange={(v) => set(point.controlPointId, { newDate: v })}
                />
              ) : null}
              <InputField
                label={o.outcome === 'moved' ? 'Причина переноса' : 'Пояснение (необязательно)'}
                field={`outcomes.${i}.reason`}
                value={o.reason}
                onChange={(v) => set(point.controlPointId, { reason: v })}
              />
            </fieldset>
          );
        })}
      </CommandForm>
    </details>
  );
}
