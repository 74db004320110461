import type { Acted, DomainEvent } from '../shared/decider';
import { isOneOf } from '../shared/one-of';

/**
 * The incentives of 002 §5.1 and 004 slides 22–24, a closed list an administrator extends with kinds of
 * their own (`incentive-kinds` stream); these built-in kinds are never removed.
 */
export const builtInIncentiveKinds = [
  'gratitudeLetter',
  'certificateOfHonour',
  'diploma',
  'honouredMentorBadge',
  'mentoringDistinction',
  'youthAndProfessionalism',
  'managementReserve',
  'attestationCredit',
  'bonus',
] as const;
export type BuiltInIncentiveKind = (typeof builtInIncentiveKinds)[number];
export const isBuiltInIncentiveKind = isOneOf(builtInIncentiveKinds);

/** Who is rewarded: a mentor (proposed by the curator) or a mentee (proposed by her mentor). */
export const incentiveRecipientRoles = ['mentor', 'mentee'] as const;
export type IncentiveRecipientRole = (typeof incentiveRecipientRoles)[number];
export const isIncentiveRecipientRole = isOneOf(incentiveRecipientRoles);

export const incentiveStatuses = ['proposed', 'approved', 'declined'] as const;
export type IncentiveStatus = (typeof incentiveStatuses)[number];

/** The director's order or decision granting the incentive. */
export interface IncentiveOrder {
  readonly number: string;
  /** YYYY-MM-DD: a fact, never after today. */
  readonly date: string;
}

/** Whom an incentive is for and which: the same fields in the proposal, its event and the incentive's state. */
export interface IncentiveSubject {
  readonly incentiveId: string;
  readonly organisationId: string;
  readonly personId: string;
  readonly recipientRole: IncentiveRecipientRole;
  /** The pair the mentor proposes from (her own mentee's pair); optional for the curator's proposals. */
  readonly pairId?: string;
  readonly kind: string;
}

/**
 * A proposal names the person by id only (no names, no free text about them). `kindName` is the kind's
 * Russian name when proposed, so reports and histories read even a kind an administrator later removes.
 */
export type IncentiveProposed = DomainEvent<
  'IncentiveProposed',
  IncentiveSubject & {
    readonly kindName: string;
    /** Roubles, for a bonus or allowance (премия / доплата). */
    readonly amount?: number;
    readonly proposerRole: string;
  } & Acted<'proposed'>
>;

export type IncentiveApproved = DomainEvent<
  'IncentiveApproved',
  {
    readonly incentiveId: string;
    readonly order: IncentiveOrder;
    /** The amount the director granted, where it differs from (or was missing in) the proposal. */
    readonly amount?: number;
  } & Acted<'approved'>
>;

export type IncentiveDeclined = DomainEvent<
  'IncentiveDeclined',
  { readonly incentiveId: string; readonly reason: string } & Acted<'declined'>
>;

export type IncentiveEvent = IncentiveProposed | IncentiveApproved | IncentiveDeclined;

/** An administrator's own kind of incentive (a regional award, say), named in Russian. */
export type IncentiveKindAdded = DomainEvent<
  'IncentiveKindAdded',
  { readonly kindId: string; readonly name: string } & Acted<'added'>
>;

/** A kind of the administrator's own withdrawn from new proposals; incentives of it keep its name. */
export type IncentiveKindRemoved = DomainEvent<'IncentiveKindRemoved', { readonly kindId: string } & Acted<'removed'>>;

export type IncentiveKindEvent = IncentiveKindAdded | IncentiveKindRemoved;
