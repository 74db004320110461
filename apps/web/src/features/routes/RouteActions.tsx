/** The tutor's and the teacher's commands on a route, each shown to whom the API lets act and at the stage it applies to. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { newId } from '../../api';
import { useSession } from '../../auth';
import { FoldedCommandForm, OptionalCommentField, InputField, SelectField, TextAreaField } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { formatLocalDate, todayIn } from '../../format';
import { competenceAreaLabels } from '../../labels';
import type { CompetenceArea, Route, TaskKind } from '../../types';
import { ControlPointCheckForm } from './ControlPoints';
import { holdsRouteTask, sendRouteCommand } from './route-commands';
import {
  AgreeRoadMapForm,
  ApproveProposalForm,
  CorrectRoadMapForm,
  FixGoalForm,
  ProposeRoadMapForm,
} from './RoadMapForms';

const areas = Object.keys(competenceAreaLabels) as CompetenceArea[];

export function RouteActions({ route, onChanged }: { route: Route; onChanged: (notice: string) => void }) {
  const session = useSession();
  const isTutor = session.me.sub === route.participants.tutorId || session.has('administrator');
  const isTeacher = session.me.sub === route.participants.teacherId;
  // The tutor, or whoever holds the task behind a command (passed on to her), sees that command's form.
  const tutorOrHolder = (kind: TaskKind) => isTutor || holdsRouteTask(route, session.me.sub, kind);
  const items: ReactNode[] = [];
  if (isTutor && (route.stage === 'diagnosticMotivational' || route.stage === 'design')) {
    items.push(<FixGoalForm key="goal" route={route} onDone={() => onChanged('Цель и задачи ИОМ зафиксированы')} />);
  }
  if (isTutor && route.stage === 'diagnosticMotivational' && !route.diagnostics) {
    items.push(
      <Diagnostics
        key="diagnostics"
        route={route}
        kind="initial"
        onDone={() => onChanged('Результаты входной диагностики записаны; методисту поставлена задача — проект ИОМ')}
      />,
    );
  }
  // 003 §5.1: the repeated diagnostics the workflow asked for on the planned day.
  const repeatedDue = Object.values(route.tasks ?? {}).some(
    (t) => t.kind === 'repeatedDiagnostics' && (t.status === 'open' || t.status === 'overdue'),
  );
  if (tutorOrHolder('repeatedDiagnostics') && repeatedDue && route.stage !== 'completed') {
    items.push(
      <Diagnostics
        key="repeated"
        route={route}
        kind="repeated"
        onDone={() => onChanged('Результаты повторной диагностики записаны')}
      />,
    );
  }
  if (isTutor && route.stage === 'design' && route.draft?.submittedAt) {
    items.push(
      <AgreeRoadMapForm
        key="agree"
        route={route}
        onDone={() => onChanged('Дорожная карта согласована: маршрут реализуется')}
      />,
    );
  }
  if (isTutor && route.stage === 'design' && route.proposal) {
    items.push(
      <ApproveProposalForm
        key="approve"
        route={route}
        onDone={() => onChanged('Дорожная карта педагога согласована: маршрут реализуется')}
        onReturned={() => onChanged('Дорожная карта возвращена педагогу на доработку с вашим комментарием')}
      />,
    );
  }
  if (isTeacher && route.stage === 'design') {
    items.push(
      <ProposeRoadMapForm
        key="propose"
        route={route}
        onDone={() => onChanged('Ваша дорожная карта передана тьютору на согласование')}
      />,
    );
  }
  if (isTutor && route.stage === 'implementation' && route.roadMap) {
    items.push(
      <CorrectRoadMapForm
        key="correct"
        route={route}
        onDone={() => onChanged('Дорожная карта скорректирована: сохранена новая версия')}
      />,
    );
  }
  if (isTeacher && route.stage === 'implementation') {
    items.push(
      <PortfolioEntry key="portfolio" route={route} onDone={() => onChanged('Запись добавлена в портфолио')} />,
    );
  }
  if (
    tutorOrHolder('monthlyControlPointCheck') &&
    (route.stage === 'implementation' || route.stage === 'reflective') &&
    route.controlPoints.length
  ) {
    items.push(
      <ControlPointCheckForm
        key="control-points"
        route={route}
        send={(body) => sendRouteCommand(route, 'record-control-point-check', body)}
        onDone={() => onChanged('Проверка контрольных точек записана')}
      />,
    );
  }
  if (isTutor && route.stage === 'implementation') {
    items.push(
      <CommentCommand
        key="reflection"
        route={route}
        path="start-reflection"
        title="Перейти к рефлексивному этапу"
        button="Начать рефлексию"
        onDone={() => onChanged('Маршрут на рефлексивном этапе; поставлена задача контрольной диагностики')}
      />,
    );
  }
  if (tutorOrHolder('controlDiagnostics') && route.stage === 'reflective' && !route.controlDiagnostics) {
    items.push(
      <Diagnostics
        key="control"
        route={route}
        kind="control"
        onDone={() => onChanged('Результаты контрольной диагностики записаны')}
      />,
    );
  }
  if (isTutor && route.stage === 'reflective' && route.controlDiagnostics) {
    items.push(
      <CommentCommand
        key="complete"
        route={route}
        path="complete"
        title="Завершить маршрут"
        button="Завершить ИОМ"
        onDone={() => onChanged('Маршрут завершён')}
      />,
    );
  }
  if (items.length === 0) return null;
  return (
    <section className="card card-accent" aria-labelledby="route-actions-title" id="actions">
      <h2 id="route-actions-title">Действия</h2>
      <div className="action-panel">{items}</div>
    </section>
  );
}

const diagnosticsForms = {
  initial: { title: 'Записать результаты входной диагностики', path: 'record-diagnostics' },
  repeated: { title: 'Записать результаты повторной диагностики', path: 'record-repeated-diagnostics' },
  control: { title: 'Записать результаты контрольной диагностики', path: 'record-control-diagnostics' },
} as const;

function Diagnostics({
  route,
  kind,
  onDone,
}: {
  route: Route;
  kind: keyof typeof diagnosticsForms;
  onDone: () => void;
}) {
  const session = useSession();
  const { values, bind } = useFormValues(() => ({
    date: todayIn(session.timeZoneOf(route.organisationId)),
    nextDiagnosticsDate: '',
  }));
  const { date, nextDiagnosticsDate } = values;
  const [percents, setPercents] = useState<Record<string, string>>({});
  const command = useSubmit();
  const { title, path } = diagnosticsForms[kind];
  // The control diagnostics close the route: only the initial and repeated ones plan the next.
  const plansNext = kind !== 'control';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() =>
      sendRouteCommand(route, path, {
        diagnosticsId: newId(),
        date,
        ...(plansNext && nextDiagnosticsDate !== '' ? { nextDiagnosticsDate } : {}),
        results: areas.map((area) => ({
          area,
          percent: percents[area] === undefined || percents[area] === '' ? undefined : Number(percents[area]),
        })),
      }).then(onDone),
    );
  };
  return (
    <FoldedCommandForm
      title={title}
      details={{ open: true }}
      command={command}
      onSubmit={submit}
      submit="Записать диагностику"
      busyText="Запись…"
      failed="Не записано"
    >
      <div className="form-grid">
        <InputField
          label="Дата диагностики"
          {...bind('date')}
          required
          type="date"
          max={todayIn(session.timeZoneOf(route.organisationId))}
        />
        {plansNext ? (
          <InputField label="Дата следующей диагностики" {...bind('nextDiagnosticsDate')} type="date" />
        ) : null}
      </div>
      <fieldset className="form-grid">
        <legend>Результаты по областям, % (81–100 — высокий, 50–80 — базовый, ниже 50 — дефицит)</legend>
        {areas.map((area, i) => (
          <InputField
            key={area}
            label={competenceAreaLabels[area]}
            field={`results.${i}.percent`}
            type="number"
            min={0}
            max={100}
            inputMode="decimal"
            value={percents[area] ?? ''}
            onChange={(v) => setPercents((all) => ({ ...all, [area]: v }))}
          />
        ))}
      </fieldset>
    </FoldedCommandForm>
  );
}

function PortfolioEntry({ route, onDone }: { route: Route; onDone: () => void }) {
  const session = useSession();
  const today = todayIn(session.timeZoneOf(route.organisationId));
  const { values, set, bind } = useFormValues({ date: today, rowId: '', product: '', selfAssessment: '' });
  const { date, rowId, product, selfAssessment } = values;
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await sendRouteCommand(route, 'record-portfolio-entry', {
        entryId: newId(),
        ...(rowId ? { rowId } : {}),
        ...(date ? { date } : {}),
        product,
        selfAssessment,
      });
      set('product', '');
      set('selfAssessment', '');
      onDone();
    });
  };
  return (
    <FoldedCommandForm
      title="Добавить результат в портфолио"
      details={{ open: true }}
      command={command}
      onSubmit={submit}
      className="form-grid"
      submit="Добавить в портфолио"
      busyText="Сохранение…"
      failed="Не добавлено"
    >
      <SelectField
        label="Мероприятие дорожной карты"
        {...bind('rowId')}
        empty="— не относится к мероприятию —"
        options={(route.roadMap?.rows ?? []).map(
          (row) => [row.rowId, `${row.activity} (до ${formatLocalDate(row.deadline)})`] as const,
        )}
      />
      <InputField label="Дата результата" {...bind('date')} required type="date" max={today} />
      <TextAreaField label="Продукт (что сделано)" {...bind('product')} rows={2} />
      <TextAreaField label="Самооценка" {...bind('selfAssessment')} rows={2} />
    </FoldedCommandForm>
  );
}

function CommentCommand({
  route,
  path,
  title,
  button,
  onDone,
}: {
  route: Route;
  path: string;
  title: string;
  button: string;
  onDone: () => void;
}) {
  const [comment, setComment] = useState('');
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() => sendRouteCommand(route, path, comment.trim() ? { comment } : {}).then(onDone));
  };
  return (
    <FoldedCommandForm
      title={title}
      command={command}
      onSubmit={submit}
      submit={button}
      busyText="Выполнение…"
      failed="Отклонено"
    >
      <OptionalCommentField value={comment} onChange={setComment} />
    </FoldedCommandForm>
  );
}
