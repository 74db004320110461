import type { Acted, DomainEvent } from '../shared/decider';
import type { MeetingRecord } from '../shared/meeting';
import { isOneOf } from '../shared/one-of';
import type { TaskEvent } from '../task/task.events';

/**
 * The level of a mentors' methodical association (МО наставников, 002 §9.1.2, §11; 004 slide 31): one
 * organisation's, or a municipality's — the latter kept by the municipal methodical centre that hosts it.
 */
export const associationLevels = ['organisation', 'municipality'] as const;
export type AssociationLevel = (typeof associationLevels)[number];
export const isAssociationLevel = isOneOf(associationLevels);

/** A session of the association: the shared meeting record, its agenda and decisions, and who attended (members' ids). */
export interface AssociationMeeting extends MeetingRecord {
  readonly agenda: string;
  readonly decisions: string;
  readonly attendeeIds: readonly string[];
}

export type AssociationCreated = DomainEvent<
  'AssociationCreated',
  {
    readonly associationId: string;
    readonly name: string;
    readonly level: AssociationLevel;
    /** The host: the organisation itself, or the municipal methodical centre of the municipality. */
    readonly organisationId: string;
    readonly municipality: string;
    readonly region: string;
  } & Acted<'created'>
>;

/** A member with the organisation they work in (their tasks are that organisation's). */
export type AssociationMemberAdded = DomainEvent<
  'AssociationMemberAdded',
  { readonly personId: string; readonly organisationId: string } & Acted<'added'>
>;

export type AssociationMemberRemoved = DomainEvent<
  'AssociationMemberRemoved',
  { readonly personId: string } & Acted<'removed'>
>;

/** An item of the yearly work plan; its task (raised beside it, same id) is the responsible person's. */
export type AssociationPlanItemAdded = DomainEvent<
  'AssociationPlanItemAdded',
  {
    readonly itemId: string;
    readonly title: string;
    /** YYYY-MM-DD, planned (may be ahead). */
    readonly date: string;
    readonly responsibleId: string;
  } & Acted<'added'>
>;

export type AssociationMeetingHeld = DomainEvent<
  'AssociationMeetingHeld',
  { readonly meeting: AssociationMeeting } & Acted<'recorded'>
>;

export type AssociationEvent =
  | AssociationCreated
  | AssociationMemberAdded
  | AssociationMemberRemoved
  | AssociationPlanItemAdded
  | AssociationMeetingHeld
  | TaskEvent;
