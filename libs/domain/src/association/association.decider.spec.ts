import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import type { AssociationCommand } from './association.commands';
import { associationDecider } from './association.decider';
import type { AssociationEvent, AssociationMeeting } from './association.events';
import { associationFiguresAsOf } from './association.reports';
import type { CreatedAssociation } from './association.state';

const spec = deciderSpec(associationDecider);
const now = '2026-10-05T09:00:00.000Z';
const curator: CommandMetadata = { actorId: 'curator-1', role: 'curator', now, today: '2026-10-05' };
const mentorA: CommandMetadata = { actorId: 'mentor-a', role: 'mentor', now, today: '2026-10-05' };

const created: AssociationEvent = {
  type: 'AssociationCreated',
  data: {
    associationId: 'mo-1',
    name: 'МО наставников школы № 5',
    level: 'organisation',
    organisationId: 'org-1',
    municipality: 'г. Тольятти',
    region: 'Самарская область',
    createdAt: now,
    createdBy: 'curator-1',
  },
};
const member = (personId: string, addedAt = now): AssociationEvent => ({
  type: 'AssociationMemberAdded',
  data: { personId, organisationId: 'org-1', addedAt, addedBy: 'curator-1' },
});
const command = <T extends AssociationCommand['type']>(
  type: T,
  data: Extract<AssociationCommand, { type: T }>['data'],
  metadata = curator,
): AssociationCommand => ({ type, data, metadata }) as AssociationCommand;

const planItem = (patch: Record<string, unknown> = {}) =>
  command('AddPlanItem', {
    itemId: 'item-1',
    title: ' Семинар «Адаптация молодого педагога» ',
    date: '2026-11-20',
    responsibleId: 'mentor-a',
    dueAt: '2026-11-20T20:59:59.999Z',
    ...patch,
  });

/** The first meeting's minutes: what the default command sends and the held event keeps. */
const minutes: AssociationMeeting = {
  meetingId: 'meeting-1',
  date: '2026-10-01',
  minutesNumber: '1',
  agenda: 'Утверждение плана работы на год',
  decisions: 'План утвердить',
  attendeeIds: ['mentor-a'],
};
const meeting = (patch: Record<string, unknown> = {}) => command('RecordAssociationMeeting', { ...minutes, ...patch });

describe('mentors’ methodical association decider (issue 28)', () => {
  it('a curator creates the organisation’s association, trimmed', () =>
    spec
      .given([])
      .when(
        command('CreateAssociation', {
          associationId: 'mo-1',
          name: '  МО наставников школы № 5 ',
          level: 'organisation',
          organisationId: 'org-1',
          municipality: 'г. Тольятти',
          region: 'Самарская область',
        }),
      )
      .then([created]));

  it('a mentor may not create one; a municipality’s is the regional coordinator’s too', () => {
    const data = { ...created.data, level: 'municipality' as const };
    spec
      .given([])
      .when(command('CreateAssociation', data, mentorA))
      .thenRefuses('association.forbidden');
    spec
      .given([])
      .when(command('CreateAssociation', data, { ...curator, role: 'regionalCoordinator' }))
      .thenEventTypes(['AssociationCreated']);
  });

  it('refuses a blank name, naming it', () =>
    spec
      .given([])
      .when(command('CreateAssociation', { ...created.data, name: ' ' } as never))
      .thenRefuses('association.invalid', ['name.missing']));

  it('adds and removes members, once each', () => {
    spec
      .given([created])
      .when(command('AddAssociationMember', { personId: 'mentor-a', organisationId: 'org-1' }))
      .then([member('mentor-a')]);
    spec
      .given([created, member('mentor-a')])
      .when(command('AddAssociationMember', { personId: 'mentor-a', organisationId: 'org-1' }))
      .thenRefuses('association.member.conflict');
    spec
      .given([created, member('mentor-a')])
      .when(command('RemoveAssociationMember', { personId: 'mentor-a' }))
      .thenEventTypes(['AssociationMemberRemoved']);
    spec
      .given([created])
      .when(command('RemoveAssociationMember', { personId: 'x' }))
      .thenRefuses('association.member.notFound');
  });

  it('a plan item becomes the responsible member’s task due on its date', () =>
    spec
      .given([created, member('mentor-a')])
      .when(planItem())
      .then([
        {
          type: 'AssociationPlanItemAdded',
          data: {
            itemId: 'item-1',
            title: 'Семинар «Адаптация молодого педагога»',
            date: '2026-11-20',
            responsibleId: 'mentor-a',
            addedAt: now,
            addedBy: 'curator-1',
          },
        },
        {
          type: 'TaskRaised',
          data: {
            taskId: 'item-1',
            kind: 'associationPlanItem',
            title: 'План МО «МО наставников школы № 5»: Семинар «Адаптация молодого педагога»',
            assignee: { personId: 'mentor-a', role: 'mentor' },
            organisationId: 'org-1',
            subject: { type: 'association', id: 'mo-1' },
            raisedAt: now,
            dueAt: '2026-11-20T20:59:59.999Z',
            dueLocalDate: '2026-11-20',
            remindAt: [],
          },
        },
      ]));

  it('refuses a plan item with every gap named, and a responsible person who is not a member', () => {
    spec
      .given([created, member('mentor-a')])
      .when(planItem({ title: '', date: '20.11.2026', responsibleId: '' }))
      .thenRefuses('association.plan.invalid', ['title.missing', 'date.invalid', 'responsibleId.missing']);
    spec
      .given([created, member('mentor-a')])
      .when(planItem({ responsibleId: 'stranger' }))
      .thenRefuses('association.plan.responsible.notMember');
  });

  it('the responsible member marks the item done; another mentor may not', () => {
    const given = [
      created,
      member('mentor-a'),
      ...associationDecider.decide(planItem(), {
        ...[created, member('mentor-a')].reduce(associationDecider.evolve, associationDecider.initialState()),
      }),
    ];
    spec
      .given(given)
      .when(command('CompleteTask', { taskId: 'item-1', result: '' }, mentorA))
      .then([
        {
          type: 'TaskCompleted',
          data: { taskId: 'item-1', completedAt: now, completedBy: 'mentor-a', result: 'Выполнено' },
        },
      ]);
    spec
      .given(given)
      .when(command('CompleteTask', { taskId: 'item-1', result: '' }, { ...mentorA, actorId: 'mentor-b' }))
      .thenRefuses('task.forbidden');
  });

  it('records a meeting’s minutes with members present', () =>
    spec
      .given([created, member('mentor-a')])
      .when(meeting({ attendeeIds: ['mentor-a', 'mentor-a'] }))
      .then([
        {
          type: 'AssociationMeetingHeld',
          data: {
            meeting: minutes,
            recordedAt: now,
            recordedBy: 'curator-1',
          },
        },
      ]));

  it('refuses minutes of a meeting after today, without agenda, decisions or number, or with a non-member', () =>
    spec
      .given([created, member('mentor-a')])
      .when(meeting({ date: '2026-10-06', minutesNumber: ' ', agenda: '', decisions: '', attendeeIds: ['stranger'] }))
      .thenRefuses('association.meeting.invalid', [
        'meeting.date.inFuture',
        'meeting.minutesNumber.empty',
        'agenda.missing',
        'decisions.missing',
        'attendeeIds.notMember',
      ]));

  it('reads an association’s events back into its state', () => {
    const state = [created, member('mentor-a'), member('mentor-b')].reduce(
      associationDecider.evolve,
      associationDecider.initialState(),
    );
    expect(state).toMatchObject({ status: 'created', members: [{ personId: 'mentor-a' }, { personId: 'mentor-b' }] });
  });
});

