import type { AssociationLevel } from './association.events';

export const associationLevelLabels: Readonly<Record<AssociationLevel, string>> = {
  organisation: 'Образовательная организация',
  municipality: 'Муниципалитет',
};

/** The fields of the association's forms, as refusals and 400s name them. */
export const associationFieldLabels = {
  name: 'Название',
  level: 'Уровень',
  title: 'Мероприятие плана',
  date: 'Дата',
  responsibleId: 'Ответственный',
  agenda: 'Повестка',
  decisions: 'Решения',
  attendeeIds: 'Присутствовали',
  minutesNumber: 'Номер протокола',
} as const;

/** The history's wording of the association's own events. */
export const associationEventLabels = {
  AssociationCreated: 'Создано методическое объединение наставников',
  AssociationMemberAdded: 'Наставник включён в методическое объединение',
  AssociationMemberRemoved: 'Наставник исключён из методического объединения',
  AssociationPlanItemAdded: 'Мероприятие включено в план работы',
  AssociationMeetingHeld: 'Проведено заседание методического объединения',
} as const;
