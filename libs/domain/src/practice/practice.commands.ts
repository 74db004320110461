import type { DomainCommand } from '../shared/decider';
import type { PracticeContent } from './practice.events';

export type SubmitPractice = DomainCommand<
  'SubmitPractice',
  PracticeContent & { readonly practiceId: string; readonly organisationId: string }
>;
export type ReturnPractice = DomainCommand<'ReturnPractice', { readonly comment: string }>;
export type ResubmitPractice = DomainCommand<'ResubmitPractice', PracticeContent>;
/** `comment`: the reviewer's optional note to the author. */
export type PublishPractice = DomainCommand<'PublishPractice', { readonly comment?: string }>;

export type PracticeCommand = SubmitPractice | ReturnPractice | ResubmitPractice | PublishPractice;
