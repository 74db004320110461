// The pair's decider: one decision per command, each in the file of its concern.
import { assertNever, decider } from '../shared/decider';
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

export const decidePair = (command: PairCommand, state: PairState): PairEvent[] => {
  switch (command.type) {
    case 'FormPair':
      return formPair(command, state);
    case 'ApprovePersonalProgramme':
      return approvePersonalProgramme(command, state);
    case 'RecordDiaryEntry':
      return recordDiaryEntry(command, state);
    case 'RecordMenteeReport':
      return recordMenteeReport(command, state);
    case 'PassInterimControl':
      return passInterimControl(command, state);
    case 'ProposeProgrammeCorrection':
      return proposeProgrammeCorrection(command, state);
    case 'DecideProgrammeCorrection':
      return decideProgrammeCorrection(command, state);
    case 'SubmitMentorFinalReport':
      return submitMentorFinalReport(command, state);
    case 'CompleteFinalControl':
      return completeFinalControl(command, state);
    case 'CompletePair':
      return completePair(command, state);
    case 'MarkPairTaskOverdue':
      return markTaskOverdue(command, state);
    case 'ReplaceMentor':
      return replaceMentor(command, state);
    case 'RejectMentorReplacement':
      return rejectMentorReplacement(command, state);
    case 'TerminatePair':
      return terminatePair(command, state);
    case 'GiveTerminationNotice':
      return giveTerminationNotice(command, state);
    case 'EndPairOnNotice':
      return endPairOnNotice(command, state);
    case 'AssignMenteeTask':
      return assignMenteeTask(command, state);
    case 'CompleteMenteeAssignment':
      return completeMenteeAssignment(command, state);
    case 'OpenReportPeriod':
      return openReportPeriod(command, state);
    case 'SubmitPeriodicReport':
      return submitPeriodicReport(command, state);
    case 'DecidePeriodicReport':
      return decidePeriodicReport(command, state);
    default:
      return assertNever(command);
  }
};

export const pairDecider = decider(decidePair, evolvePair, initialPairState);
