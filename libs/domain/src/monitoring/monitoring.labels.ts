import type { MonitoringIndicator, MonitoringStage, MonitoringUnit } from './monitoring.events';

export const monitoringStageLabels: Readonly<Record<MonitoringStage, string>> = {
  process: 'Мониторинг процесса реализации персонализированной программы наставничества',
  influence: 'Мониторинг влияния персонализированной программы наставничества на её участников',
};

export interface MonitoringIndicatorDefinition {
  readonly stage: MonitoringStage;
  readonly unit: MonitoringUnit;
  readonly label: string;
}

/** 002 §10, item by item. */
export const monitoringIndicatorDefinitions: Readonly<Record<MonitoringIndicator, MonitoringIndicatorDefinition>> = {
  programmeEffectivenessAndRisks: {
    stage: 'process',
    unit: 'score',
    label:
      'Результативность реализации персонализированной программы наставничества и сопутствующие риски (оценка 1–5)',
  },
  jointProjectsEffectiveness: {
    stage: 'process',
    unit: 'score',
    label: 'Эффективность образовательных и культурных проектов совместно с наставляемым (оценка 1–5)',
  },
  studentsPassedNationalTestsShare: {
    stage: 'process',
    unit: 'percent',
    label: 'Доля обучающихся наставляемого, успешно прошедших ВПР/ГИА/демонстрационный экзамен, %',
  },
  studentsGradeDynamics: {
    stage: 'process',
    unit: 'percentagePoints',
    label: 'Динамика успеваемости обучающихся, п. п.',
  },
  olympiadParticipationDynamics: {
    stage: 'process',
    unit: 'change',
    label: 'Динамика участия обучающихся в олимпиадах (изменение числа участников)',
  },
  menteeSocialProfessionalActivity: {
    stage: 'process',
    unit: 'count',
    label: 'Социально-профессиональная активность наставляемого (число мероприятий)',
  },
  educationalResultsImprovement: {
    stage: 'influence',
    unit: 'score',
    label: 'Улучшение образовательных результатов наставляемого и наставника (оценка 1–5)',
  },
  menteeMotivationGrowth: {
    stage: 'influence',
    unit: 'percent',
    label: 'Доля наставляемых с повысившейся мотивацией к саморазвитию и профессиональному самообразованию, %',
  },
  innovationInvolvement: {
    stage: 'influence',
    unit: 'percent',
    label: 'Степень включённости наставляемого в инновационную деятельность организации, %',
  },
  adaptationQualityAndPace: {
    stage: 'influence',
    unit: 'score',
    label: 'Качество и темпы адаптации молодого (менее опытного, сменившего место работы) специалиста (оценка 1–5)',
  },
  teachersPlanningToBecomeMentors: {
    stage: 'influence',
    unit: 'count',
    label: 'Число педагогов, планирующих стать наставниками в ближайшем будущем',
  },
  teachersPlanningToBecomeMentees: {
    stage: 'influence',
    unit: 'count',
    label: 'Число педагогов, планирующих стать наставляемыми в ближайшем будущем',
  },
};

export const monitoringUnitLabels: Readonly<Record<MonitoringUnit, string>> = {
  percent: '%',
  percentagePoints: 'п. п.',
  count: 'чел./мероприятий',
  change: 'изменение',
  score: 'балл',
};
