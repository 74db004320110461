import { decider, decideBy, type CommandMetadata } from '../shared/decider';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { requireCompletable, taskCompleted } from '../task/task.state';
import { isUnsetOrBlank } from '../shared/text';
import type {
  AddAssociationMember,
  AddPlanItem,
  AssociationCommand,
  CompleteAssociationTask,
  CreateAssociation,
  RecordAssociationMeeting,
  RemoveAssociationMember,
} from './association.commands';
import { isAssociationLevel, type AssociationEvent, type AssociationLevel } from './association.events';
import {
  associationKeeperMessages,
  associationKeeperRoles,
  associationMeetingProblems,
  associationNameProblems,
  planItemProblems,
} from './association.rules';
import {
  evolveAssociation,
  initialAssociationState,
  type AssociationState,
  type CreatedAssociation,
} from './association.state';

const requireKeeper = (level: AssociationLevel, metadata: CommandMetadata): void => {
  if (!associationKeeperRoles[level].some((role) => role === metadata.role))
    refuse('association.forbidden', associationKeeperMessages[level]);
};

const existing = (state: AssociationState): CreatedAssociation =>
  state.status === 'none' ? refuse('association.notFound', 'Методическое объединение не найдено') : state;

const kept = (state: AssociationState, metadata: CommandMetadata): CreatedAssociation => {
  const association = existing(state);
  requireKeeper(association.level, metadata);
  return association;
};

const isMember = (association: CreatedAssociation, personId: string): boolean =>
  association.members.some((m) => m.personId === personId);

const create = ({ data, metadata }: CreateAssociation, state: AssociationState): AssociationEvent[] => {
  if (state.status !== 'none') return refuse('association.exists.conflict', 'Методическое объединение уже создано');
  if (!isAssociationLevel(data.level))
    return refuse('association.level.unknown', 'Укажите уровень: образовательная организация или муниципалитет');
  requireKeeper(data.level, metadata);
  refuseIfAny('association.invalid', 'Методическое объединение заполнено неверно', [
    ...associationNameProblems(data.name),
    ...unmetIf(isUnsetOrBlank(data.municipality), 'municipality.missing', 'Не указано муниципальное образование'),
  ]);
  return [
    {
      type: 'AssociationCreated',
      data: {
        associationId: data.associationId,
        name: data.name.trim(),
        level: data.level,
        organisationId: data.organisationId,
        municipality: data.municipality.trim(),
        region: data.region,
        createdAt: metadata.now,
        createdBy: metadata.actorId,
      },
    },
  ];
};

const addMember = ({ data, metadata }: AddAssociationMember, state: AssociationState): AssociationEvent[] => {
  const association = kept(state, metadata);
  if (isMember(association, data.personId))
    return refuse('association.member.conflict', 'Этот наставник уже входит в методическое объединение');
  return [
    {
      type: 'AssociationMemberAdded',
      data: { ...data, addedAt: metadata.now, addedBy: metadata.actorId },
    },
  ];
};

const removeMember = ({ data, metadata }: RemoveAssociationMember, state: AssociationState): AssociationEvent[] => {
  const association = kept(state, metadata);
  if (!isMember(association, data.personId))
    return refuse('association.member.notFound', 'Этот человек не входит в методическое объединение');
  return [
    {
      type: 'AssociationMemberRemoved',
      data: { personId: data.personId, removedAt: metadata.now, removedBy: metadata.actorId },
    },
  ];
};

/** A plan item is one task of the responsible member, due at the end of the item's date (002 §11: the yearly plan). */
const addPlanItem = ({ data, metadata }: AddPlanItem, state: AssociationState): AssociationEvent[] => {
  const association = kept(state, metadata);
  refuseIfAny('association.plan.invalid', 'Мероприятие плана заполнено неверно', planItemProblems(data));
  const responsible = association.members.find((m) => m.personId === data.responsibleId);
  if (responsible === undefined)
    return refuse(
      'association.plan.responsible.notMember',
      'Ответственным за мероприятие может быть только член методического объединения',
    );
  if (association.plan.some((item) => item.itemId === data.itemId))
    return refuse('association.plan.exists.conflict', 'Такое мероприятие уже есть в плане');
  const title = data.title.trim();
  return [
    {
      type: 'AssociationPlanItemAdded',
      data: {
        itemId: data.itemId,
        title,
        date: data.date,
        responsibleId: data.responsibleId,
        addedAt: metadata.now,
        addedBy: metadata.actorId,
      },
    },
    {
      type: 'TaskRaised',
      data: {
        taskId: data.itemId,
        kind: 'associationPlanItem',
        title: `План МО «${association.name}»: ${title}`,
        assignee: { personId: responsible.personId, role: 'mentor' },
        organisationId: responsible.organisationId,
        subject: { type: 'association', id: association.associationId },
        raisedAt: metadata.now,
        dueAt: data.dueAt,
        dueLocalDate: data.date,
        remindAt: [],
      },
    },
  ];
};

const recordMeeting = ({ data, metadata }: RecordAssociationMeeting, state: AssociationState): AssociationEvent[] => {
  const association = kept(state, metadata);
  const attendees = Array.isArray(data.attendeeIds) ? [...new Set(data.attendeeIds)] : [];
  refuseIfAny('association.meeting.invalid', 'Протокол заседания заполнен неверно', [
    ...associationMeetingProblems(data, metadata),
    ...unmetIf(
      attendees.some((id) => !isMember(association, id)),
      'attendeeIds.notMember',
      'Присутствовавшими могут быть только члены методического объединения',
    ),
  ]);
  if (association.meetings.some((m) => m.meetingId === data.meetingId))
    return refuse('association.meeting.exists.conflict', 'Это заседание уже записано');
  return [
    {
      type: 'AssociationMeetingHeld',
      data: {
        meeting: {
          meetingId: data.meetingId,
          date: data.date,
          minutesNumber: data.minutesNumber.trim(),
          agenda: data.agenda.trim(),
          decisions: data.decisions.trim(),
          attendeeIds: attendees,
        },
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
  ];
};

/** The responsible member marks the plan item done; the keepers may close it for them. */
const completeTask = ({ data, metadata }: CompleteAssociationTask, state: AssociationState): AssociationEvent[] => {
  const association = existing(state);
  const keeper = associationKeeperRoles[association.level].some((role) => role === metadata.role);
  const task = requireCompletable(association.tasks, data.taskId, metadata.actorId, keeper);
  const result = typeof data.result === 'string' ? data.result.trim() : '';
  return [taskCompleted(task.taskId, metadata, result === '' ? 'Выполнено' : result)];
};

export const decideAssociation = decideBy<AssociationCommand, AssociationState, AssociationEvent>({
  CreateAssociation: create,
  AddAssociationMember: addMember,
  RemoveAssociationMember: removeMember,
  AddPlanItem: addPlanItem,
  RecordAssociationMeeting: recordMeeting,
  CompleteTask: completeTask,
});

/** The mentors' methodical association (issue 28): members, the yearly plan as tasks, meetings with minutes. */
export const associationDecider = decider(decideAssociation, evolveAssociation, initialAssociationState);
