import type { ProblemSource, ProgrammeDocumentKind, ProgrammeStageOrClosed } from './programme.events';

/** UI names of the stages (004 slide 43). */
export const programmeStageLabels: Readonly<Record<ProgrammeStageOrClosed, string>> = {
  preparatory: 'Подготовительный',
  design: 'Проектировочный',
  implementation: 'Реализационный',
  reflectiveAnalytical: 'Рефлексивно-аналитический',
  results: 'Результативный',
  closed: 'Завершена',
};

/** UI names of the normative documents (004 slides 27, 45; 002 §10). */
export const programmeDocumentKindLabels: Readonly<Record<ProgrammeDocumentKind, string>> = {
  implementationAct: 'Распорядительный акт о внедрении целевой модели наставничества',
  regulationApprovalOrder: 'Приказ об утверждении положения о системе наставничества',
  roadMap: 'Дорожная карта по внедрению целевой модели наставничества',
  pairAssignmentOrder: 'Приказ о закреплении наставнических пар/групп',
  writtenConsent: 'Письменное согласие наставника и наставляемого на участие в программе наставничества',
  mentorContractSupplement: 'Дополнительное соглашение к трудовому договору наставника',
  cooperationAgreement: 'Соглашение о сотрудничестве с другими образовательными организациями',
  processMonitoringReport: 'Отчёт о мониторинге процесса реализации программы наставничества',
  influenceMonitoringReport: 'Отчёт о мониторинге влияния программы наставничества на участников',
  finalReport: 'Итоговый отчёт о реализации программы наставничества',
};

/** UI names of where a problem of the preliminary analysis was found (004 slide 44). */
export const problemSourceLabels: Readonly<Record<ProblemSource, string>> = {
  attestation: 'Результаты аттестации',
  diagnostics: 'Результаты диагностики',
  complaints: 'Жалобы и обращения',
  newStaff: 'Новые сотрудники',
  other: 'Другое',
};
