import type { UnmetCondition } from '../shared/refusal';
import type { ProgrammeGateContext } from './programme.gate-context';
import type { StartedProgramme } from './programme.state';

/** Same shape as ProgrammeGateCondition (programme.gates.ts), declared here so the two files do not import each other. */
interface PreparatoryCondition extends UnmetCondition {
  holds(state: StartedProgramme, context: ProgrammeGateContext): boolean;
}

/** Decisions taken before the preparatory content existed (no `preparationChecked`) replay without it. */
const checked = (context: ProgrammeGateContext): boolean => context.preparationChecked === true;

const problemCount = (state: StartedProgramme): number => state.problemAnalysis?.problems.length ?? 0;

const untrained = (context: ProgrammeGateContext): number => context.mentorsWithoutTraining ?? 0;

export const untrainedMentorsCode = 'mentors.untrained';

/** The preparatory stage's content conditions (004 slide 44, issue 28), after its documents and selection. */
export const preparatoryConditions: readonly PreparatoryCondition[] = [
  {
    code: 'problemAnalysis.missing',
    message: 'Не проведён предварительный анализ проблем: не записана ни одна проблема',
    holds: (state, context) => !checked(context) || problemCount(state) > 0,
  },
  {
    code: 'problemAnalysis.notApproved',
    message: 'Предварительный анализ проблем не утверждён руководителем организации',
    holds: (state, context) =>
      !checked(context) || problemCount(state) === 0 || state.problemAnalysis?.approvedAt !== undefined,
  },
  {
    code: untrainedMentorsCode,
    message: 'Не все отобранные наставники прошли обучение (обучение наставников обязательно в организации)',
    holds: (_state, context) =>
      !checked(context) || context.mentorTrainingRequired !== true || untrained(context) === 0,
  },
];

/** Untrained mentors are a warning while the organisation does not require training. */
export const preparatoryWarnings = (context: ProgrammeGateContext): UnmetCondition[] =>
  checked(context) && context.mentorTrainingRequired !== true && untrained(context) > 0
    ? [{ code: untrainedMentorsCode, message: `Не прошли обучение отобранные наставники: ${untrained(context)}` }]
    : [];
