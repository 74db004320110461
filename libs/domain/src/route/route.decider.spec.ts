import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import type { TaskAssignee, TaskEvent, TaskKind } from '../task/task.events';
import { formatRouteCode, isRouteCode, parseRouteCode } from './route.code';
import type { RouteCommand } from './route.commands';
import { routeDecider } from './route.decider';
import { routeDraftDeliveredOnTime, routeUncoveredDeficitAreas } from './route.indicators';
import { competenceLevel } from './route.rules';
import type { CreatedRoute, RouteState } from './route.state';
import {
  competenceAreas,
  competenceLevels,
  deficitLevels,
  routeActivityKinds,
  routeStages,
  type CompetenceArea,
  type CompetenceResult,
  type RouteControlPoint,
  type RouteEvent,
  type RouteRoadMapRow,
  type RouteStage,
  type RouteTitlePage,
} from './route.events';
import {
  competenceAreaLabels,
  competenceAssessmentLabel,
  competenceLevelLabels,
  deficitLevelLabels,
  routeActivityKindLabels,
  routeMonthLabel,
  routeStageLabels,
} from './route.labels';

const spec = deciderSpec(routeDecider);

// ---- Time line (Samara, UTC+4: a local day ends at 20:00Z) ----

const tCreate = '2026-04-27T06:00:00.000Z';
const tDiagnostics = '2026-04-28T07:00:00.000Z'; // Tue 28 April 2026
const draftDueAt = '2026-05-14T20:00:00.000Z'; // end of Thu 14 May: 10 working days on the 2026 calendar
const draftDueLocalDate = '2026-05-14';
const draftRemindAt = ['2026-05-13T05:00:00.000Z'];
const tSubmitOnTime = '2026-05-12T09:00:00.000Z';
const tOverdue = draftDueAt;
const escalationDueAt = '2026-05-19T20:00:00.000Z';
const tLate = '2026-05-18T08:00:00.000Z';
const tAgree = '2026-05-20T08:00:00.000Z';
const tMonthly = '2026-06-01T05:00:00.000Z';
const tPortfolio = '2026-12-21T10:00:00.000Z';
const tCorrect = '2027-01-15T10:00:00.000Z';
const tReflect = '2030-03-02T06:00:00.000Z';
const tControl = '2030-04-10T06:00:00.000Z';
const tComplete = '2030-04-20T06:00:00.000Z';

const at = (actorId: string, role: CommandMetadata['role'], now: string): CommandMetadata => ({ actorId, role, now });
const tutor = (now: string) => at('tutor-1', 'tutor', now);
const methodologist = (now: string) => at('method-1', 'methodologist', now);
const teacher = (now: string) => at('teacher-1', 'mentee', now);
const admin = (now: string) => at('admin-1', 'administrator', now);
const otherTutor = (now: string) => at('tutor-2', 'tutor', now);
const workflow = (now: string) => at('workflow', 'administrator', now);

const command = <T extends RouteCommand['type']>(type: T, data: Extract<RouteCommand, { type: T }>['data'], metadata: CommandMetadata): RouteCommand =>
  ({ type, data, metadata }) as RouteCommand;

// ---- Data ----

const code = '63-0042-2026-000017';
const titlePage: RouteTitlePage = {
  position: 'Учитель математики',
  education: 'Высшее педагогическое, СГСПУ, 2012',
  lastAttestationDate: '2024-03-15',
  qualificationCategory: 'первая',
  teachingExperienceYears: 12,
  selfEducationTopic: 'Формирование функциональной грамотности на уроках математики',
  startDate: '2026-05-04',
  endDate: '2030-05-03',
};
const goal = 'Преодолеть дефициты в области ИКТ и цифровизации образования';
const goalTasks = ['Освоить цифровые сервисы для уроков', 'Разработать цифровой образовательный ресурс по алгебре'];

const initialPercents: Readonly<Record<CompetenceArea, number>> = {
  scientificTheoretical: 85,
  regulatoryLegal: 45,
  subjectProfessional: 81,
  psychologicalPedagogical: 50,
  methodical: 80,
  ict: 35,
  digitalisation: 29,
  extracurricularEducational: 62.5,
  healthSaving: 40,
};
const allResults = competenceAreas.map((area) => ({ area, percent: initialPercents[area] }));
const assessedInitial: CompetenceResult[] = [
  { area: 'scientificTheoretical', percent: 85, level: 'high' },
  { area: 'regulatoryLegal', percent: 45, level: 'deficit', deficitLevel: 'minimal' },
  { area: 'subjectProfessional', percent: 81, level: 'high' },
  { area: 'psychologicalPedagogical', percent: 50, level: 'basic' },
  { area: 'methodical', percent: 80, level: 'basic' },
  { area: 'ict', percent: 35, level: 'deficit', deficitLevel: 'medium' },
  { area: 'digitalisation', percent: 29, level: 'deficit', deficitLevel: 'high' },
  { area: 'extracurricularEducational', percent: 62.5, level: 'basic' },
  { area: 'healthSaving', percent: 40, level: 'deficit', deficitLevel: 'minimal' },
];

const row1: RouteRoadMapRow = {
  rowId: 'row-1',
  competence: 'ict',
  activity: 'Курс «Цифровые инструменты учителя» из федерального реестра ДПП',
  activityKind: 'furtherTrainingProgramme',
  tasks: 'Освоить цифровые сервисы для уроков',
  hours: 36,
  deadline: '2026-12-20',
  chosenMark: true,
};
const row2: RouteRoadMapRow = {
  rowId: 'row-2',
  competence: 'digitalisation',
  activity: 'Стажировка в школе — региональной инновационной площадке',
  activityKind: 'internship',
  tasks: 'Перенести опыт цифровой школы в свою практику',
  hours: 16,
  deadline: '2027-03-31',
};
const row3: RouteRoadMapRow = {
  rowId: 'row-3',
  competence: 'regulatoryLegal',
  activity: 'Изучение ФОП ООО и обновлённого ФГОС',
  activityKind: 'resource',
  tasks: 'Знать требования к результатам',
  hours: 10,
  deadline: '2026-10-30',
};
const row4: RouteRoadMapRow = {
  rowId: 'row-4',
  competence: 'healthSaving',
  activity: 'Сценарий урока с динамическими паузами',
  activityKind: 'methodicalProduct',
  tasks: 'Применять здоровьесберегающие технологии',
  hours: 6,
  deadline: '2027-05-31',
};
const draftRows = [row1, row2, row3];
const controlPoints: RouteControlPoint[] = [
  { controlPointId: 'cp-1', date: '2026-12-25', description: 'Удостоверение о повышении квалификации' },
  { controlPointId: 'cp-2', date: '2027-04-15', description: 'Отчёт о стажировке' },
];

const controlPercents: Readonly<Record<CompetenceArea, number>> = {
  ...initialPercents,
  regulatoryLegal: 70,
  ict: 82.4,
  digitalisation: 55,
  healthSaving: 38,
};
const controlResults = competenceAreas.map((area) => ({ area, percent: controlPercents[area] }));

// ---- Event builders ----

