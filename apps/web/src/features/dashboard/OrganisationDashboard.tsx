import { Link, useParams } from 'react-router';
import { getJson } from '../../api';
import { useSession } from '../../auth';
import { Badge, DataTable, ErrorBox, Loading, useLoad } from '../../components/ui';
import { BarChart, Headline } from './BarChart';
import { ReportToolbar, useReportDate } from './ReportToolbar';
import { countOf, type OrganisationReport, type RoutesReport } from './report-types';

/**
 * One organisation's dashboard (issue 27): what its curator and director see of their own organisation, and where a
 * coordinator's drill-down ends — the target-model documents, pairs, routes, controls and tasks at a date.
 */
export function OrganisationDashboard() {
  const { organisationId = '' } = useParams();
  const session = useSession();
  const date = useReportDate(session.timeZoneOf(organisationId));
  const base = `/organisations/${organisationId}/reports`;
  const report = useLoad(async () => {
    const [monitoring, routes] = await Promise.all([
      getJson<OrganisationReport>(`${base}/monitoring?${date.query}&format=json`),
      getJson<RoutesReport>(`${base}/routes?${date.query}&format=json&limit=1`),
    ]);
    return { monitoring, routes };
  }, [base, date.query]);
  const data = report.data?.monitoring;
  const routes = report.data?.routes;
  const coordinator = session.has('regionalCoordinator');
  const openTasks = data?.tasks.reduce((t, r) => t + r.open, 0) ?? 0;
  const overdueTasks = data?.tasks.reduce((t, r) => t + r.overdue, 0) ?? 0;
  return (
    <article aria-labelledby="organisation-dashboard-title">
      <p className="breadcrumbs">
        {coordinator && data ? (
          <>
            <Link to={`/dashboard?${date.query}`}>{data.organisation.region}</Link> /{' '}
            <Link to={`/dashboard?${date.query}&municipality=${encodeURIComponent(data.organisation.municipality)}`}>
              {data.organisation.municipality}
            </Link>{' '}
            / {data.organisation.name}
          </>
        ) : (
          'Показатели'
        )}
      </p>
      <h1 id="organisation-dashboard-title">Показатели организации{data ? `: ${data.organisation.name}` : ''}</h1>
      <ReportToolbar
        date={date}
        period={data?.period}
        since={data?.dataSince}
        path={`${base}/monitoring?${date.query}`}
        fileName={`monitoring-${organisationId.slice(0, 8)}`}
      />
      <ErrorBox error={report.error} title="Показатели не получены" />
      {!data && !report.error ? <Loading what="Расчёт показателей" /> : null}
      {data && routes ? (
        <>
          <Headline
            items={[
              ['Реализует ЦМН', data.targetModel.implementsTargetModel ? 'да' : 'нет'],
              ['Куратор', data.targetModel.hasCurator ? 'назначен' : 'не назначен'],
              ['Наставнических пар/групп', String(data.pairs.total)],
              ['Действующих пар/групп', String(data.processMonitoring.activePairs)],
              ['ИОМ', String(routes.totals.routes)],
              ['Просроченных задач', countOf(overdueTasks, openTasks)],
              ['Просроченных контрольных мероприятий', String(data.processMonitoring.overdueControlTasks)],
            ]}
          />
          <section aria-labelledby="documents-title" className="card">
            <h2 id="documents-title">Документы по наставничеству</h2>
            <ul className="document-checklist">
              {data.documents.map((d) => (
                <li key={d.key}>
                  <Badge tone={d.held ? 'ok' : 'warn'}>{d.held ? 'есть' : 'нет'}</Badge> {d.label}
                </li>
              ))}
            </ul>
          </section>
          <div className="chart-grid">
            <BarChart title="Наставнические пары/группы по статусу" unit="Пар/групп" rows={data.pairs.byStatus} />
            <BarChart title="Формы наставничества" unit="Пар/групп" rows={data.pairs.byForm} />
            <BarChart
              title="Виды наставничества"
              unit="Пар/групп"
              rows={data.pairs.byKind}
              note="Пара, сочетающая несколько видов, учтена в каждом из них."
            />
            <BarChart title="ИОМ по этапам" unit="ИОМ" rows={routes.totals.byStage} />
            <BarChart title="Промежуточный контроль" unit="Пар/групп" rows={data.controls.interim} />
            <BarChart title="Итоговый контроль" unit="Пар/групп" rows={data.controls.final} />
          </div>
          <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">Открытые и просроченные задачи</h2>
            {data.tasks.length === 0 ? (
              <p className="empty">Открытых задач нет.</p>
            ) : (
              <div className="sticky-first-column dashboard-table">
                <DataTable label="Задачи по ролям" columns={['Роль', 'Открыто', 'Просрочено']}>
                  {data.tasks.map((t) => (
                    <tr key={t.role}>
                      <th scope="row">{t.roleLabel}</th>
                      <td>{t.open}</td>
                      <td>{t.overdue}</td>
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}
          </section>
          <section aria-labelledby="programmes-title">
            <h2 id="programmes-title">Программы наставничества</h2>
            {data.programmes.length === 0 ? (
              <p className="empty">Программа наставничества не начата.</p>
            ) : (
              <div className="sticky-first-column dashboard-table">
                <DataTable label="Этапы программ" columns={['Программа', 'Этап', 'Дней на этапе']}>
                  {data.programmes.map((p) => (
                    <tr key={p.programmeId}>
                      <th scope="row">{p.title}</th>
                      <td>{p.stageLabel}</td>
                      <td>{p.daysInStage}</td>
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}
          </section>
        </>
      ) : null}
    </article>
  );
}
