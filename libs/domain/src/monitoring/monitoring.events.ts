import type { Acted, DomainEvent } from '../shared/decider';
import { isOneOf } from '../shared/one-of';

/** The two monitoring stages of 002 §10. */
export const monitoringStages = ['process', 'influence'] as const;
export type MonitoringStage = (typeof monitoringStages)[number];

/**
 * Indicators of 002 §10 that no event of the system carries: entered by the curator or director as
 * recorded results. Process monitoring first, then influence monitoring, in the order of the regulation.
 */
export const monitoringIndicators = [
  'programmeEffectivenessAndRisks',
  'jointProjectsEffectiveness',
  'studentsPassedNationalTestsShare',
  'studentsGradeDynamics',
  'olympiadParticipationDynamics',
  'menteeSocialProfessionalActivity',
  'educationalResultsImprovement',
  'menteeMotivationGrowth',
  'innovationInvolvement',
  'adaptationQualityAndPace',
  'teachersPlanningToBecomeMentors',
  'teachersPlanningToBecomeMentees',
] as const;
export type MonitoringIndicator = (typeof monitoringIndicators)[number];

export const isMonitoringIndicator = isOneOf(monitoringIndicators);

/** percent: 0–100; percentagePoints: a change, −100…100; count: a whole number of people/events; change: a whole-number change; score: 1–5. */
export type MonitoringUnit = 'percent' | 'percentagePoints' | 'count' | 'change' | 'score';

export type MonitoringResultRecorded = DomainEvent<
  'MonitoringResultRecorded',
  {
    readonly organisationId: string;
    readonly resultId: string;
    readonly indicator: MonitoringIndicator;
    readonly stage: MonitoringStage;
    readonly value: number;
    /** The period the value describes, YYYY-MM-DD, both inclusive. */
    readonly periodStart: string;
    readonly periodEnd: string;
    /** The pair whose personalised programme the value describes, when it is about one. */
    readonly pairId?: string;
    readonly comment?: string;
  } & Acted<'recorded'>
>;

export type MonitoringEvent = MonitoringResultRecorded;
