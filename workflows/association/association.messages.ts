import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AddAssociationMember,
  AddPlanItem,
  AssociationState,
  CommandMetadata,
  CreateAssociation,
  RecordAssociationMeeting,
  RemoveAssociationMember,
} from '../../libs/domain/src';
import type { AggregateSnapshot } from '../shared/aggregate-runner';
import type { Envelope } from '../shared/envelope';

export interface AssociationWorkflowInput {
  association: CreateAssociation['data'];
  /** The host organisation's zone: a plan item is due at the end of its date there. */
  timeZone: string;
  metadata: CommandMetadata;
  snapshot?: AggregateSnapshot<AssociationState>;
  continueAsNewAfterEvents?: number;
}

export interface AssociationView {
  state: AssociationState;
  version: number;
}

export const associationCreatedUpdate = defineUpdate<AssociationView>('associationCreated');
export const addAssociationMemberUpdate = defineUpdate<AssociationView, [Envelope<AddAssociationMember['data']>]>(
  'addAssociationMember',
);
export const removeAssociationMemberUpdate = defineUpdate<AssociationView, [Envelope<RemoveAssociationMember['data']>]>(
  'removeAssociationMember',
);
/** The due instant is the workflow's to compute, from the item's date in the host's zone. */
export const addPlanItemUpdate = defineUpdate<AssociationView, [Envelope<Omit<AddPlanItem['data'], 'dueAt'>>]>(
  'addPlanItem',
);
export const recordAssociationMeetingUpdate = defineUpdate<
  AssociationView,
  [Envelope<RecordAssociationMeeting['data']>]
>('recordAssociationMeeting');

export const associationViewQuery = defineQuery<AssociationView>('associationView');