const created: RouteEvent = {
  type: 'RouteCreated',
  data: {
    routeId: 'route-1',
    code,
    organisationId: 'org-1',
    teacherId: 'teacher-1',
    methodologistId: 'method-1',
    tutorId: 'tutor-1',
    titlePage,
    stage: 'diagnosticMotivational',
    createdAt: tCreate,
    createdBy: 'tutor-1',
  },
};
const goalFixed = (when = tCreate, text = goal, tasks = goalTasks): RouteEvent => ({
  type: 'RouteGoalFixed',
  data: { routeId: 'route-1', goal: text, tasks, fixedAt: when, fixedBy: 'tutor-1' },
});
const stageChanged = (from: RouteStage, to: RouteStage, when: string, by = 'tutor-1'): RouteEvent => ({
  type: 'RouteStageChanged',
  data: { routeId: 'route-1', from, to, changedAt: when, changedBy: by },
});
const raised = (taskId: string, kind: TaskKind, title: string, assignee: TaskAssignee, raisedAt: string, dueAt: string, dueLocalDate: string, remindAt: string[] = []): TaskEvent => ({
  type: 'TaskRaised',
  data: { taskId, kind, title, assignee, organisationId: 'org-1', subject: { type: 'route', id: 'route-1' }, raisedAt, dueAt, dueLocalDate, remindAt },
});
const tutorAssignee: TaskAssignee = { personId: 'tutor-1', role: 'tutor' };
const curatorAssignee: TaskAssignee = { personId: 'curator-1', role: 'curator' };
const methodologistAssignee: TaskAssignee = { personId: 'method-1', role: 'methodologist' };

const diagnosticsRecorded: RouteEvent = {
  type: 'DiagnosticsRecorded',
  data: {
    routeId: 'route-1',
    diagnosticsId: 'diag-1',
    date: '2026-04-28',
    nextDiagnosticsDate: '2030-04-09',
    results: assessedInitial,
    recordedAt: tDiagnostics,
    recordedBy: 'tutor-1',
  },
};
const draftTitle = `Составить проект ИОМ ${code} по результатам диагностики (10 рабочих дней, до 2026-05-14 включительно)`;
const draftRaised = raised('task-draft', 'draftRoute', draftTitle, methodologistAssignee, tDiagnostics, draftDueAt, draftDueLocalDate, draftRemindAt);
const escalationTitle = `Проект ИОМ ${code} не представлен методистом в срок (до 2026-05-14 включительно): примите меры`;
const overdueEvents: RouteEvent[] = [
  { type: 'TaskOverdue', data: { taskId: 'task-draft', overdueAt: tOverdue } },
  { type: 'TaskEscalated', data: { taskId: 'task-draft', escalatedAt: tOverdue, escalatedTo: [tutorAssignee, curatorAssignee] } },
  raised('task-esc-tutor', 'draftOverdueEscalation', escalationTitle, tutorAssignee, tOverdue, escalationDueAt, '2026-05-19'),
  raised('task-esc-curator', 'draftOverdueEscalation', escalationTitle, curatorAssignee, tOverdue, escalationDueAt, '2026-05-19'),
];
const draftSubmitted = (when = tSubmitOnTime, onTime = true, rows = draftRows): RouteEvent => ({
  type: 'RouteDraftSubmitted',
  data: { routeId: 'route-1', draftTaskId: 'task-draft', version: 1, rows, dueAt: draftDueAt, onTime, submittedAt: when, submittedBy: 'method-1' },
});
const completed = (taskId: string, when: string, by: string, result: string): TaskEvent => ({
  type: 'TaskCompleted',
  data: { taskId, completedAt: when, completedBy: by, result },
});
const cancelled = (taskId: string, when: string, reason: string): TaskEvent => ({ type: 'TaskCancelled', data: { taskId, cancelledAt: when, reason } });
const agreed = (extra: Partial<Extract<RouteEvent, { type: 'RoadMapAgreed' }>['data']> = {}): RouteEvent => ({
  type: 'RoadMapAgreed',
  data: { routeId: 'route-1', version: 1, source: 'methodologistDraft', rows: draftRows, controlPoints, agreedAt: tAgree, agreedBy: 'tutor-1', ...extra },
});
const monthlyTitle = `Проверить прохождение контрольных точек ИОМ ${code} за июнь 2026`;
const monthlyRaised = raised('task-check-2026-06', 'monthlyControlPointCheck', monthlyTitle, tutorAssignee, tMonthly, '2026-06-30T20:00:00.000Z', '2026-06-30');
const corrected = (version: number, rows: RouteRoadMapRow[], reason: string, when = tCorrect): RouteEvent => ({
  type: 'RoadMapCorrected',
  data: { routeId: 'route-1', version, previousVersion: version - 1, rows, reason, correctedAt: when, correctedBy: 'tutor-1' },
});
const controlTitle = `Организовать контрольную диагностику профессиональных компетенций по ИОМ ${code}`;
const controlTaskRaised = raised('task-control', 'controlDiagnostics', controlTitle, tutorAssignee, tReflect, '2030-04-30T20:00:00.000Z', '2030-04-30');

// ---- Command builders ----

const createData: Extract<RouteCommand, { type: 'CreateRoute' }>['data'] = {
  routeId: 'route-1',
  code,
  organisationId: 'org-1',
  teacherId: 'teacher-1',
  methodologistId: 'method-1',
  tutorId: 'tutor-1',
  titlePage,
};
const recordDiagnostics = (
  extra: Partial<Extract<RouteCommand, { type: 'RecordDiagnostics' }>['data']> = {},
  metadata = tutor(tDiagnostics),
): RouteCommand =>
  command(
    'RecordDiagnostics',
    {
      diagnosticsId: 'diag-1',
      date: '2026-04-28',
      results: allResults,
      nextDiagnosticsDate: '2030-04-09',
      draftTaskId: 'task-draft',
      draftDueAt,
      draftDueLocalDate,
      remindAt: draftRemindAt,
      ...extra,
    },
    metadata,
  );
const markOverdue = (
  extra: Partial<Extract<RouteCommand, { type: 'MarkDraftOverdue' }>['data']> = {},
  when = tOverdue,
): RouteCommand =>
  command(
    'MarkDraftOverdue',
    {
      taskId: 'task-draft',
      curatorId: 'curator-1',
      escalationTaskIds: { tutor: 'task-esc-tutor', curator: 'task-esc-curator' },
      dueAt: escalationDueAt,
      dueLocalDate: '2026-05-19',
      ...extra,
    },
    workflow(when),
  );
const submitDraft = (rows: RouteRoadMapRow[] = draftRows, metadata = methodologist(tSubmitOnTime)): RouteCommand => command('SubmitDraft', { rows }, metadata);
const agree = (extra: { controlPoints?: RouteControlPoint[]; rows?: RouteRoadMapRow[] } = {}, metadata = tutor(tAgree)): RouteCommand =>
  command('AgreeRoadMap', { controlPoints, ...extra }, metadata);
const raiseMonthly = (extra: Partial<Extract<RouteCommand, { type: 'RaiseMonthlyCheck' }>['data']> = {}, when = tMonthly): RouteCommand =>
  command('RaiseMonthlyCheck', { taskId: 'task-check-2026-06', dueAt: '2026-06-30T20:00:00.000Z', dueLocalDate: '2026-06-30', month: '2026-06', ...extra }, workflow(when));
