import { useState, type FormEvent } from 'react';
import { download, getJson, postJson, saveBlob } from '../../api';
import { DataTable, DoneBox, ErrorBox, Field, InputField, Loading, SubmitButton, useLoad } from '../../components/ui';
import { formatLocalDate, todayIn } from '../../format';
import { monitoringIndicatorDefinitions, monitoringStageLabels, monitoringUnitLabels } from '../../labels';
import type { MonitoringIndicator, MonitoringStage } from '../../types';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { readUntil } from '../../query';

const indicators = Object.keys(monitoringIndicatorDefinitions) as MonitoringIndicator[];
const stages = Object.keys(monitoringStageLabels) as MonitoringStage[];

interface MonitoringResultRow {
  resultId: string;
  indicator: MonitoringIndicator;
  indicatorLabel: string;
  stage: MonitoringStage;
  value: number;
  periodStart: string;
  periodEnd: string;
  comment: string | null;
}

/** The first indicator of a monitoring stage: what the checklist's "fix" preselects. */
export const firstIndicatorOf = (stage: MonitoringStage): MonitoringIndicator =>
  indicators.find((i) => monitoringIndicatorDefinitions[i].stage === stage) ?? indicators[0];

/**
 * The organisation's monitoring journal (002 §10): results of the two monitoring stages, which the
 * reflective-analytical stage of the programme asks for. Results belong to the organisation, not to one programme.
 */
export function MonitoringResults({
  organisationId,
  zone,
  canRecord,
  indicator,
  onIndicator,
  onRecorded,
}: {
  organisationId: string;
  zone: string;
  canRecord: boolean;
  indicator: MonitoringIndicator;
  onIndicator: (indicator: MonitoringIndicator) => void;
  onRecorded: () => Promise<void>;
}) {
  const path = `/organisations/${organisationId}/monitoring-results?limit=100`;
  const [rows, setRows] = useState<{ items: MonitoringResultRow[] }>();
  const list = useLoad(async () => {
    const page = await getJson<{ items: MonitoringResultRow[] }>(path);
    setRows(page);
    return page;
  }, [organisationId]);
  /** The journal is a read model that lags the command: read it until the new result is in it. */
  const readUntilListed = async (resultId: string) =>
    setRows(
      await readUntil<{ items: MonitoringResultRow[] }>(path, (page) =>
        page.items.some((r) => r.resultId === resultId),
      ),
    );
  return (
    <>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {rows === undefined && !list.error ? <Loading /> : null}
      {rows?.items.length === 0 ? <p className="empty">Результаты мониторинга не внесены.</p> : null}
      {rows && rows.items.length > 0 ? (
        <DataTable
          caption="Внесённые результаты мониторинга"
          columns={['Этап мониторинга', 'Показатель', 'Значение', 'Период']}
        >
          {rows.items.map((r) => (
            <tr key={r.resultId}>
              <td>{monitoringStageLabels[r.stage]}</td>
              <td>{r.indicatorLabel}</td>
              <td>
                {r.value} {monitoringUnitLabels[monitoringIndicatorDefinitions[r.indicator].unit]}
              </td>
              <td>
                {formatLocalDate(r.periodStart)} — {formatLocalDate(r.periodEnd)}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {canRecord ? (
        <MonitoringResultForm
          organisationId={organisationId}
          zone={zone}
          indicator={indicator}
          onIndicator={onIndicator}
          onRecorded={async (resultId) => {
            await readUntilListed(resultId);
            await onRecorded();
          }}
        />
      ) : null}
    </>
  );
}

function MonitoringResultForm({
  organisationId,
  zone,
  indicator,
  onIndicator,
  onRecorded,
}: {
  organisationId: string;
  zone: string;
  indicator: MonitoringIndicator;
  onIndicator: (indicator: MonitoringIndicator) => void;
  onRecorded: (resultId: string) => Promise<void>;
}) {
  const { values, set, bind } = useFormValues(() => ({
    value: '',
    periodStart: '',
    periodEnd: todayIn(zone),
    comment: '',
  }));
  const { value, periodStart, periodEnd, comment } = values;
  const { submit: send, busy, error, done } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      const result = await postJson<{ resultId: string }>(`/organisations/${organisationId}/monitoring-results`, {
        indicator,
        value: value === '' ? undefined : Number(value),
        periodStart,
        periodEnd,
        ...(comment.trim() ? { comment } : {}),
      });
      await onRecorded(result.resultId);
      set('value', '');
      set('comment', '');
      return `Результат по показателю «${monitoringIndicatorDefinitions[indicator].label}» внесён`;
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="monitoring-form-title" className="form-grid">
      <h3 id="monitoring-form-title">Внести результат мониторинга</h3>
      <Field label="Показатель" field="indicator" error={error}>
        {(props) => (
          <select {...props} value={indicator} onChange={(e) => onIndicator(e.target.value as MonitoringIndicator)}>
            {stages.map((stage) => (
              <optgroup key={stage} label={monitoringStageLabels[stage]}>
                {indicators
                  .filter((i) => monitoringIndicatorDefinitions[i].stage === stage)
                  .map((i) => (
                    <option key={i} value={i}>
                      {monitoringIndicatorDefinitions[i].label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <InputField label="Значение" {...bind('value')} error={error} type="number" inputMode="decimal" />
      <InputField label="Начало периода" {...bind('periodStart')} error={error} type="date" />
      <InputField label="Конец периода" {...bind('periodEnd')} error={error} type="date" />
      <InputField label="Комментарий (необязательно)" {...bind('comment')} error={error} />
      <div className="actions">
        <SubmitButton busy={busy} busyText="Запись…" variant="plain">
          Внести результат
        </SubmitButton>
      </div>
      <ErrorBox error={error} title="Результат не внесён" />
      <DoneBox done={done} />
    </form>
  );
}

/** The school year a date falls in begins on 1 September. */
const schoolYearStart = (today: string): string => {
  const year = Number(today.slice(0, 4));
  return `${Number(today.slice(5, 7)) >= 9 ? year : year - 1}-09-01`;
};

/** «Скачать аналитическую справку (DOCX)» of the organisation's monitoring for a period (the reports' figures). */
export function MonitoringReportDownload({ organisationId, zone }: { organisationId: string; zone: string }) {
  const { values, bind } = useFormValues(() => ({
    from: schoolYearStart(todayIn(zone)),
    to: todayIn(zone),
  }));
  const { from, to } = values;
  const { submit: send, busy, error } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      const query = new URLSearchParams({ from, to });
      const path = `/organisations/${organisationId}/documents/monitoring-report.docx?${query}`;
      saveBlob(await download(path, () => {}), `аналитическая-справка-${from}-${to}.docx`);
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="monitoring-report-title" className="form-grid">
      <h3 id="monitoring-report-title">Аналитическая справка по итогам мониторинга</h3>
      <InputField label="Начало периода" {...bind('from')} error={error} type="date" />
      <InputField label="Конец периода" {...bind('to')} error={error} type="date" />
      <div className="actions">
        <SubmitButton busy={busy} busyText="Формирование…" variant="plain">
          Скачать аналитическую справку (DOCX)
        </SubmitButton>
      </div>
      <ErrorBox error={error} title="Справка не сформирована" />
    </form>
  );
}
