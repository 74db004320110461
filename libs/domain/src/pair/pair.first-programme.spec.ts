// Issue 26: before any approval the mentor proposes the first programme; the controller returns it with a
// comment or approves it, and approving it is the programme's approval (the same events as a direct one).
import type { PairCommand } from './pair.commands';
import type { PairEvent } from './pair.events';
import {
  admin,
  approve,
  approved,
  at,
  curator,
  formedState,
  inFormed,
  mentee,
  mentor,
  mentorReport,
  now,
  programmeData,
  spec,
  interimControl,
  finalControl,
} from './pair.fixtures';

const proposal = {
  correctionId: 'first-1',
  reason: ' Первая версия по итогам диагностики ',
  start: programmeData.start,
  end: programmeData.end,
  directions: programmeData.directions,
  activities: programmeData.activities,
  difficulties: programmeData.difficulties,
};
const propose = (data: Partial<typeof proposal> = {}, metadata = mentor): PairCommand => ({
  type: 'ProposeProgrammeCorrection',
  data: { ...proposal, ...data },
  metadata,
});
const proposed: PairEvent = {
  type: 'PersonalProgrammeCorrectionProposed',
  data: {
    pairId: 'pair-1',
    ...proposal,
    reason: 'Первая версия по итогам диагностики',
    directions: ['Методика преподавания', 'Работа с родителями'],
    proposedAt: now,
    proposedBy: 'mentor-1',
  },
};
const decide = (
  data: Partial<Extract<PairCommand, { type: 'DecideProgrammeCorrection' }>['data']> = {},
  metadata = at('head-1', 'commissionHead'),
): PairCommand => ({
  type: 'DecideProgrammeCorrection',
  data: { correctionId: 'first-1', decision: 'approved', interimControl, finalControl, mentorReport, ...data },
  metadata,
});
const returned: PairEvent = {
  type: 'PersonalProgrammeCorrectionReturned',
  data: {
    pairId: 'pair-1',
    correctionId: 'first-1',
    comment: 'Добавьте посещение уроков',
    returnedAt: now,
    returnedBy: 'head-1',
  },
};
/** The direct approval's events, less the programme document the proposal does not carry, naming the proposal. */
const approvedFromProposal = (): PairEvent[] => {
  const [first, ...raised] = approved;
  if (first?.type !== 'PersonalProgrammeApproved') throw new Error('expected the approval');
  const data = { ...first.data, correctionId: 'first-1' };
  delete data.programmeDocId;
  return [{ ...first, data }, ...raised];
};

describe('the first personalised programme, proposed by the mentor', () => {
  it('records the mentor’s proposal on a formed pair', () => spec.given(inFormed).when(propose()).then([proposed]));

  it('refuses a proposal by anyone but the mentor, a second pending one, and a programme with gaps', () => {
    spec.given(inFormed).when(propose({}, mentee)).thenRefuses('pair.forbidden');
    spec
      .given([...inFormed, proposed])
      .when(propose({ correctionId: 'first-2' }))
      .thenRefuses('pair.correction.pending');
    spec
      .given(inFormed)
      .when(propose({ reason: ' ' }))
      .thenRefuses('pair.correction.reason.empty');
    spec
      .given(inFormed)
      .when(propose({ directions: [] }))
      .thenRefuses('pair.correction.invalid', ['programme.directions.empty']);
  });

  it('returns it with a required comment, which the mentor sees until the next proposal', () => {
    spec
      .given([...inFormed, proposed])
      .when(decide({ decision: 'returned', comment: ' ' }))
      .thenRefuses('pair.correction.comment.empty');
    spec
      .given([...inFormed, proposed])
      .when(decide({ decision: 'returned', comment: ' Добавьте посещение уроков ' }))
      .then([returned]);
    const afterReturn = formedState([...inFormed, proposed, returned]);
    expect(afterReturn.status).toBe('formed');
    expect(afterReturn.returnedCorrection?.comment).toBe('Добавьте посещение уроков');
    spec
      .given([...inFormed, proposed, returned])
      .when(propose({ correctionId: 'first-2' }))
      .then([{ ...proposed, data: { ...proposed.data, correctionId: 'first-2' } } as PairEvent]);
  });

  it('approving it is the programme’s approval: the same events, the deciding head controls the pair', () =>
    spec
      .given([...inFormed, proposed])
      .when(decide())
      .then(approvedFromProposal()));

  it('keeps the controller’s comment on approving it with version 1', () => {
    const [first, ...raised] = approvedFromProposal();
    const withComment = { ...first, data: { ...first!.data, comment: 'Утверждаю' } } as PairEvent;
    spec
      .given([...inFormed, proposed])
      .when(decide({ comment: ' Утверждаю ' }))
      .then([withComment, ...raised]);
    expect(formedState([...inFormed, proposed, withComment, ...raised]).personalProgrammeVersions?.[0]).toMatchObject({
      comment: 'Утверждаю',
      reason: 'Первая версия по итогам диагностики',
    });
  });

  it('makes the pair active with version 1 proposed by the mentor, nothing left pending', () => {
    const pair = formedState([...inFormed, proposed, ...approvedFromProposal()]);
    expect(pair.status).toBe('active');
    expect(pair.pendingCorrection).toBeUndefined();
    expect(pair.personalProgrammeVersions).toEqual([
      expect.objectContaining({ version: 1, correctionId: 'first-1', proposedBy: 'mentor-1', approvedBy: 'head-1' }),
    ]);
  });

  it('asks an administrator to name the controller, and the mentor cannot approve', () => {
    spec
      .given([...inFormed, proposed])
      .when(decide({}, admin))
      .thenRefuses('pair.correction.controllerMissing');
    spec
      .given([...inFormed, proposed])
      .when(decide({}, mentor))
      .thenRefuses('pair.forbidden');
  });

  it('keeps the controller’s direct approval, which clears a pending proposal', () => {
    spec
      .given([...inFormed, proposed])
      .when(approve({}, curator))
      .then(
        approved.map((event) =>
          event.type === 'PersonalProgrammeApproved'
            ? ({ ...event, data: { ...event.data, approvedBy: 'curator-1' } } as PairEvent)
            : event,
        ),
      );
    const pair = formedState([...inFormed, proposed, ...approved]);
    expect(pair.pendingCorrection).toBeUndefined();
    expect(pair.personalProgrammeVersions?.[0]?.proposedBy).toBeUndefined();
  });
});
