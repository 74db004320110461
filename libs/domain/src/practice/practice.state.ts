import { assertNever } from '../shared/decider';
import type { PracticeContent, PracticeEvent, PracticeStatus } from './practice.events';

export interface PracticeReturn {
  readonly comment: string;
  readonly returnedAt: string;
  readonly returnedBy: string;
}

export interface SubmittedPractice {
  readonly status: PracticeStatus;
  readonly practiceId: string;
  readonly organisationId: string;
  readonly authorId: string;
  readonly authorRole: string;
  readonly content: PracticeContent;
  /** First submission. */
  readonly submittedAt: string;
  /** Every return with its comment, oldest first: the author reads the last. */
  readonly returns: readonly PracticeReturn[];
  readonly publishedAt?: string;
  readonly publishedBy?: string;
  /** The reviewer's note on publishing, if any. */
  readonly publicationComment?: string;
}

export type PracticeState = { readonly status: 'none' } | SubmittedPractice;

export const initialPracticeState = (): PracticeState => ({ status: 'none' });

const contentOf = (data: PracticeContent): PracticeContent => ({
  title: data.title,
  form: data.form,
  problem: data.problem,
  whatWasDone: data.whatWasDone,
  results: data.results,
  evidence: data.evidence,
  subject: data.subject,
  level: data.level,
  ...(data.attachments === undefined ? {} : { attachments: data.attachments }),
});

export const evolvePractice = (state: PracticeState, event: PracticeEvent): PracticeState => {
  switch (event.type) {
    case 'PracticeSubmitted':
      return {
        status: 'submitted',
        practiceId: event.data.practiceId,
        organisationId: event.data.organisationId,
        authorId: event.data.authorId,
        authorRole: event.data.authorRole,
        content: contentOf(event.data),
        submittedAt: event.data.submittedAt,
        returns: [],
      };
    case 'PracticeReturned':
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'returned',
        returns: [
          ...state.returns,
          { comment: event.data.comment, returnedAt: event.data.returnedAt, returnedBy: event.data.returnedBy },
        ],
      };
    case 'PracticeResubmitted':
      if (state.status === 'none') return state;
      return { ...state, status: 'submitted', content: contentOf(event.data) };
    case 'PracticePublished':
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'published',
        publishedAt: event.data.publishedAt,
        publishedBy: event.data.publishedBy,
      };
    default:
      return assertNever(event);
  }
};
