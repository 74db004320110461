import type { CommandMetadata } from '../shared/decider';
import type { RouteEvent } from './route.events';
import { roadMapRowProgress } from './route.activities';
import {
  admin,
  at,
  command,
  created_,
  inDesign,
  inImplementation,
  inReflective,
  otherTutor,
  row1,
  spec,
  teacher,
  tutor,
} from './route.fixtures';

// 003 §5.2 «отметка о выполнении / результат»: the teacher marks, the tutor confirms.
const tMark = '2026-12-18T10:00:00.000Z';
const tConfirm = '2026-12-21T10:00:00.000Z';
const today = '2026-12-18';
const asTeacher = (now = tMark) => ({ ...at('teacher-1', 'teacher', now), today });
const result = 'Удостоверение о повышении квалификации, 36 ч';
const mark = (
  data: Partial<{ rowId: string; doneOn: string; result: string }> = {},
  metadata: CommandMetadata = asTeacher(),
) => command('MarkActivityDone', { rowId: 'row-1', doneOn: '2026-12-15', result: ` ${result} `, ...data }, metadata);
const marked = (extra: Partial<Extract<RouteEvent, { type: 'ActivityDoneMarked' }>['data']> = {}): RouteEvent => ({
  type: 'ActivityDoneMarked',
  data: {
    routeId: 'route-1',
    rowId: 'row-1',
    doneOn: '2026-12-15',
    result,
    markedAt: tMark,
    markedBy: 'teacher-1',
    ...extra,
  },
});
const confirmed: RouteEvent = {
  type: 'ActivityDoneConfirmed',
  data: { routeId: 'route-1', rowId: 'row-1', confirmedAt: tConfirm, confirmedBy: 'tutor-1' },
};
const confirm = (metadata: CommandMetadata = tutor(tConfirm), rowId = 'row-1') =>
  command('ConfirmActivityDone', { rowId }, metadata);

describe('marking a road-map activity done (003 §5.2)', () => {
  it('given the implementation stage, when the route’s teacher (role «педагог») marks an activity done, then it is recorded with its result', () => {
    spec.given(inImplementation).when(mark()).then([marked()]);
    expect(created_([...inImplementation, marked()]).activityCompletions).toEqual([
      { rowId: 'row-1', doneOn: '2026-12-15', result, markedAt: tMark, markedBy: 'teacher-1' },
    ]);
  });

  it('takes the mark from a teacher signed in as «наставляемый» (older users), and at the reflective stage', () => {
    spec
      .given(inImplementation)
      .when(mark({}, { ...teacher(tMark), today }))
      .then([marked()]);
    spec
      .given(inReflective)
      .when(mark({}, { ...teacher(tMark), today }))
      .thenEventTypes(['ActivityDoneMarked']);
  });

  it('refuses anyone but the route’s teacher, and before the road map is agreed', () => {
    spec
      .given(inImplementation)
      .when(mark({}, at('teacher-2', 'teacher', tMark)))
      .thenRefuses('route.forbidden');
    spec
      .given(inImplementation)
      .when(mark({}, tutor(tMark)))
      .thenRefuses('route.forbidden');
    spec.given(inDesign).when(mark()).thenRefuses('route.stage.mismatch');
  });

  it('refuses an unknown row, a date after today or before the route’s start, and an empty result, naming each', () => {
    spec
      .given(inImplementation)
      .when(mark({ rowId: 'row-9' }))
      .thenRefuses('route.activity.unknown', ['activity.row.unknown']);
    spec
      .given(inImplementation)
      .when(mark({ doneOn: '2026-12-19', result: '  ' }))
      .thenRefuses('route.activity.invalid', ['activity.doneOn.future', 'activity.result.empty']);
    spec
      .given(inImplementation)
      .when(mark({ doneOn: '2026-05-03' }))
      .thenRefuses('route.activity.invalid', ['activity.doneOn.beforeStart']);
    spec
      .given(inImplementation)
      .when(mark({ doneOn: '15.12.2026' }))
      .thenRefuses('route.activity.invalid', ['activity.doneOn.invalid']);
  });

  it('replaces an unconfirmed mark, ignores the same mark again, and refuses to change a confirmed one', () => {
    spec
      .given([...inImplementation, marked()])
      .when(mark({ doneOn: '2026-12-16' }))
      .then([marked({ doneOn: '2026-12-16' })]);
    spec
      .given([...inImplementation, marked()])
      .when(mark())
      .then([]);
    spec
      .given([...inImplementation, marked(), confirmed])
      .when(mark({ doneOn: '2026-12-16' }))
      .thenRefuses('route.activity.confirmed');
    const replaced = created_([...inImplementation, marked(), marked({ doneOn: '2026-12-16' })]);
    expect(replaced.activityCompletions).toHaveLength(1);
    expect(replaced.activityCompletions?.[0]?.doneOn).toBe('2026-12-16');
  });
});

describe('the tutor confirms the mark', () => {
  it('given a marked activity, when the route’s tutor confirms it, then the confirmation is recorded', () => {
    spec
      .given([...inImplementation, marked()])
      .when(confirm())
      .then([confirmed]);
    expect(created_([...inImplementation, marked(), confirmed]).activityCompletions?.[0]).toMatchObject({
      confirmedAt: tConfirm,
      confirmedBy: 'tutor-1',
    });
    spec
      .given([...inImplementation, marked()])
      .when(confirm(admin(tConfirm)))
      .thenEventTypes(['ActivityDoneConfirmed']);
  });

  it('refuses another tutor, the teacher, and an activity not marked; confirming twice changes nothing', () => {
    spec
      .given([...inImplementation, marked()])
      .when(confirm(otherTutor(tConfirm)))
      .thenRefuses('route.forbidden');
    spec
      .given([...inImplementation, marked()])
      .when(confirm(asTeacher(tConfirm)))
      .thenRefuses('route.forbidden');
    spec.given(inImplementation).when(confirm()).thenRefuses('route.activity.notMarked');
    spec
      .given([...inImplementation, marked(), confirmed])
      .when(confirm())
      .then([]);
  });
});

describe('the road map’s «Выполнение» column', () => {
  const completions = created_([...inImplementation, marked()]).activityCompletions;
  const confirmedOnes = created_([...inImplementation, marked(), confirmed]).activityCompletions;

  it('says done and awaiting confirmation, done and confirmed, overdue after the deadline, or open', () => {
    expect(roadMapRowProgress(row1, completions, '2026-12-18')).toMatchObject({
      status: 'awaitingConfirmation',
      completion: { doneOn: '2026-12-15', result },
    });
    expect(roadMapRowProgress(row1, confirmedOnes, '2026-12-30')).toMatchObject({ status: 'confirmed' });
    // row-1's deadline is 2026-12-20: open on that day, overdue the day after.
    expect(roadMapRowProgress(row1, undefined, '2026-12-20')).toEqual({ status: 'open' });
    expect(roadMapRowProgress(row1, [], '2026-12-21')).toEqual({ status: 'overdue' });
  });
});
