import { assertNever } from '../shared/decider';
import { isTaskEvent } from '../task/task.events';
import { evolveTasks, type Tasks } from '../task/task.state';
import { attachedScan, type AttachedDocumentScan } from '../shared/document-scan';
import type { ProgrammeDocument, ProgrammeEvent, ProgrammeStage, ProgrammeStageOrClosed } from './programme.events';
import { evolvePreparation, isPreparationEvent, type ProblemAnalysis } from './programme.preparation-state';

export interface RecordedProgrammeDocument extends ProgrammeDocument {
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** The document that corrected this one, if any. */
  readonly correctedBy?: string;
  /** The signed original's latest scan; absent until one is attached. */
  readonly scan?: AttachedDocumentScan;
}

export interface StartedProgramme {
  readonly status: 'started';
  readonly programmeId: string;
  readonly organisationId: string;
  readonly title: string;
  readonly startedAt: string;
  readonly stage: ProgrammeStageOrClosed;
  readonly stageEnteredAt: string;
  readonly curatorId?: string;
  readonly documents: Readonly<Record<string, RecordedProgrammeDocument>>;
  /** Latest document of each kind: corrections replace what they correct here. */
  readonly latestDocumentByKind: Readonly<Partial<Record<ProgrammeDocument['kind'], string>>>;
  readonly plannedEnds: Readonly<Partial<Record<ProgrammeStage, string>>>;
  /** For each stage, the planned end already reported overdue. */
  readonly overduePlannedEnds: Readonly<Partial<Record<ProgrammeStage, string>>>;
  readonly closed: boolean;
  readonly closedAt?: string;
  /** Timed tasks of this programme (stage-plan reminders to the curator). */
  readonly tasks: Tasks;
  /** The reminder task of each stage's current plan. */
  readonly stageReminderTasks: Readonly<Partial<Record<ProgrammeStage, string>>>;
  /** The preliminary analysis of problems (issue 28); absent until its first problem, and in older snapshots. */
  readonly problemAnalysis?: ProblemAnalysis;
}

export type ProgrammeState = { readonly status: 'notStarted' } | StartedProgramme;

export const initialProgrammeState = (): ProgrammeState => ({ status: 'notStarted' });

const whenStarted = (state: ProgrammeState, next: (started: StartedProgramme) => StartedProgramme): ProgrammeState =>
  state.status === 'started' ? next(state) : state;

export const evolveProgramme = (state: ProgrammeState, event: ProgrammeEvent): ProgrammeState => {
  if (isTaskEvent(event)) return whenStarted(state, (s) => ({ ...s, tasks: evolveTasks(s.tasks, event) }));
  if (isPreparationEvent(event)) {
    return whenStarted(state, (s) => ({ ...s, problemAnalysis: evolvePreparation(s.problemAnalysis, event) }));
  }
  switch (event.type) {
    case 'ProgrammeStarted': {
      const { programmeId, organisationId, title, stage, startedAt } = event.data;
      return {
        status: 'started',
        programmeId,
        organisationId,
        title,
        startedAt,
        stage,
        stageEnteredAt: startedAt,
        documents: {},
        latestDocumentByKind: {},
        plannedEnds: {},
        overduePlannedEnds: {},
        closed: false,
        tasks: {},
        stageReminderTasks: {},
      };
    }
    case 'DocumentRecorded':
      return whenStarted(state, (s) => {
        const { documentId, kind, number, date, signedBy, fileRef, corrects, recordedAt, recordedBy } = event.data;
        const document: RecordedProgrammeDocument = {
          documentId,
          kind,
          number,
          date,
          signedBy,
          ...(fileRef === undefined ? {} : { fileRef }),
          ...(corrects === undefined ? {} : { corrects }),
          recordedAt,
          recordedBy,
        };
        const corrected = document.corrects === undefined ? undefined : s.documents[document.corrects];
        return {
          ...s,
          documents: {
            ...s.documents,
            ...(corrected === undefined
              ? {}
              : { [corrected.documentId]: { ...corrected, correctedBy: document.documentId } }),
            [document.documentId]: document,
          },
          latestDocumentByKind: { ...s.latestDocumentByKind, [document.kind]: document.documentId },
        };
      });
    case 'DocumentScanAttached':
      return whenStarted(state, (s) => {
        const document = s.documents[event.data.documentId];
        if (document === undefined) return s;
        return {
          ...s,
          documents: { ...s.documents, [document.documentId]: { ...document, scan: attachedScan(event.data) } },
        };
      });
    case 'CuratorAppointed':
      return whenStarted(state, (s) => ({ ...s, curatorId: event.data.curatorId }));
    case 'StageAdvanced':
      return whenStarted(state, (s) => ({ ...s, stage: event.data.to, stageEnteredAt: event.data.advancedAt }));
    case 'StageReturned':
      return whenStarted(state, (s) => ({ ...s, stage: event.data.to, stageEnteredAt: event.data.returnedAt }));
    case 'StagePlanned':
      return whenStarted(state, (s) => {
        // A new plan starts a new deadline: an earlier overdue mark no longer applies.
        const overduePlannedEnds = { ...s.overduePlannedEnds };
        delete overduePlannedEnds[event.data.stage];
        const { reminderTaskId } = event.data;
        return {
          ...s,
          plannedEnds: { ...s.plannedEnds, [event.data.stage]: event.data.plannedEnd },
          overduePlannedEnds,
          ...(reminderTaskId === undefined
            ? {}
            : { stageReminderTasks: { ...s.stageReminderTasks, [event.data.stage]: reminderTaskId } }),
        };
      });
    case 'StagePlanOverdue':
      return whenStarted(state, (s) => ({
        ...s,
        overduePlannedEnds: { ...s.overduePlannedEnds, [event.data.stage]: event.data.plannedEnd },
      }));
    case 'ProgrammeClosed':
      return whenStarted(state, (s) => ({ ...s, stage: 'closed', closed: true, closedAt: event.data.closedAt }));
    default:
      return assertNever(event);
  }
};
