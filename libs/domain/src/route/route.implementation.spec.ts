import { routeDecider } from './route.decider';
import { competenceAreas, type CompetenceArea, type RouteEvent } from './route.events';
import { competenceLevel } from './route.rules';
import {
  assessedInitial,
  at,
  command,
  completeRoute,
  completed,
  controlPercents,
  controlResults,
  controlTaskRaised,
  correct,
  corrected,
  created_,
  diagnosticsRecorded,
  draftDone,
  draftOverdue,
  draftRows,
  fold,
  inDesign,
  inImplementation,
  inReflective,
  methodologist,
  monthlyRaised,
  portfolio,
  raiseMonthly,
  recordControl,
  row1,
  row2,
  row4,
  spec,
  startReflection,
  stageChanged,
  tComplete,
  tControl,
  tCorrect,
  tLate,
  tMonthly,
  tPortfolio,
  tReflect,
  tSubmitOnTime,
  teacher,
  tutor,
  withMonthlyCheck,
} from './route.fixtures';

describe('individual educational route (ИОМ)', () => {
  describe('RaiseMonthlyCheck (003 §7.1)', () => {
    it('gives the tutor the month’s control-point check', () =>
      spec.given(inImplementation).when(raiseMonthly()).then([monthlyRaised]));

    it('refuses the same task twice', () =>
      spec.given(withMonthlyCheck).when(raiseMonthly()).thenRefuses('route.task.invalid', ['task.id.duplicate']));

    it('refuses a month that is not YYYY-MM', () =>
      spec
        .given(inImplementation)
        .when(raiseMonthly({ month: '2026-6' }))
        .thenRefuses('route.task.invalid', ['monthlyCheck.month.invalid']));

    it('refuses outside implementation', () =>
      spec.given(draftDone).when(raiseMonthly()).thenRefuses('route.stage.mismatch'));

    it('state counts the checks raised', () =>
      expect(created_(withMonthlyCheck).monthlyCheckTaskIds).toEqual(['task-check-2026-06']));
  });

  describe('CompleteTask', () => {
    it('the tutor completes the monthly check with its result', () =>
      spec
        .given(withMonthlyCheck)
        .when(
          command(
            'CompleteTask',
            { taskId: 'task-check-2026-06', result: ' Контрольные точки пройдены ' },
            tutor('2026-06-29T10:00:00.000Z'),
          ),
        )
        .then([completed('task-check-2026-06', '2026-06-29T10:00:00.000Z', 'tutor-1', 'Контрольные точки пройдены')]));

    it('the curator closes their escalation task', () =>
      spec
        .given(draftOverdue)
        .when(
          command(
            'CompleteTask',
            { taskId: 'task-esc-curator', result: 'Связался с методистом' },
            at('curator-1', 'curator', tLate),
          ),
        )
        .then([completed('task-esc-curator', tLate, 'curator-1', 'Связался с методистом')]));

    it('refuses someone else’s task', () =>
      spec
        .given(withMonthlyCheck)
        .when(command('CompleteTask', { taskId: 'task-check-2026-06', result: 'готово' }, teacher(tMonthly)))
        .thenRefuses('task.forbidden'));

    it('refuses a task already done', () =>
      spec
        .given([...withMonthlyCheck, completed('task-check-2026-06', tMonthly, 'tutor-1', 'готово')])
        .when(command('CompleteTask', { taskId: 'task-check-2026-06', result: 'ещё раз' }, tutor(tMonthly)))
        .thenRefuses('task.notActive'));

    it('refuses an unknown task', () =>
      spec
        .given(withMonthlyCheck)
        .when(command('CompleteTask', { taskId: 'task-x', result: 'готово' }, tutor(tMonthly)))
        .thenRefuses('task.notFound'));

    it('refuses a blank result', () =>
      spec
        .given(withMonthlyCheck)
        .when(command('CompleteTask', { taskId: 'task-check-2026-06', result: ' ' }, tutor(tMonthly)))
        .thenRefuses('route.task.resultRequired'));

    it('refuses closing the draft task by hand: the draft is submitted', () =>
      spec
        .given(inDesign)
        .when(command('CompleteTask', { taskId: 'task-draft', result: 'готово' }, methodologist(tSubmitOnTime)))
        .thenRefuses('route.task.completedByCommand'));
  });

  describe('RecordPortfolioEntry', () => {
    const entry = (
      extra: Partial<Extract<RouteEvent, { type: 'PortfolioEntryRecorded' }>['data']> = {},
    ): RouteEvent => ({
      type: 'PortfolioEntryRecorded',
      data: {
        routeId: 'route-1',
        entryId: 'entry-1',
        rowId: 'row-1',
        competence: 'ict',
        product: 'Удостоверение о повышении квалификации, 36 ч',
        selfAssessment: 'Уверенно применяю сервисы на уроках',
        recordedAt: tPortfolio,
        recordedBy: 'teacher-1',
        ...extra,
      },
    });

    it('the teacher records a product against a road-map row', () =>
      spec.given(inImplementation).when(portfolio()).then([entry()]));

    it('an entry may stand without a row', () => {
      const [event] = routeDecider.decide(portfolio({ rowId: undefined }), fold(inImplementation));
      expect(event).toEqual({
        type: 'PortfolioEntryRecorded',
        data: { ...entry().data, rowId: undefined, competence: undefined },
      });
      expect(event?.data).not.toHaveProperty('rowId');
    });

    it('is accepted in the reflective stage as well', () =>
      spec
        .given(inReflective)
        .when(portfolio({}, teacher(tControl)))
        .then([entry({ recordedAt: tControl })]));

    it('refuses the tutor: the portfolio is the teacher’s', () =>
      spec
        .given(inImplementation)
        .when(portfolio({}, tutor(tPortfolio)))
        .thenRefuses('route.forbidden'));

    it('lists every problem', () =>
      spec
        .given([...inImplementation, entry()])
        .when(portfolio({ rowId: 'row-9', product: '', selfAssessment: ' ' }))
        .thenRefuses('route.portfolio.invalid', [
          'portfolio.id.duplicate',
          'portfolio.row.unknown',
          'portfolio.product.empty',
          'portfolio.selfAssessment.empty',
        ]));

    it('refuses before implementation', () =>
      spec.given(draftDone).when(portfolio()).thenRefuses('route.stage.mismatch'));

    it('state keeps the entries', () => expect(created_([...inImplementation, entry()]).portfolio).toHaveLength(1));
  });

  describe('CorrectRoadMap: corrections run alongside implementation, versioned with a reason', () => {
    const corrected2 = corrected(2, [row1, row2, row4], 'Изменились запросы педагога: добавлено здоровьесбережение');

    it('records version 2 with its reason', () =>
      spec
        .given(inImplementation)
        .when(correct(' Изменились запросы педагога: добавлено здоровьесбережение ', [row1, row2, row4]))
        .then([corrected2]));

    it('numbers the next correction 3 and keeps the history', () => {
      spec
        .given([...inImplementation, corrected2])
        .when(correct('Курс перенесён', [{ ...row1, deadline: '2027-02-20' }, row2, row4]))
        .then([corrected(3, [{ ...row1, deadline: '2027-02-20' }, row2, row4], 'Курс перенесён')]);
      const state = created_([...inImplementation, corrected2, corrected(3, [row1], 'Курс перенесён')]);
      expect(state.roadMapVersions.map((v) => [v.version, v.origin, v.reason])).toEqual([
        [1, 'methodologistDraft', undefined],
        [2, 'correction', 'Изменились запросы педагога: добавлено здоровьесбережение'],
        [3, 'correction', 'Курс перенесён'],
      ]);
      expect(state.roadMap?.version).toBe(3);
    });

    it.each(['', '  '])('refuses without a reason (%p)', (reason) =>
      spec
        .given(inImplementation)
        .when(correct(reason, [row1]))
        .thenRefuses('route.roadMap.reasonRequired'),
    );

    it('refuses a correction that changes nothing', () =>
      spec.given(inImplementation).when(correct('Уточнение', draftRows)).thenRefuses('route.roadMap.unchanged'));

    it('refuses the teacher: the tutor agrees corrections', () =>
      spec
        .given(inImplementation)
        .when(correct('Уточнение', [row1], teacher(tCorrect)))
        .thenRefuses('route.forbidden'));

    it('refuses invalid rows', () =>
      spec
        .given(inImplementation)
        .when(correct('Уточнение', [{ ...row1, deadline: '2026-01-01' }]))
        .thenRefuses('route.roadMap.invalid', ['roadMap.row.deadlineInvalid']));

    it('refuses in the reflective stage', () =>
      spec
        .given(inReflective)
        .when(correct('Уточнение', [row1], tutor(tControl)))
        .thenRefuses('route.stage.mismatch'));
  });

  describe('StartReflection', () => {
    it('opens the reflective stage', () =>
      spec
        .given(withMonthlyCheck)
        .when(command('StartReflection', {}, tutor(tReflect)))
        .then([stageChanged('implementation', 'reflective', tReflect)]));

    it('gives the tutor the control diagnostics task when scheduled', () =>
      spec
        .given(withMonthlyCheck)
        .when(startReflection())
        .then([stageChanged('implementation', 'reflective', tReflect), controlTaskRaised]));

    it('refuses an invalid control diagnostics task', () =>
      spec
        .given(withMonthlyCheck)
        .when(
          command(
            'StartReflection',
            { controlDiagnosticsTask: { taskId: '', dueAt: tReflect, dueLocalDate: '30.04.2030' } },
            tutor(tReflect),
          ),
        )
        .thenRefuses('route.task.invalid', ['task.id.empty', 'task.dueAt.invalid', 'task.dueLocalDate.invalid']));

    it('refuses the teacher', () =>
      spec
        .given(withMonthlyCheck)
        .when(command('StartReflection', {}, teacher(tReflect)))
        .thenRefuses('route.forbidden'));

    it('refuses before implementation', () =>
      spec
        .given(draftDone)
        .when(command('StartReflection', {}, tutor(tReflect)))
        .thenRefuses('route.stage.mismatch'));
  });

  describe('RecordControlDiagnostics (003 §7.2)', () => {
    const dynamicsOf = (
      area: CompetenceArea,
      initialPercent: number,
      controlPercent: number,
      change: number,
      before: 'high' | 'basic' | 'deficit',
      after: 'high' | 'basic' | 'deficit',
    ) => ({ area, initialPercent, controlPercent, change, before: { level: before }, after: { level: after } });
    const controlRecorded: RouteEvent = {
      type: 'ControlDiagnosticsRecorded',
      data: {
        routeId: 'route-1',
        diagnosticsId: 'diag-2',
        date: '2030-04-09',
        results: competenceAreas.map((area) => ({
          area,
          percent: controlPercents[area],
          ...competenceLevel(controlPercents[area]),
        })),
        // area, initial %, control %, change, level before, level after
        dynamics: [
          dynamicsOf('scientificTheoretical', 85, 85, 0, 'high', 'high'),
          dynamicsOf('regulatoryLegal', 45, 70, 25, 'deficit', 'basic'),
          dynamicsOf('subjectProfessional', 81, 81, 0, 'high', 'high'),
          dynamicsOf('psychologicalPedagogical', 50, 50, 0, 'basic', 'basic'),
          dynamicsOf('methodical', 80, 80, 0, 'basic', 'basic'),
          dynamicsOf('ict', 35, 82.4, 47.4, 'deficit', 'high'),
          dynamicsOf('digitalisation', 29, 55, 26, 'deficit', 'basic'),
          dynamicsOf('extracurricularEducational', 62.5, 62.5, 0, 'basic', 'basic'),
          dynamicsOf('healthSaving', 40, 38, -2, 'deficit', 'deficit'),
        ],
        deficitLevelsEntered: true,
        recordedAt: tControl,
        recordedBy: 'tutor-1',
      },
    };

    it('records the results with the dynamics of every competence and closes the control diagnostics task', () =>
      spec
        .given(inReflective)
        .when(recordControl())
        .then([controlRecorded, completed('task-control', tControl, 'tutor-1', 'Контрольная диагностика проведена')]));

    it('dynamics cover only areas diagnosed both times', () => {
      const initialTwo: RouteEvent = {
        ...diagnosticsRecorded,
        data: { ...diagnosticsRecorded.data, results: assessedInitial.slice(5, 7) },
      };
      const history = inReflective.map((e) => (e.type === 'DiagnosticsRecorded' ? initialTwo : e));
      const [event] = routeDecider.decide(recordControl(), fold(history));
      expect(event?.type === 'ControlDiagnosticsRecorded' && event.data.dynamics.map((d) => d.area)).toEqual([
        'ict',
        'digitalisation',
      ]);
    });

    it('refuses control results missing an area diagnosed at the start', () =>
      spec
        .given(inReflective)
        .when(recordControl({ results: controlResults.filter((r) => r.area !== 'ict' && r.area !== 'healthSaving') }))
        .thenRefuses('route.controlDiagnostics.areasMissing', [
          'controlDiagnostics.area.missing',
          'controlDiagnostics.area.missing',
        ]));

    it('refuses a duplicate area and a percent out of range', () =>
      spec
        .given(inReflective)
        .when(recordControl({ results: [...controlResults, { area: 'ict', percent: 120 }] }))
        .thenRefuses('route.controlDiagnostics.invalid', [
          'diagnostics.area.duplicate',
          'diagnostics.percent.outOfRange',
        ]));

    it('refuses a date before the initial diagnostics', () =>
      spec
        .given(inReflective)
        .when(recordControl({ date: '2026-04-01' }))
        .thenRefuses('route.controlDiagnostics.invalid', ['diagnostics.date.beforeInitial']));

    it('refuses a second control diagnostics', () =>
      spec
        .given([...inReflective, controlRecorded])
        .when(recordControl({ diagnosticsId: 'diag-3' }))
        .thenRefuses('route.controlDiagnostics.alreadyRecorded'));

    it('refuses the methodologist: the tutor organises it', () =>
      spec
        .given(inReflective)
        .when(recordControl({}, methodologist(tControl)))
        .thenRefuses('route.forbidden'));

    it('refuses during implementation', () =>
      spec.given(withMonthlyCheck).when(recordControl()).thenRefuses('route.stage.mismatch'));
  });

  describe('CompleteRoute', () => {
    it('refuses before the control diagnostics', () =>
      spec.given(inReflective).when(completeRoute()).thenRefuses('route.controlDiagnostics.missing'));

    it('refuses before the reflective stage', () =>
      spec.given(withMonthlyCheck).when(completeRoute()).thenRefuses('route.stage.mismatch'));

    it('refuses the teacher', () =>
      spec
        .given(inReflective)
        .when(completeRoute(teacher(tComplete)))
        .thenRefuses('route.forbidden'));
  });
});
