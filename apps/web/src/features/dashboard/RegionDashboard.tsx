import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getJson } from '../../api';
import { DataTable, ErrorBox, Loading, useLoad } from '../../components/ui';
import { BarChart, Headline } from './BarChart';
import { ReportToolbar, useReportDate } from './ReportToolbar';
import { countOf, type RegionFigures, type RegionOrganisationRow, type RegionReport } from './report-types';

/** The region's zone is not one: dates default to today where the user is. */
const userZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const ORGANISATIONS_PAGE = 100;
const yesNo = (value: boolean) => (value ? 'да' : 'нет');

/** A row of a chart over the organisations: `count` of the `whole` and its share. */
const ofOrganisations = (key: string, label: string, count: number, whole: number) => ({
  key,
  label,
  count,
  share: whole === 0 ? null : count / whole,
});

/** The organisations that do (`count`) and do not, of `of`. */
function SplitChart({
  title,
  labels: [yes, no],
  count,
  of,
}: {
  title: string;
  labels: readonly [string, string];
  count: number;
  of: number;
}) {
  return (
    <BarChart
      title={title}
      unit="Организаций"
      of={of}
      rows={[ofOrganisations('yes', yes, count, of), ofOrganisations('no', no, of - count, of)]}
    />
  );
}

/** Charts of a region's or a municipality's figures: the same for both levels. */
function RegionCharts({ totals }: { totals: RegionFigures }) {
  const n = totals.organisations;
  return (
    <div className="chart-grid">
      <SplitChart
        title="Реализуют целевую модель наставничества"
        labels={['Реализуют ЦМН', 'Не реализуют']}
        count={totals.implementing}
        of={n}
      />
      <BarChart
        title="Какие документы по наставничеству есть в организациях"
        unit="Организаций"
        of={n}
        rows={[...totals.documents, ofOrganisations('none', 'Нет ни одного документа', totals.withoutDocuments, n)]}
      />
      <SplitChart
        title="Наличие куратора в организации"
        labels={['Есть куратор', 'Нет куратора']}
        count={totals.withCurator}
        of={n}
      />
      <BarChart title="Формы наставничества" unit="Пар/групп" rows={totals.forms} />
      <BarChart
        title="Виды наставничества"
        unit="Пар/групп"
        rows={totals.kinds}
        note="Пара, сочетающая несколько видов, учтена в каждом из них."
      />
      <BarChart title="Наставнические пары/группы по статусу" unit="Пар/групп" rows={totals.pairsByStatus} />
      <BarChart title="ИОМ по этапам" unit="ИОМ" rows={totals.routesByStage} />
      <BarChart
        title="Задачи участников"
        unit="Задач"
        rows={[
          { key: 'open', label: 'Открыто', count: totals.openTasks, share: null },
          {
            key: 'overdue',
            label: 'Из них просрочено',
            count: totals.overdueTasks,
            share: totals.openTasks === 0 ? null : totals.overdueTasks / totals.openTasks,
          },
        ]}
      />
    </div>
  );
}

function headline(totals: RegionFigures): [string, string][] {
  return [
    ['Образовательных организаций', String(totals.organisations)],
    ['Реализуют ЦМН', countOf(totals.implementing, totals.organisations)],
    ['С куратором', countOf(totals.withCurator, totals.organisations)],
    ['Наставнических пар/групп', String(totals.pairs)],
    ['ИОМ', String(totals.routes)],
    ['Просроченных задач', countOf(totals.overdueTasks, totals.openTasks)],
    ['Проекты ИОМ в срок (10 рабочих дней)', countOf(totals.draftsOnTime, totals.draftsDecided)],
    ['Практик предложено / опубликовано', `${totals.practicesSubmitted} / ${totals.practicesPublished}`],
  ];
}

/**
 * The coordinators' dashboard (issue 27): the region (or, for a municipal coordinator, the municipality) at a date,
 * drilling down region → municipality (`?municipality=`) → organisation (its own dashboard).
 */
