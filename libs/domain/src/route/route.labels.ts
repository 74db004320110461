import type { RouteActivityCompletion } from './route.state';
import type {
  CompetenceArea,
  CompetenceAssessment,
  CompetenceLevel,
  DeficitLevel,
  RouteActivityKind,
  RouteRoadMapRow,
  RouteOwnEvent,
  RouteRoadMapSource,
  RouteStage,
} from './route.events';

/** UI names of the route stages (003 §6.1). */
export const routeStageLabels: Readonly<Record<RouteStage, string>> = {
  diagnosticMotivational: 'Диагностико-мотивационный',
  design: 'Проектировочный',
  implementation: 'Реализационный',
  reflective: 'Рефлексивный',
  completed: 'Завершён',
};

/** UI names of the diagnosed competence areas (000 item 2; 002 §9.2.2). */
export const competenceAreaLabels: Readonly<Record<CompetenceArea, string>> = {
  scientificTheoretical: 'Научно-теоретические',
  regulatoryLegal: 'Нормативные правовые',
  subjectProfessional: 'Предметно-профессиональные',
  psychologicalPedagogical: 'Психолого-педагогические',
  methodical: 'Методические',
  ict: 'ИКТ-компетенции',
  digitalisation: 'Цифровизация образования',
  extracurricularEducational: 'Внеурочная и воспитательная деятельность',
  healthSaving: 'Здоровьесбережение обучающихся',
};

/** 003 §5.4: «высокий», «базовый», «дефицитный». */
export const competenceLevelLabels: Readonly<Record<CompetenceLevel, string>> = {
  high: 'Высокий',
  basic: 'Базовый',
  deficit: 'Дефицитный',
};

/** 003 §5.4: уровень профессиональных дефицитов. */
export const deficitLevelLabels: Readonly<Record<DeficitLevel, string>> = {
  high: 'Высокий',
  medium: 'Средний',
  minimal: 'Минимальный',
};

/** 003 §5.3: what the "activity" column of the road map may hold. */
export const routeActivityKindLabels: Readonly<Record<RouteActivityKind, string>> = {
  furtherTrainingProgramme: 'Программа повышения квалификации или переподготовки (федеральный реестр ДПП, курсы ИРО)',
  event: 'Мероприятие по профессиональному развитию и обмену опытом',
  internship: 'Стажировка',
  resource: 'Электронные ресурсы, методические материалы, нормативные документы, литература',
  methodicalProduct: 'Разработка методического продукта',
  practiceStudy: 'Изучение практики из банка лучших практик',
};

export const routeRoadMapSourceLabels: Readonly<Record<RouteRoadMapSource, string>> = {
  methodologistDraft: 'Проект методиста',
  tutorRefinement: 'Доработана тьютором',
  teacherProposal: 'Предложена педагогом',
};

/** What each of the route's own events means, as its history shows it. */
export const routeEventLabels: Readonly<Record<RouteOwnEvent['type'], string>> = {
  RouteCreated: 'ИОМ создан',
  RouteGoalFixed: 'Зафиксированы цель и задачи ИОМ',
  DiagnosticsRecorded: 'Записаны результаты диагностики',
  DeficitLevelsEntered: 'Указаны уровни дефицитов',
  RouteStageChanged: 'Смена этапа ИОМ',
  RouteDraftSubmitted: 'Методист передал проект ИОМ тьютору',
  RoadMapProposed: 'Педагог предложил собственную дорожную карту',
  ProposedRoadMapReturned: 'Тьютор вернул дорожную карту педагога на доработку',
  RoadMapAgreed: 'Дорожная карта согласована',
  PortfolioEntryRecorded: 'Результат добавлен в портфолио',
  ActivityDoneMarked: 'Педагог отметил выполнение мероприятия',
  ActivityDoneConfirmed: 'Тьютор подтвердил выполнение мероприятия',
  RoadMapCorrected: 'Дорожная карта скорректирована',
  ControlPointsChecked: 'Ежемесячная проверка контрольных точек',
  ControlPointsMissed: 'Контрольные точки пропущены',
  DesiredImageRecorded: 'Записан желаемый образ педагога',
  ReflectionRecorded: 'Записан рефлексивный анализ',
  ReflectionAgreed: 'Рефлексивный анализ согласован',
  ControlDiagnosticsRecorded: 'Записаны результаты контрольной диагностики',
  RepeatedDiagnosticsRecorded: 'Записаны результаты повторной диагностики',
  RouteCompleted: 'ИОМ завершён',
};