describe('association figures as of a day (issue 28)', () => {
  const fold = (events: AssociationEvent[]) =>
    events.reduce(associationDecider.evolve, associationDecider.initialState()) as CreatedAssociation;
  const later = '2026-11-10T09:00:00.000Z';
  const at = (instant: string): CommandMetadata => ({ ...curator, now: instant, today: instant.slice(0, 10) });
  // Decided as they happen: a plan item added on 1 November and done on the 15th, another added on the 12th.
  const history: AssociationEvent[] = [created, member('mentor-a'), member('mentor-b', later)];
  const decided = (next: AssociationCommand) => history.push(...associationDecider.decide(next, fold(history)));
  decided({ ...planItem(), metadata: at('2026-11-01T09:00:00.000Z') });
  decided({ ...planItem({ itemId: 'item-2', title: 'Открытый урок' }), metadata: at('2026-11-12T09:00:00.000Z') });
  decided(command('CompleteTask', { taskId: 'item-1', result: 'Проведён' }, at('2026-11-15T09:00:00.000Z')));
  const association = fold([
    ...history,
    {
      type: 'AssociationMemberRemoved',
      data: { personId: 'mentor-a', removedAt: '2026-12-01T09:00:00.000Z', removedBy: 'curator-1' },
    },
    {
      type: 'AssociationMeetingHeld',
      data: {
        meeting: {
          meetingId: 'm-1',
          date: '2026-11-05',
          minutesNumber: '1',
          agenda: 'План',
          decisions: 'Утвердить',
          attendeeIds: ['mentor-a'],
        },
        recordedAt: '2026-11-06T09:00:00.000Z',
        recordedBy: 'curator-1',
      },
    },
  ]);

  it('counts the members of that day, the meetings held and the plan items done or open by then', () => {
    expect(associationFiguresAsOf([association], '2026-10-04T20:59:59.999Z', '2026-10-04')).toEqual({
      associations: 0,
      members: 0,
      meetingsHeld: 0,
      planItemsDone: 0,
      planItemsOpen: 0,
    });
    expect(associationFiguresAsOf([association], '2026-11-05T20:59:59.999Z', '2026-11-05')).toEqual({
      associations: 1,
      members: 1,
      meetingsHeld: 0,
      planItemsDone: 0,
      planItemsOpen: 1,
    });
    expect(associationFiguresAsOf([association], '2026-11-12T20:59:59.999Z', '2026-11-12')).toEqual({
      associations: 1,
      members: 2,
      meetingsHeld: 1,
      planItemsDone: 0,
      planItemsOpen: 2,
    });
    expect(associationFiguresAsOf([association], '2026-12-02T20:59:59.999Z', '2026-12-02')).toEqual({
      associations: 1,
      members: 1,
      meetingsHeld: 1,
      planItemsDone: 1,
      planItemsOpen: 1,
    });
  });
});
