import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { getJson } from '../../api';
import { useSession } from '../../auth';
import { CompetenceChart } from './CompetenceChart';
import {
  Badge,
  CurrentStage,
  DataTable,
  DoneBox,
  ErrorBox,
  Loading,
  StageTrack,
  SubmitButton,
  useLoad,
} from '../../components/ui';
import { formatInstant, formatLocalDate } from '../../format';
import { PersonId } from '../../components/people';
import { useSubmit } from '../../use-submit';
import { RouteActions } from './RouteActions';
import { sendRouteCommand } from './route-commands';
import { ControlPointList } from './ControlPoints';
import { DeficitLevelsForm } from './DeficitLevels';
import { SelfDetermination } from './SelfDetermination';
import { RoutePairLink } from './PairRouteLinks';
import { RoadMapTable } from './RoadMap';
import { RoadMapVersions } from './RoadMapVersions';
import { competenceAreaLabels, routeRoadMapSourceLabels, routeStageLabels } from '../../labels';
import type { CompetenceArea, Route, TitlePagePerson } from '../../types';
import { holdsRouteTask } from './route-commands';
import { blankRow, RoadMapRowsEditor, rowsToSend, type EditableRow } from './RoadMapEditor';
import { RouteDocumentActions, RoutePrintForm } from './RoutePrint';

const diagnosticsKindLabels = { initial: 'Входная', repeated: 'Повторная', control: 'Контрольная' } as const;

const stages = ['diagnosticMotivational', 'design', 'implementation', 'reflective'] as const;

const titlePageLabels: Record<string, string> = {
  teacherName: 'ФИО педагога',
  birthDate: 'Дата рождения',
  position: 'Должность',
  education: 'Образование',
  phone: 'Телефон',
  email: 'Электронная почта',
  lastAttestationDate: 'Дата последней аттестации',
  qualificationCategory: 'Квалификационная категория',
  teachingExperienceYears: 'Педагогический стаж, лет',
  selfEducationTopic: 'Тема самообразования',
  startDate: 'Начало маршрута',
  endDate: 'Окончание маршрута',
};

const routePeople = [
  ['teacher', 'Педагог'],
  ['methodologist', 'Методист'],
  ['tutor', 'Тьютор'],
] as const;

/** One person of the title page (003 §5.1): the name, then the work contacts and birth date the API gave. */
function TitlePagePersonFact({ label, person }: { label: string; person: TitlePagePerson }) {
  const details = [
    person.birthDate ? `дата рождения ${formatLocalDate(person.birthDate)}` : '',
    person.workPhone ?? '',
    person.workEmail ?? '',
  ].filter(Boolean);
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <PersonId id={person.personId} name={person.fullName} hasConsent={person.hasConsent} />
        {details.length ? <small>{` — ${details.join(', ')}`}</small> : null}
      </dd>
    </div>
  );
}

