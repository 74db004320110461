// The pair's decider: one decision per command, each in the file of its concern.
import { decider, decideBy } from '../shared/decider';
import type { PairCommand } from './pair.commands';
import type { PairEvent } from './pair.events';
import { evolvePair, initialPairState, type PairState } from './pair.state';
import {
  completeFinalControl,
  completePair,
  markTaskOverdue,
  passInterimControl,
  submitMentorFinalReport,
} from './pair.control';
import { assignMenteeTask, completeMenteeAssignment } from './pair.assignments';
import { decideProgrammeCorrection, proposeProgrammeCorrection } from './pair.correction';
import { recordDiaryEntry, recordMenteeReport } from './pair.entries';
import { decidePeriodicReport, openReportPeriod, submitPeriodicReport } from './pair.reports';
import { endPairOnNotice, giveTerminationNotice } from './pair.notice';
import { approvePersonalProgramme, formPair } from './pair.formation';
import { rejectMentorReplacement, replaceMentor, terminatePair } from './pair.replacement';
import { reassignTask } from '../task/task.reassignment';
import { requireFormed } from './pair.guards';
import { attachPairDocumentScan } from './pair.scans';

export const decidePair = decideBy<PairCommand, PairState, PairEvent>({
  FormPair: formPair,
  ApprovePersonalProgramme: approvePersonalProgramme,
  RecordDiaryEntry: recordDiaryEntry,
  RecordMenteeReport: recordMenteeReport,
  PassInterimControl: passInterimControl,
  ProposeProgrammeCorrection: proposeProgrammeCorrection,
  DecideProgrammeCorrection: decideProgrammeCorrection,
  SubmitMentorFinalReport: submitMentorFinalReport,
  CompleteFinalControl: completeFinalControl,
  CompletePair: completePair,
  MarkPairTaskOverdue: markTaskOverdue,
  ReplaceMentor: replaceMentor,
  RejectMentorReplacement: rejectMentorReplacement,
  TerminatePair: terminatePair,
  GiveTerminationNotice: giveTerminationNotice,
  EndPairOnNotice: endPairOnNotice,
  AssignMenteeTask: assignMenteeTask,
  CompleteMenteeAssignment: completeMenteeAssignment,
  OpenReportPeriod: openReportPeriod,
  SubmitPeriodicReport: submitPeriodicReport,
  DecidePeriodicReport: decidePeriodicReport,
  AttachPairDocumentScan: attachPairDocumentScan,
  ReassignTask: ({ data, metadata }, state) => reassignTask(requireFormed(state).tasks, data, metadata),
});

export const pairDecider = decider(decidePair, evolvePair, initialPairState);
