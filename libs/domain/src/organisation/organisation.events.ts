import type { DomainEvent } from '../shared/decider';

export const organisationKinds = ['school', 'college', 'kindergarten', 'additionalEducation', 'other'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** Staff roles an organisation assigns; mentors and mentees are participants of pairs, not staff posts. */
export const staffRoles = ['director', 'curator', 'commissionHead', 'psychologist', 'methodologist', 'tutor'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface OrganisationSettings {
  /**
   * How many mentees one mentor may have at once: 002 §4.3 says at most two, while group mentoring
   * (§9.1.3) is «от двух и более человек», so the organisation sets it (default 2).
   */
  readonly mentorCapacity: number;
}

/** Who the organisation is: the registration command carries it and the event records it. */
export interface OrganisationIdentity {
  readonly organisationId: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly municipality: string;
  readonly region: string;
  /** IANA name, e.g. 'Asia/Yekaterinburg': deadlines end at the organisation's local midnight. */
  readonly timeZone: string;
}

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  OrganisationIdentity & {
    readonly settings: OrganisationSettings;
    readonly registeredAt: string;
    readonly registeredBy: string;
  }
>;

export type StaffAssigned = DomainEvent<
  'StaffAssigned',
  {
    readonly organisationId: string;
    readonly personId: string;
    readonly fullName?: string;
    readonly role: StaffRole;
    readonly assignedAt: string;
    readonly assignedBy: string;
  }
>;

export type StaffRemoved = DomainEvent<
  'StaffRemoved',
  {
    readonly organisationId: string;
    readonly personId: string;
    readonly role: StaffRole;
    readonly removedAt: string;
    readonly removedBy: string;
  }
>;

/** Settings changed after registration; the latest event's settings apply from then on. */
export type OrganisationSettingsChanged = DomainEvent<
  'OrganisationSettingsChanged',
  {
    readonly organisationId: string;
    readonly settings: OrganisationSettings;
    readonly changedAt: string;
    readonly changedBy: string;
  }
>;

export type OrganisationEvent = OrganisationRegistered | StaffAssigned | StaffRemoved | OrganisationSettingsChanged;
