import { deciderSpec } from '../shared/testing';
import type { CommandMetadata } from '../shared/decider';
import type { IncentiveCommand, IncentiveKindCommand, ProposeIncentive } from './incentive.commands';
import type { IncentiveEvent, IncentiveKindEvent, IncentiveSubject } from './incentive.events';
import { incentiveDecider } from './incentive.decider';
import { incentiveKindsDecider } from './incentive-kinds.decider';
import { activeIncentiveKinds, initialIncentiveKindsState } from './incentive-kinds.state';

const spec = deciderSpec(incentiveDecider);
const now = '2026-10-05T09:00:00.000Z';
const later = '2026-10-07T09:00:00.000Z';
const mentor: CommandMetadata = { actorId: 'mentor-1', role: 'mentor', now };
const curator: CommandMetadata = { actorId: 'curator-1', role: 'curator', now };
const director: CommandMetadata = { actorId: 'director-1', role: 'director', now: later, today: '2026-10-07' };
const kinds = activeIncentiveKinds(initialIncentiveKindsState());

/** The mentor's грамота for her mentee: what the default proposal names and its event echoes. */
const subject: IncentiveSubject = {
  incentiveId: 'incentive-1',
  organisationId: 'org-1',
  personId: 'mentee-1',
  recipientRole: 'mentee',
  pairId: 'pair-1',
  kind: 'certificateOfHonour',
};

const propose = (patch: Partial<ProposeIncentive['data']> = {}, metadata = mentor): IncentiveCommand => ({
  type: 'ProposeIncentive',
  data: { ...subject, kinds, ...patch },
  metadata,
});
const approve = (date = '2026-10-06', metadata = director): IncentiveCommand => ({
  type: 'ApproveIncentive',
  data: { order: { number: ' 45-п ', date } },
  metadata,
});
const decline = (reason: string, metadata = director): IncentiveCommand => ({
  type: 'DeclineIncentive',
  data: { reason },
  metadata,
});

const proposed: IncentiveEvent = {
  type: 'IncentiveProposed',
  data: {
    ...subject,
    kindName: 'Почётная грамота',
    proposerRole: 'mentor',
    proposedAt: now,
    proposedBy: 'mentor-1',
  },
};
const approved: IncentiveEvent = {
  type: 'IncentiveApproved',
  data: {
    incentiveId: 'incentive-1',
    order: { number: '45-п', date: '2026-10-06' },
    approvedAt: later,
    approvedBy: 'director-1',
  },
};

