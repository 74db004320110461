import { decider, decideBy, type Role } from '../shared/decider';
import { isMissing } from '../shared/text';
import { refuse, refuseIfAny } from '../shared/rules';
import type {
  PracticeCommand,
  PublishPractice,
  ResubmitPractice,
  ReturnPractice,
  SubmitPractice,
} from './practice.commands';
import type { PracticeEvent } from './practice.events';
import { practiceFieldLabels } from './practice.labels';
import {
  normalisedPracticeContent,
  practiceAuthorRoles,
  practiceContentProblems,
  practiceLimits,
  practiceReviewerRoles,
} from './practice.rules';
import { evolvePractice, initialPracticeState, type PracticeState, type SubmittedPractice } from './practice.state';

const holds = (roles: readonly Role[], role: Role | 'system'): boolean => roles.some((r) => r === role);

const submit = ({ data, metadata }: SubmitPractice, state: PracticeState): PracticeEvent[] => {
  if (state.status !== 'none') return refuse('practice.exists.conflict', 'Такая практика уже предложена');
  if (!holds(practiceAuthorRoles, metadata.role))
    return refuse('practice.forbidden', 'Предложить практику может наставник, куратор или тьютор');
  refuseIfAny('practice.invalid', 'Практика заполнена неверно', practiceContentProblems(data));
  return [
    {
      type: 'PracticeSubmitted',
      data: {
        practiceId: data.practiceId,
        organisationId: data.organisationId,
        ...normalisedPracticeContent(data),
        authorId: metadata.actorId,
        authorRole: metadata.role,
        submittedAt: metadata.now,
        submittedBy: metadata.actorId,
      },
    },
  ];
};

const existing = (state: PracticeState): SubmittedPractice =>
  state.status === 'none' ? refuse('practice.notFound', 'Практика не найдена') : state;

/** A reviewer decides on a practice awaiting review, never on their own (the commission reviews others' work). */
const reviewable = (state: PracticeState, role: Role | 'system', actorId: string): SubmittedPractice => {
  const practice = existing(state);
  if (!holds(practiceReviewerRoles, role))
    return refuse(
      'practice.review.forbidden',
      'Рассматривать практики может руководитель методической комиссии, региональный координатор или администратор',
    );
  if (practice.authorId === actorId)
    return refuse('practice.review.own', 'Свою практику рассматривает другой член комиссии или региональный оператор');
  if (practice.status === 'published') return refuse('practice.published.conflict', 'Практика уже опубликована');
  if (practice.status === 'returned')
    return refuse('practice.returned.conflict', 'Практика возвращена автору и ещё не предложена повторно');
  return practice;
};

const returnToAuthor = ({ data, metadata }: ReturnPractice, state: PracticeState): PracticeEvent[] => {
  const practice = reviewable(state, metadata.role, metadata.actorId);
  const comment = typeof data.comment === 'string' ? data.comment.trim() : '';
  refuseIfAny('practice.return.invalid', 'Практика не возвращена', [
    ...(isMissing(data.comment)
      ? [{ code: 'comment.missing', message: `Не заполнено поле «${practiceFieldLabels.comment}»: что доработать` }]
      : []),
    ...(comment.length > practiceLimits.comment
      ? [{ code: 'comment.tooLong', message: `Комментарий: не более ${practiceLimits.comment} символов` }]
      : []),
  ]);
  return [
    {
      type: 'PracticeReturned',
      data: { practiceId: practice.practiceId, comment, returnedAt: metadata.now, returnedBy: metadata.actorId },
    },
  ];
};

const resubmit = ({ data, metadata }: ResubmitPractice, state: PracticeState): PracticeEvent[] => {
  const practice = existing(state);
  if (practice.authorId !== metadata.actorId)
    return refuse('practice.resubmit.forbidden', 'Доработать практику может только её автор');
  if (practice.status !== 'returned')
    return refuse(
      'practice.resubmit.conflict',
      practice.status === 'published' ? 'Практика уже опубликована' : 'Практика уже на рассмотрении',
    );
  refuseIfAny('practice.invalid', 'Практика заполнена неверно', practiceContentProblems(data));
  return [
    {
      type: 'PracticeResubmitted',
      data: {
        practiceId: practice.practiceId,
        ...normalisedPracticeContent(data),
        resubmittedAt: metadata.now,
        resubmittedBy: metadata.actorId,
      },
    },
  ];
};

const publish = ({ data, metadata }: PublishPractice, state: PracticeState): PracticeEvent[] => {
  const practice = reviewable(state, metadata.role, metadata.actorId);
  const comment = typeof data.comment === 'string' ? data.comment.trim() : '';
  refuseIfAny(
    'practice.publish.invalid',
    'Практика не опубликована',
    comment.length > practiceLimits.comment
      ? [{ code: 'comment.tooLong', message: `Комментарий: не более ${practiceLimits.comment} символов` }]
      : [],
  );
  return [
    {
      type: 'PracticePublished',
      data: {
        practiceId: practice.practiceId,
        ...(comment ? { comment } : {}),
        publishedAt: metadata.now,
        publishedBy: metadata.actorId,
      },
    },
  ];
};

export const decidePractice = decideBy<PracticeCommand, PracticeState, PracticeEvent>({
  SubmitPractice: submit,
  ReturnPractice: returnToAuthor,
  ResubmitPractice: resubmit,
  PublishPractice: publish,
});

/** The bank of best practices (issue 28): a document lifecycle submitted → returned → submitted … → published. */
export const practiceDecider = decider(decidePractice, evolvePractice, initialPracticeState);
