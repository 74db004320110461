import type {
  FinalControlOutcome,
  InterimControlOutcome,
  MentorReplacementReason,
  PairForm,
  PairKind,
  PairStatus,
} from './pair.events';

/** 002 §9.1.3; 004 slides 36–40. */
export const pairFormLabels: Readonly<Record<PairForm, string>> = {
  teacherTeacher: 'Педагог – педагог',
  headTeacher: 'Руководитель образовательной организации – педагог',
  employerStudent: 'Работодатель – студент',
  studentPupil: 'Студент – ученик',
  pupilPupil: 'Ученик – ученик / студент – студент',
  employerPupil: 'Работодатель – ученик',
  universityTeacherYoungTeacher: 'Педагог вуза (колледжа) – молодой педагог',
};

/** 002 §9.1.3. */
export const pairKindLabels: Readonly<Record<PairKind, string>> = {
  traditional: 'Традиционное наставничество («один на один»)',
  group: 'Наставничество в группе',
  virtual: 'Виртуальное (дистанционное) наставничество',
  reverse: 'Реверсивное наставничество',
  situational: 'Ситуационное наставничество',
  shortTerm: 'Краткосрочное (целеполагающее) наставничество',
  speed: 'Скоростное наставничество',
};

/** 002 §4.7. */
export const mentorReplacementReasonLabels: Readonly<Record<MentorReplacementReason, string>> = {
  dismissal: 'Увольнение наставника',
  transfer: 'Перевод наставника или наставляемого на другую работу',
  disciplinaryLiability: 'Привлечение наставника к дисциплинарной ответственности',
  psychologicalIncompatibility: 'Психологическая несовместимость наставника и наставляемого',
};

export const pairStatusLabels: Readonly<Record<PairStatus, string>> = {
  notFormed: 'Не сформирована',
  formed: 'Закреплена приказом',
  active: 'Реализует программу',
  completed: 'Завершила программу',
  terminated: 'Прекращена досрочно',
};

export const interimControlOutcomeLabels: Readonly<Record<InterimControlOutcome, string>> = {
  passed: 'Пройден',
  needsCorrection: 'Требуется корректировка программы',
};

export const finalControlOutcomeLabels: Readonly<Record<FinalControlOutcome, string>> = {
  passed: 'Цели программы достигнуты',
  notPassed: 'Цели программы не достигнуты',
};
