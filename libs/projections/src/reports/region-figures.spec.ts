import { programmeDecider, type ProgrammeEvent, type StartedProgramme } from '@mentorflow/domain';
import type { PairFacts, RouteFacts, TaskFacts } from './report-facts';
import { regionAggregate, regionOrganisationRow } from './region-figures';
import type { FactRow } from './report-queries';

const at = Date.parse('2026-06-01T00:00:00.000Z');
const row = (
  subjectType: FactRow['subjectType'],
  subjectId: string,
  facts: object,
  organisationId = 'o1',
): FactRow => ({
  subjectType,
  subjectId,
  organisationId,
  facts,
});
const organisation = (id: string, municipality: string) =>
  row(
    'organisation',
    id,
    { name: `Школа ${id}`, region: 'Самарская область', municipality, timeZone: 'Europe/Samara', curatorIds: [] },
    id,
  );
const pair = (id: string, status: PairFacts['status']): FactRow =>
  row('pair', id, {
    programmeId: 'p1',
    status,
    form: 'teacherTeacher',
    kind: 'traditional',
    mentorId: 'm1',
    menteeCount: 1,
    gate: {
      pairsAssigned: 0,
      pairsAssignedWithOrderAndConsents: 0,
      pairsWithApprovedPersonalProgramme: 0,
      activePairs: 0,
      activePairsPassedInterimControl: 0,
    },
  } satisfies PairFacts);
const route = (id: string, stage: RouteFacts['stage']): FactRow =>
  row('route', id, {
    code: id,
    teacherId: 't1',
    methodologistId: 'me1',
    tutorId: 'tu1',
    stage,
    initial: {},
    control: {},
    portfolioEntries: 0,
    draftMarkedOverdue: false,
  } satisfies RouteFacts);
const task = (id: string, status: TaskFacts['status'], dueAt: string): FactRow =>
  row('task', id, {
    kind: 'interimControl',
    role: 'curator',
    assigneeId: 'c1',
    status,
    dueAt,
    subjectType: 'pair',
  } satisfies TaskFacts);

/** A programme folded from its events, as the report facts keep it. */
const programme = (...kinds: ('roadMap' | 'implementationAct')[]): FactRow => {
  const events: ProgrammeEvent[] = [
    {
      type: 'ProgrammeStarted',
      data: {
        programmeId: 'p1',
        organisationId: 'o1',
        title: 'Программа',
        stage: 'preparatory',
        startedAt: '2026-01-10T06:00:00.000Z',
        startedBy: 'd1',
      },
    },
    ...kinds.map((kind): ProgrammeEvent => ({
      type: 'DocumentRecorded',
      data: {
        programmeId: 'p1',
        documentId: `doc-${kind}`,
        kind,
        number: '1-од',
        date: '2026-01-12',
        signedBy: 'd1',
        stage: 'preparatory',
        recordedAt: '2026-01-12T06:00:00.000Z',
        recordedBy: 'd1',
      },
    })),
  ];
  const state = events.reduce(programmeDecider.evolve, programmeDecider.initialState()) as StartedProgramme;
  return row('programme', 'p1', state);
};

describe('region report: pairs by status, routes by stage, overdue tasks, the road map (issue 27)', () => {
  it('given an organisation’s facts, when its row is taken at an instant, then it counts them as of that instant', () => {
    const result = regionOrganisationRow(
      'o1',
      [
        organisation('o1', 'г. Самара'),
        programme('roadMap'),
        pair('a', 'active'),
        pair('b', 'active'),
        pair('c', 'terminated'),
        route('r1', 'design'),
        route('r2', 'implementation'),
        task('late', 'open', '2026-05-20T20:59:59.999Z'),
        task('marked', 'overdue', '2026-05-31T20:59:59.999Z'),
        task('ahead', 'open', '2026-06-20T20:59:59.999Z'),
        task('done', 'done', '2026-05-01T20:59:59.999Z'),
      ],
      at,
    );
    expect(result).toMatchObject({
      pairs: 2,
      pairsByStatus: { formed: 0, active: 2, completed: 0, terminated: 1 },
      routes: 2,
      routesByStage: { diagnosticMotivational: 0, design: 1, implementation: 1, reflective: 0, completed: 0 },
      openTasks: 3,
      overdueTasks: 2,
    });
    expect(result?.documents).toMatchObject({ roadMap: true, implementationAct: false });
  });

  it('given two organisations, when aggregated, then the breakdowns sum with their shares and labels', () => {
    const one = regionOrganisationRow(
      'o1',
      [organisation('o1', 'г. Самара'), programme('roadMap'), pair('a', 'active')],
      at,
    );
    const two = regionOrganisationRow(
      'o2',
      [organisation('o2', 'г. Тольятти'), { ...pair('b', 'terminated'), organisationId: 'o2' }],
      at,
    );
    const totals = regionAggregate([one!, two!]);
    expect(totals.pairsByStatus.find((r) => r.key === 'terminated')).toEqual({
      key: 'terminated',
      label: 'Прекращена досрочно',
      count: 1,
      share: 0.5,
    });
    expect(totals.documents.find((d) => d.key === 'roadMap')).toEqual({
      key: 'roadMap',
      label: 'Дорожная карта по внедрению ЦМН',
      count: 1,
      share: 0.5,
    });
    // The organisation with no document at all is the one without a road map.
    expect(totals.withoutDocuments).toBe(1);
    expect(totals.overdueTasksShare).toBeNull();
  });
});
