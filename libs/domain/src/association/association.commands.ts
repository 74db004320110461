import type { DomainCommand } from '../shared/decider';
import type { AssociationCreated, AssociationMeeting } from './association.events';

export type CreateAssociation = DomainCommand<
  'CreateAssociation',
  Omit<AssociationCreated['data'], 'createdAt' | 'createdBy'>
>;
/** `organisationId`: where the person works (the API finds it in the directory). */
export type AddAssociationMember = DomainCommand<
  'AddAssociationMember',
  { readonly personId: string; readonly organisationId: string }
>;
export type RemoveAssociationMember = DomainCommand<'RemoveAssociationMember', { readonly personId: string }>;
/** `dueAt`: the end of `date` in the host's time zone, computed by the workflow. */
export type AddPlanItem = DomainCommand<
  'AddPlanItem',
  {
    readonly itemId: string;
    readonly title: string;
    readonly date: string;
    readonly responsibleId: string;
    readonly dueAt: string;
  }
>;
export type RecordAssociationMeeting = DomainCommand<'RecordAssociationMeeting', AssociationMeeting>;
/** The responsible person marks a plan item done: its task completes. */
export type CompleteAssociationTask = DomainCommand<
  'CompleteTask',
  { readonly taskId: string; readonly result: string }
>;

export type AssociationCommand =
  | CreateAssociation
  | AddAssociationMember
  | RemoveAssociationMember
  | AddPlanItem
  | RecordAssociationMeeting
  | CompleteAssociationTask;