const portfolio = (extra: Partial<Extract<RouteCommand, { type: 'RecordPortfolioEntry' }>['data']> = {}, metadata = teacher(tPortfolio)): RouteCommand =>
  command(
    'RecordPortfolioEntry',
    { entryId: 'entry-1', rowId: 'row-1', product: 'Удостоверение о повышении квалификации, 36 ч', selfAssessment: 'Уверенно применяю сервисы на уроках', ...extra },
    metadata,
  );
const correct = (reason: string, rows: RouteRoadMapRow[], metadata = tutor(tCorrect)): RouteCommand => command('CorrectRoadMap', { reason, rows }, metadata);
const recordControl = (
  extra: Partial<Extract<RouteCommand, { type: 'RecordControlDiagnostics' }>['data']> = {},
  metadata = tutor(tControl),
): RouteCommand => command('RecordControlDiagnostics', { diagnosticsId: 'diag-2', date: '2030-04-09', results: controlResults, ...extra }, metadata);

// ---- Histories ----

const inDiagnostic: RouteEvent[] = [created, goalFixed()];
const inDesign: RouteEvent[] = [...inDiagnostic, diagnosticsRecorded, stageChanged('diagnosticMotivational', 'design', tDiagnostics), draftRaised];
const draftOverdue: RouteEvent[] = [...inDesign, ...overdueEvents];
const draftDone: RouteEvent[] = [...inDesign, draftSubmitted(), completed('task-draft', tSubmitOnTime, 'method-1', 'Проект ИОМ передан тьютору')];
const inImplementation: RouteEvent[] = [...draftDone, agreed(), stageChanged('design', 'implementation', tAgree)];
const withMonthlyCheck: RouteEvent[] = [...inImplementation, monthlyRaised];
const inReflective: RouteEvent[] = [...withMonthlyCheck, stageChanged('implementation', 'reflective', tReflect), controlTaskRaised];

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

const fold = (events: RouteEvent[]): RouteState => events.reduce(routeDecider.evolve, routeDecider.initialState());
const created_ = (events: RouteEvent[]): CreatedRoute => {
  const state = fold(events);
  if (state.status !== 'created') throw new Error('route not created');
  return state;
};

