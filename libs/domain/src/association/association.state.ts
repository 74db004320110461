import { evolveTasks, type Tasks } from '../task/task.state';
import { isTaskEvent } from '../task/task.events';
import type {
  AssociationCreated,
  AssociationEvent,
  AssociationMeeting,
  AssociationPlanItemAdded,
} from './association.events';

export interface AssociationMember {
  readonly personId: string;
  readonly organisationId: string;
  readonly addedAt: string;
}

export type AssociationPlanItem = Omit<AssociationPlanItemAdded['data'], 'addedBy'>;

export interface CreatedAssociation extends Omit<AssociationCreated['data'], 'createdBy'> {
  readonly status: 'created';
  readonly members: readonly AssociationMember[];
  /** Who left, with when they had joined: the reports count the members of any past date. */
  readonly formerMembers: readonly (AssociationMember & { readonly removedAt: string })[];
  readonly plan: readonly AssociationPlanItem[];
  readonly meetings: readonly (AssociationMeeting & { readonly recordedAt: string })[];
  /** The plan items' tasks, by task id (= item id). */
  readonly tasks: Tasks;
}

export type AssociationState = { readonly status: 'none' } | CreatedAssociation;

export const initialAssociationState = (): AssociationState => ({ status: 'none' });

export const evolveAssociation = (state: AssociationState, event: AssociationEvent): AssociationState => {
  if (event.type === 'AssociationCreated') {
    const { associationId, name, level, organisationId, municipality, region, createdAt } = event.data;
    return {
      ...{ associationId, name, level, organisationId, municipality, region, createdAt },
      status: 'created',
      members: [],
      formerMembers: [],
      plan: [],
      meetings: [],
      tasks: {},
    };
  }
  if (state.status === 'none') return state;
  if (isTaskEvent(event)) return { ...state, tasks: evolveTasks(state.tasks, event) };
  switch (event.type) {
    case 'AssociationMemberAdded':
      return {
        ...state,
        members: [
          ...state.members,
          { personId: event.data.personId, organisationId: event.data.organisationId, addedAt: event.data.addedAt },
        ],
      };
    case 'AssociationMemberRemoved':
      return {
        ...state,
        members: state.members.filter((m) => m.personId !== event.data.personId),
        formerMembers: [
          ...state.formerMembers,
          ...state.members
            .filter((m) => m.personId === event.data.personId)
            .map((m) => ({ ...m, removedAt: event.data.removedAt })),
        ],
      };
    case 'AssociationPlanItemAdded': {
      const { itemId, title, date, responsibleId, addedAt } = event.data;
      return { ...state, plan: [...state.plan, { itemId, title, date, responsibleId, addedAt }] };
    }
    case 'AssociationMeetingHeld':
      return { ...state, meetings: [...state.meetings, { ...event.data.meeting, recordedAt: event.data.recordedAt }] };
  }
};
