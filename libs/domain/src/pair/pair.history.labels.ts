/**
 * A pair's audit history in Russian: the event names and the one-line «what» the web timeline shows and
 * the CSV export writes (one source for both, so a spreadsheet reads as the screen does).
 */
import { practiceEventLabels } from '../practice/practice.labels';
import { roleLabels } from '../shared/role.labels';
import { russianDate } from '../shared/dates';
import { finalControlOutcomeLabels, interimControlOutcomeLabels, mentorReplacementReasonLabels } from './pair.labels';

/** What happened, in the words of the audit timeline. */
export const pairHistoryEventLabels: Readonly<Record<string, string>> = {
  PairFormed: 'Пара закреплена приказом',
  PersonalProgrammeApproved: 'Утверждена персонализированная программа',
  MentorDiaryEntryRecorded: 'Запись в дневнике наставника',
  MenteeReportRecorded: 'Отчёт наставляемого',
  InterimControlPassed: 'Промежуточный контроль пройден',
  InterimControlFailed: 'Промежуточный контроль: требуется корректировка',
  MentorFinalReportSubmitted: 'Отчёт наставника по итогам наставничества',
  FinalControlCompleted: 'Итоговый контроль',
  PairCompleted: 'Пара завершила программу',
  MentorReplaced: 'Замена наставника',
  MentorReplacementRejected: 'Замена наставника отклонена',
  PairTerminated: 'Пара прекращена досрочно',
  PairDocumentScanAttached: 'Прикреплён скан подписанного документа',
  TaskRaised: 'Поставлена задача',
  TaskReminded: 'Напоминание о задаче',
  TaskOverdue: 'Задача просрочена',
  TaskCompleted: 'Задача выполнена',
  TaskCancelled: 'Задача отменена',
  TaskReassigned: 'Задача передана другому исполнителю',
  TaskEscalated: 'Задача эскалирована',
  ...practiceEventLabels,
};

/** The pair's documents whose signed scans it keeps, as the audit names them. */
const pairScanDocumentLabels: Readonly<Record<string, string>> = {
  assignmentOrder: 'Приказ о закреплении',
  consent: 'Согласие',
  replacementOrder: 'Приказ о замене наставника',
  terminationOrder: 'Приказ о прекращении наставничества',
};

/** Names a person by id (the caller's directory: a full name, «Обезличено», or a short id). */
export type PersonLabel = (id: string) => string;

