/** Commands, events and histories the programme's specs share: one programme started on 2026-03-02 and taken through its stages. */
import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import type { ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import type {
  ProgrammeDocument,
  ProgrammeDocumentKind,
  ProgrammeEvent,
  ProgrammeStage,
  ProgrammeStageOrClosed,
} from './programme.events';
import { emptyGateContext, type ProgrammeGateContext } from './programme.gate-context';
import type { ProgrammeState } from './programme.state';

export const spec = deciderSpec(programmeDecider);
export const now = '2026-03-02T06:00:00.000Z';
export const at = (actorId: string, role: CommandMetadata['role'], when = now): CommandMetadata => ({
  actorId,
  role,
  now: when,
});
export const admin = at('admin-1', 'administrator');
export const director = at('director-1', 'director');
export const curator = at('curator-1', 'curator');
export const otherCurator = at('curator-2', 'curator');

/** Counts under which every gate holds. */
export const ready: ProgrammeGateContext = {
  mentorsSelected: 3,
  menteesSelected: 4,
  pairsAssigned: 3,
  pairsAssignedWithOrderAndConsents: 3,
  pairsWithApprovedPersonalProgramme: 3,
  activePairs: 3,
  activePairsPassedInterimControl: 3,
  processMonitoringResults: 6,
  influenceMonitoringResults: 2,
};
export const nothing: ProgrammeGateContext = emptyGateContext;

// ---- Event builders ----

// Narrowed, so specs can spread its data: a declared union type does not narrow across an import.
export const started: Extract<ProgrammeEvent, { type: 'ProgrammeStarted' }> = {
  type: 'ProgrammeStarted',
  data: {
    programmeId: 'prog-1',
    organisationId: 'org-1',
    title: 'Программа наставничества педагогических работников на 2026 год',
    stage: 'preparatory',
    startedAt: now,
    startedBy: 'director-1',
  },
};

export const curatorAppointed = (curatorId = 'curator-1', previousCuratorId?: string): ProgrammeEvent => ({
  type: 'CuratorAppointed',
  data: {
    programmeId: 'prog-1',
    curatorId,
    ...(previousCuratorId === undefined ? {} : { previousCuratorId }),
    appointedAt: now,
    appointedBy: 'director-1',
  },
});

export const doc = (
  kind: ProgrammeDocumentKind,
  documentId: string = `doc-${kind}`,
  extra: Partial<ProgrammeDocument> = {},
): ProgrammeDocument => ({
  documentId,
  kind,
  number: '15-од',
  date: '2026-02-20',
  signedBy: 'Петров И. С., директор',
  ...extra,
});

export const recorded = (
  document: ProgrammeDocument,
  stage: ProgrammeStage = 'preparatory',
  by = 'curator-1',
): ProgrammeEvent => ({
  type: 'DocumentRecorded',
  data: { ...document, programmeId: 'prog-1', stage, recordedAt: now, recordedBy: by },
});

export const advanced = (
  from: ProgrammeStage,
  to: ProgrammeStageOrClosed,
  context = ready,
  comment?: string,
  by = 'curator-1',
): ProgrammeEvent => ({
  type: 'StageAdvanced',
  data: {
    programmeId: 'prog-1',
    from,
    to,
    ...(comment === undefined ? {} : { comment }),
    advancedAt: now,
    advancedBy: by,
    context,
  },
});

export const planned = (stage: ProgrammeStage, plannedEnd: string, previousPlannedEnd?: string): ProgrammeEvent => ({
  type: 'StagePlanned',
  data: {
    programmeId: 'prog-1',
    stage,
    plannedEnd,
    ...(previousPlannedEnd === undefined ? {} : { previousPlannedEnd }),
    plannedAt: now,
    plannedBy: 'curator-1',
  },
});

// ---- Command builders ----

export const record = (document: ProgrammeDocument, metadata = curator): ProgrammeCommand => ({
  type: 'RecordDocument',
  data: document,
  metadata,
});
export const advance = (
  context: ProgrammeGateContext,
  metadata = curator,
  extra: { comment?: string; expectedStage?: ProgrammeStage } = {},
): ProgrammeCommand => ({
  type: 'AdvanceStage',
  data: { context, ...extra },
  metadata,
});
export const returnTo = (stage: ProgrammeStage, reason: string, metadata = curator): ProgrammeCommand => ({
  type: 'ReturnToStage',
  data: { stage, reason },
  metadata,
});
export const plan = (stage: ProgrammeStage, plannedEnd: string, metadata = curator): ProgrammeCommand => ({
  type: 'PlanStageDates',
  data: { stage, plannedEnd },
  metadata,
});
export const overdue = (
  stage: ProgrammeStage,
  plannedEnd: string,
  when = '2026-05-01T00:00:00.000Z',
): ProgrammeCommand => ({
  type: 'MarkStagePlanOverdue',
  data: { stage, plannedEnd },
  metadata: at('workflow', 'administrator', when),
});

// ---- Histories at the start of each stage ----

export const inPreparatory: ProgrammeEvent[] = [started, curatorAppointed()];
export const inDesign: ProgrammeEvent[] = [
  ...inPreparatory,
  recorded(doc('implementationAct')),
  recorded(doc('regulationApprovalOrder')),
  advanced('preparatory', 'design'),
];
export const inImplementation: ProgrammeEvent[] = [
  ...inDesign,
  recorded(doc('roadMap'), 'design'),
  advanced('design', 'implementation'),
];
export const inReflective: ProgrammeEvent[] = [...inImplementation, advanced('implementation', 'reflectiveAnalytical')];
export const inResults: ProgrammeEvent[] = [
  ...inReflective,
  recorded(doc('processMonitoringReport'), 'reflectiveAnalytical'),
  recorded(doc('influenceMonitoringReport'), 'reflectiveAnalytical'),
  advanced('reflectiveAnalytical', 'results'),
];
export const closedProgramme: ProgrammeEvent[] = [
  ...inResults,
  recorded(doc('finalReport'), 'results'),
  advanced('results', 'closed'),
  {
    type: 'ProgrammeClosed',
    data: { programmeId: 'prog-1', organisationId: 'org-1', closedAt: now, closedBy: 'curator-1' },
  },
];

export const fold = (events: ProgrammeEvent[]): ProgrammeState =>
  events.reduce(programmeDecider.evolve, programmeDecider.initialState());
