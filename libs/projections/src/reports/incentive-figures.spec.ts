import { incentiveFigures, summedIncentiveFigures } from './incentive-figures';
import type { FactRow } from './report-queries';

const row = (id: string, facts: object): FactRow => ({
  subjectType: 'incentive',
  subjectId: id,
  organisationId: 'org-1',
  facts,
});

describe('incentive figures (issue 28: how many were rewarded, how)', () => {
  const rows = [
    row('1', {
      status: 'approved',
      kind: 'honouredMentorBadge',
      kindName: 'Знак',
      recipientRole: 'mentor',
      personId: 'm1',
    }),
    row('2', { status: 'approved', kind: 'diploma', kindName: 'Диплом', recipientRole: 'mentor', personId: 'm1' }),
    row('3', { status: 'approved', kind: 'diploma', kindName: 'Диплом', recipientRole: 'mentee', personId: 'e1' }),
    row('4', { status: 'proposed', kind: 'diploma', kindName: 'Диплом', recipientRole: 'mentor', personId: 'm2' }),
    row('5', { status: 'declined', kind: 'bonus', kindName: 'Премия', recipientRole: 'mentor', personId: 'm3' }),
  ];

  it('given granted, proposed and declined incentives, counts only the granted ones, each person once per role', () =>
    expect(incentiveFigures(rows)).toEqual({
      granted: 3,
      mentorsRewarded: 1,
      menteesRewarded: 1,
      awaitingDecision: 1,
      byKind: [
        { kind: 'honouredMentorBadge', label: 'Знак', count: 1 },
        { kind: 'diploma', label: 'Диплом', count: 2 },
      ],
    }));

  it('sums organisations for the region, by kind', () => {
    const one = incentiveFigures(rows);
    expect(summedIncentiveFigures([one, one, undefined])).toMatchObject({
      granted: 6,
      mentorsRewarded: 2,
      byKind: [
        { kind: 'honouredMentorBadge', count: 2 },
        { kind: 'diploma', count: 4 },
      ],
    });
  });
});
