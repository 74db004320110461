import type { DomainEvent } from '../shared/decider';
import type { EmploymentStatus, PersonCardField } from './person.card';

/**
 * A person's stream (`person-<id>`): who changed what and when, for the audit. The events carry ids and
 * field NAMES, never values, so that depersonalisation can erase the card without touching a hashed event.
 */
export type PersonRegistered = DomainEvent<
  'PersonRegistered',
  { readonly personId: string; readonly organisationId: string }
>;

export type PersonCardChanged = DomainEvent<
  'PersonCardChanged',
  { readonly personId: string; readonly fields: readonly PersonCardField[] }
>;

export type PersonEmploymentChanged = DomainEvent<
  'PersonEmploymentChanged',
  {
    readonly personId: string;
    readonly organisationId: string;
    readonly status: EmploymentStatus;
    readonly fields: readonly string[];
  }
>;

export type PersonConsentRecorded = DomainEvent<
  'PersonConsentRecorded',
  { readonly personId: string; readonly given: boolean }
>;

export type PersonDepersonalised = DomainEvent<'PersonDepersonalised', { readonly personId: string }>;

/** A training of the person was recorded (issue 28): its row is in `personal.trainings`; the event names ids only. */
export type PersonTrainingRecorded = DomainEvent<
  'PersonTrainingRecorded',
  { readonly personId: string; readonly trainingId: string; readonly organisationId: string }
>;

/**
 * A training record of the person was corrected (issue 28): its row in `personal.trainings` now holds the
 * corrected values; the event names the fields changed, never their values.
 */
export type PersonTrainingCorrected = DomainEvent<
  'PersonTrainingCorrected',
  {
    readonly personId: string;
    readonly trainingId: string;
    readonly organisationId: string;
    readonly fields: readonly string[];
  }
>;

export type PersonEvent =
  | PersonRegistered
  | PersonCardChanged
  | PersonEmploymentChanged
  | PersonConsentRecorded
  | PersonDepersonalised
  | PersonTrainingRecorded
  | PersonTrainingCorrected;
