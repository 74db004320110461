import type { ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import { programmeStages, type ProgrammeEvent, type ProgrammeStage } from './programme.events';
import {
  admin,
  advance,
  advanced,
  closedProgramme,
  curator,
  director,
  doc,
  fold,
  inDesign,
  inImplementation,
  inPreparatory,
  inReflective,
  inResults,
  nothing,
  now,
  otherCurator,
  ready,
  record,
  recorded,
  returnTo,
  spec,
  started,
} from './programme.fixtures';

describe('organisation mentoring programme', () => {
  describe('AdvanceStage gates: the refusal lists exactly what is missing, in table order', () => {
    it('preparatory → design with nothing done', () =>
      spec
        .given([started])
        .when(advance(nothing, admin))
        .thenRefuses('programme.gate.unmet', [
          'document.implementationAct.missing',
          'document.regulationApprovalOrder.missing',
          'curator.notAppointed',
          'mentors.notSelected',
          'mentees.notSelected',
        ]));

    it('preparatory → design missing only the regulation order and mentees', () =>
      spec
        .given([...inPreparatory, recorded(doc('implementationAct'))])
        .when(advance({ ...ready, menteesSelected: 0 }))
        .thenRefuses('programme.gate.unmet', ['document.regulationApprovalOrder.missing', 'mentees.notSelected']));

    it('design → implementation with no pairs and no road map', () =>
      spec
        .given(inDesign)
        .when(
          advance({
            ...ready,
            pairsAssigned: 0,
            pairsAssignedWithOrderAndConsents: 0,
            pairsWithApprovedPersonalProgramme: 0,
          }),
        )
        .thenRefuses('programme.gate.unmet', [
          'document.roadMap.missing',
          'pairs.notAssignedWithOrderAndConsents',
          'pairs.personalProgrammeNotApproved',
        ]));

    it('design → implementation while one assigned pair still lacks an approved programme', () =>
      spec
        .given([...inDesign, recorded(doc('roadMap'), 'design')])
        .when(advance({ ...ready, pairsAssigned: 3, pairsWithApprovedPersonalProgramme: 2 }))
        .thenRefuses('programme.gate.unmet', ['pairs.personalProgrammeNotApproved']));

    it('implementation → reflective-analytical while a pair has not passed interim control', () =>
      spec
        .given(inImplementation)
        .when(advance({ ...ready, activePairs: 3, activePairsPassedInterimControl: 2 }))
        .thenRefuses('programme.gate.unmet', ['pairs.interimControlNotPassed']));

    it('reflective-analytical → results without either monitoring report', () =>
      spec
        .given(inReflective)
        .when(advance(ready))
        .thenRefuses('programme.gate.unmet', [
          'document.processMonitoringReport.missing',
          'document.influenceMonitoringReport.missing',
        ]));

    it('reflective-analytical → results with both reports but no recorded monitoring results (002 §10)', () =>
      spec
        .given(inResults.slice(0, -1))
        .when(advance({ ...ready, processMonitoringResults: 0, influenceMonitoringResults: 0 }))
        .thenRefuses('programme.gate.unmet', ['monitoring.process.noResults', 'monitoring.influence.noResults']));

    it('reflective-analytical → results with process monitoring results only, naming the influence stage', () => {
      let caught: unknown;
      try {
        programmeDecider.decide(advance({ ...ready, influenceMonitoringResults: 0 }), fold(inResults.slice(0, -1)));
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({
        unmet: [
          {
            code: 'monitoring.influence.noResults',
            message:
              'Не внесено ни одного результата по показателям этапа «Мониторинг влияния персонализированной программы наставничества на её участников» (002 §10)',
          },
        ],
      });
    });

    it('reflective-analytical → results as decided before the gate counted monitoring results (a replayed command)', () => {
      const counted = { ...ready };
      delete counted.processMonitoringResults;
      delete counted.influenceMonitoringResults;
      spec
        .given(inResults.slice(0, -1))
        .when(advance(counted))
        .then([advanced('reflectiveAnalytical', 'results', counted)]);
    });

    it('refuses a monitoring count that is not a count', () =>
      spec
        .given(inResults.slice(0, -1))
        .when(advance({ ...ready, processMonitoringResults: -1 }))
        .thenRefuses('programme.context.invalid', ['context.processMonitoringResults.invalid']));

    it('results → closed without the final report', () =>
      spec.given(inResults).when(advance(ready)).thenRefuses('programme.gate.unmet', ['document.finalReport.missing']));

    it('carries the Russian messages with the codes', () => {
      let caught: unknown;
      try {
        programmeDecider.decide(advance(ready), fold(inReflective));
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({
        message: 'Нельзя завершить этап «Рефлексивно-аналитический»: не выполнены условия',
        unmet: [
          {
            code: 'document.processMonitoringReport.missing',
            message: 'Не зарегистрирован документ «Отчёт о мониторинге процесса реализации программы наставничества»',
          },
          {
            code: 'document.influenceMonitoringReport.missing',
            message: 'Не зарегистрирован документ «Отчёт о мониторинге влияния программы наставничества на участников»',
          },
        ],
      });
    });
  });

  describe('AdvanceStage', () => {
    it('refuses another programme’s curator', () =>
      spec.given(inDesign).when(advance(ready, otherCurator)).thenRefuses('programme.forbidden'));

    it('refuses a director: stages are the curator’s', () =>
      spec.given(inDesign).when(advance(ready, director)).thenRefuses('programme.forbidden'));

    it('lets the administrator advance', () =>
      spec
        .given([...inDesign, recorded(doc('roadMap'), 'design')])
        .when(advance(ready, admin))
        .then([advanced('design', 'implementation', ready, undefined, 'admin-1')]));

    it('refuses a double submit that would skip a stage', () =>
      spec
        .given(inImplementation)
        .when(advance(ready, curator, { expectedStage: 'design' }))
        .thenRefuses('programme.stage.conflict'));

    it('refuses contradictory counts rather than let a gate pass by accident', () =>
      spec
        .given(inImplementation)
        .when(advance({ ...ready, activePairs: 1, activePairsPassedInterimControl: 2, mentorsSelected: -1 }))
        .thenRefuses('programme.context.invalid', [
          'context.mentorsSelected.invalid',
          'context.activePairsPassedInterimControl.exceedsActive',
        ]));
  });

  describe('the happy path through all five stages to closed', () => {
    const steps: { name: string; given: ProgrammeEvent[]; when: ProgrammeCommand; then: ProgrammeEvent[] }[] = [
      {
        name: 'record the implementation act',
        given: inPreparatory,
        when: record(doc('implementationAct')),
        then: [recorded(doc('implementationAct'))],
      },
      {
        name: 'record the regulation order',
        given: [...inPreparatory, recorded(doc('implementationAct'))],
        when: record(doc('regulationApprovalOrder')),
        then: [recorded(doc('regulationApprovalOrder'))],
      },
      {
        name: 'preparatory → design',
        given: inDesign.slice(0, -1),
        when: advance(ready, curator, { comment: ' Отобраны 3 наставника ', expectedStage: 'preparatory' }),
        then: [advanced('preparatory', 'design', ready, 'Отобраны 3 наставника')],
      },
      {
        name: 'record the road map',
        given: inDesign,
        when: record(doc('roadMap')),
        then: [recorded(doc('roadMap'), 'design')],
      },
      {
        name: 'design → implementation',
        given: inImplementation.slice(0, -1),
        when: advance(ready),
        then: [advanced('design', 'implementation')],
      },
      {
        name: 'implementation → reflective-analytical',
        given: inImplementation,
        when: advance(ready),
        then: [advanced('implementation', 'reflectiveAnalytical')],
      },
      {
        name: 'reflective-analytical → results',
        given: inResults.slice(0, -1),
        when: advance(ready),
        then: [advanced('reflectiveAnalytical', 'results')],
      },
      {
        name: 'record the final report',
        given: inResults,
        when: record(doc('finalReport')),
        then: [recorded(doc('finalReport'), 'results')],
      },
      {
        name: 'results → closed',
        given: closedProgramme.slice(0, -2),
        when: advance(ready),
        then: closedProgramme.slice(-2),
      },
    ];
    it.each(steps)('$name', ({ given, when, then }) => spec.given(given).when(when).then(then));

    it('ends closed, with every stage entered once', () => {
      const state = fold(closedProgramme);
      expect(state).toMatchObject({ status: 'started', stage: 'closed', closed: true, closedAt: now });
      const entered = closedProgramme.flatMap((e) => (e.type === 'StageAdvanced' ? [e.data.to] : []));
      expect(entered).toEqual([...programmeStages.slice(1), 'closed']);
    });

    it('the implementation stage passes with no active pairs left: nothing is pending control', () =>
      spec
        .given(inImplementation)
        .when(advance({ ...ready, activePairs: 0, activePairsPassedInterimControl: 0 }))
        .then([
          advanced('implementation', 'reflectiveAnalytical', {
            ...ready,
            activePairs: 0,
            activePairsPassedInterimControl: 0,
          }),
        ]));
  });

  describe('ReturnToStage', () => {
    it('returns to an earlier stage with a reason', () =>
      spec
        .given(inReflective)
        .when(returnTo('design', ' Дорожная карта не согласована с методической комиссией '))
        .then([
          {
            type: 'StageReturned',
            data: {
              programmeId: 'prog-1',
              from: 'reflectiveAnalytical',
              to: 'design',
              reason: 'Дорожная карта не согласована с методической комиссией',
              returnedAt: now,
              returnedBy: 'curator-1',
            },
          },
        ]));

    it.each(['', '   '])('refuses without a reason (%p)', (reason) =>
      spec.given(inReflective).when(returnTo('design', reason)).thenRefuses('programme.return.reasonRequired'),
    );

    it.each<ProgrammeStage>(['implementation', 'results'])(
      'refuses “returning” to the current or a later stage (%s)',
      (stage) =>
        spec.given(inImplementation).when(returnTo(stage, 'причина')).thenRefuses('programme.return.notEarlier'),
    );

    it('refuses an unknown stage', () =>
      spec
        .given(inImplementation)
        .when(returnTo('draft' as ProgrammeStage, 'причина'))
        .thenRefuses('programme.stage.unknown'));

    it('refuses another programme’s curator', () =>
      spec
        .given(inImplementation)
        .when(returnTo('design', 'причина', otherCurator))
        .thenRefuses('programme.forbidden'));

    it('after a return, the gate of that stage applies again', () => {
      const returned: ProgrammeEvent = {
        type: 'StageReturned',
        data: {
          programmeId: 'prog-1',
          from: 'implementation',
          to: 'design',
          reason: 'причина',
          returnedAt: '2026-03-05T06:00:00.000Z',
          returnedBy: 'curator-1',
        },
      };
      expect(fold([...inImplementation, returned])).toMatchObject({
        stage: 'design',
        stageEnteredAt: '2026-03-05T06:00:00.000Z',
      });
      spec
        .given([...inImplementation, returned])
        .when(advance({ ...ready, pairsWithApprovedPersonalProgramme: 1 }))
        .thenRefuses('programme.gate.unmet', ['pairs.personalProgrammeNotApproved']);
    });
  });
});