/**
 * "Дефицитный (уровень дефицита: средний)" for a deficit whose level was entered, "Дефицитный (уровень дефицита
 * не указан)" before it is, and the level name otherwise. A level derived by the old thresholds says so.
 */
export const competenceAssessmentLabel = (
  assessment: CompetenceAssessment & { readonly deficitLevelDerived?: boolean },
): string => {
  if (assessment.level !== 'deficit') return competenceLevelLabels[assessment.level];
  if (assessment.deficitLevel === undefined) return `${competenceLevelLabels.deficit} (уровень дефицита не указан)`;
  const level = deficitLevelLabels[assessment.deficitLevel].toLowerCase();
  return assessment.deficitLevelDerived
    ? `${competenceLevelLabels.deficit} (уровень дефицита: ${level} — рассчитан по прежним порогам, не указан людьми)`
    : `${competenceLevelLabels.deficit} (уровень дефицита: ${level})`;
};

const monthNames = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;

/** "март 2026" for "2026-03"; the text itself when it is not a YYYY-MM month. */
export const routeMonthLabel = (month: string): string => {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? monthNames[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
};

/** The title page's fields in 003 §5.1's order, as the generated ИОМ and its printed form name them. */
export const routeTitlePageLabels = {
  teacherName: 'ФИО педагога',
  birthDate: 'Дата рождения',
  position: 'Занимаемая должность',
  education: 'Образование',
  phone: 'Контактный телефон',
  email: 'Электронная почта',
  lastAttestationDate: 'Дата последней аттестации',
  diagnosticsDates: 'Дата прохождения диагностики уровня сформированности профессиональных компетенций',
  nextDiagnosticsDate: 'Дата следующей диагностики',
  qualificationCategory: 'Квалификационная категория',
  teachingExperienceYears: 'Педагогический стаж, лет',
  selfEducationTopic: 'Тема по самообразованию',
  code: 'Персональный код ИОМ',
  goal: 'Цель ИОМ',
  tasks: 'Задачи ИОМ',
  startDate: 'Дата разработки ИОМ',
  endDate: 'Дата окончания ИОМ',
  methodologist: 'Методист',
  tutor: 'Тьютор',
} as const;

/** The road map's columns, 003 §5.2 word for word (with the row number first). */
export const roadMapColumnLabels = [
  '№',
  'Профессиональные компетенции',
  'Содержание работы / мероприятия',
  'Решаемые задачи',
  'Количество часов',
  'Сроки исполнения',
  'Отметка выбора',
  'Отметка о выполнении / результат',
] as const;

/** The kind of a diagnostics held, as the title page and the portfolio name it. */
export const routeDiagnosticsKindLabels = {
  initial: 'входная',
  repeated: 'повторная',
  control: 'контрольная',
} as const;

/** «Отметка выбора» of a road-map row: blank while the teacher has not chosen (the paper's hand fills it). */
export const roadMapChosenMarkLabel = (row: Pick<RouteRoadMapRow, 'chosenMark'>): string =>
  row.chosenMark === undefined ? '' : row.chosenMark ? 'выбрано' : 'не выбрано';

/**
 * «Отметка о выполнении / результат» of a road-map row: the teacher's mark (its date as `date` writes it) and
 * whether the tutor confirmed it; else what the row itself says; else blank.
 */
export const roadMapDoneMarkLabel = (
  row: Pick<RouteRoadMapRow, 'rowId' | 'doneMark'>,
  completions: readonly Pick<RouteActivityCompletion, 'rowId' | 'doneOn' | 'result' | 'confirmedAt'>[] | undefined,
  date: (isoDate: string) => string,
): string => {
  const completion = completions?.find((c) => c.rowId === row.rowId);
  if (completion === undefined) return row.doneMark ?? '';
  const confirmation =
    completion.confirmedAt === undefined ? 'ожидает подтверждения тьютором' : 'подтверждено тьютором';
  return `Выполнено ${date(completion.doneOn)}: ${completion.result} (${confirmation})`;
};
