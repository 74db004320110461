import type { PracticeEvent, PracticeLevel, PracticeStatus } from './practice.events';

export const practiceLevelLabels: Readonly<Record<PracticeLevel, string>> = {
  organisation: 'Уровень образовательной организации',
  municipal: 'Муниципальный уровень',
  regional: 'Региональный уровень',
};

export const practiceStatusLabels: Readonly<Record<PracticeStatus, string>> = {
  submitted: 'На рассмотрении',
  returned: 'Возвращена на доработку',
  published: 'Опубликована',
};

/** The practice's fields as the form and the refusals name them. */
export const practiceFieldLabels = {
  title: 'Название практики',
  form: 'Форма наставничества',
  problem: 'Какую проблему решала практика',
  whatWasDone: 'Что было сделано',
  results: 'Результаты',
  evidence: 'Подтверждение результатов',
  subject: 'Предмет или направление',
  level: 'Уровень',
  attachments: 'Приложения',
  comment: 'Комментарий',
} as const;

/** What happened to a practice, in the words of its history. */
export const practiceEventLabels: Readonly<Record<PracticeEvent['type'], string>> = {
  PracticeSubmitted: 'Практика предложена',
  PracticeReturned: 'Возвращена автору с комментарием',
  PracticeResubmitted: 'Доработанная практика предложена повторно',
  PracticePublished: 'Практика опубликована',
};
