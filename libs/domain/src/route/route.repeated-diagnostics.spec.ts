import type { CommandMetadata } from '../shared/decider';
import type { CompetenceResult, RouteEvent } from './route.events';
import {
  code,
  command,
  completed,
  created_,
  fold,
  inDesign,
  inImplementation,
  raised,
  spec,
  teacher,
  thrown,
  tutor,
  tutorAssignee,
  workflow,
} from './route.fixtures';
import { nextDiagnosticsDateOf } from './route.state';

// 003 §5.1: the title page plans the next diagnostics (fixtures: 2030-04-09, the route ends 2030-05-03).
const withToday = (metadata: CommandMetadata, today: string): CommandMetadata => ({ ...metadata, today });
const tDayStarts = '2030-04-08T20:00:00.000Z'; // start of 9 April 2030 in Europe/Samara
const tRepeated = '2030-04-15T07:00:00.000Z';
const title = `Провести повторную диагностику по ИОМ ${code}`;

const raise = (extra: Record<string, unknown> = {}, metadata = withToday(workflow(tDayStarts), '2030-04-09')) =>
  command(
    'RaiseRepeatedDiagnostics',
    {
      taskId: 'task-repeated-1',
      plannedDate: '2030-04-09',
      dueAt: '2030-04-30T20:00:00.000Z',
      dueLocalDate: '2030-04-30',
      ...extra,
    },
    metadata,
  );
const repeatedRaised = raised(
  'task-repeated-1',
  'repeatedDiagnostics',
  title,
  tutorAssignee,
  tDayStarts,
  '2030-04-30T20:00:00.000Z',
  '2030-04-30',
);
const results = [
  { area: 'ict' as const, percent: 72 },
  { area: 'subjectProfessional' as const, percent: 40, deficitLevel: 'medium' as const },
];
const record = (extra: Record<string, unknown> = {}, metadata = withToday(tutor(tRepeated), '2030-04-15')) =>
  command('RecordRepeatedDiagnostics', { diagnosticsId: 'diag-r1', date: '2030-04-14', results, ...extra }, metadata);
const withTask: RouteEvent[] = [...inImplementation, repeatedRaised];

describe('repeated diagnostics over the route (003 §5.1)', () => {
  describe('RaiseRepeatedDiagnostics', () => {
    it('given the planned day has begun, when the workflow raises it, then the tutor gets the task', () =>
      spec.given(inImplementation).when(raise()).then([repeatedRaised]));

    it('given the planned day is tomorrow, then it is refused as not yet due', () =>
      spec
        .given(inImplementation)
        .when(raise({}, withToday(workflow('2030-04-08T10:00:00.000Z'), '2030-04-08')))
        .thenRefuses('route.task.invalid', ['repeatedDiagnostics.notYet']));

    it('given another date is planned, then a task for this one is refused', () =>
      spec
        .given(inImplementation)
        .when(raise({ plannedDate: '2030-04-10' }, withToday(workflow(tDayStarts), '2030-04-10')))
        .thenRefuses('route.task.invalid', ['repeatedDiagnostics.notPlanned']));

    it('given the planned date lies after the route ends, then nothing is raised', () => {
      const late = inImplementation.map((e) =>
        e.type === 'DiagnosticsRecorded' ? { ...e, data: { ...e.data, nextDiagnosticsDate: '2030-06-01' } } : e,
      );
      spec
        .given(late)
        .when(
          raise(
            { plannedDate: '2030-06-01', dueAt: '2030-06-30T20:00:00.000Z', dueLocalDate: '2030-06-30' },
            withToday(workflow('2030-05-31T20:00:00.000Z'), '2030-06-01'),
          ),
        )
        .thenRefuses('route.task.invalid', ['repeatedDiagnostics.afterEnd']);
    });

    it('given the task was raised already, then a second one is refused', () =>
      spec.given(withTask).when(raise()).thenRefuses('route.task.invalid', ['task.id.duplicate']));
  });

  describe('RecordRepeatedDiagnostics', () => {
    /** The tutor's repeated diagnostics of 14 April with the next one planned for 9 April 2031. */
    const repeatedRecorded = (results: readonly CompetenceResult[]): RouteEvent => ({
      type: 'RepeatedDiagnosticsRecorded',
      data: {
        routeId: 'route-1',
        diagnosticsId: 'diag-r1',
        date: '2030-04-14',
        nextDiagnosticsDate: '2031-04-09',
        results,
        recordedAt: tRepeated,
        recordedBy: 'tutor-1',
      },
    });
    it('given the task, when the tutor records the results and the next date, then it is recorded and the task done', () =>
      spec
        .given(withTask)
        .when(record({ nextDiagnosticsDate: '2031-04-09' }))
        .then([
          repeatedRecorded([
            { area: 'subjectProfessional', percent: 40, level: 'deficit' },
            { area: 'ict', percent: 72, level: 'basic' },
          ]),
          {
            type: 'DeficitLevelsEntered',
            data: {
              routeId: 'route-1',
              diagnosticsId: 'diag-r1',
              levels: [{ area: 'subjectProfessional', deficitLevel: 'medium' }],
              enteredAt: tRepeated,
              enteredBy: 'tutor-1',
            },
          },
          completed('task-repeated-1', tRepeated, 'tutor-1', 'Повторная диагностика проведена'),
        ]));

    it('then the route shows it in its history and plans the following date', () => {
      const state = created_([...withTask, repeatedRecorded([{ area: 'ict', percent: 72, level: 'basic' }])]);
      expect(state.repeatedDiagnostics?.map((d) => d.diagnosticsId)).toEqual(['diag-r1']);
      expect(nextDiagnosticsDateOf(state)).toBe('2031-04-09');
      expect(nextDiagnosticsDateOf(created_(inDesign))).toBe('2030-04-09');
    });

    it('given today is 15 April, when the date is 16 April, then the fact date is refused as in the future', () =>
      spec
        .given(withTask)
        .when(record({ date: '2030-04-16' }))
        .thenRefuses('route.repeatedDiagnostics.invalid', ['diagnostics.date.future']));

    it('refuses a date before the initial diagnostics, a next date not after it, and an id already used', () =>
      spec
        .given(withTask)
        .when(record({ diagnosticsId: 'diag-1', date: '2026-04-01', nextDiagnosticsDate: '2026-03-01' }))
        .thenRefuses('route.repeatedDiagnostics.invalid', [
          'diagnostics.id.duplicate',
          'diagnostics.date.beforePrevious',
          'diagnostics.nextDate.invalid',
        ]));

    it('is the tutor’s: the teacher is refused', () =>
      spec
        .given(withTask)
        .when(record({}, teacher(tRepeated)))
        .thenRefuses('route.forbidden'));

    it('the task closes only by recording the diagnostics', () =>
      spec
        .given(withTask)
        .when(command('CompleteTask', { taskId: 'task-repeated-1', result: 'сделано' }, tutor(tRepeated)))
        .thenRefuses('route.task.completedByCommand'));

    it('evolve reads states folded before repeated diagnostics existed', () => {
      const state = fold(inImplementation);
      expect(state.status === 'created' && state.repeatedDiagnostics).toBeUndefined();
      expect(thrown(() => nextDiagnosticsDateOf(created_(inImplementation)))).toBeUndefined();
    });
  });
});
