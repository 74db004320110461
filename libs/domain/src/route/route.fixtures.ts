/** Commands, events and histories the route's specs share: one route, code 63-0042-2026-000017, from creation to completion. */
import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import type { TaskAssignee, TaskEvent, TaskKind } from '../task/task.events';
import type { RouteCommand } from './route.commands';
import { routeDecider } from './route.decider';
import {
  competenceAreas,
  type CompetenceArea,
  type CompetenceResult,
  type RouteControlPoint,
  type RouteEvent,
  type RouteRegistration,
  type RouteRoadMapRow,
  type RouteStage,
  type RouteTitlePage,
} from './route.events';
import type { CreatedRoute, RouteState } from './route.state';

export const spec = deciderSpec(routeDecider);

// ---- Time line (Samara, UTC+4: a local day ends at 20:00Z) ----

export const tCreate = '2026-04-27T06:00:00.000Z';
export const tDiagnostics = '2026-04-28T07:00:00.000Z'; // Tue 28 April 2026
export const draftDueAt = '2026-05-14T20:00:00.000Z'; // end of Thu 14 May: 10 working days on the 2026 calendar
export const draftDueLocalDate = '2026-05-14';
export const draftRemindAt = ['2026-05-13T05:00:00.000Z'];
export const tSubmitOnTime = '2026-05-12T09:00:00.000Z';
export const tOverdue = draftDueAt;
export const escalationDueAt = '2026-05-19T20:00:00.000Z';
export const tLate = '2026-05-18T08:00:00.000Z';
export const tAgree = '2026-05-20T08:00:00.000Z';
export const tMonthly = '2026-06-01T05:00:00.000Z';
export const tPortfolio = '2026-12-21T10:00:00.000Z';
export const tCorrect = '2027-01-15T10:00:00.000Z';
export const tReflect = '2030-03-02T06:00:00.000Z';
export const tControl = '2030-04-10T06:00:00.000Z';
export const tComplete = '2030-04-20T06:00:00.000Z';

export const at = (actorId: string, role: CommandMetadata['role'], now: string): CommandMetadata => ({
  actorId,
  role,
  now,
});
export const tutor = (now: string) => at('tutor-1', 'tutor', now);
export const methodologist = (now: string) => at('method-1', 'methodologist', now);
export const teacher = (now: string) => at('teacher-1', 'mentee', now);
export const admin = (now: string) => at('admin-1', 'administrator', now);
export const otherTutor = (now: string) => at('tutor-2', 'tutor', now);
export const workflow = (now: string) => at('workflow', 'administrator', now);

export const command = <T extends RouteCommand['type']>(
  type: T,
  data: Extract<RouteCommand, { type: T }>['data'],
  metadata: CommandMetadata,
): RouteCommand => ({ type, data, metadata }) as RouteCommand;

// ---- Data ----

export const code = '63-0042-2026-000017';
export const titlePage: RouteTitlePage = {
  position: 'Учитель математики',
  education: 'Высшее педагогическое, СГСПУ, 2012',
  lastAttestationDate: '2024-03-15',
  qualificationCategory: 'первая',
  teachingExperienceYears: 12,
  selfEducationTopic: 'Формирование функциональной грамотности на уроках математики',
  startDate: '2026-05-04',
  endDate: '2030-05-03',
};
export const goal = 'Преодолеть дефициты в области ИКТ и цифровизации образования';
export const goalTasks = [
  'Освоить цифровые сервисы для уроков',
  'Разработать цифровой образовательный ресурс по алгебре',
];

