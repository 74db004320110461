import type { StaffRole } from './organisation.events';

export const staffRoleLabels: Readonly<Record<StaffRole, string>> = {
  director: 'Руководитель',
  curator: 'Куратор',
  commissionHead: 'Руководитель методической комиссии',
  psychologist: 'Педагог-психолог',
  methodologist: 'Методист',
  tutor: 'Тьютор',
};
