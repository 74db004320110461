import type { ProgrammeCommand } from './programme.commands';
import type { ProgrammeDocumentKind } from './programme.events';
import {
  admin,
  advance,
  advanced,
  closedProgramme,
  curator,
  curatorAppointed,
  director,
  doc,
  fold,
  inPreparatory,
  otherCurator,
  overdue,
  plan,
  ready,
  record,
  recorded,
  returnTo,
  spec,
  started,
} from './programme.fixtures';

describe('organisation mentoring programme', () => {
  describe('StartProgramme', () => {
    const startData = {
      programmeId: 'prog-1',
      organisationId: 'org-1',
      title: ' Программа наставничества педагогических работников на 2026 год ',
    };

    it('starts in the preparatory stage', () =>
      spec.given([]).when({ type: 'StartProgramme', data: startData, metadata: director }).then([started]));

    it('accepts an earlier real start date', () =>
      spec
        .given([])
        .when({ type: 'StartProgramme', data: { ...startData, startedAt: '2026-01-12T05:00:00Z' }, metadata: admin })
        .then([{ ...started, data: { ...started.data, startedAt: '2026-01-12T05:00:00Z', startedBy: 'admin-1' } }]));

    it('refuses a second start', () =>
      spec
        .given([started])
        .when({ type: 'StartProgramme', data: startData, metadata: director })
        .thenRefuses('programme.alreadyStarted'));

    it('refuses a curator: the director starts the programme', () =>
      spec
        .given([])
        .when({ type: 'StartProgramme', data: startData, metadata: curator })
        .thenRefuses('programme.forbidden'));

    it('lists every blank required field', () =>
      spec
        .given([])
        .when({
          type: 'StartProgramme',
          data: { programmeId: 'prog-1', organisationId: '', title: '  ' },
          metadata: director,
        })
        .thenRefuses('programme.invalid', ['programme.organisationId.empty', 'programme.title.empty']));

    it.each(['2026-03-03T00:00:00Z', '2026-01-12', 'вчера'])(
      'refuses the start instant %p (future or not an instant)',
      (startedAt) =>
        spec
          .given([])
          .when({ type: 'StartProgramme', data: { ...startData, startedAt }, metadata: director })
          .thenRefuses('programme.startedAt.invalid'),
    );
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
      spec
        .given([started])
        .when({ type: 'AppointCurator', data: { curatorId: ' ' }, metadata: director })
        .thenRefuses('programme.curator.empty'));

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
      spec
        .given(inPreparatory)
        .when(record(doc('implementationAct'), otherCurator))
        .thenRefuses('programme.forbidden'));

    it('refuses an unknown kind', () =>
      spec
        .given(inPreparatory)
        .when(record(doc('memo' as ProgrammeDocumentKind)))
        .thenRefuses('programme.document.kindUnknown'));

    it('lists every invalid field', () =>
      spec
        .given(inPreparatory)
        .when(record(doc('roadMap', 'doc-x', { number: '', date: '2026-02-30', signedBy: ' ' })))
        .thenRefuses('programme.document.invalid', [
          'document.number.empty',
          'document.date.invalid',
          'document.signedBy.empty',
        ]));

    it('refuses a document dated after today in the organisation’s zone, and accepts one dated today', () => {
      const localToday = { ...curator, now: '2026-03-02T20:30:00.000Z', today: '2026-03-03' };
      spec
        .given(inPreparatory)
        .when(record(doc('implementationAct', 'doc-act', { date: '2026-03-04' }), localToday))
        .thenRefuses('programme.document.invalid', ['document.date.future']);
      spec
        .given(inPreparatory)
        .when(record(doc('implementationAct', 'doc-act', { date: '2026-03-03' }), localToday))
        .then([
          {
            type: 'DocumentRecorded',
            data: {
              ...doc('implementationAct', 'doc-act', { date: '2026-03-03' }),
              programmeId: 'prog-1',
              stage: 'preparatory',
              recordedAt: '2026-03-02T20:30:00.000Z',
              recordedBy: 'curator-1',
            },
          },
        ]);
    });

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

  it('ignores events before the programme started', () => {
    expect(fold([curatorAppointed(), advanced('preparatory', 'design')])).toEqual({ status: 'notStarted' });
  });
});
