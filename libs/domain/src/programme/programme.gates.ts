import type { MonitoringStage } from '../monitoring/monitoring.events';
import { monitoringStageLabels } from '../monitoring/monitoring.labels';
import type { UnmetCondition } from '../shared/refusal';
import type { ProgrammeDocumentKind, ProgrammeStage, ProgrammeStageOrClosed } from './programme.events';
import { programmeStages } from './programme.events';
import type { ProgrammeGateContext } from './programme.gate-context';
import { programmeDocumentKindLabels } from './programme.labels';
import type { ProgrammeState, StartedProgramme } from './programme.state';
import { preparatoryConditions, preparatoryWarnings } from './programme.preparation-gates';

export interface ProgrammeGateCondition extends UnmetCondition {
  holds(state: StartedProgramme, context: ProgrammeGateContext): boolean;
}

export const hasProgrammeDocument = (state: StartedProgramme, kind: ProgrammeDocumentKind): boolean =>
  state.latestDocumentByKind[kind] !== undefined;

const documentRecorded = (kind: ProgrammeDocumentKind): ProgrammeGateCondition => ({
  code: `document.${kind}.missing`,
  message: `Не зарегистрирован документ «${programmeDocumentKindLabels[kind]}»`,
  holds: (state) => hasProgrammeDocument(state, kind),
});

const monitoringCounts: Readonly<Record<MonitoringStage, 'processMonitoringResults' | 'influenceMonitoringResults'>> = {
  process: 'processMonitoringResults',
  influence: 'influenceMonitoringResults',
};

/**
 * 002 §10: the monitoring consists of two stages, each judged by its indicators; a report document alone
 * does not show that either was carried out. An absent count is a decision taken before the gate read it.
 */
const monitoringResultsRecorded = (stage: MonitoringStage): ProgrammeGateCondition => ({
  code: `monitoring.${stage}.noResults`,
  message: `Не внесено ни одного результата по показателям этапа «${monitoringStageLabels[stage]}» (002 §10)`,
  holds: (_state, context) => (context[monitoringCounts[stage]] ?? 1) >= 1,
});

/** What must hold to leave each stage, in the order the curator's checklist shows it. */
export const programmeGates: Readonly<Record<ProgrammeStage, readonly ProgrammeGateCondition[]>> = {
  preparatory: [
    documentRecorded('implementationAct'),
    documentRecorded('regulationApprovalOrder'),
    {
      code: 'curator.notAppointed',
      message: 'Не назначен куратор программы наставничества',
      holds: (state) => state.curatorId !== undefined,
    },
    {
      code: 'mentors.notSelected',
      message: 'Не отобран ни один наставник',
      holds: (_state, context) => context.mentorsSelected >= 1,
    },
    {
      code: 'mentees.notSelected',
      message: 'Не отобран ни один наставляемый',
      holds: (_state, context) => context.menteesSelected >= 1,
    },
    ...preparatoryConditions,
  ],
  design: [
    documentRecorded('roadMap'),
    {
      code: 'pairs.notAssignedWithOrderAndConsents',
      message:
        'Ни одна наставническая пара/группа не закреплена приказом с письменного согласия наставника и наставляемого',
      holds: (_state, context) => context.pairsAssignedWithOrderAndConsents >= 1,
    },
    {
      code: 'pairs.personalProgrammeNotApproved',
      message: 'Не для всех закреплённых пар/групп утверждена персонализированная программа наставничества',
      holds: (_state, context) =>
        context.pairsAssigned >= 1 && context.pairsWithApprovedPersonalProgramme === context.pairsAssigned,
    },
  ],
  implementation: [
    {
      code: 'pairs.interimControlNotPassed',
      message: 'Не все действующие наставнические пары/группы прошли промежуточный контроль',
      holds: (_state, context) => context.activePairsPassedInterimControl >= context.activePairs,
    },
  ],
  reflectiveAnalytical: [
    monitoringResultsRecorded('process'),
    monitoringResultsRecorded('influence'),
    documentRecorded('processMonitoringReport'),
    documentRecorded('influenceMonitoringReport'),
  ],
  results: [documentRecorded('finalReport')],
};

export const nextProgrammeStage = (stage: ProgrammeStage): ProgrammeStageOrClosed =>
  programmeStages[programmeStages.indexOf(stage) + 1] ?? 'closed';

const notStarted: UnmetCondition = { code: 'programme.notStarted', message: 'Программа наставничества не начата' };

/** The curator's checklist for the next stage: every unmet condition, in table order; empty once closed. */
export const unmetConditions = (state: ProgrammeState, context: ProgrammeGateContext): UnmetCondition[] => {
  if (state.status === 'notStarted') return [notStarted];
  if (state.stage === 'closed') return [];
  return programmeGates[state.stage]
    .filter((condition) => !condition.holds(state, context))
    .map(({ code, message }) => ({ code, message }));
};

/**
 * What the curator is warned of but not stopped by before leaving the current stage (mentors without
 * training, unless the organisation made training compulsory: then it is a condition above).
 */
export const stageWarnings = (state: ProgrammeState, context: ProgrammeGateContext): UnmetCondition[] =>
  state.status === 'started' && state.stage === 'preparatory' ? preparatoryWarnings(context) : [];

/** Which of the documents that make an organisation count as implementing the model it holds (004 slide 27). */
export interface TargetModelDocuments {
  readonly implementationAct: boolean;
  readonly regulationApprovalOrder: boolean;
  readonly pairAssignmentOrderWithConsent: boolean;
  readonly approvedPersonalisedProgramme: boolean;
  /** Listed on slide 45 but not required by slide 27: shown, not counted. */
  readonly mentorContractSupplement: boolean;
}

export const targetModelDocuments = (state: ProgrammeState, context: ProgrammeGateContext): TargetModelDocuments => {
  const started = state.status === 'started';
  return {
    implementationAct: started && hasProgrammeDocument(state, 'implementationAct'),
    regulationApprovalOrder: started && hasProgrammeDocument(state, 'regulationApprovalOrder'),
    // Orders and consents are per pair, so the pairs slice counts them, not the programme's document list.
    pairAssignmentOrderWithConsent: started && context.pairsAssignedWithOrderAndConsents >= 1,
    approvedPersonalisedProgramme: started && context.pairsWithApprovedPersonalProgramme >= 1,
    mentorContractSupplement: started && hasProgrammeDocument(state, 'mentorContractSupplement'),
  };
};

/** The regional indicator "the organisation implements the target model of mentoring". */
export const implementsTargetModel = (state: ProgrammeState, context: ProgrammeGateContext): boolean => {
  const held = targetModelDocuments(state, context);
  return (
    held.implementationAct &&
    held.regulationApprovalOrder &&
    held.pairAssignmentOrderWithConsent &&
    held.approvedPersonalisedProgramme
  );
};