describe('individual educational route (ИОМ)', () => {
  describe('competenceLevel (003 §5.4)', () => {
    it.each([
      [100, 'Высокий'],
      [81, 'Высокий'],
      [80.99, 'Базовый'],
      [80, 'Базовый'],
      [50, 'Базовый'],
      [49.99, 'Дефицит (минимальный)'],
      [40, 'Дефицит (минимальный)'],
      [39, 'Дефицит (средний)'],
      [30, 'Дефицит (средний)'],
      [29.9, 'Дефицит (высокий)'],
      [0, 'Дефицит (высокий)'],
    ])('%p %% is %s', (percent, label) => expect(competenceAssessmentLabel(competenceLevel(percent))).toBe(label));

    it.each([-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p %%', (percent) =>
      expect(thrown(() => competenceLevel(percent))).toMatchObject({ name: 'DomainRefusal', code: 'route.diagnostics.percentOutOfRange' }));
  });

  describe('registry code (003 §3.4)', () => {
    it('formats region, organisation, year and sequence with fixed widths', () => {
      expect(formatRouteCode({ regionCode: 63, organisationCode: 42, year: 2026, sequence: 17 })).toBe('63-0042-2026-000017');
      expect(formatRouteCode({ regionCode: 1, organisationCode: 9999, year: 2030, sequence: 999999 })).toBe('01-9999-2030-999999');
    });

    it('parses what it formats', () => {
      expect(parseRouteCode('63-0042-2026-000017')).toEqual({ regionCode: 63, organisationCode: 42, year: 2026, sequence: 17 });
      expect(isRouteCode(code)).toBe(true);
    });

    it.each(['63-42-2026-17', '00-0042-2026-000017', '63-0000-2026-000017', '63-0042-1999-000017', '63-0042-2026-000000', ' 63-0042-2026-000017', 'ИОМ-17'])(
      'rejects %p',
      (text) => expect(parseRouteCode(text)).toBeUndefined(),
    );

    it.each([
      { regionCode: 0, organisationCode: 42, year: 2026, sequence: 17 },
      { regionCode: 63, organisationCode: 10000, year: 2026, sequence: 17 },
      { regionCode: 63, organisationCode: 42, year: 2126, sequence: 17 },
      { regionCode: 63, organisationCode: 42, year: 2026, sequence: 1.5 },
    ])('refuses to format %p', (parts) =>
      expect(thrown(() => formatRouteCode(parts))).toMatchObject({ name: 'DomainRefusal', code: 'route.code.invalid' }));
  });

  describe('labels', () => {
    const russian = (text: string) => /[А-Яа-яЁё]/.test(text);

    it('every stage, competence area, level and activity kind has a Russian label', () => {
      expect(routeStages.every((s) => russian(routeStageLabels[s]))).toBe(true);
      expect(competenceAreas).toHaveLength(9);
      expect(competenceAreas.every((a) => russian(competenceAreaLabels[a]))).toBe(true);
      expect(competenceLevels.every((l) => russian(competenceLevelLabels[l]))).toBe(true);
      expect(deficitLevels.every((l) => russian(deficitLevelLabels[l]))).toBe(true);
      expect(routeActivityKinds.every((k) => russian(routeActivityKindLabels[k]))).toBe(true);
    });

    it('names a month in Russian', () => {
      expect(routeMonthLabel('2026-06')).toBe('июнь 2026');
      expect(routeMonthLabel('2026-13')).toBe('2026-13');
    });
  });

  describe('a route that does not exist', () => {
    it.each<RouteCommand>([
      command('FixGoal', { goal, tasks: goalTasks }, tutor(tCreate)),
      recordDiagnostics(),
      markOverdue(),
      command('RemindTask', { taskId: 'task-draft' }, workflow(tCreate)),
      submitDraft(),
      command('ProposeOwnRoadMap', { rows: draftRows }, teacher(tAgree)),
      command('ApproveProposedRoadMap', { controlPoints }, tutor(tAgree)),
      agree(),
      raiseMonthly(),
      command('CompleteTask', { taskId: 'task-draft', result: 'готово' }, tutor(tAgree)),
      portfolio(),
      correct('причина', draftRows),
      command('StartReflection', {}, tutor(tReflect)),
      recordControl(),
      command('CompleteRoute', {}, tutor(tComplete)),
    ])('refuses $type', (cmd) => spec.given([]).when(cmd).thenRefuses('route.notCreated'));
  });

  describe('CreateRoute', () => {
    it('creates the route in the diagnostic-motivational stage', () =>
      spec.given([]).when(command('CreateRoute', createData, tutor(tCreate))).then([created]));

    it('fixes the goal and tasks given with the title page, trimmed', () =>
      spec
        .given([])
        .when(command('CreateRoute', { ...createData, goal: ` ${goal} `, tasks: goalTasks.map((t) => `${t} `) }, tutor(tCreate)))
        .then([created, goalFixed()]));

    it('lets an administrator register a route for the tutor', () =>
      spec
        .given([])
        .when(command('CreateRoute', createData, admin(tCreate)))
        .then([{ ...created, data: { ...created.data, createdBy: 'admin-1' } }]));

    it('refuses a second creation', () => spec.given([created]).when(command('CreateRoute', createData, tutor(tCreate))).thenRefuses('route.alreadyCreated'));

    it('refuses a tutor who is not the route’s tutor', () =>
      spec.given([]).when(command('CreateRoute', createData, otherTutor(tCreate))).thenRefuses('route.forbidden'));

    it('lists every missing or invalid field', () =>
      spec
        .given([])
        .when(
          command(
            'CreateRoute',
            {
              ...createData,
              code: '63-42-2026-17',
              organisationId: ' ',
              methodologistId: 'teacher-1',
              titlePage: { ...titlePage, position: '', lastAttestationDate: '2024-02-30', teachingExperienceYears: -1, selfEducationTopic: ' ' },
              tasks: goalTasks,
            },
            admin(tCreate),
          ),
        )
        .thenRefuses('route.invalid', [
          'route.code.invalid',
          'route.organisationId.empty',
          'route.teacher.isSupervisor',
          'titlePage.position.empty',
          'titlePage.lastAttestationDate.invalid',
          'titlePage.teachingExperience.invalid',
          'titlePage.selfEducationTopic.empty',
          'goal.empty',
        ]));

    it('refuses blank participants and ids', () =>
      spec
        .given([])
        .when(command('CreateRoute', { ...createData, routeId: '', teacherId: ' ', methodologistId: '', tutorId: '' }, admin(tCreate)))
        .thenRefuses('route.invalid', ['route.id.empty', 'route.teacherId.empty', 'route.methodologistId.empty', 'route.tutorId.empty']));

    it.each([
      ['2026-05-04', '2027-05-03', true],
      ['2026-05-04', '2031-05-03', true],
      ['2028-02-29', '2029-02-28', true],
      ['2028-02-29', '2029-02-27', false],
      ['2026-05-04', '2027-05-02', false],
      ['2026-05-04', '2031-05-04', false],
      ['2026-05-04', '2026-04-01', false],
    ])('a route from %s to %s is %s: one to five years, end date inclusive', (startDate, endDate, accepted) => {
      const cmd = command('CreateRoute', { ...createData, titlePage: { ...titlePage, startDate, endDate } }, tutor(tCreate));
      if (accepted) expect(routeDecider.decide(cmd, fold([]))).toHaveLength(1);
      else spec.given([]).when(cmd).thenRefuses('route.invalid', ['titlePage.period.invalid']);
    });

    it('refuses dates that are not dates', () =>
      spec
        .given([])
        .when(command('CreateRoute', { ...createData, titlePage: { ...titlePage, startDate: '04.05.2026', endDate: '2030-02-31' } }, tutor(tCreate)))
        .thenRefuses('route.invalid', ['titlePage.startDate.invalid', 'titlePage.endDate.invalid']));
  });

  describe('FixGoal', () => {
    it('fixes the goal and tasks', () =>
      spec.given([created]).when(command('FixGoal', { goal, tasks: goalTasks }, tutor(tCreate))).then([goalFixed()]));

    it('may restate the goal in the design stage, after the diagnostics', () =>
      spec
        .given(inDesign)
        .when(command('FixGoal', { goal: 'Новая цель', tasks: ['Задача'] }, tutor(tAgree)))
        .then([goalFixed(tAgree, 'Новая цель', ['Задача'])]));

    it('records nothing when the same goal is sent again', () =>
      spec.given(inDiagnostic).when(command('FixGoal', { goal, tasks: goalTasks }, tutor(tCreate))).then([]));

    it('refuses the teacher: the tutor fixes the goal with the teacher', () =>
      spec.given([created]).when(command('FixGoal', { goal, tasks: goalTasks }, teacher(tCreate))).thenRefuses('route.forbidden'));

    it('lists what is missing', () =>
      spec
        .given([created])
        .when(command('FixGoal', { goal: ' ', tasks: [] }, tutor(tCreate)))
        .thenRefuses('route.goal.invalid', ['goal.empty', 'goal.tasks.empty']));

    it('refuses a blank task', () =>
      spec.given([created]).when(command('FixGoal', { goal, tasks: ['Задача', ' '] }, tutor(tCreate))).thenRefuses('route.goal.invalid', ['goal.task.empty']));

    it('refuses once the road map is agreed', () =>
      spec.given(inImplementation).when(command('FixGoal', { goal, tasks: goalTasks }, tutor(tMonthly))).thenRefuses('route.stage.mismatch'));
  });

  describe('RecordDiagnostics', () => {
    it('records levels, opens the design stage and gives the methodologist the draft task with the due it was given', () =>
      spec.given(inDiagnostic).when(recordDiagnostics()).then([diagnosticsRecorded, stageChanged('diagnosticMotivational', 'design', tDiagnostics), draftRaised]));

    it('accepts a subset of the areas and lists results in the order of the areas', () => {
      const [event] = routeDecider.decide(
        recordDiagnostics({ results: [{ area: 'ict', percent: 35 }, { area: 'scientificTheoretical', percent: 85 }], nextDiagnosticsDate: undefined }),
        fold(inDiagnostic),
      );
      expect(event).toEqual({
        ...diagnosticsRecorded,
        data: {
          ...diagnosticsRecorded.data,
          nextDiagnosticsDate: undefined,
          results: [
            { area: 'scientificTheoretical', percent: 85, level: 'high' },
            { area: 'ict', percent: 35, level: 'deficit', deficitLevel: 'medium' },
          ],
        },
      });
    });

    it('refuses an area given twice', () =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({ results: [...allResults, { area: 'ict', percent: 90 }] }))
        .thenRefuses('route.diagnostics.invalid', ['diagnostics.area.duplicate']));

    it.each([101, -5, Number.NaN])('refuses a percent out of range (%p)', (percent) =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({ results: [{ area: 'ict', percent }] }))
        .thenRefuses('route.diagnostics.invalid', ['diagnostics.percent.outOfRange']));

    it('lists every problem of the results', () =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({ diagnosticsId: '', date: '28.04.2026', results: [], nextDiagnosticsDate: '2026-04-01' }))
        .thenRefuses('route.diagnostics.invalid', ['diagnostics.id.empty', 'diagnostics.date.invalid', 'diagnostics.results.empty', 'diagnostics.nextDate.invalid']));

    it('refuses an unknown area', () =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({ results: [{ area: 'sport' as CompetenceArea, percent: 50 }] }))
        .thenRefuses('route.diagnostics.invalid', ['diagnostics.area.unknown']));

    it('refuses a draft deadline that is not after now, and bad reminders', () =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({ draftDueAt: '2026-04-28T06:00:00.000Z', draftDueLocalDate: '2026-04-28', remindAt: ['завтра'] }))
        .thenRefuses('route.task.invalid', ['task.dueAt.invalid', 'task.remindAt.invalid']));

    it('refuses the methodologist: the tutor records the diagnostics', () =>
      spec.given(inDiagnostic).when(recordDiagnostics({}, methodologist(tDiagnostics))).thenRefuses('route.forbidden'));

    it('refuses a second initial diagnostics', () => spec.given(inDesign).when(recordDiagnostics()).thenRefuses('route.stage.mismatch'));
  });

  describe('MarkDraftOverdue: 10 working days passed without a draft', () => {
    it('marks the draft task overdue and escalates it to the tutor and the curator', () => spec.given(inDesign).when(markOverdue()).then(overdueEvents));

    it('the draft task stays open and visibly overdue; two escalation tasks are open', () => {
      const state = created_(draftOverdue);
      expect(state.tasks['task-draft']).toMatchObject({ status: 'overdue', escalatedTo: [tutorAssignee, curatorAssignee] });
      expect(state.tasks['task-esc-tutor']).toMatchObject({ status: 'open', kind: 'draftOverdueEscalation', assignee: tutorAssignee });
      expect(state.tasks['task-esc-curator']).toMatchObject({ status: 'open', assignee: curatorAssignee });
      expect(state.draft).toMatchObject({ overdue: true });
      expect(routeDraftDeliveredOnTime(state)).toBe(false);
    });

    it('without a curator escalates to the tutor alone', () =>
      spec
        .given(inDesign)
        .when(markOverdue({ curatorId: undefined, escalationTaskIds: { tutor: 'task-esc-tutor' } }))
        .then([
          { type: 'TaskOverdue', data: { taskId: 'task-draft', overdueAt: tOverdue } },
          { type: 'TaskEscalated', data: { taskId: 'task-draft', escalatedAt: tOverdue, escalatedTo: [tutorAssignee] } },
          raised('task-esc-tutor', 'draftOverdueEscalation', escalationTitle, tutorAssignee, tOverdue, escalationDueAt, '2026-05-19'),
        ]));

    it('refuses a curator without a task id for them', () =>
      spec
        .given(inDesign)
        .when(markOverdue({ escalationTaskIds: { tutor: 'task-esc-tutor' } }))
        .thenRefuses('route.task.invalid', ['escalation.curator.incomplete']));

    it('refuses escalation tasks sharing an id or reusing the draft task id', () =>
      spec
        .given(inDesign)
        .when(markOverdue({ escalationTaskIds: { tutor: 'task-draft', curator: 'task-draft' } }))
        .thenRefuses('route.task.invalid', ['task.id.duplicate', 'task.id.duplicate', 'task.id.duplicate']));

    it('refuses before the end of the 10th working day', () =>
      spec.given(inDesign).when(markOverdue({}, '2026-05-14T19:59:59.000Z')).thenRefuses('route.draft.notYetDue'));

    it('refuses a second mark', () => spec.given(draftOverdue).when(markOverdue({}, tLate)).thenRefuses('route.draft.alreadyOverdue'));

    it('refuses once the draft was submitted', () => spec.given(draftDone).when(markOverdue()).thenRefuses('route.draft.notOpen'));

    it('refuses a task that is not the draft task', () =>
      spec.given(inDesign).when(markOverdue({ taskId: 'task-other' })).thenRefuses('route.draft.notFound'));
  });

  describe('RemindTask', () => {
    it('reminds the assignee of an open task', () =>
      spec
        .given(inDesign)
        .when(command('RemindTask', { taskId: 'task-draft' }, workflow('2026-05-13T05:00:00.000Z')))
        .then([{ type: 'TaskReminded', data: { taskId: 'task-draft', remindedAt: '2026-05-13T05:00:00.000Z', assignee: methodologistAssignee } }]));

    it('reminds of an overdue task too', () =>
      spec
        .given(draftOverdue)
        .when(command('RemindTask', { taskId: 'task-draft' }, workflow(tLate)))
        .then([{ type: 'TaskReminded', data: { taskId: 'task-draft', remindedAt: tLate, assignee: methodologistAssignee } }]));

    it('does nothing for a task already done', () =>
      spec.given(draftDone).when(command('RemindTask', { taskId: 'task-draft' }, workflow(tLate))).then([]));

    it('refuses an unknown task', () =>
      spec.given(inDesign).when(command('RemindTask', { taskId: 'task-x' }, workflow(tLate))).thenRefuses('task.notFound'));
  });

  describe('SubmitDraft', () => {
    it('hands the draft to the tutor as road-map version 1 and completes the draft task', () =>
      spec
        .given(inDesign)
        .when(submitDraft())
        .then([draftSubmitted(), completed('task-draft', tSubmitOnTime, 'method-1', 'Проект ИОМ передан тьютору')]));

    it('a late draft is not on time, and closes the escalation tasks', () =>
      spec
        .given(draftOverdue)
        .when(submitDraft(draftRows, methodologist(tLate)))
        .then([
          draftSubmitted(tLate, false),
          completed('task-draft', tLate, 'method-1', 'Проект ИОМ передан тьютору'),
          cancelled('task-esc-tutor', tLate, 'Проект ИОМ представлен методистом'),
          cancelled('task-esc-curator', tLate, 'Проект ИОМ представлен методистом'),
        ]));

    it('a draft submitted on time counts for the indicator', () => {
      expect(routeDraftDeliveredOnTime(fold(inDesign))).toBeUndefined();
      expect(routeDraftDeliveredOnTime(fold(draftDone))).toBe(true);
      expect(created_(draftDone).roadMap).toMatchObject({ version: 1, origin: 'methodologistDraft' });
    });

    it('trims texts and drops a blank done mark', () => {
      const [event] = routeDecider.decide(submitDraft([{ ...row1, activity: ` ${row1.activity} `, doneMark: ' ' }]), fold(inDesign));
      expect(event).toEqual(draftSubmitted(tSubmitOnTime, true, [row1]));
    });

    it('refuses the teacher: the methodologist drafts the route', () =>
      spec.given(inDesign).when(submitDraft(draftRows, teacher(tSubmitOnTime))).thenRefuses('route.forbidden'));

    it('refuses a second draft', () => spec.given(draftDone).when(submitDraft()).thenRefuses('route.draft.alreadySubmitted'));

    it('refuses before the diagnostics', () => spec.given(inDiagnostic).when(submitDraft()).thenRefuses('route.stage.mismatch'));

    it('refuses an empty road map', () => spec.given(inDesign).when(submitDraft([])).thenRefuses('route.roadMap.invalid', ['roadMap.rows.empty']));

    it('lists every problem of the rows', () =>
      spec
        .given(inDesign)
        .when(
          submitDraft([
            row1,
            {
              rowId: 'row-1',
              competence: 'sport' as CompetenceArea,
              activity: ' ',
              activityKind: 'lecture' as RouteRoadMapRow['activityKind'],
              tasks: '',
              hours: -2,
              deadline: '2031-01-01',
            },
            { ...row2, rowId: ' ' },
          ]),
        )
        .thenRefuses('route.roadMap.invalid', [
          'roadMap.row.duplicate',
          'roadMap.row.competenceUnknown',
          'roadMap.row.activityEmpty',
          'roadMap.row.activityKindUnknown',
          'roadMap.row.tasksEmpty',
          'roadMap.row.hoursInvalid',
          'roadMap.row.deadlineInvalid',
          'roadMap.row.idEmpty',
        ]));
  });

  describe('AgreeRoadMap: the tutor refines and agrees the draft with the teacher', () => {
    it('agrees the draft unchanged as version 1 and opens implementation', () =>
      spec.given(draftDone).when(agree()).then([agreed(), stageChanged('design', 'implementation', tAgree)]));

    it('agrees a refined draft as version 2', () =>
      spec
        .given(draftDone)
        .when(agree({ rows: [row1, row2, row3, row4] }))
        .then([agreed({ version: 2, source: 'tutorRefinement', rows: [row1, row2, row3, row4] }), stageChanged('design', 'implementation', tAgree)]));

    it('rows identical to the draft are the draft', () =>
      spec.given(draftDone).when(agree({ rows: draftRows.map((r) => ({ ...r })) })).then([agreed(), stageChanged('design', 'implementation', tAgree)]));

    it('keeps each version in the history', () => {
      const state = created_([
        ...draftDone,
        agreed({ version: 2, source: 'tutorRefinement', rows: [row1, row2, row3, row4] }),
        stageChanged('design', 'implementation', tAgree),
      ]);
      expect(state.roadMapVersions.map((v) => [v.version, v.origin])).toEqual([
        [1, 'methodologistDraft'],
        [2, 'tutorRefinement'],
      ]);
      expect(state).toMatchObject({ stage: 'implementation', controlPoints, agreedAt: tAgree, roadMap: { version: 2 } });
    });

    it('lists what the agreement still lacks', () =>
      spec.given([...inDesign.filter((e) => e.type !== 'RouteGoalFixed')]).when(agree()).thenRefuses('route.agreement.unmet', ['goal.notFixed', 'draft.notSubmitted']));

    it('refuses the methodologist: the tutor agrees the road map', () =>
      spec.given(draftDone).when(agree({}, methodologist(tAgree))).thenRefuses('route.forbidden'));

    it('refuses without control points', () =>
      spec.given(draftDone).when(agree({ controlPoints: [] })).thenRefuses('route.controlPoints.invalid', ['controlPoints.empty']));

    it('lists every problem of the control points', () =>
      spec
        .given(draftDone)
        .when(
          agree({
            controlPoints: [
              ...controlPoints,
              { controlPointId: 'cp-1', date: '2030-05-04', description: ' ' },
              { controlPointId: '', date: '2026-13-01', description: 'Итог' },
            ],
          }),
        )
        .thenRefuses('route.controlPoints.invalid', [
          'controlPoint.duplicate',
          'controlPoint.dateInvalid',
          'controlPoint.descriptionEmpty',
          'controlPoint.idEmpty',
          'controlPoint.dateInvalid',
        ]));

    it('refuses invalid refined rows', () =>
      spec.given(draftDone).when(agree({ rows: [{ ...row1, hours: Number.NaN }] })).thenRefuses('route.roadMap.invalid', ['roadMap.row.hoursInvalid']));

    it('refuses agreeing twice', () => spec.given(inImplementation).when(agree()).thenRefuses('route.stage.mismatch'));
  });

  describe('the teacher’s own road map, approved by the tutor', () => {
    const proposed: RouteEvent = { type: 'RoadMapProposed', data: { routeId: 'route-1', rows: [row2, row4], proposedAt: tSubmitOnTime, proposedBy: 'teacher-1' } };

    it('the teacher proposes a road map', () =>
      spec.given(inDesign).when(command('ProposeOwnRoadMap', { rows: [row2, row4] }, teacher(tSubmitOnTime))).then([proposed]));

    it('approved before any draft, it is version 1 and the draft is no longer awaited', () =>
      spec
        .given([...inDesign, proposed])
        .when(command('ApproveProposedRoadMap', { controlPoints }, tutor(tAgree)))
        .then([
          agreed({ version: 1, source: 'teacherProposal', rows: [row2, row4], proposedBy: 'teacher-1' }),
          stageChanged('design', 'implementation', tAgree),
          cancelled('task-draft', tAgree, 'Согласована дорожная карта, предложенная педагогом'),
        ]));

    it('approved after the overdue draft escalation, it closes the escalation tasks too', () => {
      const events = routeDecider.decide(command('ApproveProposedRoadMap', { controlPoints }, tutor(tAgree)), fold([...draftOverdue, proposed]));
      expect(events.filter((e) => e.type === 'TaskCancelled').map((e) => e.data.taskId)).toEqual(['task-draft', 'task-esc-tutor', 'task-esc-curator']);
    });

    it('approved after the draft, it is version 2', () => {
      const state = created_([
        ...draftDone,
        proposed,
        agreed({ version: 2, source: 'teacherProposal', rows: [row2, row4], proposedBy: 'teacher-1' }),
        stageChanged('design', 'implementation', tAgree),
      ]);
      expect(state.roadMapVersions.map((v) => v.origin)).toEqual(['methodologistDraft', 'teacherProposal']);
      expect(state.proposal).toBeUndefined();
      expect(state.roadMap?.rows).toEqual([row2, row4]);
      spec
        .given([...draftDone, proposed])
        .when(command('ApproveProposedRoadMap', { controlPoints }, tutor(tAgree)))
        .then([agreed({ version: 2, source: 'teacherProposal', rows: [row2, row4], proposedBy: 'teacher-1' }), stageChanged('design', 'implementation', tAgree)]);
    });

    it('refuses approval with no proposal', () =>
      spec.given(draftDone).when(command('ApproveProposedRoadMap', { controlPoints }, tutor(tAgree))).thenRefuses('route.agreement.unmet', ['proposal.missing']));

    it('refuses the teacher approving their own road map', () =>
      spec.given([...inDesign, proposed]).when(command('ApproveProposedRoadMap', { controlPoints }, teacher(tAgree))).thenRefuses('route.forbidden'));

    it('refuses the tutor proposing in the teacher’s name', () =>
      spec.given(inDesign).when(command('ProposeOwnRoadMap', { rows: [row2] }, tutor(tAgree))).thenRefuses('route.forbidden'));

    it('refuses a proposal once implementation began', () =>
      spec.given(inImplementation).when(command('ProposeOwnRoadMap', { rows: [row2] }, teacher(tMonthly))).thenRefuses('route.stage.mismatch'));
  });

  describe('RaiseMonthlyCheck (003 §7.1)', () => {
    it('gives the tutor the month’s control-point check', () => spec.given(inImplementation).when(raiseMonthly()).then([monthlyRaised]));

    it('refuses the same task twice', () => spec.given(withMonthlyCheck).when(raiseMonthly()).thenRefuses('route.task.invalid', ['task.id.duplicate']));

    it('refuses a month that is not YYYY-MM', () =>
      spec.given(inImplementation).when(raiseMonthly({ month: '2026-6' })).thenRefuses('route.task.invalid', ['monthlyCheck.month.invalid']));

    it('refuses outside implementation', () => spec.given(draftDone).when(raiseMonthly()).thenRefuses('route.stage.mismatch'));

    it('state counts the checks raised', () => expect(created_(withMonthlyCheck).monthlyCheckTaskIds).toEqual(['task-check-2026-06']));
  });

  describe('CompleteTask', () => {
    it('the tutor completes the monthly check with its result', () =>
      spec
        .given(withMonthlyCheck)
        .when(command('CompleteTask', { taskId: 'task-check-2026-06', result: ' Контрольные точки пройдены ' }, tutor('2026-06-29T10:00:00.000Z')))
        .then([completed('task-check-2026-06', '2026-06-29T10:00:00.000Z', 'tutor-1', 'Контрольные точки пройдены')]));

    it('the curator closes their escalation task', () =>
      spec
        .given(draftOverdue)
        .when(command('CompleteTask', { taskId: 'task-esc-curator', result: 'Связался с методистом' }, at('curator-1', 'curator', tLate)))
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
      spec.given(withMonthlyCheck).when(command('CompleteTask', { taskId: 'task-x', result: 'готово' }, tutor(tMonthly))).thenRefuses('task.notFound'));

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
    const entry = (extra: Partial<Extract<RouteEvent, { type: 'PortfolioEntryRecorded' }>['data']> = {}): RouteEvent => ({
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

    it('the teacher records a product against a road-map row', () => spec.given(inImplementation).when(portfolio()).then([entry()]));

    it('an entry may stand without a row', () => {
      const [event] = routeDecider.decide(portfolio({ rowId: undefined }), fold(inImplementation));
      expect(event).toEqual({ type: 'PortfolioEntryRecorded', data: { ...entry().data, rowId: undefined, competence: undefined } });
      expect(event?.data).not.toHaveProperty('rowId');
    });

    it('is accepted in the reflective stage as well', () => spec.given(inReflective).when(portfolio({}, teacher(tControl))).then([entry({ recordedAt: tControl })]));

    it('refuses the tutor: the portfolio is the teacher’s', () => spec.given(inImplementation).when(portfolio({}, tutor(tPortfolio))).thenRefuses('route.forbidden'));

    it('lists every problem', () =>
      spec
        .given([...inImplementation, entry()])
        .when(portfolio({ rowId: 'row-9', product: '', selfAssessment: ' ' }))
        .thenRefuses('route.portfolio.invalid', ['portfolio.id.duplicate', 'portfolio.row.unknown', 'portfolio.product.empty', 'portfolio.selfAssessment.empty']));

    it('refuses before implementation', () => spec.given(draftDone).when(portfolio()).thenRefuses('route.stage.mismatch'));

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
      spec.given([...inImplementation, corrected2]).when(correct('Курс перенесён', [{ ...row1, deadline: '2027-02-20' }, row2, row4])).then([
        corrected(3, [{ ...row1, deadline: '2027-02-20' }, row2, row4], 'Курс перенесён'),
      ]);
      const state = created_([...inImplementation, corrected2, corrected(3, [row1], 'Курс перенесён')]);
      expect(state.roadMapVersions.map((v) => [v.version, v.origin, v.reason])).toEqual([
        [1, 'methodologistDraft', undefined],
        [2, 'correction', 'Изменились запросы педагога: добавлено здоровьесбережение'],
        [3, 'correction', 'Курс перенесён'],
      ]);
      expect(state.roadMap?.version).toBe(3);
    });

    it.each(['', '  '])('refuses without a reason (%p)', (reason) =>
      spec.given(inImplementation).when(correct(reason, [row1])).thenRefuses('route.roadMap.reasonRequired'));

    it('refuses a correction that changes nothing', () =>
      spec.given(inImplementation).when(correct('Уточнение', draftRows)).thenRefuses('route.roadMap.unchanged'));

    it('refuses the teacher: the tutor agrees corrections', () =>
      spec.given(inImplementation).when(correct('Уточнение', [row1], teacher(tCorrect))).thenRefuses('route.forbidden'));

    it('refuses invalid rows', () =>
      spec.given(inImplementation).when(correct('Уточнение', [{ ...row1, deadline: '2026-01-01' }])).thenRefuses('route.roadMap.invalid', ['roadMap.row.deadlineInvalid']));

    it('refuses in the reflective stage', () => spec.given(inReflective).when(correct('Уточнение', [row1], tutor(tControl))).thenRefuses('route.stage.mismatch'));
  });

  describe('StartReflection', () => {
    it('opens the reflective stage', () =>
      spec.given(withMonthlyCheck).when(command('StartReflection', {}, tutor(tReflect))).then([stageChanged('implementation', 'reflective', tReflect)]));

    it('gives the tutor the control diagnostics task when scheduled', () =>
      spec
        .given(withMonthlyCheck)
        .when(
          command(
            'StartReflection',
            { controlDiagnosticsTask: { taskId: 'task-control', dueAt: '2030-04-30T20:00:00.000Z', dueLocalDate: '2030-04-30' } },
            tutor(tReflect),
          ),
        )
        .then([stageChanged('implementation', 'reflective', tReflect), controlTaskRaised]));

    it('refuses an invalid control diagnostics task', () =>
      spec
        .given(withMonthlyCheck)
        .when(command('StartReflection', { controlDiagnosticsTask: { taskId: '', dueAt: tReflect, dueLocalDate: '30.04.2030' } }, tutor(tReflect)))
        .thenRefuses('route.task.invalid', ['task.id.empty', 'task.dueAt.invalid', 'task.dueLocalDate.invalid']));

    it('refuses the teacher', () => spec.given(withMonthlyCheck).when(command('StartReflection', {}, teacher(tReflect))).thenRefuses('route.forbidden'));

    it('refuses before implementation', () => spec.given(draftDone).when(command('StartReflection', {}, tutor(tReflect))).thenRefuses('route.stage.mismatch'));
  });

  describe('RecordControlDiagnostics (003 §7.2)', () => {
    const controlRecorded: RouteEvent = {
      type: 'ControlDiagnosticsRecorded',
      data: {
        routeId: 'route-1',
        diagnosticsId: 'diag-2',
        date: '2030-04-09',
        results: competenceAreas.map((area) => ({ area, percent: controlPercents[area], ...competenceLevel(controlPercents[area]) })),
        dynamics: [
          { area: 'scientificTheoretical', initialPercent: 85, controlPercent: 85, change: 0, before: { level: 'high' }, after: { level: 'high' } },
          { area: 'regulatoryLegal', initialPercent: 45, controlPercent: 70, change: 25, before: { level: 'deficit', deficitLevel: 'minimal' }, after: { level: 'basic' } },
          { area: 'subjectProfessional', initialPercent: 81, controlPercent: 81, change: 0, before: { level: 'high' }, after: { level: 'high' } },
          { area: 'psychologicalPedagogical', initialPercent: 50, controlPercent: 50, change: 0, before: { level: 'basic' }, after: { level: 'basic' } },
          { area: 'methodical', initialPercent: 80, controlPercent: 80, change: 0, before: { level: 'basic' }, after: { level: 'basic' } },
          { area: 'ict', initialPercent: 35, controlPercent: 82.4, change: 47.4, before: { level: 'deficit', deficitLevel: 'medium' }, after: { level: 'high' } },
          { area: 'digitalisation', initialPercent: 29, controlPercent: 55, change: 26, before: { level: 'deficit', deficitLevel: 'high' }, after: { level: 'basic' } },
          { area: 'extracurricularEducational', initialPercent: 62.5, controlPercent: 62.5, change: 0, before: { level: 'basic' }, after: { level: 'basic' } },
          {
            area: 'healthSaving',
            initialPercent: 40,
            controlPercent: 38,
            change: -2,
            before: { level: 'deficit', deficitLevel: 'minimal' },
            after: { level: 'deficit', deficitLevel: 'medium' },
          },
        ],
        recordedAt: tControl,
        recordedBy: 'tutor-1',
      },
    };

    it('records the results with the dynamics of every competence and closes the control diagnostics task', () =>
      spec.given(inReflective).when(recordControl()).then([controlRecorded, completed('task-control', tControl, 'tutor-1', 'Контрольная диагностика проведена')]));

    it('dynamics cover only areas diagnosed both times', () => {
      const initialTwo: RouteEvent = { ...diagnosticsRecorded, data: { ...diagnosticsRecorded.data, results: assessedInitial.slice(5, 7) } };
      const history = inReflective.map((e) => (e.type === 'DiagnosticsRecorded' ? initialTwo : e));
      const [event] = routeDecider.decide(recordControl(), fold(history));
      expect(event?.type === 'ControlDiagnosticsRecorded' && event.data.dynamics.map((d) => d.area)).toEqual(['ict', 'digitalisation']);
    });

    it('refuses control results missing an area diagnosed at the start', () =>
      spec
        .given(inReflective)
        .when(recordControl({ results: controlResults.filter((r) => r.area !== 'ict' && r.area !== 'healthSaving') }))
        .thenRefuses('route.controlDiagnostics.areasMissing', ['controlDiagnostics.area.missing', 'controlDiagnostics.area.missing']));

    it('refuses a duplicate area and a percent out of range', () =>
      spec
        .given(inReflective)
        .when(recordControl({ results: [...controlResults, { area: 'ict', percent: 120 }] }))
        .thenRefuses('route.controlDiagnostics.invalid', ['diagnostics.area.duplicate', 'diagnostics.percent.outOfRange']));

    it('refuses a date before the initial diagnostics', () =>
      spec.given(inReflective).when(recordControl({ date: '2026-04-01' })).thenRefuses('route.controlDiagnostics.invalid', ['diagnostics.date.beforeInitial']));

    it('refuses a second control diagnostics', () =>
      spec.given([...inReflective, controlRecorded]).when(recordControl({ diagnosticsId: 'diag-3' })).thenRefuses('route.controlDiagnostics.alreadyRecorded'));

    it('refuses the methodologist: the tutor organises it', () =>
      spec.given(inReflective).when(recordControl({}, methodologist(tControl))).thenRefuses('route.forbidden'));

    it('refuses during implementation', () => spec.given(withMonthlyCheck).when(recordControl()).thenRefuses('route.stage.mismatch'));
  });

  describe('CompleteRoute', () => {
    it('refuses before the control diagnostics', () =>
      spec.given(inReflective).when(command('CompleteRoute', {}, tutor(tComplete))).thenRefuses('route.controlDiagnostics.missing'));

    it('refuses before the reflective stage', () =>
      spec.given(withMonthlyCheck).when(command('CompleteRoute', {}, tutor(tComplete))).thenRefuses('route.stage.mismatch'));

    it('refuses the teacher', () => spec.given(inReflective).when(command('CompleteRoute', {}, teacher(tComplete))).thenRefuses('route.forbidden'));
  });

  describe('a route from creation to completion', () => {
    const run = (steps: RouteCommand[]): { events: RouteEvent[]; state: RouteState } =>
      steps.reduce<{ events: RouteEvent[]; state: RouteState }>(
        ({ events, state }, step) => {
          const next = routeDecider.decide(step, state);
          return { events: [...events, ...next], state: next.reduce(routeDecider.evolve, state) };
        },
        { events: [], state: routeDecider.initialState() },
      );

    const story: RouteCommand[] = [
      command('CreateRoute', createData, tutor(tCreate)),
      command('FixGoal', { goal, tasks: goalTasks }, tutor(tCreate)),
      recordDiagnostics(),
      command('RemindTask', { taskId: 'task-draft' }, workflow('2026-05-13T05:00:00.000Z')),
      markOverdue(),
      submitDraft(draftRows, methodologist(tLate)),
      agree({ rows: [row1, row2, row3, row4] }),
      raiseMonthly(),
      command('CompleteTask', { taskId: 'task-check-2026-06', result: 'Контрольные точки июня пройдены' }, tutor('2026-06-29T10:00:00.000Z')),
      raiseMonthly({ taskId: 'task-check-2026-07', month: '2026-07', dueAt: '2026-07-31T20:00:00.000Z', dueLocalDate: '2026-07-31' }, '2026-07-01T05:00:00.000Z'),
      portfolio(),
      correct('Курс перенесён на февраль', [{ ...row1, deadline: '2027-02-20' }, row2, row3, row4]),
      command('StartReflection', { controlDiagnosticsTask: { taskId: 'task-control', dueAt: '2030-04-30T20:00:00.000Z', dueLocalDate: '2030-04-30' } }, tutor(tReflect)),
      recordControl(),
      command('CompleteRoute', {}, tutor(tComplete)),
    ];

    it('ends completed with its history intact', () => {
      const { events, state } = run(story);
      expect(events.filter((e) => e.type === 'RouteStageChanged').map((e) => e.data.to)).toEqual(['design', 'implementation', 'reflective', 'completed']);
      expect(events.at(-1)).toEqual({
        type: 'RouteCompleted',
        data: { routeId: 'route-1', organisationId: 'org-1', code, draftDeliveredOnTime: false, completedAt: tComplete, completedBy: 'tutor-1' },
      });
      // The July check was still open: completing the route cancels it.
      expect(events).toContainEqual(cancelled('task-check-2026-07', tComplete, 'ИОМ завершён'));
      if (state.status !== 'created') throw new Error('route not created');
      expect(state.stage).toBe('completed');
      expect(state.completedAt).toBe(tComplete);
      expect(state.roadMapVersions.map((v) => [v.version, v.origin])).toEqual([
        [1, 'methodologistDraft'],
        [2, 'tutorRefinement'],
        [3, 'correction'],
      ]);
      expect(state.monthlyCheckTaskIds).toEqual(['task-check-2026-06', 'task-check-2026-07']);
      expect(state.portfolio.map((p) => p.entryId)).toEqual(['entry-1']);
      expect(state.controlDiagnostics?.dynamics.find((d) => d.area === 'ict')).toMatchObject({ change: 47.4, after: { level: 'high' } });
      expect(Object.values(state.tasks).every((t) => t.status === 'done' || t.status === 'cancelled')).toBe(true);
      expect(state.tasks['task-draft']).toMatchObject({ status: 'done', remindedAt: ['2026-05-13T05:00:00.000Z'] });
      expect(routeDraftDeliveredOnTime(state)).toBe(false);
    });

    it('refuses every change once completed; a stale reminder does nothing', () => {
      const { events } = run(story);
      spec.given(events).when(portfolio({ entryId: 'entry-2' }, teacher(tComplete))).thenRefuses('route.completed');
      spec.given(events).when(command('CompleteRoute', {}, admin(tComplete))).thenRefuses('route.completed');
      spec.given(events).when(command('RemindTask', { taskId: 'task-check-2026-07' }, workflow(tComplete))).then([]);
    });

    it('an administrator may act on any route', () => {
      const { state } = run(
        story.map((step) => (step.type === 'MarkDraftOverdue' || step.type === 'RemindTask' || step.type === 'RaiseMonthlyCheck' ? step : { ...step, metadata: { ...step.metadata, actorId: 'admin-1', role: 'administrator' } })),
      );
      expect(state).toMatchObject({ stage: 'completed' });
    });
  });

  describe('read helpers', () => {
    it('lists deficit areas that no row of the current road map addresses', () => {
      expect(routeUncoveredDeficitAreas(fold(inDesign))).toEqual(['regulatoryLegal', 'ict', 'digitalisation', 'healthSaving']);
      expect(routeUncoveredDeficitAreas(fold(inImplementation))).toEqual(['healthSaving']);
      expect(routeUncoveredDeficitAreas(fold([]))).toEqual([]);
    });
  });

  it('ignores events before the route was created', () => {
    expect(fold([goalFixed(), draftRaised, stageChanged('design', 'implementation', tAgree)])).toEqual({ status: 'notCreated' });
  });
});
