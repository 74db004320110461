import type { Acted, DomainEvent } from '../shared/decider';

/**
 * Regional organisations (000; 003 §3): a ЦНППМ (центр непрерывного повышения профессионального мастерства
 * педагогических работников), an ИРО (институт развития образования) and a municipal methodical centre, whose
 * tutors and methodologists serve teachers of many schools of their region.
 */
export const regionalOrganisationKinds = [
  'professionalExcellenceCentre',
  'educationDevelopmentInstitute',
  'municipalMethodCentre',
] as const;
export type RegionalOrganisationKind = (typeof regionalOrganisationKinds)[number];

export const organisationKinds = [
  'school',
  'college',
  'kindergarten',
  'additionalEducation',
  'other',
  ...regionalOrganisationKinds,
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const isRegionalOrganisationKind = (kind: string): kind is RegionalOrganisationKind =>
  (regionalOrganisationKinds as readonly string[]).includes(kind);

/** The roles a regional organisation's specialist holds there and serves schools in. */
export const regionalSpecialistRoles = ['tutor', 'methodologist'] as const;
export type RegionalSpecialistRole = (typeof regionalSpecialistRoles)[number];

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
  OrganisationIdentity & { readonly settings: OrganisationSettings } & Acted<'registered'>
>;

export type StaffAssigned = DomainEvent<
  'StaffAssigned',
  {
    readonly organisationId: string;
    readonly personId: string;
    /**
     * Only in events stored before issue 18: a name typed with the assignment. New events hold ids only
     * (a hashed event cannot be depersonalised); readers take names from the staff directory.
     */
    readonly fullName?: string;
    readonly role: StaffRole;
  } & Acted<'assigned'>
>;

export type StaffRemoved = DomainEvent<
  'StaffRemoved',
  { readonly organisationId: string; readonly personId: string; readonly role: StaffRole } & Acted<'removed'>
>;

/** Settings changed after registration; the latest event's settings apply from then on. */
export type OrganisationSettingsChanged = DomainEvent<
  'OrganisationSettingsChanged',
  { readonly organisationId: string; readonly settings: OrganisationSettings } & Acted<'changed'>
>;

/**
 * A tutor or methodologist of a regional organisation is assigned to serve this (the school's) organisation:
 * they work on its teachers' routes in that role while they hold it in the regional organisation, without a
 * role in the school. Ids only, like every event of the organisation's stream since people have a directory.
 */
export type RegionalSpecialistAssigned = DomainEvent<
  'RegionalSpecialistAssigned',
  {
    readonly organisationId: string;
    readonly personId: string;
    readonly role: RegionalSpecialistRole;
    readonly regionalOrganisationId: string;
  } & Acted<'assigned'>
>;

/** The assignment ends: from then on the specialist no longer reaches the school's routes. */
export type RegionalSpecialistReleased = DomainEvent<
  'RegionalSpecialistReleased',
  {
    readonly organisationId: string;
    readonly personId: string;
    readonly role: RegionalSpecialistRole;
    readonly regionalOrganisationId: string;
  } & Acted<'released'>
>;

export type OrganisationEvent =
  | OrganisationRegistered
  | StaffAssigned
  | StaffRemoved
  | OrganisationSettingsChanged
  | RegionalSpecialistAssigned
  | RegionalSpecialistReleased;