/** The people an event's data names by id: the names a reader of the history needs resolved. */
export function personIdsOf(data: Readonly<Record<string, unknown>>): string[] {
  const ids: unknown[] = [data.mentorId, data.menteeId, data.newMentorId, data.previousMentorId, data.personId];
  if (Array.isArray(data.menteeIds)) ids.push(...(data.menteeIds as unknown[]));
  for (const end of [data.from, data.to])
    if (end && typeof end === 'object') ids.push((end as { personId?: unknown }).personId);
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

/** One line of "what" for an event: the facts an auditor looks for ('' where the timeline shows none). */
export function pairHistorySummary(type: string, d: Readonly<Record<string, unknown>>, label: PersonLabel): string {
  switch (type) {
    case 'PairFormed':
      return `Наставник ${label(d.mentorId as string)}, наставляемые: ${((d.menteeIds as string[]) ?? []).map((id) => label(id)).join(', ')}`;
    case 'MentorReplaced':
      return `Новый наставник ${label(d.newMentorId as string)} вместо ${label(d.previousMentorId as string)}`;
    case 'MentorReplacementRejected':
      return String(d.message ?? d.reason ?? '');
    case 'PairDocumentScanAttached': {
      // Which file was registered: the audit names the document and the file's full hash.
      const document = pairScanDocumentLabels[String(d.kind)] ?? String(d.kind);
      const whose = typeof d.personId === 'string' ? ` ${label(d.personId)}` : '';
      const replaces = d.replacesSha256 ? `; заменяет файл SHA-256 ${String(d.replacesSha256)}` : '';
      return `${document}${whose}: файл SHA-256 ${String(d.sha256)}${replaces}`;
    }
    case 'TaskRaised':
      return String(d.title ?? '');
    case 'TaskReassigned': {
      // Moved by hand (issue 27): from whom to whom and why; a replacement's handover names neither.
      const from = (d.from as { personId?: string } | undefined)?.personId;
      const to = (d.to as { personId?: string } | undefined)?.personId;
      const moved = from && to ? `${label(from)} → ${label(to)}` : '';
      return [moved, d.reason ? `причина: ${String(d.reason)}` : ''].filter(Boolean).join('; ');
    }
    default:
      return '';
  }
}

/** Russian names of the fields events carry; a field without one keeps its own name. */
const fieldLabels: Readonly<Record<string, string>> = {
  mentorId: 'Наставник',
  menteeId: 'Наставляемый',
  menteeIds: 'Наставляемые',
  newMentorId: 'Новый наставник',
  previousMentorId: 'Прежний наставник',
  date: 'Дата',
  text: 'Текст',
  comment: 'Комментарий',
  conclusion: 'Заключение',
  mentorConclusion: 'Заключение наставника',
  proposals: 'Предложения',
  outcome: 'Результат',
  finalOutcome: 'Итог',
  reason: 'Причина',
  message: 'Сообщение',
  title: 'Название',
  start: 'Начало',
  end: 'Окончание',
  term: 'Срок',
  directions: 'Направления',
  difficulties: 'Затруднения',
  activities: 'Мероприятия',
  plannedDate: 'Плановая дата',
  order: 'Приказ',
  number: 'Номер',
  signedBy: 'Подписал',
  role: 'Роль',
  version: 'Версия',
  form: 'Форма',
  kind: 'Вид',
  status: 'Статус',
};

/** Identifiers of things (not people) and instants the row already shows: noise in a readable summary. */
const skipped = (key: string) =>
  (key.endsWith('Id') || key.endsWith('Ids') || key.endsWith('At')) && !(key in fieldLabels);

/** Interim and final controls share the code `passed` but not its words. */
const outcomeLabelsOf = (type: string): Readonly<Record<string, string>> =>
  type.startsWith('Interim') ? interimControlOutcomeLabels : finalControlOutcomeLabels;

/** A value as text: dates as дд.мм.гггг, known codes in Russian, lists joined, objects as their own pairs. */
function valueText(type: string, key: string, value: unknown, label: PersonLabel): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value
      .map((v) => valueText(type, key, v, label))
      .filter(Boolean)
      .join(', ');
  if (typeof value === 'object') return `(${fieldsText(type, value as Record<string, unknown>, label)})`;
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  const text = String(value);
  if (key in fieldLabels && (key.endsWith('Id') || key.endsWith('Ids'))) return label(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return russianDate(text);
  if (key === 'reason')
    return mentorReplacementReasonLabels[text as keyof typeof mentorReplacementReasonLabels] ?? text;
  if (key === 'outcome' || key === 'finalOutcome') return outcomeLabelsOf(type)[text] ?? text;
  if (key === 'role') return roleLabels[text as keyof typeof roleLabels] ?? text;
  return text;
}

function fieldsText(type: string, data: Readonly<Record<string, unknown>>, label: PersonLabel): string {
  return Object.entries(data)
    .filter(([key]) => !skipped(key))
    .map(([key, value]) => [fieldLabels[key] ?? key, valueText(type, key, value, label)] as const)
    .filter(([, text]) => text !== '')
    .map(([name, text]) => `${name}: ${text}`)
    .join('; ');
}

/**
 * The event's content in words (the CSV's «Содержание»): the timeline's line where it has one, else the
 * event's fields as «поле: значение» with Russian field names — never JSON.
 */
export function pairHistoryContent(type: string, data: Readonly<Record<string, unknown>>, label: PersonLabel): string {
  return pairHistorySummary(type, data, label) || fieldsText(type, data, label);
}
