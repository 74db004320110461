// The design stage: the road map is agreed (or the teacher's own proposal approved) and implementation begins.
import { type CommandMetadata } from '../shared/decider';
import type { UnmetCondition } from '../shared/refusal';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import type { RouteEvent } from './route.events';
import type { AgreeRoadMap, ApproveProposedRoadMap, ProposeOwnRoadMap, ReturnProposedRoadMap } from './route.commands';
import { sameRows, validControlPoints, validRows } from './route.rules';
import { CreatedRoute, RouteState } from './route.state';
import { escalationTasks } from './route.diagnostics';
import { cancelTasks, requireTurn } from './route.guards';

export const proposeOwnRoadMap = ({ data, metadata }: ProposeOwnRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'teacher', 'design');
  const rows = validRows(data.rows, state);
  return [
    {
      type: 'RoadMapProposed',
      data: { routeId: state.routeId, rows, proposedAt: metadata.now, proposedBy: metadata.actorId },
    },
  ];
};

const goalFixed = (state: CreatedRoute): UnmetCondition[] =>
  unmetIf(state.goal === undefined, 'goal.notFixed', 'Не зафиксированы цель и задачи ИОМ');

const enterImplementation = (state: CreatedRoute, metadata: CommandMetadata): RouteEvent => ({
  type: 'RouteStageChanged',
  data: {
    routeId: state.routeId,
    from: state.stage,
    to: 'implementation',
    changedAt: metadata.now,
    changedBy: metadata.actorId,
  },
});

export const agreeRoadMap = ({ data, metadata }: AgreeRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'design');
  const draft = state.draft?.submittedAt === undefined ? undefined : state.roadMap;
  if (draft === undefined || state.goal === undefined) {
    return refuse('route.agreement.unmet', 'Дорожную карту нельзя согласовать', [
      ...goalFixed(state),
      ...unmetIf(draft === undefined, 'draft.notSubmitted', 'Методист ещё не передал проект ИОМ'),
    ]);
  }
  const controlPoints = validControlPoints(data.controlPoints, state);
  const refined = data.rows === undefined ? undefined : validRows(data.rows, state);
  const changed = refined !== undefined && !sameRows(refined, draft.rows);
  return [
    {
      type: 'RoadMapAgreed',
      data: {
        routeId: state.routeId,
        version: changed ? draft.version + 1 : draft.version,
        source: changed ? 'tutorRefinement' : 'methodologistDraft',
        rows: changed ? refined : draft.rows,
        controlPoints,
        agreedAt: metadata.now,
        agreedBy: metadata.actorId,
      },
    },
    enterImplementation(state, metadata),
  ];
};

export const approveProposedRoadMap = (
  { data, metadata }: ApproveProposedRoadMap,
  current: RouteState,
): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'design');
  const proposal = state.proposal;
  if (proposal === undefined || state.goal === undefined) {
    return refuse('route.agreement.unmet', 'Дорожную карту педагога нельзя согласовать', [
      ...goalFixed(state),
      ...unmetIf(proposal === undefined, 'proposal.missing', 'Педагог не представил собственную дорожную карту'),
    ]);
  }
  const controlPoints = validControlPoints(data.controlPoints, state);
  const draftTask = state.draft === undefined ? undefined : state.tasks[state.draft.taskId];
  return [
    {
      type: 'RoadMapAgreed',
      data: {
        routeId: state.routeId,
        version: (state.roadMap?.version ?? 0) + 1,
        source: 'teacherProposal',
        rows: proposal.rows,
        controlPoints,
        proposedBy: proposal.proposedBy,
        agreedAt: metadata.now,
        agreedBy: metadata.actorId,
      },
    },
    enterImplementation(state, metadata),
    // The teacher's own road map is agreed: the methodologist's draft is no longer awaited.
    ...cancelTasks(
      [...(draftTask ? [draftTask] : []), ...escalationTasks(state)],
      metadata,
      'Согласована дорожная карта, предложенная педагогом',
    ),
  ];
};

/** The longest comment a tutor may return a proposal with, as the API's limit for route comments. */
export const routeCommentMaxLength = 1000;

export const returnProposedRoadMap = ({ data, metadata }: ReturnProposedRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'design');
  const proposal = state.proposal;
  const comment = isMissing(data.comment) ? '' : data.comment.trim();
  const problems = [
    ...unmetIf(proposal === undefined, 'proposal.missing', 'Педагог не представил собственную дорожную карту'),
    ...unmetIf(comment === '', 'comment.empty', 'Не указан комментарий: что педагогу доработать'),
    ...unmetIf(
      comment.length > routeCommentMaxLength,
      'comment.tooLong',
      `Комментарий: не более ${routeCommentMaxLength} символов`,
    ),
  ];
  if (proposal === undefined || problems.length > 0)
    return refuse('route.proposalReturn.unmet', 'Дорожную карту педагога нельзя вернуть на доработку', problems);
  return [
    {
      type: 'ProposedRoadMapReturned',
      data: {
        routeId: state.routeId,
        comment,
        proposedAt: proposal.proposedAt,
        proposedBy: proposal.proposedBy,
        returnedAt: metadata.now,
        returnedBy: metadata.actorId,
      },
    },
  ];
};
