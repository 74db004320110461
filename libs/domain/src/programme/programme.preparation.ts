import type { CommandMetadata } from '../shared/decider';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import type { ApproveProblemAnalysis, RecordProblem, RemoveProblem, ReviseProblem } from './programme.commands';
import { isProblemSource, type ProgrammeEvent, type ProgrammeProblem } from './programme.events';
import { requireCuratorOrAdministrator, requireOpen } from './programme.guards';
import { programmeStageLabels } from './programme.labels';
import type { ProgrammeState, StartedProgramme } from './programme.state';

/**
 * The preparatory stage's content (004 slide 44, issue 28): the preliminary analysis of the problems the
 * programme should solve. The curator keeps the list while the programme is in the preparatory stage; the
 * director approves it; the stage's gate asks for an approved analysis (programme.gates.ts).
 */

const MAX_DESCRIPTION = 2000;

/** The analysis belongs to the preparatory stage: once it is left, the approved analysis stands as it was. */
const requirePreparatory = (current: ProgrammeState): StartedProgramme => {
  const state = requireOpen(current);
  if (state.stage !== 'preparatory') {
    return refuse(
      'programme.preparation.stageLeft',
      `Анализ проблем ведётся на подготовительном этапе; программа на этапе «${programmeStageLabels[state.stage]}»`,
    );
  }
  return state;
};

const problemsOf = (state: StartedProgramme): readonly ProgrammeProblem[] => state.problemAnalysis?.problems ?? [];

const findProblem = (state: StartedProgramme, problemId: string): ProgrammeProblem =>
  problemsOf(state).find((p) => p.problemId === problemId) ??
  refuse('programme.problem.notFound', 'Проблема не найдена в анализе проблем этой программы');

const problemProblems = (data: ProgrammeProblem) => [
  ...unmetIf(isUnsetOrBlank(data.problemId), 'problem.id.empty', 'Не указан идентификатор проблемы'),
  ...unmetIf(isUnsetOrBlank(data.description), 'problem.description.empty', 'Не указано описание проблемы'),
  ...unmetIf(
    !isUnsetOrBlank(data.description) && data.description.trim().length > MAX_DESCRIPTION,
    'problem.description.tooLong',
    `Описание проблемы длиннее ${MAX_DESCRIPTION} символов`,
  ),
  ...unmetIf(!isProblemSource(data.source), 'problem.source.unknown', 'Источник проблемы не из списка'),
];

const checkedProblem = (data: ProgrammeProblem): ProgrammeProblem => {
  refuseIfAny('programme.problem.invalid', 'Сведения о проблеме заполнены неверно', problemProblems(data));
  return { problemId: data.problemId, description: data.description.trim(), source: data.source };
};

export const recordProblem = ({ data, metadata }: RecordProblem, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requirePreparatory(current);
  requireCuratorOrAdministrator(state, metadata);
  const problem = checkedProblem(data);
  if (problemsOf(state).some((p) => p.problemId === problem.problemId)) {
    return refuse('programme.problem.duplicate', 'Проблема с этим идентификатором уже записана');
  }
  return [
    {
      type: 'ProblemRecorded',
      data: { programmeId: state.programmeId, ...problem, recordedAt: metadata.now, recordedBy: metadata.actorId },
    },
  ];
};

export const reviseProblem = ({ data, metadata }: ReviseProblem, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requirePreparatory(current);
  requireCuratorOrAdministrator(state, metadata);
  const problem = checkedProblem(data);
  const before = findProblem(state, problem.problemId);
  // Re-sending the same text changes nothing, so it records nothing (and keeps the approval).
  if (before.description === problem.description && before.source === problem.source) return [];
  return [
    {
      type: 'ProblemRevised',
      data: { programmeId: state.programmeId, ...problem, revisedAt: metadata.now, revisedBy: metadata.actorId },
    },
  ];
};

export const removeProblem = ({ data, metadata }: RemoveProblem, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requirePreparatory(current);
  requireCuratorOrAdministrator(state, metadata);
  const { problemId } = findProblem(state, data.problemId);
  return [
    {
      type: 'ProblemRemoved',
      data: { programmeId: state.programmeId, problemId, removedAt: metadata.now, removedBy: metadata.actorId },
    },
  ];
};

const requireDirectorOrAdministrator = (metadata: CommandMetadata): void => {
  if (metadata.role === 'director' || metadata.role === 'administrator') return;
  refuse('programme.forbidden', 'Утвердить анализ проблем может только руководитель организации или администратор');
};

export const approveProblemAnalysis = (
  { metadata }: ApproveProblemAnalysis,
  current: ProgrammeState,
): ProgrammeEvent[] => {
  const state = requirePreparatory(current);
  requireDirectorOrAdministrator(metadata);
  const analysis = state.problemAnalysis;
  if (analysis === undefined || analysis.problems.length === 0) {
    return refuse('programme.problemAnalysis.empty', 'В анализе проблем нет ни одной проблемы: утверждать нечего');
  }
  if (analysis.approvedAt !== undefined) {
    return refuse('programme.problemAnalysis.alreadyApproved', 'Анализ проблем уже утверждён и с тех пор не менялся');
  }
  return [
    {
      type: 'ProblemAnalysisApproved',
      data: {
        programmeId: state.programmeId,
        problemIds: analysis.problems.map((p) => p.problemId),
        approvedAt: metadata.now,
        approvedBy: metadata.actorId,
      },
    },
  ];
};
