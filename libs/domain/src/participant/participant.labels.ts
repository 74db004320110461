import type { ParticipantStatus } from './participant.decider';
import type {
  CandidateDecision,
  MenteeCategory,
  MentorEligibilityWarning,
  ParticipantRole,
  ReviewBody,
} from './participant.events';

export const participantRoleLabels: Readonly<Record<ParticipantRole, string>> = {
  mentor: 'Наставник',
  mentee: 'Наставляемый',
};

/** 002 §4.6; 004 slide 42; 001. */
export const menteeCategoryLabels: Readonly<Record<MenteeCategory, string>> = {
  newSpecialist: 'Впервые принятый специалист без стажа педагогической деятельности',
  nonPedagogicalGraduate:
    'Выпускник непедагогической профессиональной образовательной организации без педагогического стажа',
  movedToOtherWork: 'Педагогический работник, переведённый на другую работу',
  needsPreparationForGroupOrTopic:
    'Педагог, нуждающийся в дополнительной подготовке для работы в определённой группе (по определённой тематике)',
  backAfterLongBreak: 'Педагог, приступивший к работе после длительного перерыва',
  burnout: 'Педагог в состоянии профессионального, эмоционального выгорания',
  internWithContract: 'Стажёр (студент), заключивший договор с обязательством последующего принятия на работу',
  adaptingToNewWorkplace: 'Педагог в процессе адаптации на новом месте работы',
  raisingProfessionalLevel:
    'Педагог, желающий повысить свой профессиональный уровень в определённом направлении педагогической деятельности',
  acquiringItSkills: 'Педагог, желающий овладеть современными ИТ-программами и цифровыми навыками',
  newTeacherInStaff: 'Новый педагог в коллективе',
  experiencedMasteringNewTechnology: 'Опытный педагог, осваивающий новую технологию или приобретающий новые навыки',
  other: 'Педагог, испытывающий другие профессиональные затруднения',
};

/** 002 §4.3. */
export const mentorEligibilityWarningLabels: Readonly<Record<MentorEligibilityWarning, string>> = {
  teachingExperienceBelowFiveYears: 'Стаж педагогической деятельности менее пяти лет (рекомендуется не менее пяти)',
  subjectExperienceBelowThreeYears: 'Стаж по данному предмету (профессии) менее трёх лет (рекомендуется не менее трёх)',
};

/** Where a candidate stands (002 §4.4): only «Отобран» may be paired. */
export const participantStatusLabels: Readonly<Record<ParticipantStatus, string>> = {
  proposed: 'На рассмотрении комиссии',
  registered: 'Отобран',
  rejected: 'Отклонён комиссией',
  withdrawn: 'Выбыл',
};

export const reviewBodyLabels: Readonly<Record<ReviewBody, string>> = {
  methodicalCommission: 'Методическая комиссия',
  pedagogicalCouncil: 'Педагогический совет',
};

export const candidateDecisionLabels: Readonly<Record<CandidateDecision, string>> = {
  approved: 'Одобрить',
  rejected: 'Отклонить',
};