export function RegionDashboard() {
  const date = useReportDate(userZone());
  const [params] = useSearchParams();
  const municipality = params.get('municipality') ?? undefined;
  const query = `${date.query}${municipality ? `&municipality=${encodeURIComponent(municipality)}` : ''}`;
  // The organisations' page belongs to the query it was turned for: another date or municipality starts at 0.
  const [page, setPage] = useState({ query, offset: 0 });
  const offset = page.query === query ? page.offset : 0;
  const report = useLoad(
    () => getJson<RegionReport>(`/reports/region?${query}&format=json&limit=${ORGANISATIONS_PAGE}&offset=${offset}`),
    [query, offset],
  );
  const data = report.data;
  const scope = data?.scope;
  // A municipal coordinator's scope is one municipality: the region is not theirs to go back to.
  const ownMunicipality = scope?.municipality !== undefined && municipality === undefined;
  const shownMunicipality = scope?.municipality;
  const regionLink = `/dashboard?${date.query}`;
  return (
    <section aria-labelledby="dashboard-title">
      <p className="breadcrumbs">
        {shownMunicipality && !ownMunicipality ? (
          <>
            <Link to={regionLink}>{scope?.region ?? 'Регион'}</Link> / {shownMunicipality}
          </>
        ) : (
          (scope?.region ?? '')
        )}
      </p>
      <h1 id="dashboard-title">
        Показатели реализации ЦМН
        {shownMunicipality ? `: ${shownMunicipality}` : scope?.region ? `: ${scope.region}` : ''}
      </h1>
      <ReportToolbar
        date={date}
        period={data?.period}
        since={data?.dataSince}
        path={`/reports/region?${query}`}
        fileName={shownMunicipality ? 'municipality' : 'region'}
      />
      <ErrorBox error={report.error} title="Показатели не получены" />
      {!data && !report.error ? <Loading what="Расчёт показателей" /> : null}
      {data ? (
        <>
          {data.totals.organisations === 0 ? (
            <p className="empty">На эту дату в {shownMunicipality ? 'муниципалитете' : 'регионе'} нет организаций.</p>
          ) : null}
          <Headline items={headline(data.totals)} />
          <RegionCharts totals={data.totals} />
          {shownMunicipality ? null : <Municipalities report={data} dateQuery={date.query} />}
          <Organisations
            report={data}
            dateQuery={date.query}
            offset={offset}
            onPage={(next) => setPage({ query, offset: next })}
          />
        </>
      ) : null}
    </section>
  );
}

function Municipalities({ report, dateQuery }: { report: RegionReport; dateQuery: string }) {
  return (
    <section aria-labelledby="municipalities-title">
      <h2 id="municipalities-title">Муниципальные образования</h2>
      <div className="sticky-first-column dashboard-table">
        <DataTable
          label="Показатели по муниципальным образованиям"
          columns={[
            'Муниципальное образование',
            'Организаций',
            'Реализуют ЦМН',
            'С куратором',
            'Пар/групп',
            'ИОМ',
            'Просроченных задач',
          ]}
        >
          {report.municipalities.map((m) => (
            <tr key={m.municipality}>
              <th scope="row">
                <Link to={`/dashboard?${dateQuery}&municipality=${encodeURIComponent(m.municipality)}`}>
                  {m.municipality}
                </Link>
              </th>
              <td>{m.organisations}</td>
              <td>{countOf(m.implementing, m.organisations)}</td>
              <td>{countOf(m.withCurator, m.organisations)}</td>
              <td>{m.pairs}</td>
              <td>{m.routes}</td>
              <td>{m.overdueTasks}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}

function Organisations({
  report,
  dateQuery,
  offset,
  onPage,
}: {
  report: RegionReport;
  dateQuery: string;
  offset: number;
  onPage: (offset: number) => void;
}) {
  const { items, total, limit } = report.organisations;
  return (
    <section aria-labelledby="organisations-title">
      <h2 id="organisations-title">Образовательные организации</h2>
      <div className="sticky-first-column dashboard-table">
        <DataTable
          label="Показатели по образовательным организациям"
          columns={[
            'Организация',
            'Муниципальное образование',
            'Реализует ЦМН',
            'Куратор',
            'Пар/групп',
            'ИОМ',
            'Просроченных задач',
          ]}
        >
          {items.map((o: RegionOrganisationRow) => (
            <tr key={o.organisationId}>
              <th scope="row">
                <Link to={`/dashboard/organisations/${o.organisationId}?${dateQuery}`}>{o.name}</Link>
              </th>
              <td>{o.municipality}</td>
              <td>{yesNo(o.implementsTargetModel)}</td>
              <td>{yesNo(o.hasCurator)}</td>
              <td>{o.pairs}</td>
              <td>{o.routes}</td>
              <td>{o.overdueTasks}</td>
            </tr>
          ))}
        </DataTable>
      </div>
      {total > limit ? (
        <div className="actions">
          <p className="hint">
            Организации {offset + 1}–{offset + items.length} из {total}
          </p>
          <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>
            Предыдущие
          </button>
          <button type="button" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
            Следующие
          </button>
        </div>
      ) : null}
    </section>
  );
}
