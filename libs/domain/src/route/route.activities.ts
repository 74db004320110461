// 003 §5.2 «отметка о выполнении / результат»: the teacher marks a road-map activity done with its result, the
// tutor confirms the mark; the road map shows each activity done, awaiting confirmation, overdue or open.
import { isIsoDate, notInFutureProblems, russianDate } from '../shared/dates';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import type { RouteEvent, RouteRoadMapRow } from './route.events';
import type { ConfirmActivityDone, MarkActivityDone } from './route.commands';
import type { CreatedRoute, RouteActivityCompletion, RouteState } from './route.state';
import { requireTurn } from './route.guards';

const completionOf = (state: CreatedRoute, rowId: string): RouteActivityCompletion | undefined =>
  state.activityCompletions?.find((c) => c.rowId === rowId);

const activityName = (row: RouteRoadMapRow): string => `«${row.activity}»`;

export const markActivityDone = ({ data, metadata }: MarkActivityDone, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'teacher', 'implementation', 'reflective');
  const row = state.roadMap?.rows.find((r) => r.rowId === data.rowId);
  if (row === undefined)
    return refuse('route.activity.unknown', `В дорожной карте нет мероприятия ${data.rowId}`, [
      { code: 'activity.row.unknown', message: `В дорожной карте нет строки ${data.rowId}` },
    ]);
  const marked = completionOf(state, row.rowId);
  if (marked?.confirmedAt !== undefined)
    return refuse(
      'route.activity.confirmed',
      `Выполнение мероприятия ${activityName(row)} уже подтверждено тьютором; отметка не меняется`,
    );
  refuseIfAny('route.activity.invalid', 'Отметка о выполнении заполнена неверно', [
    ...unmetIf(!isIsoDate(data.doneOn), 'activity.doneOn.invalid', 'Дата выполнения должна быть в формате ГГГГ-ММ-ДД'),
    ...notInFutureProblems(data.doneOn, metadata, 'activity.doneOn.future', 'Дата выполнения'),
    ...unmetIf(
      isIsoDate(data.doneOn) && data.doneOn < state.titlePage.startDate,
      'activity.doneOn.beforeStart',
      `Дата выполнения не может быть раньше начала ИОМ (${russianDate(state.titlePage.startDate)})`,
    ),
    ...unmetIf(isUnsetOrBlank(data.result), 'activity.result.empty', 'Не указан результат выполнения мероприятия'),
  ]);
  const result = data.result.trim();
  if (marked?.doneOn === data.doneOn && marked.result === result) return [];
  return [
    {
      type: 'ActivityDoneMarked',
      data: {
        routeId: state.routeId,
        rowId: row.rowId,
        doneOn: data.doneOn,
        result,
        markedAt: metadata.now,
        markedBy: metadata.actorId,
      },
    },
  ];
};

export const confirmActivityDone = ({ data, metadata }: ConfirmActivityDone, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'implementation', 'reflective');
  const marked = completionOf(state, data.rowId);
  if (marked === undefined)
    return refuse('route.activity.notMarked', `Педагог ещё не отметил выполнение мероприятия ${data.rowId}`);
  // Confirming twice changes nothing.
  if (marked.confirmedAt !== undefined) return [];
  return [
    {
      type: 'ActivityDoneConfirmed',
      data: { routeId: state.routeId, rowId: data.rowId, confirmedAt: metadata.now, confirmedBy: metadata.actorId },
    },
  ];
};

/** What the road map's «Выполнение» column says of a row on `today` (YYYY-MM-DD in the organisation's zone). */
export type RoadMapRowProgress =
  | { readonly status: 'confirmed' | 'awaitingConfirmation'; readonly completion: RouteActivityCompletion }
  | { readonly status: 'overdue' | 'open' };

export const roadMapRowProgress = (
  row: Pick<RouteRoadMapRow, 'rowId' | 'deadline'>,
  completions: readonly RouteActivityCompletion[] | undefined,
  today: string,
): RoadMapRowProgress => {
  const completion = completions?.find((c) => c.rowId === row.rowId);
  if (completion !== undefined)
    return { status: completion.confirmedAt === undefined ? 'awaitingConfirmation' : 'confirmed', completion };
  // The deadline is the last day the activity may be done on.
  return { status: row.deadline < today ? 'overdue' : 'open' };
};