export function RoutePage() {
  const { routeId = '' } = useParams();
  const session = useSession();
  const location = useLocation();
  const route = useLoad(() => getJson<Route>(`/routes/${routeId}`), [routeId]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (route.data && location.hash)
      document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [route.data, location.hash]);

  if (route.error && !route.data) return <ErrorBox error={route.error} />;
  if (!route.data) return <Loading what="Загрузка маршрута" />;
  const r = route.data;
  const zone = session.timeZoneOf(r.organisationId);
  const draftPending = r.draft !== undefined && r.draft.submittedAt === undefined;
  // The route's methodologist, or the one the draft task was passed on to.
  const isMethodologist =
    session.me.sub === r.participants.methodologistId ||
    session.has('administrator') ||
    holdsRouteTask(r, session.me.sub, 'draftRoute');
  const isSupervisor = isMethodologist || session.me.sub === r.participants.tutorId;

  return (
    <article aria-labelledby="route-title" className="route-page">
      <p className="breadcrumbs">
        {session.me.sub === r.participants.teacherId ? (
          <Link to="/my-route">Мой маршрут</Link>
        ) : (
          <Link to="/routes">ИОМ</Link>
        )}{' '}
        / {session.organisations.get(r.organisationId)?.name ?? ''}
      </p>
      <h1 id="route-title">Индивидуальный образовательный маршрут {r.code}</h1>
      <RouteDocumentActions route={r} />

      <section className="card" aria-labelledby="route-stages">
        <h2 id="route-stages">Этапы маршрута</h2>
        <StageTrack stages={stages} current={r.stage} labels={routeStageLabels} label="Этапы ИОМ" />
        <CurrentStage
          finished={r.stage === 'completed' ? 'Маршрут завершён' : undefined}
          label={routeStageLabels[r.stage]}
          since={formatInstant(r.stageEnteredAt, zone)}
        />
        {r.draft ? (
          <p>
            Проект ИОМ методиста: срок до конца дня {formatLocalDate(r.draft.dueLocalDate)}{' '}
            {r.draft.submittedAt ? (
              <Badge tone={r.draft.onTime ? 'ok' : 'warn'}>
                {r.draft.onTime ? 'представлен в срок' : 'представлен с опозданием'}
              </Badge>
            ) : r.draft.overdue ? (
              <Badge tone="danger">просрочен</Badge>
            ) : (
              <Badge tone="info">ожидается</Badge>
            )}
          </p>
        ) : null}
      </section>

      <DoneBox done={notice} />
      <RouteActions
        key={r.version}
        route={r}
        onChanged={(text) => {
          setNotice(text);
          route.reload();
        }}
      />

      {draftPending && isMethodologist ? (
        <DraftForm
          route={r}
          onSubmitted={(text) => {
            setNotice(text);
            route.reload();
          }}
        />
      ) : null}

      <section className="card" aria-labelledby="title-page">
        <h2 id="title-page">Титульный лист</h2>
        <dl className="facts facts-grid">
          {Object.entries(titlePageLabels)
            .filter(([key]) => r.titlePage[key] !== undefined && r.titlePage[key] !== '')
            .map(([key, label]) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>{key.endsWith('Date') ? formatLocalDate(String(r.titlePage[key])) : String(r.titlePage[key])}</dd>
              </div>
            ))}
          <div>
            <dt>Код маршрута</dt>
            <dd>{r.code}</dd>
          </div>
          <RoutePairLink pairId={(r as Route & { pairId?: string }).pairId} />
          {routePeople.map(([who, label]) => (
            <TitlePagePersonFact
              key={who}
              label={label}
              person={r.titlePagePeople?.[who] ?? { personId: r.participants[`${who}Id`] }}
            />
          ))}
        </dl>
        {r.goal ? (
          <>
            <h3>Цель</h3>
            <p>{r.goal.goal}</p>
            <h3>Задачи</h3>
            <ul>
              {r.goal.tasks.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <SelfDetermination key={`self-${r.version}`} route={r} onChanged={route.reload} />

      <section className="card" aria-labelledby="competences" id="control">
        <h2 id="competences">Уровень компетенций</h2>
        {r.diagnosticsHistory?.length ? (
          <DataTable label="Диагностики по ИОМ" columns={['Диагностика', 'Дата', 'Дефициты']}>
            {r.diagnosticsHistory.map((d) => (
              <tr key={d.diagnosticsId}>
                <td>{diagnosticsKindLabels[d.kind]}</td>
                <td>{formatLocalDate(d.date)}</td>
                <td>
                  {d.results
                    .filter((x) => x.level === 'deficit')
                    .map((x) => `${competenceAreaLabels[x.area]} (${x.percent} %)`)
                    .join(', ') || 'нет'}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {r.stage !== 'completed' ? (
          <p className="hint">
            Следующая диагностика: {r.nextDiagnosticsDate ? formatLocalDate(r.nextDiagnosticsDate) : 'не назначена'}
            {r.nextDiagnosticsDate && r.nextDiagnosticsDate > r.titlePage.endDate
              ? ' (после окончания маршрута: задача не ставится)'
              : ''}
          </p>
        ) : null}
        <CompetenceChart initial={r.diagnostics?.results} control={r.controlDiagnostics?.results} />
        {isSupervisor && r.stage !== 'completed' ? (
          <>
            <DeficitLevelsForm key={`initial-${r.version}`} route={r} kind="initial" onDone={route.reload} />
            <DeficitLevelsForm key={`control-${r.version}`} route={r} kind="control" onDone={route.reload} />
          </>
        ) : null}
        {r.uncoveredDeficitAreas?.length ? (
          <p className="alert alert-warn">
            Дефициты без мероприятий в дорожной карте:{' '}
            {r.uncoveredDeficitAreas.map((a) => competenceAreaLabels[a]).join(', ')}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="road-map">
        <h2 id="road-map">Дорожная карта</h2>
        {r.roadMap ? (
          <>
            <p className="hint">
              Версия {r.roadMap.version}:{' '}
              {routeRoadMapSourceLabels[r.roadMap.origin as keyof typeof routeRoadMapSourceLabels] ?? 'корректировка'}
            </p>
            <RoadMapTable route={r} onChanged={route.reload} />
            <RoadMapVersions key={`versions-${r.version}`} route={r} />
          </>
        ) : (
          <p className="empty">Дорожная карта ещё не согласована.</p>
        )}
        <ControlPointList route={r} />
      </section>

      <section className="card" aria-labelledby="portfolio">
        <h2 id="portfolio">Портфолио достижений</h2>
        {r.portfolio.length === 0 ? (
          <p className="empty">Записей пока нет.</p>
        ) : (
          <ul className="portfolio">
            {r.portfolio.map((entry) => (
              <li key={entry.entryId}>
                <strong>{entry.product}</strong> — {entry.selfAssessment}
                <small>
                  {' '}
                  ({formatInstant(entry.recordedAt, zone)}
                  {entry.competence ? `, ${competenceAreaLabels[entry.competence]}` : ''})
                </small>
              </li>
            ))}
          </ul>
        )}
      </section>
      <RoutePrintForm route={r} organisationName={session.organisations.get(r.organisationId)?.name ?? ''} />
    </article>
  );
}

/**
 * The methodologist's draft road map: one row per deficit to start with; submitting it closes the draft task. Once
 * the route shows it sent, the page keeps the notice (`onSubmitted`): this form goes away with the draft.
 */
function DraftForm({ route, onSubmitted }: { route: Route; onSubmitted: (notice: string) => void }) {
  const deficits = (route.diagnostics?.results ?? []).filter((r) => r.level === 'deficit').map((r) => r.area);
  const [rows, setRows] = useState<EditableRow[]>(() =>
    (deficits.length ? deficits : ['methodical' as CompetenceArea]).map((a, i) => blankRow(a, `row-${i + 1}`)),
  );
  const { submit: send, busy, error } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await sendRouteCommand(route, 'submit-draft', { rows: rowsToSend(rows) });
      onSubmitted('Проект ИОМ передан тьютору. Задача выполнена.');
    });
  };

  return (
    <section className="card card-accent" aria-labelledby="draft-title" id="draft">
      <h2 id="draft-title">Проект ИОМ: дорожная карта</h2>
      {route.draft?.overdue ? (
        <p className="alert alert-error">
          Срок составления проекта (до конца дня {formatLocalDate(route.draft.dueLocalDate)}) истёк: представьте проект
          как можно скорее.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <RoadMapRowsEditor rows={rows} onChange={setRows} error={error} />
        <div className="actions">
          <SubmitButton busy={busy} busyText="Отправка…">
            Передать проект тьютору
          </SubmitButton>
        </div>
        <ErrorBox error={error} />
      </form>
    </section>
  );
}