describe('incentive decider (issue 28: 002 §5.1)', () => {
  describe('proposing', () => {
    it('given nothing, when the mentor proposes a грамота for her mentee, then it is proposed with the kind named', () =>
      spec.given([]).when(propose()).then([proposed]));

    it('given nothing, when the curator proposes «Почётный наставник» for a mentor, then it is proposed', () =>
      spec
        .given([])
        .when(
          propose(
            { personId: 'mentor-1', recipientRole: 'mentor', pairId: undefined, kind: 'honouredMentorBadge' },
            curator,
          ),
        )
        .thenEventTypes(['IncentiveProposed']));

    it('when a mentor proposes for a mentor, then it is refused: the curator proposes mentors', () =>
      spec
        .given([])
        .when(propose({ personId: 'mentor-2', recipientRole: 'mentor' }))
        .thenRefuses('incentive.forbidden'));

    it('when the curator proposes for a mentee, then it is refused: her mentor does', () =>
      spec.given([]).when(propose({}, curator)).thenRefuses('incentive.forbidden'));

    it('when the kind is not in the list, then it is refused naming the field', () =>
      spec
        .given([])
        .when(propose({ kind: 'medal' }))
        .thenRefuses('incentive.invalid', ['kind.unknown']));

    it('when the mentor names no pair, then it is refused', () =>
      spec
        .given([])
        .when(propose({ pairId: undefined }))
        .thenRefuses('incentive.invalid', ['pairId.missing']));

    it('when the amount is not a sum in roubles, then it is refused', () =>
      spec
        .given([])
        .when(propose({ kind: 'bonus', amount: 10.005 }))
        .thenRefuses('incentive.invalid', ['amount.invalid']));

    it('when a bonus has an amount, then the amount is kept', () =>
      spec
        .given([])
        .when(propose({ kind: 'bonus', amount: 5000 }))
        .then([
          { ...proposed, data: { ...proposed.data, kind: 'bonus', kindName: 'Премия / доплата', amount: 5000 } },
        ] as IncentiveEvent[]));

    it('given a proposal, when proposed again, then it is a conflict', () =>
      spec.given([proposed]).when(propose()).thenRefuses('incentive.exists.conflict'));
  });

  describe('deciding', () => {
    it('given a proposal, when the director approves with an order, then it is approved with the order trimmed', () =>
      spec.given([proposed]).when(approve()).then([approved]));

    it('given a proposal, when the order date lies after today, then it is refused', () =>
      spec
        .given([proposed])
        .when(approve('2026-10-08'))
        .thenRefuses('incentive.approval.invalid', ['order.date.inFuture']));

    it('given a proposal, when the order has no number, then it is refused naming the field', () =>
      spec
        .given([proposed])
        .when({ type: 'ApproveIncentive', data: { order: { number: ' ', date: '2026-10-06' } }, metadata: director })
        .thenRefuses('incentive.approval.invalid', ['order.number.missing']));

    it('given a proposal, when the curator approves, then it is refused: the director decides', () =>
      spec.given([proposed]).when(approve('2026-10-06', curator)).thenRefuses('incentive.decision.forbidden'));

    it('given a proposal, when the director declines with a reason, then it is declined', () =>
      spec
        .given([proposed])
        .when(decline('  Нет оснований в этом году '))
        .then([
          {
            type: 'IncentiveDeclined',
            data: {
              incentiveId: 'incentive-1',
              reason: 'Нет оснований в этом году',
              declinedAt: later,
              declinedBy: 'director-1',
            },
          },
        ]));

    it('given a proposal, when declined without a reason, then it is refused', () =>
      spec.given([proposed]).when(decline('  ')).thenRefuses('incentive.decline.invalid', ['reason.missing']));

    it('given an approved incentive, when declined, then it is a conflict', () =>
      spec.given([proposed, approved]).when(decline('Поздно')).thenRefuses('incentive.decided.conflict'));

    it('given nothing, when approved, then it is not found', () =>
      spec.given([]).when(approve()).thenRefuses('incentive.notFound'));
  });

  it('folds the decision into the state', () => {
    const state = [proposed, approved].reduce(incentiveDecider.evolve, incentiveDecider.initialState());
    expect(state).toMatchObject({ status: 'approved', order: { number: '45-п' }, decidedBy: 'director-1' });
  });
});

describe('incentive kinds (the administrator extends the closed list)', () => {
  const kindsSpec = deciderSpec(incentiveKindsDecider);
  const admin: CommandMetadata = { actorId: 'admin-1', role: 'administrator', now };
  const add = (name: string, metadata = admin): IncentiveKindCommand => ({
    type: 'AddIncentiveKind',
    data: { kindId: 'kind-1', name },
    metadata,
  });
  const added: IncentiveKindEvent = {
    type: 'IncentiveKindAdded',
    data: { kindId: 'kind-1', name: 'Медаль «Учитель года»', addedAt: now, addedBy: 'admin-1' },
  };

  it('when the administrator adds a kind, then it is added with its name tidied', () =>
    kindsSpec.given([]).when(add('  Медаль  «Учитель года» ')).then([added]));

  it('when someone else adds a kind, then it is refused', () =>
    kindsSpec.given([]).when(add('Медаль', curator)).thenRefuses('incentiveKind.forbidden'));

  it('when the name repeats a built-in kind, then it is a conflict', () =>
    kindsSpec.given([]).when(add('почётная грамота')).thenRefuses('incentiveKind.exists.conflict'));

  it('when the name is empty, then it is refused naming the field', () =>
    kindsSpec.given([]).when(add(' ')).thenRefuses('incentiveKind.invalid', ['name.missing']));

  it('when a built-in kind is removed, then it is refused', () =>
    kindsSpec
      .given([])
      .when({ type: 'RemoveIncentiveKind', data: { kindId: 'diploma' }, metadata: admin })
      .thenRefuses('incentiveKind.builtIn'));

  it('given an added kind, when removed, then it leaves the list offered for new proposals', () => {
    kindsSpec
      .given([added])
      .when({ type: 'RemoveIncentiveKind', data: { kindId: 'kind-1' }, metadata: admin })
      .thenEventTypes(['IncentiveKindRemoved']);
    const state = incentiveKindsDecider.evolve(
      incentiveKindsDecider.evolve(incentiveKindsDecider.initialState(), added),
      { type: 'IncentiveKindRemoved', data: { kindId: 'kind-1', removedAt: later, removedBy: 'admin-1' } },
    );
    expect(activeIncentiveKinds(state).map((k) => k.kindId)).not.toContain('kind-1');
    expect(activeIncentiveKinds(state)).toHaveLength(9);
  });
});