export const initialPercents: Readonly<Record<CompetenceArea, number>> = {
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
export const allResults = competenceAreas.map((area) => ({ area, percent: initialPercents[area] }));
export const assessedInitial: CompetenceResult[] = [
  { area: 'scientificTheoretical', percent: 85, level: 'high' },
  { area: 'regulatoryLegal', percent: 45, level: 'deficit' },
  { area: 'subjectProfessional', percent: 81, level: 'high' },
  { area: 'psychologicalPedagogical', percent: 50, level: 'basic' },
  { area: 'methodical', percent: 80, level: 'basic' },
  { area: 'ict', percent: 35, level: 'deficit' },
  { area: 'digitalisation', percent: 29, level: 'deficit' },
  { area: 'extracurricularEducational', percent: 62.5, level: 'basic' },
  { area: 'healthSaving', percent: 40, level: 'deficit' },
];

export const row1: RouteRoadMapRow = {
  rowId: 'row-1',
  competence: 'ict',
  activity: 'Курс «Цифровые инструменты учителя» из федерального реестра ДПП',
  activityKind: 'furtherTrainingProgramme',
  tasks: 'Освоить цифровые сервисы для уроков',
  hours: 36,
  deadline: '2026-12-20',
  chosenMark: true,
};
export const row2: RouteRoadMapRow = {
  rowId: 'row-2',
  competence: 'digitalisation',
  activity: 'Стажировка в школе — региональной инновационной площадке',
  activityKind: 'internship',
  tasks: 'Перенести опыт цифровой школы в свою практику',
  hours: 16,
  deadline: '2027-03-31',
};
export const row3: RouteRoadMapRow = {
  rowId: 'row-3',
  competence: 'regulatoryLegal',
  activity: 'Изучение ФОП ООО и обновлённого ФГОС',
  activityKind: 'resource',
  tasks: 'Знать требования к результатам',
  hours: 10,
  deadline: '2026-10-30',
};
export const row4: RouteRoadMapRow = {
  rowId: 'row-4',
  competence: 'healthSaving',
  activity: 'Сценарий урока с динамическими паузами',
  activityKind: 'methodicalProduct',
  tasks: 'Применять здоровьесберегающие технологии',
  hours: 6,
  deadline: '2027-05-31',
};
export const draftRows = [row1, row2, row3];
export const controlPoints: RouteControlPoint[] = [
  { controlPointId: 'cp-1', date: '2026-12-25', description: 'Удостоверение о повышении квалификации' },
  { controlPointId: 'cp-2', date: '2027-04-15', description: 'Отчёт о стажировке' },
];

export const controlPercents: Readonly<Record<CompetenceArea, number>> = {
  ...initialPercents,
  regulatoryLegal: 70,
  ict: 82.4,
  digitalisation: 55,
  healthSaving: 38,
};
export const controlResults = competenceAreas.map((area) => ({ area, percent: controlPercents[area] }));

// ---- Event builders ----

/** The route-1 the tutor creates: CreateRoute carries it, RouteCreated records it. */
const registration: RouteRegistration = {
  routeId: 'route-1',
  code,
  organisationId: 'org-1',
  teacherId: 'teacher-1',
  methodologistId: 'method-1',
  tutorId: 'tutor-1',
  titlePage,
};

// Narrowed, so specs can spread its data: a declared union type does not narrow across an import.
export const created: Extract<RouteEvent, { type: 'RouteCreated' }> = {
  type: 'RouteCreated',
  data: {
    ...registration,
    stage: 'diagnosticMotivational',
    createdAt: tCreate,
    createdBy: 'tutor-1',
  },
};
export const goalFixed = (when = tCreate, text = goal, tasks = goalTasks): RouteEvent => ({
  type: 'RouteGoalFixed',
  data: { routeId: 'route-1', goal: text, tasks, fixedAt: when, fixedBy: 'tutor-1' },
});
export const stageChanged = (from: RouteStage, to: RouteStage, when: string, by = 'tutor-1'): RouteEvent => ({
  type: 'RouteStageChanged',
  data: { routeId: 'route-1', from, to, changedAt: when, changedBy: by },
});
export const raised = (
  taskId: string,
  kind: TaskKind,
  title: string,
  assignee: TaskAssignee,
  raisedAt: string,
  dueAt: string,
  dueLocalDate: string,
  remindAt: string[] = [],
): TaskEvent => ({
  type: 'TaskRaised',
  data: {
    taskId,
    kind,
    title,
    assignee,
    organisationId: 'org-1',
    subject: { type: 'route', id: 'route-1' },
    raisedAt,
    dueAt,
    dueLocalDate,
    remindAt,
  },
});
export const tutorAssignee: TaskAssignee = { personId: 'tutor-1', role: 'tutor' };
export const curatorAssignee: TaskAssignee = { personId: 'curator-1', role: 'curator' };
export const methodologistAssignee: TaskAssignee = { personId: 'method-1', role: 'methodologist' };

export const diagnosticsRecorded: Extract<RouteEvent, { type: 'DiagnosticsRecorded' }> = {
  type: 'DiagnosticsRecorded',
  data: {
    routeId: 'route-1',
    diagnosticsId: 'diag-1',
    date: '2026-04-28',
    nextDiagnosticsDate: '2030-04-09',
    results: assessedInitial,
    deficitLevelsEntered: true,
    recordedAt: tDiagnostics,
    recordedBy: 'tutor-1',
  },
};
export const draftTitle = `Составить проект ИОМ ${code} по результатам входной диагностики (10 рабочих дней, до 14.05.2026 включительно)`;
export const draftRaised = raised(
  'task-draft',
  'draftRoute',
  draftTitle,
  methodologistAssignee,
  tDiagnostics,
  draftDueAt,
  draftDueLocalDate,
  draftRemindAt,
);
export const escalationTitle = `Проект ИОМ ${code} не представлен методистом в срок (до 14.05.2026 включительно): примите меры`;
const escalationRaised = (assignee: TaskAssignee, role: 'tutor' | 'curator'): RouteEvent =>
  raised(
    `task-esc-${role}`,
    'draftOverdueEscalation',
    escalationTitle,
    assignee,
    tOverdue,
    escalationDueAt,
    '2026-05-19',
  );
/** The draft overdue, escalated to the tutor and (unless `tutorOnly`) the curator, each with a task. */
export const overdueEventsTo = (tutorOnly = false): RouteEvent[] => [
  { type: 'TaskOverdue', data: { taskId: 'task-draft', overdueAt: tOverdue } },
  {
    type: 'TaskEscalated',
    data: {
      taskId: 'task-draft',
      escalatedAt: tOverdue,
      escalatedTo: tutorOnly ? [tutorAssignee] : [tutorAssignee, curatorAssignee],
    },
  },
  escalationRaised(tutorAssignee, 'tutor'),
  ...(tutorOnly ? [] : [escalationRaised(curatorAssignee, 'curator')]),
];
export const overdueEvents: RouteEvent[] = overdueEventsTo();
export const draftSubmitted = (when = tSubmitOnTime, onTime = true, rows = draftRows): RouteEvent => ({
  type: 'RouteDraftSubmitted',
  data: {
    routeId: 'route-1',
    draftTaskId: 'task-draft',
    version: 1,
    rows,
    dueAt: draftDueAt,
    onTime,
    submittedAt: when,
    submittedBy: 'method-1',
  },
});
export const completed = (taskId: string, when: string, by: string, result: string): TaskEvent => ({
  type: 'TaskCompleted',
  data: { taskId, completedAt: when, completedBy: by, result },
});
export const cancelled = (taskId: string, when: string, reason: string): TaskEvent => ({
  type: 'TaskCancelled',
  data: { taskId, cancelledAt: when, reason },
});
export const agreed = (extra: Partial<Extract<RouteEvent, { type: 'RoadMapAgreed' }>['data']> = {}): RouteEvent => ({
  type: 'RoadMapAgreed',
  data: {
    routeId: 'route-1',
    version: 1,
    source: 'methodologistDraft',
    rows: draftRows,
    controlPoints,
    agreedAt: tAgree,
    agreedBy: 'tutor-1',
    ...extra,
  },
});
export const monthlyTitle = `Проверить прохождение контрольных точек ИОМ ${code} за июнь 2026`;
export const monthlyRaised = raised(
  'task-check-2026-06',
  'monthlyControlPointCheck',
  monthlyTitle,
  tutorAssignee,
  tMonthly,
  '2026-06-30T20:00:00.000Z',
  '2026-06-30',
);
export const corrected = (version: number, rows: RouteRoadMapRow[], reason: string, when = tCorrect): RouteEvent => ({
  type: 'RoadMapCorrected',
  data: {
    routeId: 'route-1',
    version,
    previousVersion: version - 1,
    rows,
    reason,
    correctedAt: when,
    correctedBy: 'tutor-1',
  },
});
export const controlTitle = `Организовать контрольную диагностику профессиональных компетенций по ИОМ ${code}`;
export const controlTaskRaised = raised(
  'task-control',
  'controlDiagnostics',
  controlTitle,
  tutorAssignee,
  tReflect,
  '2030-04-30T20:00:00.000Z',
  '2030-04-30',
);

// ---- Command builders ----

export const createData: Extract<RouteCommand, { type: 'CreateRoute' }>['data'] = registration;
export const recordDiagnostics = (
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
export const markOverdue = (
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
export const submitDraft = (
  rows: RouteRoadMapRow[] = draftRows,
  metadata = methodologist(tSubmitOnTime),
): RouteCommand => command('SubmitDraft', { rows }, metadata);
export const agree = (
  extra: { controlPoints?: RouteControlPoint[]; rows?: RouteRoadMapRow[] } = {},
  metadata = tutor(tAgree),
): RouteCommand => command('AgreeRoadMap', { controlPoints, ...extra }, metadata);
/** The tutor approves the road map the teacher proposed, with the route's control points. */
export const approveProposal = (metadata = tutor(tAgree)): RouteCommand =>
  command('ApproveProposedRoadMap', { controlPoints }, metadata);
export const raiseMonthly = (
  extra: Partial<Extract<RouteCommand, { type: 'RaiseMonthlyCheck' }>['data']> = {},
  when = tMonthly,
): RouteCommand =>
  command(
    'RaiseMonthlyCheck',
    {
      taskId: 'task-check-2026-06',
      dueAt: '2026-06-30T20:00:00.000Z',
      dueLocalDate: '2026-06-30',
      month: '2026-06',
      ...extra,
    },
    workflow(when),
  );
export const portfolio = (
  extra: Partial<Extract<RouteCommand, { type: 'RecordPortfolioEntry' }>['data']> = {},
  metadata = teacher(tPortfolio),
): RouteCommand =>
  command(
    'RecordPortfolioEntry',
    {
      entryId: 'entry-1',
      rowId: 'row-1',
      product: 'Удостоверение о повышении квалификации, 36 ч',
      selfAssessment: 'Уверенно применяю сервисы на уроках',
      ...extra,
    },
    metadata,
  );
export const correct = (reason: string, rows: RouteRoadMapRow[], metadata = tutor(tCorrect)): RouteCommand =>
  command('CorrectRoadMap', { reason, rows }, metadata);
export const recordControl = (
  extra: Partial<Extract<RouteCommand, { type: 'RecordControlDiagnostics' }>['data']> = {},
  metadata = tutor(tControl),
): RouteCommand =>
  command(
    'RecordControlDiagnostics',
    { diagnosticsId: 'diag-2', date: '2030-04-09', results: controlResults, ...extra },
    metadata,
  );
/** The tutor closes the route once the control diagnostics are recorded. */
export const completeRoute = (metadata = tutor(tComplete)): RouteCommand => command('CompleteRoute', {}, metadata);

/** The tutor opens the reflective stage, scheduling the control diagnostics task that `controlTaskRaised` raises. */
export const startReflection = (metadata = tutor(tReflect)): RouteCommand =>
  command(
    'StartReflection',
    {
      controlDiagnosticsTask: { taskId: 'task-control', dueAt: '2030-04-30T20:00:00.000Z', dueLocalDate: '2030-04-30' },
    },
    metadata,
  );

// ---- Histories ----

export const inDiagnostic: RouteEvent[] = [created, goalFixed()];
export const inDesign: RouteEvent[] = [
  ...inDiagnostic,
  diagnosticsRecorded,
  stageChanged('diagnosticMotivational', 'design', tDiagnostics),
  draftRaised,
];
export const draftOverdue: RouteEvent[] = [...inDesign, ...overdueEvents];
export const draftDone: RouteEvent[] = [
  ...inDesign,
  draftSubmitted(),
  completed('task-draft', tSubmitOnTime, 'method-1', 'Проект ИОМ передан тьютору'),
];
export const inImplementation: RouteEvent[] = [
  ...draftDone,
  agreed(),
  stageChanged('design', 'implementation', tAgree),
];
export const withMonthlyCheck: RouteEvent[] = [...inImplementation, monthlyRaised];
export const inReflective: RouteEvent[] = [
  ...withMonthlyCheck,
  stageChanged('implementation', 'reflective', tReflect),
  controlTaskRaised,
];

export const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

export const fold = (events: RouteEvent[]): RouteState =>
  events.reduce(routeDecider.evolve, routeDecider.initialState());
export const created_ = (events: RouteEvent[]): CreatedRoute => {
  const state = fold(events);
  if (state.status !== 'created') throw new Error('route not created');
  return state;
};
