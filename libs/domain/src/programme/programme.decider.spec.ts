import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import type { ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import {
  programmeDocumentKinds,
  programmeStages,
  type ProgrammeDocument,
  type ProgrammeDocumentKind,
  type ProgrammeEvent,
  type ProgrammeStage,
  type ProgrammeStageOrClosed,
} from './programme.events';
import {
  implementsTargetModel,
  programmeGates,
  targetModelDocuments,
  unmetConditions,
} from './programme.gates';
import type { ProgrammeGateContext } from './programme.gate-context';
import { programmeDocumentKindLabels, programmeStageLabels } from './programme.labels';
import type { ProgrammeState } from './programme.state';

const spec = deciderSpec(programmeDecider);
const now = '2026-03-02T06:00:00.000Z';
const at = (actorId: string, role: CommandMetadata['role'], when = now): CommandMetadata => ({ actorId, role, now: when });
const admin = at('admin-1', 'administrator');
const director = at('director-1', 'director');
const curator = at('curator-1', 'curator');
const otherCurator = at('curator-2', 'curator');

/** Counts under which every gate holds. */
const ready: ProgrammeGateContext = {
  mentorsSelected: 3,
  menteesSelected: 4,
  pairsAssigned: 3,
  pairsAssignedWithOrderAndConsents: 3,
  pairsWithApprovedPersonalProgramme: 3,
  activePairs: 3,
  activePairsPassedInterimControl: 3,
};
const nothing: ProgrammeGateContext = {
  mentorsSelected: 0,
  menteesSelected: 0,
  pairsAssigned: 0,
  pairsAssignedWithOrderAndConsents: 0,
  pairsWithApprovedPersonalProgramme: 0,
  activePairs: 0,
  activePairsPassedInterimControl: 0,
};

// ---- Event builders ----

const started: ProgrammeEvent = {
  type: 'ProgrammeStarted',
  data: {
    programmeId: 'prog-1',
    organisationId: 'org-1',
    title: 'Программа наставничества педагогических работников на 2026 год',
    stage: 'preparatory',
    startedAt: now,
    startedBy: 'director-1',
  },
};

const curatorAppointed = (curatorId = 'curator-1', previousCuratorId?: string): ProgrammeEvent => ({
  type: 'CuratorAppointed',
  data: {
    programmeId: 'prog-1',
    curatorId,
    ...(previousCuratorId === undefined ? {} : { previousCuratorId }),
    appointedAt: now,
    appointedBy: 'director-1',
  },
});

const doc = (kind: ProgrammeDocumentKind, documentId: string = `doc-${kind}`, extra: Partial<ProgrammeDocument> = {}): ProgrammeDocument => ({
  documentId,
  kind,
  number: '15-од',
  date: '2026-02-20',
  signedBy: 'Петров И. С., директор',
  ...extra,
});

const recorded = (document: ProgrammeDocument, stage: ProgrammeStage = 'preparatory', by = 'curator-1'): ProgrammeEvent => ({
  type: 'DocumentRecorded',
  data: { ...document, programmeId: 'prog-1', stage, recordedAt: now, recordedBy: by },
});

const advanced = (from: ProgrammeStage, to: ProgrammeStageOrClosed, context = ready, comment?: string, by = 'curator-1'): ProgrammeEvent => ({
  type: 'StageAdvanced',
  data: {
    programmeId: 'prog-1',
    from,
    to,
    ...(comment === undefined ? {} : { comment }),
    advancedAt: now,
    advancedBy: by,
    context,
  },
});

const planned = (stage: ProgrammeStage, plannedEnd: string, previousPlannedEnd?: string): ProgrammeEvent => ({
  type: 'StagePlanned',
  data: {
    programmeId: 'prog-1',
    stage,
    plannedEnd,
    ...(previousPlannedEnd === undefined ? {} : { previousPlannedEnd }),
    plannedAt: now,
    plannedBy: 'curator-1',
  },
});

// ---- Command builders ----

const record = (document: ProgrammeDocument, metadata = curator): ProgrammeCommand => ({ type: 'RecordDocument', data: document, metadata });
const advance = (context: ProgrammeGateContext, metadata = curator, extra: { comment?: string; expectedStage?: ProgrammeStage } = {}): ProgrammeCommand => ({
  type: 'AdvanceStage',
  data: { context, ...extra },
  metadata,
});
const returnTo = (stage: ProgrammeStage, reason: string, metadata = curator): ProgrammeCommand => ({
  type: 'ReturnToStage',
  data: { stage, reason },
  metadata,
});
const plan = (stage: ProgrammeStage, plannedEnd: string, metadata = curator): ProgrammeCommand => ({
  type: 'PlanStageDates',
  data: { stage, plannedEnd },
  metadata,
});
const overdue = (stage: ProgrammeStage, plannedEnd: string, when = '2026-05-01T00:00:00.000Z'): ProgrammeCommand => ({
  type: 'MarkStagePlanOverdue',
  data: { stage, plannedEnd },
  metadata: at('workflow', 'administrator', when),
});

// ---- Histories at the start of each stage ----

const inPreparatory: ProgrammeEvent[] = [started, curatorAppointed()];
const inDesign: ProgrammeEvent[] = [
  ...inPreparatory,
  recorded(doc('implementationAct')),
  recorded(doc('regulationApprovalOrder')),
  advanced('preparatory', 'design'),
];
const inImplementation: ProgrammeEvent[] = [...inDesign, recorded(doc('roadMap'), 'design'), advanced('design', 'implementation')];
const inReflective: ProgrammeEvent[] = [...inImplementation, advanced('implementation', 'reflectiveAnalytical')];
const inResults: ProgrammeEvent[] = [
  ...inReflective,
  recorded(doc('processMonitoringReport'), 'reflectiveAnalytical'),
  recorded(doc('influenceMonitoringReport'), 'reflectiveAnalytical'),
  advanced('reflectiveAnalytical', 'results'),
];
const closedProgramme: ProgrammeEvent[] = [
  ...inResults,
  recorded(doc('finalReport'), 'results'),
  advanced('results', 'closed'),
  { type: 'ProgrammeClosed', data: { programmeId: 'prog-1', organisationId: 'org-1', closedAt: now, closedBy: 'curator-1' } },
];

const fold = (events: ProgrammeEvent[]): ProgrammeState => events.reduce(programmeDecider.evolve, programmeDecider.initialState());

describe('organisation mentoring programme', () => {
  describe('StartProgramme', () => {
    const startData = { programmeId: 'prog-1', organisationId: 'org-1', title: ' Программа наставничества педагогических работников на 2026 год ' };

    it('starts in the preparatory stage', () =>
      spec.given([]).when({ type: 'StartProgramme', data: startData, metadata: director }).then([started]));

    it('accepts an earlier real start date', () =>
      spec
        .given([])
        .when({ type: 'StartProgramme', data: { ...startData, startedAt: '2026-01-12T05:00:00Z' }, metadata: admin })
        .then([{ ...started, data: { ...started.data, startedAt: '2026-01-12T05:00:00Z', startedBy: 'admin-1' } }]));

    it('refuses a second start', () =>
      spec.given([started]).when({ type: 'StartProgramme', data: startData, metadata: director }).thenRefuses('programme.alreadyStarted'));

    it('refuses a curator: the director starts the programme', () =>
      spec.given([]).when({ type: 'StartProgramme', data: startData, metadata: curator }).thenRefuses('programme.forbidden'));

    it('lists every blank required field', () =>
      spec
        .given([])
        .when({ type: 'StartProgramme', data: { programmeId: 'prog-1', organisationId: '', title: '  ' }, metadata: director })
        .thenRefuses('programme.invalid', ['programme.organisationId.empty', 'programme.title.empty']));

    it.each(['2026-03-03T00:00:00Z', '2026-01-12', 'вчера'])('refuses the start instant %p (future or not an instant)', (startedAt) =>
      spec
        .given([])
        .when({ type: 'StartProgramme', data: { ...startData, startedAt }, metadata: director })
        .thenRefuses('programme.startedAt.invalid'));
  });

  describe('a programme that has not started', () => {
    it.each<ProgrammeCommand>([
      record(doc('implementationAct')),
      { type: 'AppointCurator', data: { curatorId: 'curator-1' }, metadata: director },
      advance(ready, admin),
      returnTo('preparatory', 'ошибка'),
      plan('preparatory', '2026-04-30', admin),
      overdue('preparatory', '2026-04-30'),
    ])('refuses $type', (command) => spec.given([]).when(command).thenRefuses('programme.notStarted'));
  });

  describe('a closed programme', () => {
    it.each<ProgrammeCommand>([
      record(doc('finalReport', 'doc-late')),
      { type: 'AppointCurator', data: { curatorId: 'curator-2' }, metadata: director },
      advance(ready),
      returnTo('results', 'забыли отчёт'),
      plan('results', '2026-12-31'),
    ])('refuses $type', (command) => spec.given(closedProgramme).when(command).thenRefuses('programme.closed'));

    it('refuses an overdue mark: every stage has been left', () =>
      spec.given(closedProgramme).when(overdue('results', '2026-04-30')).thenRefuses('programme.plan.stageLeft'));
  });

  describe('AppointCurator', () => {
    it('appoints the first curator', () =>
      spec
        .given([started])
        .when({ type: 'AppointCurator', data: { curatorId: 'curator-1' }, metadata: director })
        .then([curatorAppointed()]));

    it('replaces the curator, naming the previous one', () =>
      spec
        .given(inPreparatory)
        .when({ type: 'AppointCurator', data: { curatorId: 'curator-2' }, metadata: director })
        .then([curatorAppointed('curator-2', 'curator-1')]));

    it('refuses a curator appointing a curator', () =>
      spec
        .given(inPreparatory)
        .when({ type: 'AppointCurator', data: { curatorId: 'curator-2' }, metadata: curator })
        .thenRefuses('programme.forbidden'));

    it('refuses a blank curator', () =>
      spec.given([started]).when({ type: 'AppointCurator', data: { curatorId: ' ' }, metadata: director }).thenRefuses('programme.curator.empty'));

    it('refuses appointing the same curator again', () =>
      spec
        .given(inPreparatory)
        .when({ type: 'AppointCurator', data: { curatorId: 'curator-1' }, metadata: admin })
        .thenRefuses('programme.curator.alreadyAppointed'));
  });

  describe('RecordDocument', () => {
    it('records a document with the stage it was recorded in', () =>
      spec
        .given(inPreparatory)
        .when(record(doc('implementationAct', 'doc-act', { fileRef: 'files/act.pdf' })))
        .then([recorded(doc('implementationAct', 'doc-act', { fileRef: 'files/act.pdf' }))]));

    it('lets the director record an order', () =>
      spec
        .given([started])
        .when(record(doc('regulationApprovalOrder'), director))
        .then([recorded(doc('regulationApprovalOrder'), 'preparatory', 'director-1')]));

    it('refuses another programme’s curator', () =>
      spec.given(inPreparatory).when(record(doc('implementationAct'), otherCurator)).thenRefuses('programme.forbidden'));

    it('refuses an unknown kind', () =>
      spec
        .given(inPreparatory)
        .when(record(doc('memo' as ProgrammeDocumentKind)))
        .thenRefuses('programme.document.kindUnknown'));

    it('lists every invalid field', () =>
      spec
        .given(inPreparatory)
        .when(record(doc('roadMap', 'doc-x', { number: '', date: '2026-02-30', signedBy: ' ' })))
        .thenRefuses('programme.document.invalid', ['document.number.empty', 'document.date.invalid', 'document.signedBy.empty']));

    it('refuses the same document id twice: a document is never edited', () =>
      spec
        .given([...inPreparatory, recorded(doc('implementationAct', 'doc-act'))])
        .when(record(doc('implementationAct', 'doc-act', { number: '16-од' })))
        .thenRefuses('programme.document.duplicate'));

    it('records a correction as a new document', () =>
      spec
        .given([...inPreparatory, recorded(doc('implementationAct', 'doc-act'))])
        .when(record(doc('implementationAct', 'doc-act-2', { number: '16-од', corrects: 'doc-act' })))
        .then([recorded(doc('implementationAct', 'doc-act-2', { number: '16-од', corrects: 'doc-act' }))]));

    it('refuses a correction of a document that does not exist', () =>
      spec
        .given(inPreparatory)
        .when(record(doc('implementationAct', 'doc-act-2', { corrects: 'doc-missing' })))
        .thenRefuses('programme.document.correctionTargetMissing'));

    it('refuses a correction of a document of another kind', () =>
      spec
        .given([...inPreparatory, recorded(doc('implementationAct', 'doc-act'))])
        .when(record(doc('roadMap', 'doc-map', { corrects: 'doc-act' })))
        .thenRefuses('programme.document.correctionKindMismatch'));

    it('refuses a second correction of the same version: corrections form a chain', () =>
      spec
        .given([
          ...inPreparatory,
          recorded(doc('implementationAct', 'doc-act')),
          recorded(doc('implementationAct', 'doc-act-2', { corrects: 'doc-act' })),
        ])
        .when(record(doc('implementationAct', 'doc-act-3', { corrects: 'doc-act' })))
        .thenRefuses('programme.document.alreadyCorrected'));

    it('keeps the corrected version and points the kind at the correction', () => {
      const state = fold([
        ...inPreparatory,
        recorded(doc('implementationAct', 'doc-act')),
        recorded(doc('implementationAct', 'doc-act-2', { corrects: 'doc-act' })),
      ]);
      expect(state).toMatchObject({
        latestDocumentByKind: { implementationAct: 'doc-act-2' },
        documents: { 'doc-act': { correctedBy: 'doc-act-2' }, 'doc-act-2': { corrects: 'doc-act' } },
      });
    });
  });

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
        .when(advance({ ...ready, pairsAssigned: 0, pairsAssignedWithOrderAndConsents: 0, pairsWithApprovedPersonalProgramme: 0 }))
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
        .thenRefuses('programme.gate.unmet', ['document.processMonitoringReport.missing', 'document.influenceMonitoringReport.missing']));

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
      spec.given(inImplementation).when(advance(ready, curator, { expectedStage: 'design' })).thenRefuses('programme.stage.conflict'));

    it('refuses contradictory counts rather than let a gate pass by accident', () =>
      spec
        .given(inImplementation)
        .when(advance({ ...ready, activePairs: 1, activePairsPassedInterimControl: 2, mentorsSelected: -1 }))
        .thenRefuses('programme.context.invalid', ['context.mentorsSelected.invalid', 'context.activePairsPassedInterimControl.exceedsActive']));
  });

  describe('the happy path through all five stages to closed', () => {
    const steps: { name: string; given: ProgrammeEvent[]; when: ProgrammeCommand; then: ProgrammeEvent[] }[] = [
      { name: 'record the implementation act', given: inPreparatory, when: record(doc('implementationAct')), then: [recorded(doc('implementationAct'))] },
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
      { name: 'record the road map', given: inDesign, when: record(doc('roadMap')), then: [recorded(doc('roadMap'), 'design')] },
      { name: 'design → implementation', given: inImplementation.slice(0, -1), when: advance(ready), then: [advanced('design', 'implementation')] },
      { name: 'implementation → reflective-analytical', given: inImplementation, when: advance(ready), then: [advanced('implementation', 'reflectiveAnalytical')] },
      { name: 'reflective-analytical → results', given: inResults.slice(0, -1), when: advance(ready), then: [advanced('reflectiveAnalytical', 'results')] },
      { name: 'record the final report', given: inResults, when: record(doc('finalReport')), then: [recorded(doc('finalReport'), 'results')] },
      { name: 'results → closed', given: closedProgramme.slice(0, -2), when: advance(ready), then: closedProgramme.slice(-2) },
    ];
    it.each(steps)('$name', ({ given, when, then }) => spec.given(given).when(when).then(then));

    it('ends closed, with every stage entered once', () => {
      const state = fold(closedProgramme);
      expect(state).toMatchObject({ status: 'started', stage: 'closed', closed: true, closedAt: now });
      const entered = closedProgramme.flatMap((e) => (e.type === 'StageAdvanced' ? [e.data.to] : []));
      expect(entered).toEqual([...programmeStages.slice(1), 'closed']);
    });

    it('the implementation stage passes with no active pairs left: nothing is pending control', () =>
      spec.given(inImplementation).when(advance({ ...ready, activePairs: 0, activePairsPassedInterimControl: 0 })).then([
        advanced('implementation', 'reflectiveAnalytical', { ...ready, activePairs: 0, activePairsPassedInterimControl: 0 }),
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
      spec.given(inReflective).when(returnTo('design', reason)).thenRefuses('programme.return.reasonRequired'));

    it.each<ProgrammeStage>(['implementation', 'results'])('refuses “returning” to the current or a later stage (%s)', (stage) =>
      spec.given(inImplementation).when(returnTo(stage, 'причина')).thenRefuses('programme.return.notEarlier'));

    it('refuses an unknown stage', () =>
      spec.given(inImplementation).when(returnTo('draft' as ProgrammeStage, 'причина')).thenRefuses('programme.stage.unknown'));

    it('refuses another programme’s curator', () =>
      spec.given(inImplementation).when(returnTo('design', 'причина', otherCurator)).thenRefuses('programme.forbidden'));

    it('after a return, the gate of that stage applies again', () => {
      const returned: ProgrammeEvent = {
        type: 'StageReturned',
        data: { programmeId: 'prog-1', from: 'implementation', to: 'design', reason: 'причина', returnedAt: '2026-03-05T06:00:00.000Z', returnedBy: 'curator-1' },
      };
      expect(fold([...inImplementation, returned])).toMatchObject({ stage: 'design', stageEnteredAt: '2026-03-05T06:00:00.000Z' });
      spec
        .given([...inImplementation, returned])
        .when(advance({ ...ready, pairsWithApprovedPersonalProgramme: 1 }))
        .thenRefuses('programme.gate.unmet', ['pairs.personalProgrammeNotApproved']);
    });
  });

  describe('PlanStageDates', () => {
    it('plans the end of the current stage', () =>
      spec.given(inPreparatory).when(plan('preparatory', '2026-04-30')).then([planned('preparatory', '2026-04-30')]));

    it('plans a later stage ahead', () =>
      spec.given(inPreparatory).when(plan('results', '2026-12-25')).then([planned('results', '2026-12-25')]));

    it('moves a plan, naming the previous date', () =>
      spec
        .given([...inPreparatory, planned('preparatory', '2026-04-30')])
        .when(plan('preparatory', '2026-05-15'))
        .then([planned('preparatory', '2026-05-15', '2026-04-30')]));

    it('records nothing when the same plan is sent again', () =>
      spec.given([...inPreparatory, planned('preparatory', '2026-04-30')]).when(plan('preparatory', '2026-04-30')).then([]));

    it.each(['2026-02-30', '30.04.2026', ''])('refuses the date %p', (plannedEnd) =>
      spec.given(inPreparatory).when(plan('preparatory', plannedEnd)).thenRefuses('programme.plan.dateInvalid'));

    it('refuses planning a stage already left', () =>
      spec.given(inDesign).when(plan('preparatory', '2026-04-30')).thenRefuses('programme.plan.stageLeft'));

    it('refuses an unknown stage', () =>
      spec.given(inDesign).when(plan('closed' as ProgrammeStage, '2026-04-30')).thenRefuses('programme.stage.unknown'));

    it('refuses another programme’s curator', () =>
      spec.given(inDesign).when(plan('design', '2026-04-30', otherCurator)).thenRefuses('programme.forbidden'));
  });

  describe('MarkStagePlanOverdue', () => {
    const withPlan = [...inPreparatory, planned('preparatory', '2026-04-30')];
    const overdueEvent: ProgrammeEvent = {
      type: 'StagePlanOverdue',
      data: { programmeId: 'prog-1', stage: 'preparatory', plannedEnd: '2026-04-30', detectedAt: '2026-05-01T00:00:00.000Z' },
    };

    it('marks the stage overdue once its planned day has ended', () => spec.given(withPlan).when(overdue('preparatory', '2026-04-30')).then([overdueEvent]));

    it('refuses when the stage was left before the timer fired', () =>
      spec.given([...withPlan, ...inDesign.slice(2)]).when(overdue('preparatory', '2026-04-30')).thenRefuses('programme.plan.stageLeft'));

    it('refuses when the plan was moved after the timer was set', () =>
      spec
        .given([...withPlan, planned('preparatory', '2026-05-15', '2026-04-30')])
        .when(overdue('preparatory', '2026-04-30'))
        .thenRefuses('programme.plan.changed'));

    it('refuses when the stage has no plan', () =>
      spec.given(inPreparatory).when(overdue('preparatory', '2026-04-30')).thenRefuses('programme.plan.notPlanned'));

    it('refuses a second mark for the same plan', () =>
      spec.given([...withPlan, overdueEvent]).when(overdue('preparatory', '2026-04-30')).thenRefuses('programme.plan.alreadyOverdue'));

    it('marks again after the plan is moved and missed again', () =>
      spec
        .given([...withPlan, overdueEvent, planned('preparatory', '2026-05-15', '2026-04-30')])
        .when(overdue('preparatory', '2026-05-15', '2026-05-16T00:00:00.000Z'))
        .then([{ ...overdueEvent, data: { ...overdueEvent.data, plannedEnd: '2026-05-15', detectedAt: '2026-05-16T00:00:00.000Z' } }]));

    it('refuses a timer that fires before the planned day can have ended in any time zone', () =>
      spec.given(withPlan).when(overdue('preparatory', '2026-04-30', '2026-04-30T09:59:59.000Z')).thenRefuses('programme.plan.notYetDue'));

    it('accepts the end of the day in Kamchatka (UTC+12)', () =>
      spec
        .given(withPlan)
        .when(overdue('preparatory', '2026-04-30', '2026-04-30T12:00:00.000Z'))
        .then([{ ...overdueEvent, data: { ...overdueEvent.data, detectedAt: '2026-04-30T12:00:00.000Z' } }]));

    it('refuses an unknown stage', () =>
      spec.given(withPlan).when(overdue('later' as ProgrammeStage, '2026-04-30')).thenRefuses('programme.stage.unknown'));

    it('a later stage planned ahead can be overdue while an earlier one runs', () =>
      spec
        .given([...inPreparatory, planned('design', '2026-04-30')])
        .when(overdue('design', '2026-04-30'))
        .then([{ ...overdueEvent, data: { ...overdueEvent.data, stage: 'design' } }]));
  });

  describe('gates as data', () => {
    it('the checklist is empty for a closed programme and says "not started" before the start', () => {
      expect(unmetConditions(fold([]), ready).map((u) => u.code)).toEqual(['programme.notStarted']);
      expect(unmetConditions(fold(closedProgramme), nothing)).toEqual([]);
    });

    it('the checklist is what AdvanceStage would refuse with', () => {
      expect(unmetConditions(fold([started]), nothing).map((u) => u.code)).toEqual(
        programmeGates.preparatory.map((condition) => condition.code),
      );
    });

    it('every gate code is unique and every message is Russian', () => {
      const conditions = Object.values(programmeGates).flat();
      expect(new Set(conditions.map((c) => c.code)).size).toBe(conditions.length);
      expect(conditions.every((c) => /[А-Яа-яЁё]/.test(c.message))).toBe(true);
    });

    it('every stage and document kind has a Russian label', () => {
      expect([...programmeStages, 'closed' as const].map((s) => programmeStageLabels[s]).every(Boolean)).toBe(true);
      expect(programmeDocumentKinds.every((k) => /[А-Яа-яЁё]/.test(programmeDocumentKindLabels[k]))).toBe(true);
    });
  });

  describe('implementsTargetModel (004 slide 27)', () => {
    const withActs = fold([...inPreparatory, recorded(doc('implementationAct')), recorded(doc('regulationApprovalOrder'))]);

    it('holds with the act, the regulation order, an order with consents and an approved programme', () => {
      expect(implementsTargetModel(withActs, ready)).toBe(true);
      expect(targetModelDocuments(withActs, ready)).toEqual({
        implementationAct: true,
        regulationApprovalOrder: true,
        pairAssignmentOrderWithConsent: true,
        approvedPersonalisedProgramme: true,
        mentorContractSupplement: false,
      });
    });

    it('fails without any pair assigned by an order with consents', () =>
      expect(implementsTargetModel(withActs, { ...ready, pairsAssignedWithOrderAndConsents: 0 })).toBe(false));

    it('fails without an approved personalised programme', () =>
      expect(implementsTargetModel(withActs, { ...ready, pairsWithApprovedPersonalProgramme: 0 })).toBe(false));

    it('fails without the regulation order', () =>
      expect(implementsTargetModel(fold([...inPreparatory, recorded(doc('implementationAct'))]), ready)).toBe(false));

    it('fails before the programme starts', () => expect(implementsTargetModel(fold([]), ready)).toBe(false));
  });

  it('ignores events before the programme started', () => {
    expect(fold([curatorAppointed(), advanced('preparatory', 'design')])).toEqual({ status: 'notStarted' });
  });

  describe("the curator's stage-plan reminder task", () => {
    const reminder = { taskId: 'task-1', dueAt: '2026-04-30T20:00:00.000Z', dueLocalDate: '2026-04-30', remindAt: ['2026-04-28T20:00:00.000Z'] };
    const planWithReminder: ProgrammeCommand = { type: 'PlanStageDates', data: { stage: 'preparatory', plannedEnd: '2026-04-30', reminder }, metadata: curator };
    const raised: ProgrammeEvent = {
      type: 'TaskRaised',
      data: {
        taskId: 'task-1',
        kind: 'stagePlanReminder',
        title: `Завершить этап «${programmeStageLabels.preparatory}» до 2026-04-30`,
        assignee: { personId: 'curator-1', role: 'curator' },
        organisationId: 'org-1',
        subject: { type: 'programme', id: 'prog-1' },
        raisedAt: now,
        dueAt: reminder.dueAt,
        dueLocalDate: '2026-04-30',
        remindAt: reminder.remindAt,
      },
    };
    const plannedWithReminder: ProgrammeEvent = {
      type: 'StagePlanned',
      data: { programmeId: 'prog-1', stage: 'preparatory', plannedEnd: '2026-04-30', plannedAt: now, plannedBy: 'curator-1', reminderTaskId: 'task-1' },
    };

    it('raises a task for the curator, due at the end of the planned day', () =>
      spec.given(inPreparatory).when(planWithReminder).then([plannedWithReminder, raised]));

    it('reminds the curator while the task is open, and not after it is done', () => {
      const remind: ProgrammeCommand = { type: 'RemindProgrammeTask', data: { taskId: 'task-1' }, metadata: at('system', 'administrator', '2026-04-28T20:00:00.000Z') };
      spec.given([...inPreparatory, plannedWithReminder, raised]).when(remind).then([
        { type: 'TaskReminded', data: { taskId: 'task-1', remindedAt: '2026-04-28T20:00:00.000Z', assignee: { personId: 'curator-1', role: 'curator' } } },
      ]);
      spec
        .given([...inPreparatory, plannedWithReminder, raised, { type: 'TaskCompleted', data: { taskId: 'task-1', completedAt: now, completedBy: 'curator-1', result: 'Этап завершён' } }])
        .when(remind)
        .then([]);
    });

    it('marks the task overdue together with the stage plan', () =>
      spec.given([...inPreparatory, plannedWithReminder, raised]).when(overdue('preparatory', '2026-04-30')).then([
        { type: 'StagePlanOverdue', data: { programmeId: 'prog-1', stage: 'preparatory', plannedEnd: '2026-04-30', detectedAt: '2026-05-01T00:00:00.000Z' } },
        { type: 'TaskOverdue', data: { taskId: 'task-1', overdueAt: '2026-05-01T00:00:00.000Z' } },
      ]));

    it('completes the task when the curator leaves the stage', () => {
      const [advancedEvent] = programmeDecider.decide(advance(ready), fold([...inPreparatory, ...['implementationAct', 'regulationApprovalOrder'].map((k) => recorded(doc(k as ProgrammeDocumentKind)))]));
      spec
        .given([...inPreparatory, recorded(doc('implementationAct')), recorded(doc('regulationApprovalOrder')), plannedWithReminder, raised])
        .when(advance(ready))
        .then([
          advancedEvent as ProgrammeEvent,
          { type: 'TaskCompleted', data: { taskId: 'task-1', completedAt: now, completedBy: 'curator-1', result: 'Этап завершён' } },
        ]);
    });

    it('cancels the old reminder when the plan moves', () =>
      spec
        .given([...inPreparatory, plannedWithReminder, raised])
        .when({ type: 'PlanStageDates', data: { stage: 'preparatory', plannedEnd: '2026-05-15', reminder: { ...reminder, taskId: 'task-2', dueLocalDate: '2026-05-15' } }, metadata: curator })
        .thenEventTypes(['StagePlanned', 'TaskCancelled', 'TaskRaised']));
  });
});
