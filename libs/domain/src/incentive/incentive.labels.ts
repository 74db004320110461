import type {
  BuiltInIncentiveKind,
  IncentiveEvent,
  IncentiveKindEvent,
  IncentiveRecipientRole,
  IncentiveStatus,
} from './incentive.events';

/** The incentives of 002 §5.1 and 004 slides 22–24, as an order names them. */
export const builtInIncentiveKindLabels: Readonly<Record<BuiltInIncentiveKind, string>> = {
  gratitudeLetter: 'Благодарственное письмо',
  certificateOfHonour: 'Почётная грамота',
  diploma: 'Диплом',
  honouredMentorBadge: 'Нагрудный знак «Почётный наставник»',
  mentoringDistinction: 'Знак отличия «За наставничество»',
  youthAndProfessionalism: 'Знак «Молодость и профессионализм»',
  managementReserve: 'Включение в резерв управленческих кадров',
  attestationCredit: 'Учёт при аттестации',
  bonus: 'Премия / доплата',
};

export const incentiveStatusLabels: Readonly<Record<IncentiveStatus, string>> = {
  proposed: 'Предложено, ждёт решения руководителя',
  approved: 'Утверждено',
  declined: 'Отклонено',
};

export const incentiveRecipientRoleLabels: Readonly<Record<IncentiveRecipientRole, string>> = {
  mentor: 'Наставник',
  mentee: 'Наставляемый',
};

/** The fields as forms and refusals name them. */
export const incentiveFieldLabels = {
  personId: 'Кого поощрить',
  kind: 'Вид поощрения',
  amount: 'Сумма, руб.',
  pairId: 'Наставническая пара',
  orderNumber: 'Номер приказа (решения)',
  orderDate: 'Дата приказа (решения)',
  reason: 'Причина отказа',
  name: 'Название вида поощрения',
} as const;

/** What happened to an incentive, in the words of a history (the pair's audit, the person's card). */
export const incentiveEventLabels: Readonly<Record<IncentiveEvent['type'] | IncentiveKindEvent['type'], string>> = {
  IncentiveProposed: 'Предложено поощрение',
  IncentiveApproved: 'Поощрение утверждено',
  IncentiveDeclined: 'В поощрении отказано',
  IncentiveKindAdded: 'Добавлен вид поощрения',
  IncentiveKindRemoved: 'Вид поощрения исключён из списка',
};
