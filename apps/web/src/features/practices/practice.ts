import type { components } from '../../api-types';

export type PracticeContent = components['schemas']['PracticeContentDto'];
export type PracticeForm = PracticeContent['form'];
export type PracticeLevel = PracticeContent['level'];
export type PracticeStatus = 'submitted' | 'returned' | 'published';

/** A practice as GET /practices and GET /practices/:id answer it: names beside the ids. */
export interface Practice {
  practiceId: string;
  organisationId: string;
  organisationName: string | null;
  authorId: string;
  authorName: string | null;
  status: PracticeStatus;
  statusLabel: string;
  formLabel: string;
  levelLabel: string;
  content: PracticeContent;
  submittedAt: string;
  publishedAt?: string;
  publicationComment?: string;
  returns: { comment: string; returnedAt: string; returnedBy: string; returnedByName?: string | null }[];
  canReview?: boolean;
  canResubmit?: boolean;
}

export const practiceStatusTone = { submitted: 'info', returned: 'warn', published: 'ok' } as const;

/** Who submits (issue 28): the mentor, the curator, the tutor. */
export const practiceAuthorRoles = ['mentor', 'curator', 'tutor'] as const;
