import { useSearchParams } from 'react-router';
import { download, saveBlob } from '../../api';
import { ErrorBox, InputField, SelectField } from '../../components/ui';
import { formatNumericDate, todayIn } from '../../format';
import { useSubmit } from '../../use-submit';
import { academicYearOf } from '../../../../../libs/domain/src/shared/dates';
import type { Period } from './report-types';
import { periodsWithData } from './periods';

/**
 * The dashboard's date: `?asOf=` in the address (so a drill-down, a reload or a shared link keeps it), today in
 * `timeZone` by default. `query` is the report's query string for that date (none for today: the report as of now).
 */
export function useReportDate(timeZone: string) {
  const [params, setParams] = useSearchParams();
  const today = todayIn(timeZone);
  const asOf = params.get('asOf') ?? today;
  const setAsOf = (date: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (date === today) next.delete('asOf');
        else next.set('asOf', date);
        return next;
      },
      { replace: true },
    );
  // Today is asked as «now», not as the end of today in the user's zone: for a region the end of the user's day
  // may be before the start of an eastern organisation's, which would leave it out of «today».
  return { asOf, today, setAsOf, query: asOf === today ? '' : `asOf=${asOf}` };
}

const periodText = (period: Period) =>
  `${period.start.slice(0, 4)}/${period.end.slice(0, 4)} (${formatNumericDate(period.start)} – ${formatNumericDate(period.end)})`;

/**
 * The report's date («на дату»), its monitoring period (the academic year, 1 September – 31 August: choosing a
 * past year shows it as of its last day) and the XLSX and CSV of what is shown, fetched with the user's token.
 */
export function ReportToolbar({
  date,
  period,
  since,
  path,
  fileName,
}: {
  date: ReturnType<typeof useReportDate>;
  period?: Period;
  /** The report's first day with data: the periods offered start at its academic year. */
  since?: string | null;
  /** The report's path with its query (date, municipality), without the format. */
  path: string;
  fileName: string;
}) {
  const { submit, busy, error } = useSubmit();
  const years = periodsWithData(date.today, since, date.asOf);
  const shown = academicYearOf(date.asOf);
  const save = (format: 'xlsx' | 'csv') =>
    void submit(async () =>
      saveBlob(await download(`${path}&format=${format}`, () => {}), `${fileName}-${date.asOf}.${format}`),
    );
  return (
    <div className="report-toolbar">
      <div className="report-dates">
        <InputField
          label="На дату"
          field="asOf"
          type="date"
          max={date.today}
          value={date.asOf}
          onChange={(value) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(value)) date.setAsOf(value > date.today ? date.today : value);
          }}
        />
        <SelectField
          label="Период мониторинга (учебный год)"
          field="period"
          value={shown.start}
          options={years.map((year) => [year.start, periodText(year)] as const)}
          onChange={(start) => {
            const end = academicYearOf(start).end;
            date.setAsOf(end < date.today ? end : date.today);
          }}
        />
      </div>
      {period ? (
        <p className="hint">
          Показатели на {formatNumericDate(date.asOf)}, период мониторинга — {periodText(period)} учебный год.
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => save('xlsx')} disabled={busy}>
          Скачать XLSX
        </button>
        <button type="button" onClick={() => save('csv')} disabled={busy}>
          Скачать CSV
        </button>
      </div>
      <ErrorBox error={error} title="Файл не сформирован" />
    </div>
  );
}
