import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { countEvents } from '../support/database';
import { startWithEveryRole } from '../support/every-role';
import { organisationBody, places, startProgramme } from '../support/programme-setup';
import { personBody } from '../support/people';
import { titlePage } from '../support/route-setup';
import { fillPath, type AppRoute } from '../support/route-table';
import { TestSystem } from '../support/system';

type Body = Record<string, unknown>;
/** [what is wrong, the body, the field the answer must name, the constraint it must name]. */
type Case = [label: string, body: unknown, field: string, constraint: string];

const uuid = () => randomUUID();
const long = (n: number) => 'ж'.repeat(n);

/** Dotted paths (array indices included) of every text value in `value`. */
function textPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => textPaths(inner, path ? `${path}.${key}` : key));
}

/** A copy of `body` with `path` (dots, array indices) set to `value`, or removed when `value` is undefined. */
function withField(body: Body, path: string, value: unknown): Body {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

const order = () => ({ number: '15-к', date: '2026-09-01', signedBy: 'Директор' });
const consent = () => ({ personId: uuid(), date: '2026-08-28' });
const row = () => ({
  rowId: 'row-1',
  competence: 'ict',
  activity: 'Курс',
  activityKind: 'furtherTrainingProgramme',
  tasks: 'Задачи',
  hours: 36,
  deadline: '2027-05-20',
});
/** A practice's content (issue 28) as the bank's form sends it. */
const practiceContent = () => ({
  title: 'Школа молодого педагога',
  form: 'teacherTeacher',
  problem: 'Адаптация молодых специалистов',
  whatWasDone: 'Встречи',
  results: 'Остались в школе',
  evidence: 'Анкетирование',
  subject: 'Математика',
  level: 'municipal',
  attachments: ['https://disk.example.ru/practice.pdf'],
});
const controlPoint = () => ({ controlPointId: 'cp-1', date: '2027-06-01', description: 'Курс пройден' });
const results = () => [{ area: 'ict', percent: 35 }];

/** A staff list of one row as the import endpoints take it (base64 in JSON). */
const staffFile = () => ({
  fileName: 'staff.csv',
  content: Buffer.from('Табельный номер;Фамилия;Имя\r\n1;Иванова;Мария\r\n').toString('base64'),
});
const importFileCases = (b: Body): Case[] => [
  ['missing field', withField(b, 'content', undefined), 'content', 'isString'],
  ['not base64', withField(b, 'content', 'не base64!'), 'content', 'isBase64'],
  ['too long', withField(b, 'fileName', long(256)), 'fileName', 'maxLength'],
];
/** Routes that take a larger body than the usual 1 MiB (the staff import's files, @RouteConfig bodyLimit). */
const bodyLimits: Record<string, number> = {
  'POST /organisations/:id/people/import/preview': 15 * 1024 * 1024,
  'POST /organisations/:id/people/import/apply': 15 * 1024 * 1024,
  'POST /programmes/:id/documents/:documentId/scan': 32 * 1024 * 1024,
  'POST /pairs/:id/documents/scan': 32 * 1024 * 1024,
  'POST /training-catalogue/import': 15 * 1024 * 1024,
};

/**
 * Valid bodies per write endpoint, and what is wrong with each bad variant. Every row must be refused
 * with 400, name its field and constraint in Russian, and store nothing.
 */
const corpus: Record<string, { body: Body; cases: (body: Body) => Case[] }> = {
  'POST /organisations': {
    body: organisationBody(places.plain),
    cases: (b) => [
      ['missing field', withField(b, 'name', undefined), 'name', 'isString'],
      ['too long', withField(b, 'name', long(301)), 'name', 'maxLength'],
      ['bad enum', withField(b, 'kind', 'castle'), 'kind', 'isIn'],
      ['wrong type', withField(b, 'timeZone', 3), 'timeZone', 'isString'],
    ],
  },
  'POST /organisations/:id/staff': {
    body: { personId: uuid(), role: 'curator' },
    cases: (b) => [
      ['non-UUID id', withField(b, 'personId', 'ivanova'), 'personId', 'isUuid'],
      ['bad enum', withField(b, 'role', 'boss'), 'role', 'isIn'],
      // Issue 18: the name is the staff directory's; the event would keep a typed one forever.
      ['a name', withField(b, 'fullName', 'Иванова Мария Петровна'), 'fullName', 'whitelistValidation'],
    ],
  },
  'POST /organisations/:id/staff/remove': {
    body: { personId: uuid(), role: 'curator' },
    cases: (b) => [
      ['non-UUID id', withField(b, 'personId', 'ivanova'), 'personId', 'isUuid'],
      ['bad enum', withField(b, 'role', 'boss'), 'role', 'isIn'],
    ],
  },
  'POST /organisations/:id/regional-specialists': {
    body: { personId: uuid(), role: 'tutor', regionalOrganisationId: uuid() },
    cases: (b) => [
      ['non-UUID id', withField(b, 'regionalOrganisationId', 'ЦНППМ'), 'regionalOrganisationId', 'isUuid'],
      ['bad enum', withField(b, 'role', 'curator'), 'role', 'isIn'],
      ['missing field', withField(b, 'personId', undefined), 'personId', 'isUuid'],
    ],
  },
  'POST /organisations/:id/regional-specialists/remove': {
    body: { personId: uuid(), role: 'methodologist', regionalOrganisationId: uuid() },
    cases: (b) => [
      ['non-UUID id', withField(b, 'personId', 'ivanova'), 'personId', 'isUuid'],
      ['bad enum', withField(b, 'role', 'director'), 'role', 'isIn'],
    ],
  },
  'POST /people/:id/depersonalisation': {
    body: { documentRef: 'Заявление об отзыве согласия № 15 от 02.11.2026' },
    cases: (b) => [
      ['empty string', withField(b, 'documentRef', ''), 'documentRef', 'isNotEmpty'],
      ['too long', withField(b, 'documentRef', long(301)), 'documentRef', 'maxLength'],
      ['missing field', withField(b, 'documentRef', undefined), 'documentRef', 'isString'],
    ],
  },
  'POST /organisations/:id/settings': {
    body: { mentorCapacity: 3 },
    cases: (b) => [
      ['number as string', withField(b, 'mentorCapacity', '3'), 'mentorCapacity', 'isInt'],
      ['zero', withField(b, 'mentorCapacity', 0), 'mentorCapacity', 'min'],
      ['above the bound', withField(b, 'mentorCapacity', 31), 'mentorCapacity', 'max'],
    ],
  },
  'POST /organisations/:id/programmes': {
    body: { title: 'Программа' },
    cases: (b) => [
      ['missing field', {}, 'title', 'isNotEmpty'],
      ['too long', withField(b, 'title', long(301)), 'title', 'maxLength'],
      ['wrong type', withField(b, 'title', { ru: 'x' }), 'title', 'isString'],
    ],
  },
  'POST /organisations/:id/routes': {
    body: {
      teacherId: uuid(),
      methodologistId: uuid(),
      regionCode: '63',
      titlePage: titlePage(),
      goal: 'Цель',
      tasks: ['Задача'],
    },
    cases: (b) => [
      ['non-UUID id', withField(b, 'teacherId', 'teacher-1'), 'teacherId', 'isUuid'],
      ['missing nested object', withField(b, 'titlePage', undefined), 'titlePage', 'isDefined'],
      ['nested object as array', withField(b, 'titlePage', [titlePage()]), 'titlePage', 'isObject'],
      [
        'number as string (no implicit conversion)',
        withField(b, 'titlePage.teachingExperienceYears', '12'),
        'titlePage.teachingExperienceYears',
        'isInt',
      ],
      ['nested too long', withField(b, 'titlePage.education', long(501)), 'titlePage.education', 'maxLength'],
      [
        'nested extra field',
        withField(b, 'titlePage.snils', '112-233-445 95'),
        'titlePage.snils',
        'whitelistValidation',
      ],
      ['bad format', withField(b, 'regionCode', '630'), 'regionCode', 'matches'],
      ['array element of wrong type', withField(b, 'tasks', [1]), 'tasks', 'isString'],
      [
        'too many elements',
        withField(
          b,
          'tasks',
          Array.from({ length: 51 }, () => 'з'),
        ),
        'tasks',
        'arrayMaxSize',
      ],
    ],
  },
  'POST /organisations/:id/monitoring-results': {
    body: {
      indicator: 'studentsPassedNationalTestsShare',
      value: 87.5,
      periodStart: '2025-09-01',
      periodEnd: '2026-05-31',
    },
    cases: (b) => [
      ['bad enum', withField(b, 'indicator', 'happiness'), 'indicator', 'isIn'],
      ['number as string', withField(b, 'value', '87.5'), 'value', 'isNumber'],
      ['non-UUID id', withField(b, 'pairId', 'pair-1'), 'pairId', 'isUuid'],
    ],
  },
  'POST /programmes/:id/documents': {
    body: { documentId: uuid(), kind: 'implementationAct', number: '45-од', date: '2026-09-01', signedBy: 'Директор' },
    cases: (b) => [
      ['non-UUID id', withField(b, 'documentId', '45'), 'documentId', 'isUuid'],
      ['bad enum', withField(b, 'kind', 'memo'), 'kind', 'isIn'],
      ['bad date format', withField(b, 'date', '01.09.2026'), 'date', 'matches'],
      ['too long', withField(b, 'number', long(51)), 'number', 'maxLength'],
      ['missing field', withField(b, 'signedBy', undefined), 'signedBy', 'isNotEmpty'],
      // A file link the web app opens: https: only.
      ['javascript: link', withField(b, 'fileRef', 'javascript:alert(1)'), 'fileRef', 'isFileRef'],
      [
        'data: link',
        withField(b, 'fileRef', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='),
        'fileRef',
        'isFileRef',
      ],
      ['http: link', withField(b, 'fileRef', 'http://docs.school5.ru/orders/45-od.pdf'), 'fileRef', 'isFileRef'],
    ],
  },
  'POST /programmes/:id/curator': {
    body: { curatorId: uuid() },
    cases: () => [
      ['missing field', {}, 'curatorId', 'isUuid'],
      ['non-UUID id', { curatorId: 42 }, 'curatorId', 'isUuid'],
    ],
  },
  'POST /programmes/:id/advance': {
    body: { expectedStage: 'preparatory', comment: 'Готово' },
    cases: (b) => [
      ['bad enum', withField(b, 'expectedStage', 'finished'), 'expectedStage', 'isIn'],
      ['too long', withField(b, 'comment', long(1001)), 'comment', 'maxLength'],
      ['boolean instead of string', withField(b, 'comment', true), 'comment', 'isString'],
    ],
  },
  'POST /programmes/:id/return': {
    body: { stage: 'preparatory', reason: 'Приказ отменён' },
    cases: (b) => [
      ['bad enum', withField(b, 'stage', 'zero'), 'stage', 'isIn'],
      ['missing field', withField(b, 'reason', undefined), 'reason', 'isNotEmpty'],
    ],
  },
  'POST /programmes/:id/stage-plans': {
    body: { stage: 'design', plannedEnd: '2026-12-25' },
    cases: (b) => [['bad date format', withField(b, 'plannedEnd', '2026/12/25'), 'plannedEnd', 'matches']],
  },
  'POST /programmes/:id/participants': {
    body: {
      personId: uuid(),
      role: 'mentor',
      position: 'Учитель',
      teachingExperienceYears: 12,
      subjectExperienceYears: 8,
    },
    cases: (b) => [
      [
        'number as string (no implicit conversion)',
        withField(b, 'teachingExperienceYears', '12'),
        'teachingExperienceYears',
        'isInt',
      ],
      ['out of range', withField(b, 'subjectExperienceYears', 71), 'subjectExperienceYears', 'max'],
      ['bad enum', withField(b, 'role', 'boss'), 'role', 'isIn'],
      ['too long', withField(b, 'position', long(201)), 'position', 'maxLength'],
      ['bad optional enum', withField(b, 'menteeCategory', 'genius'), 'menteeCategory', 'isIn'],
    ],
  },
  'POST /programmes/:id/participants/:participantId/withdraw': {
    body: { reason: 'Увольнение' },
    cases: (b) => [
      ['missing field', {}, 'reason', 'isNotEmpty'],
      ['too long', withField(b, 'reason', long(1001)), 'reason', 'maxLength'],
    ],
  },
  'POST /programmes/:id/commission-meetings': {
    body: {
      body: 'methodicalCommission',
      date: '2026-09-01',
      minutesNumber: '3',
      membersPresent: ['Иванова М. П.'],
      decisions: [{ participantId: uuid(), decision: 'rejected', reason: 'Нет опыта' }],
    },
    cases: (b) => [
      ['bad enum', withField(b, 'body', 'staffMeeting'), 'body', 'isIn'],
      ['bad date format', withField(b, 'date', '01.09.2026'), 'date', 'matches'],
      ['missing field', withField(b, 'minutesNumber', undefined), 'minutesNumber', 'isNotEmpty'],
      ['empty array', withField(b, 'membersPresent', []), 'membersPresent', 'arrayMinSize'],
      [
        'nested bad element',
        withField(b, 'decisions', [{ participantId: 'x', decision: 'approved' }]),
        'decisions.0.participantId',
        'isUuid',
      ],
      [
        'nested bad enum',
        withField(b, 'decisions', [{ participantId: uuid(), decision: 'maybe' }]),
        'decisions.0.decision',
        'isIn',
      ],
    ],
  },
  'POST /programmes/:id/pairs': {
    body: {
      form: 'teacherTeacher',
      kind: 'traditional',
      mentorId: uuid(),
      menteeIds: [uuid()],
      consents: [consent()],
      order: order(),
      term: { start: '2026-09-01', end: '2027-08-31' },
    },
    cases: (b) => [
      ['missing nested object', withField(b, 'order', undefined), 'order', 'isDefined'],
      [
        'nested bad element',
        withField(b, 'consents', [{ personId: 'mentor', date: '2026-08-28' }]),
        'consents.0.personId',
        'isUuid',
      ],
      ['array element not an object', withField(b, 'consents', ['согласие']), 'consents', 'isObject'],
      ['non-UUID in array', withField(b, 'menteeIds', ['mentee']), 'menteeIds', 'isUuid'],
      ['empty array', withField(b, 'menteeIds', []), 'menteeIds', 'arrayMinSize'],
      ['nested bad date', withField(b, 'term.start', 'сентябрь'), 'term.start', 'matches'],
      ['nested too long', withField(b, 'order.signedBy', long(201)), 'order.signedBy', 'maxLength'],
      ['bad enum', withField(b, 'form', 'trio'), 'form', 'isIn'],
      ['bad enum in a list', withField(b, 'kinds', ['group', 'weekly']), 'kinds', 'isIn'],
    ],
  },
  'POST /pairs/:id/personal-programme': {
    body: {
      start: '2026-09-01',
      end: '2027-05-31',
      directions: ['Поддержка'],
      activities: [{ title: 'Посещение', plannedDate: '2026-10-15' }],
      difficulties: ['Дисциплина'],
      controller: { personId: uuid(), role: 'curator' },
    },
    cases: (b) => [
      [
        'nested empty string',
        withField(b, 'activities', [{ title: '', plannedDate: '2026-10-15' }]),
        'activities.0.title',
        'isNotEmpty',
      ],
      ['nested bad enum', withField(b, 'controller.role', 'boss'), 'controller.role', 'isIn'],
      ['empty array', withField(b, 'directions', []), 'directions', 'arrayMinSize'],
      ['missing nested object', withField(b, 'controller', undefined), 'controller', 'isDefined'],
      ['array element too long', withField(b, 'difficulties', [long(501)]), 'difficulties', 'maxLength'],
      ['report period over a year', withField(b, 'reportPeriodMonths', 13), 'reportPeriodMonths', 'max'],
    ],
  },
  'POST /pairs/:id/diary': {
    body: { entryId: uuid(), date: '2026-10-01', text: 'Запись' },
    cases: (b) => [
      ['too long', withField(b, 'text', long(4001)), 'text', 'maxLength'],
      ['non-UUID id', withField(b, 'entryId', '1'), 'entryId', 'isUuid'],
    ],
  },
  'POST /pairs/:id/reports': {
    body: { entryId: uuid(), date: '2026-10-01', text: 'Отчёт' },
    cases: (b) => [['bad date format', withField(b, 'date', 'вчера'), 'date', 'matches']],
  },
  'POST /pairs/:id/interim-control': {
    body: { taskId: uuid(), outcome: 'passed', comment: 'План выполняется' },
    cases: (b) => [
      ['bad enum', withField(b, 'outcome', 'failed'), 'outcome', 'isIn'],
      ['bad date format', withField(b, 'repeatControlDate', 'через месяц'), 'repeatControlDate', 'matches'],
    ],
  },
  'POST /pairs/:id/personal-programme/corrections': {
    body: {
      reason: 'Перенос открытого урока',
      start: '2026-09-01',
      end: '2027-05-31',
      directions: ['Адаптация'],
      activities: [{ title: 'Открытый урок', plannedDate: '2027-03-10' }],
      difficulties: ['Дисциплина'],
    },
    cases: (b) => [
      ['missing field', withField(b, 'reason', undefined), 'reason', 'isNotEmpty'],
      ['nested bad date', withField(b, 'activities.0.plannedDate', 'весной'), 'activities.0.plannedDate', 'matches'],
    ],
  },
  'POST /pairs/:id/personal-programme/corrections/decision': {
    body: { correctionId: uuid(), decision: 'approved' },
    cases: (b) => [
      ['bad enum', withField(b, 'decision', 'maybe'), 'decision', 'isIn'],
      ['non-UUID id', withField(b, 'correctionId', 'c-1'), 'correctionId', 'isUuid'],
    ],
  },
  'POST /pairs/:id/assignments': {
    body: { menteeId: uuid(), title: 'Подготовить карту урока', dueDate: '2026-10-20', activityIndex: 0 },
    cases: (b) => [
      ['bad date format', withField(b, 'dueDate', 'в пятницу'), 'dueDate', 'matches'],
      ['string instead of number', withField(b, 'activityIndex', '0'), 'activityIndex', 'isInt'],
    ],
  },
  'POST /pairs/:id/periodic-reports': {
    body: { taskId: uuid(), text: 'Проведены два занятия', fileRef: 'https://disk.example.ru/r.pdf' },
    cases: (b) => [
      ['empty text', withField(b, 'text', ''), 'text', 'isNotEmpty'],
      ['a file link that is no https address', withField(b, 'fileRef', 'javascript:alert(1)'), 'fileRef', 'isFileRef'],
    ],
  },
  'POST /pairs/:id/periodic-reports/decision': {
    body: { taskId: uuid(), decision: 'accepted' },
    cases: (b) => [
      ['unknown decision', withField(b, 'decision', 'принят'), 'decision', 'isIn'],
      ['non-UUID task', withField(b, 'taskId', 't-1'), 'taskId', 'isUuid'],
    ],
  },
  'POST /pairs/:id/termination-notice': {
    body: { noticeDate: '2026-11-02' },
    cases: (b) => [['bad date format', withField(b, 'noticeDate', 'вчера'), 'noticeDate', 'matches']],
  },
  'POST /pairs/:id/mentor-report': {
    body: { taskId: uuid(), conclusion: 'Адаптировался' },
    cases: (b) => [['missing field', withField(b, 'conclusion', undefined), 'conclusion', 'isNotEmpty']],
  },
  'POST /pairs/:id/final-control': {
    body: { taskId: uuid(), outcome: 'passed', mentorConclusion: 'Пройдено' },
    cases: (b) => [
      ['bad enum', withField(b, 'outcome', 'excellent'), 'outcome', 'isIn'],
      ['non-UUID id', withField(b, 'taskId', 'task'), 'taskId', 'isUuid'],
    ],
  },
  'POST /pairs/:id/replace-mentor': {
    body: { reason: 'dismissal', order: order(), newMentorId: uuid(), newMentorConsent: consent() },
    cases: (b) => [
      ['bad enum', withField(b, 'reason', 'boredom'), 'reason', 'isIn'],
      ['nested non-UUID', withField(b, 'newMentorConsent.personId', 'new'), 'newMentorConsent.personId', 'isUuid'],
    ],
  },
  'POST /pairs/:id/terminate': {
    body: { reason: 'Увольнение', order: order() },
    cases: (b) => [['nested bad date', withField(b, 'order.date', '1 сентября'), 'order.date', 'matches']],
  },
  'POST /routes/:id/fix-goal': {
    body: { goal: 'Цель', tasks: ['Задача'] },
    cases: (b) => [
      ['string instead of array', withField(b, 'tasks', 'Задача'), 'tasks', 'isArray'],
      ['too long', withField(b, 'goal', long(2001)), 'goal', 'maxLength'],
    ],
  },
  'POST /routes/:id/record-diagnostics': {
    body: { diagnosticsId: uuid(), date: '2026-11-20', results: results() },
    cases: (b) => [
      ['nested out of range', withField(b, 'results', [{ area: 'ict', percent: 101 }]), 'results.0.percent', 'max'],
      ['nested bad enum', withField(b, 'results', [{ area: 'magic', percent: 35 }]), 'results.0.area', 'isIn'],
      [
        'nested number as string',
        withField(b, 'results', [{ area: 'ict', percent: '35' }]),
        'results.0.percent',
        'isNumber',
      ],
    ],
  },
  'POST /routes/:id/submit-draft': {
    body: { rows: [row()] },
    cases: (b) => [
      [
        'boolean as string (no implicit conversion)',
        withField(b, 'rows', [{ ...row(), chosenMark: 'true' }]),
        'rows.0.chosenMark',
        'isBoolean',
      ],
      ['nested negative', withField(b, 'rows', [{ ...row(), hours: -1 }]), 'rows.0.hours', 'min'],
      ['nested empty id', withField(b, 'rows', [{ ...row(), rowId: '' }]), 'rows.0.rowId', 'isNotEmpty'],
    ],
  },
  'POST /routes/:id/propose-own-road-map': {
    body: { rows: [row()] },
    cases: (b) => [
      ['nested bad enum', withField(b, 'rows', [{ ...row(), activityKind: 'party' }]), 'rows.0.activityKind', 'isIn'],
    ],
  },
  'POST /routes/:id/approve-proposed-road-map': {
    body: { controlPoints: [controlPoint()] },
    cases: (b) => [
      [
        'nested bad date',
        withField(b, 'controlPoints', [{ ...controlPoint(), date: 'июнь' }]),
        'controlPoints.0.date',
        'matches',
      ],
    ],
  },
  'POST /routes/:id/agree-road-map': {
    body: { controlPoints: [controlPoint()], rows: [row()] },
    cases: (b) => [
      ['nested bad enum', withField(b, 'rows', [{ ...row(), competence: 'astrology' }]), 'rows.0.competence', 'isIn'],
    ],
  },
  'POST /routes/:id/record-portfolio-entry': {
    body: { entryId: uuid(), product: 'Урок', selfAssessment: 'Получилось' },
    cases: (b) => [['too long', withField(b, 'product', long(2001)), 'product', 'maxLength']],
  },
  'POST /routes/:id/mark-activity-done': {
    body: { rowId: 'row-1', doneOn: '2026-09-01', result: 'Удостоверение' },
    cases: (b) => [
      ['bad date format', withField(b, 'doneOn', 'вчера'), 'doneOn', 'matches'],
      ['too long', withField(b, 'result', long(2001)), 'result', 'maxLength'],
    ],
  },
  'POST /routes/:id/confirm-activity-done': {
    body: { rowId: 'row-1' },
    cases: (b) => [['empty', withField(b, 'rowId', ''), 'rowId', 'isNotEmpty']],
  },
  'POST /routes/:id/enter-deficit-levels': {
    body: { diagnosticsId: uuid(), levels: [{ area: 'ict', deficitLevel: 'medium' }] },
    cases: (b) => [
      [
        'nested bad enum',
        withField(b, 'levels', [{ area: 'ict', deficitLevel: 'severe' }]),
        'levels.0.deficitLevel',
        'isIn',
      ],
    ],
  },
  'POST /routes/:id/record-control-point-check': {
    body: {
      month: '2027-06',
      outcomes: [{ controlPointId: 'cp-1', outcome: 'moved', newDate: '2027-07-01', reason: 'Перенос' }],
    },
    cases: (b) => [
      ['bad month', withField(b, 'month', '2027-13'), 'month', 'matches'],
      [
        'nested bad enum',
        withField(b, 'outcomes', [{ controlPointId: 'cp-1', outcome: 'skipped' }]),
        'outcomes.0.outcome',
        'isIn',
      ],
    ],
  },
  'POST /routes/:id/return-proposed-road-map': {
    body: { comment: 'Добавьте стажировку' },
    cases: (b) => [
      ['missing field', withField(b, 'comment', undefined), 'comment', 'isNotEmpty'],
      ['too long', withField(b, 'comment', long(1001)), 'comment', 'maxLength'],
    ],
  },
  'POST /routes/:id/correct-road-map': {
    body: { rows: [row()], reason: 'Курс перенесён' },
    cases: (b) => [['missing field', withField(b, 'reason', undefined), 'reason', 'isNotEmpty']],
  },
  'POST /routes/:id/start-reflection': {
    body: { comment: 'Готово' },
    cases: (b) => [['too long', withField(b, 'comment', long(1001)), 'comment', 'maxLength']],
  },
  'POST /routes/:id/record-control-diagnostics': {
    body: { diagnosticsId: uuid(), date: '2030-10-15', results: results() },
    cases: (b) => [['non-UUID id', withField(b, 'diagnosticsId', 'd-1'), 'diagnosticsId', 'isUuid']],
  },
  'POST /routes/:id/record-repeated-diagnostics': {
    body: { diagnosticsId: uuid(), date: '2027-10-15', results: results() },
    cases: (b) => [
      ['bad date', withField(b, 'date', '15.10.2027'), 'date', 'matches'],
      ['nested out of range', withField(b, 'results', [{ area: 'ict', percent: 101 }]), 'results.0.percent', 'max'],
    ],
  },
  'POST /routes/:id/record-desired-image': {
    body: { desiredImage: 'Учитель-наставник' },
    cases: (b) => [['too long', withField(b, 'desiredImage', long(4001)), 'desiredImage', 'maxLength']],
  },
  'POST /routes/:id/record-reflection': {
    body: { entries: [{ area: 'ict', whatChanged: 'Освоила', evidence: 'Урок', nearnessToImage: 'Ближе' }] },
    cases: (b) => [
      [
        'nested empty',
        withField(b, 'entries', [{ area: 'ict', whatChanged: '', evidence: 'Урок', nearnessToImage: 'Ближе' }]),
        'entries.0.whatChanged',
        'isNotEmpty',
      ],
    ],
  },
  'POST /routes/:id/agree-reflection': {
    body: { comment: 'Согласовано' },
    cases: (b) => [['too long', withField(b, 'comment', long(1001)), 'comment', 'maxLength']],
  },
  'POST /routes/:id/complete': {
    body: { comment: 'Завершено' },
    cases: (b) => [['number instead of string', withField(b, 'comment', 5), 'comment', 'isString']],
  },
  'POST /tasks/:id/complete': {
    body: { result: 'Сделано' },
    cases: (b) => [
      ['empty string', withField(b, 'result', ''), 'result', 'isNotEmpty'],
      ['too long', withField(b, 'result', long(4001)), 'result', 'maxLength'],
    ],
  },
  'POST /tasks/:id/reassign': {
    body: { toPersonId: uuid(), reason: 'Наставник в отпуске' },
    cases: (b) => [
      ['blank reason', withField(b, 'reason', '   '), 'reason', 'matches'],
      ['empty reason', withField(b, 'reason', ''), 'reason', 'isNotEmpty'],
      ['missing person', withField(b, 'toPersonId', undefined), 'toPersonId', 'isUuid'],
    ],
  },
  'POST /tasks/reassign': {
    body: { taskIds: [uuid()], toPersonId: uuid(), reason: 'Отпуск' },
    cases: (b) => [
      ['blank reason', withField(b, 'reason', ' '), 'reason', 'matches'],
      ['task id not a UUID', withField(b, 'taskIds', ['42']), 'taskIds', 'isUuid'],
      ['empty list', withField(b, 'taskIds', []), 'taskIds', 'arrayMinSize'],
      ['person not a UUID', withField(b, 'fromPersonId', 'Иванова'), 'fromPersonId', 'isUuid'],
    ],
  },
  'POST /programmes/:id/documents/:documentId/scan': {
    body: { content: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') },
    cases: (b) => [
      ['missing field', withField(b, 'content', undefined), 'content', 'isString'],
      ['not base64', withField(b, 'content', 'не base64!'), 'content', 'isBase64'],
      // The file's own name may name a person: it is not taken at all.
      ['a file name', withField(b, 'fileName', 'Согласие Ивановой.pdf'), 'fileName', 'whitelistValidation'],
    ],
  },
  'POST /pairs/:id/documents/scan': {
    body: { kind: 'consent', personId: uuid(), content: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') },
    cases: (b) => [
      ['bad enum', withField(b, 'kind', 'memo'), 'kind', 'isIn'],
      ['non-UUID id', withField(b, 'personId', 'ivanova'), 'personId', 'isUuid'],
      ['non-UUID replacement', withField(b, 'replacementId', '2'), 'replacementId', 'isUuid'],
      ['not base64', withField(b, 'content', 'не base64!'), 'content', 'isBase64'],
    ],
  },
  'POST /organisations/:id/people/import/preview': {
    body: staffFile(),
    cases: (b) => importFileCases(b),
  },
  'POST /organisations/:id/people/import/apply': {
    body: staffFile(),
    cases: (b) => importFileCases(b),
  },
  'POST /calendar/overlays': {
    body: { xml: '<calendar year="2030" region="Республика Татарстан"/>' },
    cases: (b) => [
      ['missing field', {}, 'xml', 'isNotEmpty'],
      ['wrong type', withField(b, 'xml', 2030), 'xml', 'isString'],
    ],
  },
  'POST /calendar/years': {
    body: { xml: '<calendar year="2030"/>' },
    cases: (b) => [
      ['missing field', {}, 'xml', 'isNotEmpty'],
      ['wrong type', withField(b, 'xml', 2030), 'xml', 'isString'],
    ],
  },
  'POST /organisations/:id/people': {
    body: personBody('Ёлкина', { personnelKey: 'T-1', birthDate: '1985-04-12', category: 'first' }),
    cases: (b) => [
      ['missing surname', withField(b, 'surname', undefined), 'surname', 'isString'],
      ['bad enum', withField(b, 'category', 'вторая'), 'category', 'isIn'],
      ['bad date', withField(b, 'birthDate', '12.04.1985'), 'birthDate', 'matches'],
      ['bad e-mail', withField(b, 'workEmail', 'elkina@'), 'workEmail', 'isEmail'],
      ['experience not whole', withField(b, 'teachingExperienceYears', 2.5), 'teachingExperienceYears', 'isInt'],
      ['positions not a list', withField(b, 'positions', 'учитель'), 'positions', 'isArray'],
      ['non-UUID person', withField(b, 'personId', 'elkina'), 'personId', 'isUuid'],
    ],
  },
  'PATCH /people/:id': {
    body: { category: 'highest', workPhone: '+7 843 000-00-00' },
    cases: (b) => [
      ['bad enum', withField(b, 'category', 'вторая'), 'category', 'isIn'],
      ['empty surname', withField(b, 'surname', ''), 'surname', 'isNotEmpty'],
    ],
  },
  'PUT /people/:id/employments/:organisationId': {
    body: { positions: ['учитель'], subjects: ['Физика'], status: 'parentalLeave', statusFrom: '2026-01-10' },
    cases: (b) => [
      ['bad enum', withField(b, 'status', 'fired'), 'status', 'isIn'],
      ['missing field', withField(b, 'subjects', undefined), 'subjects', 'isArray'],
    ],
  },
  'POST /people/:id/consent': {
    body: { date: '2026-09-01', document: 'Согласие № 15' },
    cases: (b) => [
      ['bad date', withField(b, 'date', '01.09.2026'), 'date', 'matches'],
      ['missing field', withField(b, 'document', undefined), 'document', 'isString'],
    ],
  },
  'POST /people/:id/consent/withdrawal': {
    body: { date: '2026-09-01' },
    cases: (b) => [['bad date', withField(b, 'date', '01.09.2026'), 'date', 'matches']],
  },
  'POST /users': {
    body: { sub: uuid(), fullName: 'Иванова Мария Петровна', email: 'ivanova@school5.ru' },
    cases: (b) => [
      ['bad e-mail', withField(b, 'email', 'ivanova@'), 'email', 'isEmail'],
      ['too long', withField(b, 'fullName', long(301)), 'fullName', 'maxLength'],
      ['missing field', withField(b, 'sub', undefined), 'sub', 'isNotEmpty'],
    ],
  },
  'POST /users/:id/details': {
    body: { fullName: 'Иванова Мария Петровна', sub: uuid(), email: 'ivanova@school5.ru' },
    cases: (b) => [
      ['subject with a space', withField(b, 'sub', 'ivanova 5'), 'sub', 'matches'],
      ['blank name', withField(b, 'fullName', ''), 'fullName', 'isNotEmpty'],
      ['bad e-mail', withField(b, 'email', 'ivanova@'), 'email', 'matches'],
    ],
  },
  'POST /users/:id/roles': {
    body: { role: 'curator', organisationId: uuid() },
    cases: (b) => [
      ['bad enum', withField(b, 'role', 'superuser'), 'role', 'isIn'],
      ['non-UUID id', withField(b, 'organisationId', 'school-5'), 'organisationId', 'isUuid'],
    ],
  },
  'POST /users/:id/deactivate': {
    body: { reason: 'Уволена' },
    cases: (b) => [
      ['too long', withField(b, 'reason', long(501)), 'reason', 'maxLength'],
      ['wrong type', withField(b, 'reason', 5), 'reason', 'isString'],
    ],
  },
  'POST /users/:id/activate': {
    body: {},
    cases: () => [['wrong type', { reason: ['Восстановлена'] }, 'reason', 'isString']],
  },
  'DELETE /users/:id/roles': {
    body: { role: 'curator', organisationId: uuid() },
    cases: (b) => [['bad enum', withField(b, 'role', 'superuser'), 'role', 'isIn']],
  },
  // Issue 21: a person's calendar feed and an organisation's webhook. No fields: the generic cases (an extra one) apply.
  'POST /calendar/feed': { body: {}, cases: () => [] },
  'DELETE /calendar/feed': { body: {}, cases: () => [] },
  'PUT /organisations/:id/webhook': {
    body: { url: 'https://bot.school.example.ru/mentorflow' },
    cases: (b) => [
      ['missing field', withField(b, 'url', undefined), 'url', 'isString'],
      ['not https', withField(b, 'url', 'http://bot.school.example.ru/mentorflow'), 'url', 'webhookUrl'],
      ['not a URL', withField(b, 'url', 'бот школы'), 'url', 'webhookUrl'],
      ['too long', withField(b, 'url', `https://bot.ru/${'a'.repeat(2000)}`), 'url', 'maxLength'],
    ],
  },
  'DELETE /organisations/:id/webhook': { body: {}, cases: () => [] },
  // Issue 28: the preparatory stage's analysis of problems, training, the organisation's setting, the catalogue.
  'POST /programmes/:id/problems': {
    body: { problemId: uuid(), description: 'Молодые специалисты не справляются с дисциплиной', source: 'complaints' },
    cases: (b) => [
      ['missing field', withField(b, 'description', undefined), 'description', 'isNotEmpty'],
      ['bad enum', withField(b, 'source', 'rumours'), 'source', 'isIn'],
      ['too long', withField(b, 'description', long(2001)), 'description', 'maxLength'],
      ['not a UUID', withField(b, 'problemId', 'problem-1'), 'problemId', 'isUuid'],
    ],
  },
  'PUT /programmes/:id/problems/:problemId': {
    body: { description: 'Молодые специалисты не справляются с дисциплиной', source: 'complaints' },
    cases: (b) => [['bad enum', withField(b, 'source', 'rumours'), 'source', 'isIn']],
  },
  'DELETE /programmes/:id/problems/:problemId': { body: {}, cases: () => [] },
  'POST /programmes/:id/problem-analysis/approval': { body: {}, cases: () => [] },
  'POST /organisations/:id/trainings': {
    body: {
      personId: uuid(),
      role: 'mentor',
      courseTitle: 'Наставничество',
      hours: 36,
      dateFrom: '2026-10-05',
      dateTo: '2026-10-16',
    },
    cases: (b) => [
      ['bad enum', withField(b, 'role', 'director'), 'role', 'isIn'],
      ['not an integer', withField(b, 'hours', 3.5), 'hours', 'isInt'],
      ['bad date format', withField(b, 'dateTo', '16.10.2026'), 'dateTo', 'matches'],
      ['not a UUID', withField(b, 'personId', 'ivanova'), 'personId', 'isUuid'],
    ],
  },
  'PUT /organisations/:id/trainings/:trainingId': {
    body: { role: 'mentor', courseTitle: 'Наставничество', hours: 36, dateFrom: '2026-10-05', dateTo: '2026-10-16' },
    cases: (b) => [
      ['bad enum', withField(b, 'role', 'director'), 'role', 'isIn'],
      ['not an integer', withField(b, 'hours', 3.5), 'hours', 'isInt'],
      ['bad date format', withField(b, 'dateFrom', '05.10.2026'), 'dateFrom', 'matches'],
      ['a person is not corrected', { ...b, personId: uuid() }, 'personId', 'whitelistValidation'],
    ],
  },
  'PUT /organisations/:id/settings': {
    body: { mentorTrainingRequired: true },
    cases: (b) => [['wrong type', withField(b, 'mentorTrainingRequired', 'да'), 'mentorTrainingRequired', 'isBoolean']],
  },
  'POST /training-catalogue/import': {
    body: {
      fileName: 'catalogue.csv',
      content: Buffer.from('Название;Организация;Часы;Форма\r\nНаставничество;ЦНППМ;36;очная\r\n').toString('base64'),
    },
    cases: (b) => importFileCases(b),
  },
  'POST /notifications/:id/resend': {
    body: { reason: 'Рабочий e-mail исправлен в карточке сотрудника' },
    cases: (b) => [
      ['another address', { ...b, to: 'other@school.ru' }, 'to', 'whitelistValidation'],
      ['too long', withField(b, 'reason', long(501)), 'reason', 'maxLength'],
    ],
  },
  'PUT /me/notification-preferences': {
    body: { preferences: [{ kind: 'TaskReminded', delivery: 'digest' }] },
    cases: (b) => [
      ['bad enum', withField(b, 'preferences.0.delivery', 'sometimes'), 'preferences.0.delivery', 'isIn'],
      ['bad enum', withField(b, 'preferences.0.kind', 'Digest'), 'preferences.0.kind', 'isIn'],
      ['empty list', { preferences: [] }, 'preferences', 'arrayMinSize'],
    ],
  },
  'POST /practices': {
    body: { organisationId: uuid(), ...practiceContent() },
    cases: (b) => [
      ['missing field', withField(b, 'title', undefined), 'title', 'isNotEmpty'],
      ['bad enum', withField(b, 'form', 'friendFriend'), 'form', 'isIn'],
      ['bad enum', withField(b, 'level', 'federal'), 'level', 'isIn'],
      ['too long', withField(b, 'problem', long(5001)), 'problem', 'maxLength'],
      ['not https', withField(b, 'attachments', ['http://disk.example.ru/a.pdf']), 'attachments', 'isFileRef'],
      ['not a UUID', withField(b, 'organisationId', 'school-5'), 'organisationId', 'isUuid'],
    ],
  },
  'POST /practices/:id/resubmit': {
    body: practiceContent(),
    cases: (b) => [
      ['missing field', withField(b, 'results', undefined), 'results', 'isNotEmpty'],
      [
        'too many attachments',
        withField(b, 'attachments', Array(11).fill('https://a.ru/f')),
        'attachments',
        'arrayMaxSize',
      ],
    ],
  },
  'POST /practices/:id/return': {
    body: { comment: 'Добавьте цифры' },
    cases: (b) => [
      ['missing field', {}, 'comment', 'isNotEmpty'],
      ['too long', withField(b, 'comment', long(2001)), 'comment', 'maxLength'],
    ],
  },
  'POST /practices/:id/publish': {
    body: { comment: 'Рекомендуем району' },
    cases: (b) => [['too long', withField(b, 'comment', long(2001)), 'comment', 'maxLength']],
  },
  'POST /associations': {
    body: { name: 'МО наставников', level: 'organisation', organisationId: uuid() },
    cases: (b) => [
      ['missing field', withField(b, 'name', undefined), 'name', 'isNotEmpty'],
      ['bad enum', withField(b, 'level', 'district'), 'level', 'isIn'],
      ['not a UUID', withField(b, 'organisationId', 'school-5'), 'organisationId', 'isUuid'],
    ],
  },
  'POST /associations/:id/members': {
    body: { personId: uuid() },
    cases: (b) => [['not a UUID', withField(b, 'personId', 'mentor-1'), 'personId', 'isUuid']],
  },
  'POST /associations/:id/members/remove': {
    body: { personId: uuid() },
    cases: () => [['missing field', {}, 'personId', 'isUuid']],
  },
  'POST /associations/:id/plan': {
    body: { title: 'Семинар', date: '2027-02-15', responsibleId: uuid() },
    cases: (b) => [
      ['missing field', withField(b, 'title', undefined), 'title', 'isNotEmpty'],
      ['bad date', withField(b, 'date', '15.02.2027'), 'date', 'matches'],
      ['not a UUID', withField(b, 'responsibleId', 'x'), 'responsibleId', 'isUuid'],
    ],
  },
  'POST /associations/:id/meetings': {
    body: { date: '2026-11-20', minutesNumber: '1', agenda: 'План', decisions: 'Утвердить', attendeeIds: [uuid()] },
    cases: (b) => [
      ['missing field', withField(b, 'agenda', undefined), 'agenda', 'isNotEmpty'],
      ['too long', withField(b, 'decisions', long(5001)), 'decisions', 'maxLength'],
      ['empty list', withField(b, 'attendeeIds', []), 'attendeeIds', 'arrayMinSize'],
      ['not a UUID', withField(b, 'attendeeIds', ['x']), 'attendeeIds', 'isUuid'],
    ],
  },
  'POST /incentives': {
    body: { organisationId: uuid(), personId: uuid(), recipientRole: 'mentee', pairId: uuid(), kind: 'diploma' },
    cases: (b) => [
      ['bad enum', withField(b, 'recipientRole', 'boss'), 'recipientRole', 'isIn'],
      ['missing field', withField(b, 'kind', undefined), 'kind', 'isNotEmpty'],
      ['not a UUID', withField(b, 'personId', 'Иванова'), 'personId', 'isUuid'],
      ['negative amount', withField(b, 'amount', -1), 'amount', 'min'],
      ['wrong type', withField(b, 'amount', '5000'), 'amount', 'isNumber'],
    ],
  },
  'POST /incentives/:id/approve': {
    body: { order: { number: '45-п', date: '2026-10-06' } },
    cases: (b) => [
      ['missing field', withField(b, 'order.number', undefined), 'order.number', 'isNotEmpty'],
      ['bad date', withField(b, 'order.date', '06.10.2026'), 'order.date', 'matches'],
      ['missing object', {}, 'order', 'isDefined'],
    ],
  },
  'POST /incentives/:id/decline': {
    body: { reason: 'Нет оснований' },
    cases: (b) => [
      ['missing field', {}, 'reason', 'isNotEmpty'],
      ['too long', withField(b, 'reason', long(1001)), 'reason', 'maxLength'],
    ],
  },
  'POST /incentive-kinds': {
    body: { name: 'Медаль' },
    cases: (b) => [
      ['missing field', {}, 'name', 'isNotEmpty'],
      ['too long', withField(b, 'name', long(201)), 'name', 'maxLength'],
    ],
  },
  'POST /incentive-kinds/:id/removal': { body: {}, cases: () => [] },
  'POST /projections/parked/:id/retry': {
    body: { reason: 'Обработчик проекции исправлен' },
    cases: (b) => [
      ['too long', withField(b, 'reason', long(501)), 'reason', 'maxLength'],
      ['wrong type', withField(b, 'reason', 5), 'reason', 'isString'],
    ],
  },
  'POST /auth/dev-token': {
    body: { sub: uuid() },
    cases: (b) => [['too long', withField(b, 'sub', long(201)), 'sub', 'maxLength']],
  },
};

describe('validation corpus: bad requests on every write endpoint', () => {
  let system: TestSystem;
  let db: DataSource;
  let token: string;
  let writes: AppRoute[];
  let organisationId: string;

  beforeAll(async () => {
    ({ system, db, organisationId, token, writes } = await startWithEveryRole(places.plainSamara));
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const eventCount = () => countEvents(db);
  const keyOf = (route: AppRoute) => `${route.method} ${route.path}`;

  async function send(
    route: AppRoute,
    body: string | undefined,
    contentType = 'application/json',
    ids: Record<string, string> = {},
  ) {
    const response = await fetch(`${system.baseUrl}${fillPath(route.path, ids, uuid())}`, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: text ? JSON.parse(text) : undefined,
    };
  }

  /** 400 (or `status`) as problem+json naming `field` and `constraint` with a Russian message. */
  function expectProblem(
    response: Awaited<ReturnType<typeof send>>,
    field: string,
    constraint: string,
    status = 400,
    label = '',
  ) {
    expect({ label, status: response.status }).toEqual({ label, status });
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, detail: expect.stringMatching(/[А-Яа-яЁё]/) });
    const named = (response.body.errors as { field: string; constraint: string; message: string }[]).find(
      (e) => e.field === field && e.constraint === constraint,
    );
    expect({ label, named: named && { field: named.field, constraint: named.constraint } }).toEqual({
      label,
      named: { field, constraint },
    });
    expect(named?.message).toMatch(/[А-Яа-яЁё]/);
  }

  it('has a row for every write endpoint of the route table, and every row is a real endpoint', () => {
    expect(writes.map(keyOf).filter((key) => !(key in corpus))).toEqual([]);
    expect(Object.keys(corpus).filter((key) => !writes.some((route) => keyOf(route) === key))).toEqual([]);
  });

  it('refuses each bad body with 400 naming the field, the constraint and a Russian message, and stores nothing', async () => {
    const before = await eventCount();
    let checked = 0;
    for (const route of writes) {
      const row = corpus[keyOf(route)];
      if (!row) continue;
      const generic: Case[] = [
        ['extra field', { ...row.body, isAdmin: true }, 'isAdmin', 'whitelistValidation'],
        ['"constructor" key', { ...row.body, constructor: 'x' }, 'constructor', 'whitelistValidation'],
        // Every text field, however deep: a NUL would reach PostgreSQL's jsonb (which refuses it) through the workflow.
        ...textPaths(row.body).map((path): Case => [
          `NUL in ${path}`,
          withField(row.body, path, `${String(path.split('.').reduce<any>((v, k) => v[k], row.body))}\u0000`),
          path,
          'noControlCharacters',
        ]),
      ];
      for (const [label, body, field, constraint] of [...row.cases(row.body), ...generic]) {
        expectProblem(await send(route, JSON.stringify(body)), field, constraint, 400, `${keyOf(route)}: ${label}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(await eventCount()).toBe(before);
  });

  it('refuses what never reaches validation — non-UUID ids, bad JSON, prototype keys, wrong content type, oversized bodies — and stores nothing', async () => {
    const before = await eventCount();
    for (const route of writes) {
      const label = keyOf(route);
      const valid = JSON.stringify(corpus[label]?.body ?? {});
      for (const param of route.path.match(/:(\w+)/g)?.map((p) => p.slice(1)) ?? []) {
        expectProblem(
          await send(route, valid, 'application/json', { [param]: 'not-a-uuid' }),
          param,
          'isUuid',
          400,
          `${label}: non-UUID ${param}`,
        );
      }
      expectProblem(await send(route, '{"title": '), 'body', 'json', 400, `${label}: broken JSON`);
      expectProblem(await send(route, '{"__proto__": {"isAdmin": true}}'), 'body', 'json', 400, `${label}: __proto__`);
      expectProblem(
        await send(route, '{"constructor": {"prototype": {"isAdmin": true}}}'),
        'body',
        'json',
        400,
        `${label}: constructor.prototype`,
      );
      expectProblem(
        await send(route, '{"a": {"constructor": {"name": "x"}}}'),
        'a.constructor',
        'whitelistValidation',
        400,
        `${label}: nested constructor`,
      );
      const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
      expectProblem(await send(route, deep), Array(17).fill('a').join('.'), 'maxDepth', 400, `${label}: deep nesting`);
      // Deep enough to exhaust a recursive transformer's stack: still a 400, not a 500.
      const abyss = await send(route, `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
      expect({ label, status: abyss.status, constraint: abyss.body.errors?.[0]?.constraint }).toEqual({
        label,
        status: 400,
        constraint: 'maxDepth',
      });
      expectProblem(await send(route, '<xml/>', 'application/xml'), 'body', 'contentType', 415, `${label}: XML`);
      const limit = bodyLimits[label] ?? 1024 * 1024;
      expectProblem(
        await send(route, JSON.stringify({ text: 'ж'.repeat(limit / 2 + 50_000) })),
        'body',
        'maxSize',
        413,
        `${label}: over ${limit / 1024 / 1024} MiB`,
      );
      // text/plain reaches validation as a string: refused as a body that is not an object.
      const plain = await send(route, valid, 'text/plain');
      expect({ label, status: plain.status }).toEqual({ label, status: 400 });
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await eventCount()).toBe(before);
  });

  it('lets a body well under 1 MiB through to validation: the size limit is not lower than documented', async () => {
    const calendar = writes.find((route) => keyOf(route) === 'POST /calendar/years') as AppRoute;
    // 200 000 characters of XML is allowed by the DTO; in UTF-8 Cyrillic that is ~400 KB, under the limit.
    const response = await send(calendar, JSON.stringify({ xml: 'ж'.repeat(200_001) }));
    expectProblem(response, 'xml', 'maxLength', 400, 'long xml');
  });

  describe('past validation: unknown ids, version conflicts, domain refusals', () => {
    let programmeId: string;
    let director: string;
    let curator: string;
    beforeAll(async () => {
      director = system.token(uuid(), ['director'], [organisationId]);
      const curatorId = uuid();
      curator = system.token(curatorId, ['curator'], [organisationId]);
      await system.usersStored();
      const started = await startProgramme(system, organisationId, director, curatorId);
      programmeId = started.programmeId;
      expect(started.appointed.status).toBe(200);
    });

    it('answers 404 for ids that do not exist, and stores nothing', async () => {
      const before = await eventCount();
      const missing = uuid();
      for (const [path, body] of [
        [`/programmes/${missing}/documents`, corpus['POST /programmes/:id/documents'].body],
        [`/programmes/${missing}/advance`, {}],
        [`/pairs/${missing}/diary`, corpus['POST /pairs/:id/diary'].body],
        [`/routes/${missing}/fix-goal`, corpus['POST /routes/:id/fix-goal'].body],
        [`/organisations/${missing}/programmes`, { title: 'Программа' }],
        [`/tasks/${missing}/complete`, { result: 'Сделано' }],
        [`/tasks/${missing}/reassign`, corpus['POST /tasks/:id/reassign'].body],
      ] as const) {
        const response = await system.request('POST', path, token, body);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(response.body.detail).toMatch(/[А-Яа-яЁё]/);
      }
      expect(await eventCount()).toBe(before);
    });

    it('answers 422 naming the unmet conditions when the domain refuses, and 409 when the caller saw a stale stage', async () => {
      const before = await eventCount();
      const refused = await system.request('POST', `/programmes/${programmeId}/advance`, curator, {
        expectedStage: 'preparatory',
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        status: 422,
        code: expect.any(String),
        detail: expect.stringMatching(/[А-Яа-яЁё]/),
      });
      expect(refused.body.unmet.map((u: { code: string }) => u.code)).toEqual(
        expect.arrayContaining(['document.implementationAct.missing', 'document.regulationApprovalOrder.missing']),
      );
      const stale = await system.request('POST', `/programmes/${programmeId}/advance`, curator, {
        expectedStage: 'design',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.detail).toMatch(/[А-Яа-яЁё]/);
      expect(await eventCount()).toBe(before);
    });
  });
});
