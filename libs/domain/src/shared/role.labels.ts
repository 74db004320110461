import type { Role } from './decider';

/** Every role in Russian, as the screens and the reports name it (DOMAIN.md "People and roles"). */
export const roleLabels: Readonly<Record<Role, string>> = {
  director: 'Руководитель',
  curator: 'Куратор',
  commissionHead: 'Руководитель методической комиссии',
  mentor: 'Наставник',
  mentee: 'Наставляемый',
  teacher: 'Педагог',
  methodologist: 'Методист',
  tutor: 'Тьютор',
  psychologist: 'Педагог-психолог',
  administrator: 'Администратор',
  regionalCoordinator: 'Муниципальный/региональный координатор',
};
