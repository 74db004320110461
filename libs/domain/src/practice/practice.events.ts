import type { Acted, DomainEvent } from '../shared/decider';
import { isOneOf } from '../shared/one-of';
import type { PairForm } from '../pair/pair.events';

/** The level a practice is offered at (004 slides 30–32: the regional bank of practices). */
export const practiceLevels = ['organisation', 'municipal', 'regional'] as const;
export type PracticeLevel = (typeof practiceLevels)[number];
export const isPracticeLevel = isOneOf(practiceLevels);

export const practiceStatuses = ['submitted', 'returned', 'published'] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

/**
 * What a practice says: texts describing the work (not personal data), the form of mentoring it concerns
 * (the pairs' own forms) and https links to its attachments.
 */
export interface PracticeContent {
  readonly title: string;
  readonly form: PairForm;
  /** The problem the practice solved. */
  readonly problem: string;
  readonly whatWasDone: string;
  readonly results: string;
  /** What shows the results (figures, documents, feedback). */
  readonly evidence: string;
  /** The subject or area (free text: «математика», «адаптация молодых педагогов»). */
  readonly subject: string;
  readonly level: PracticeLevel;
  readonly attachments?: readonly string[];
}

export type PracticeSubmitted = DomainEvent<
  'PracticeSubmitted',
  PracticeContent & {
    readonly practiceId: string;
    readonly organisationId: string;
    /** The author's person id and the role they submitted in (mentor, curator or tutor). */
    readonly authorId: string;
    readonly authorRole: string;
  } & Acted<'submitted'>
>;

/** The reviewer sends the practice back to its author with what to change. */
export type PracticeReturned = DomainEvent<
  'PracticeReturned',
  { readonly practiceId: string; readonly comment: string } & Acted<'returned'>
>;

/** The author's corrected practice, awaiting review again; the content replaces the earlier one whole. */
export type PracticeResubmitted = DomainEvent<
  'PracticeResubmitted',
  PracticeContent & { readonly practiceId: string } & Acted<'resubmitted'>
>;

/** Published: searchable by everyone of the region. */
export type PracticePublished = DomainEvent<
  'PracticePublished',
  { readonly practiceId: string; readonly comment?: string } & Acted<'published'>
>;

export type PracticeEvent = PracticeSubmitted | PracticeReturned | PracticeResubmitted | PracticePublished;
