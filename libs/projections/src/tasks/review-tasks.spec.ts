import { defaultProductionCalendar, ProductionCalendar } from '@mentorflow/calendar';
import type { RecordedEvent } from '@mentorflow/event-store';
import {
  anyHolderOfRole,
  cancelled,
  decided,
  openReview,
  reviewChangeOf,
  reviewDeadline,
  withCandidate,
  withoutCandidate,
  type ReviewChange,
} from './review-tasks';

const programmeId = '11111111-1111-4111-8111-111111111111';
const organisationId = '22222222-2222-4222-8222-222222222222';
const pairId = '33333333-3333-4333-8333-333333333333';
const at = '2026-04-28T09:00:00.000Z';

const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  eventId: 'e-1',
  type,
  data,
  metadata: { organisationId },
  position: 1,
  transactionId: '1',
  streamId: `pair-${pairId}`,
  streamVersion: 2,
  recordedAt: at,
  hash: null,
});

const opened = (event: RecordedEvent) => reviewChangeOf(event) as Extract<ReviewChange, { action: 'open' }>;
const candidate = (participantId: string, review: { awaitsReview?: boolean } = { awaitsReview: true }) =>
  recorded('ParticipantRegistered', {
    participantId,
    programmeId,
    organisationId,
    personId: 'p',
    role: 'mentee',
    registeredAt: at,
    ...review,
  });

describe('the commission head’s review tasks', () => {
  describe('candidates awaiting the commission', () => {
    it('given a candidate registered for review, a task for the organisation’s commission head opens on the programme', () => {
      const change = opened(candidate('c-1'));
      const task = openReview(change, programmeId, { dueAt: 'x', dueLocalDate: '2026-05-14' });
      expect(task).toMatchObject({
        kind: 'candidateReview',
        assignee: { personId: anyHolderOfRole, role: 'commissionHead' },
        subject: { type: 'programme', id: programmeId },
        organisationId,
        programmeId,
        status: 'open',
        awaiting: ['c-1'],
        dueLocalDate: '2026-05-14',
      });
      expect(task.title).toMatch(/методической комиссии/);
    });

    it('given a legacy registration (selected by registering), no review is asked for', () => {
      expect(reviewChangeOf(candidate('c-0', {}))).toBeUndefined();
    });

    it('when the commission decides one of two candidates the task stays open; when it decides both it is done', () => {
      const round = withCandidate(openReview(opened(candidate('c-1')), programmeId, {}), 'c-2');
      expect(round.awaiting).toEqual(['c-1', 'c-2']);
      const reviewed = (participantId: string) =>
        reviewChangeOf(
          recorded('CandidateReviewed', { participantId, programmeId, reviewedAt: at, reviewedBy: 'head-1' }),
        );
      expect(reviewed('c-1')).toEqual({
        action: 'decideCandidate',
        programmeId,
        participantId: 'c-1',
        at,
        by: 'head-1',
      });
      const one = withoutCandidate(round, 'c-1', at, 'head-1');
      expect(one).toMatchObject({ status: 'open', awaiting: ['c-2'] });
      expect(withoutCandidate(one, 'c-2', at, 'head-1')).toMatchObject({
        status: 'done',
        awaiting: [],
        completedBy: 'head-1',
      });
    });

    it('a withdrawn candidate no longer awaits the commission', () => {
      expect(
        reviewChangeOf(
          recorded('ParticipantWithdrawn', { participantId: 'c-1', programmeId, withdrawnAt: at, withdrawnBy: 'cur' }),
        ),
      ).toMatchObject({ action: 'decideCandidate', participantId: 'c-1' });
    });
  });

  describe('a pair’s reviews', () => {
    it('a formed pair’s programme is reviewed until approved, under one task id', () => {
      const open = opened(
        recorded('PairFormed', { pairId, programmeId, organisationId, formedAt: at, formedBy: 'director-1' }),
      );
      expect(open).toMatchObject({ kind: 'personalProgrammeReview', subject: { type: 'pair', id: pairId } });
      expect(
        reviewChangeOf(recorded('PersonalProgrammeApproved', { pairId, approvedAt: at, approvedBy: 'head-1' })),
      ).toEqual({ action: 'decide', taskId: open.taskId, at, by: 'head-1' });
    });

    it('approving the mentor’s first programme also decides the review of that proposal', () => {
      const proposal = opened(
        recorded('PersonalProgrammeCorrectionProposed', { pairId, correctionId: 'k-0', proposedAt: at }),
      );
      expect(
        reviewChangeOf(
          recorded('PersonalProgrammeApproved', { pairId, correctionId: 'k-0', approvedAt: at, approvedBy: 'head-1' }),
        ),
      ).toMatchObject({ action: 'decide', alsoTaskIds: [proposal.taskId] });
    });

    it('a proposed correction is decided by its approval or its return', () => {
      const open = opened(
        recorded('PersonalProgrammeCorrectionProposed', { pairId, correctionId: 'k-1', proposedAt: at }),
      );
      expect(open).toMatchObject({ kind: 'correctionReview', organisationId });
      const approved = reviewChangeOf(
        recorded('PersonalProgrammeCorrected', { pairId, correctionId: 'k-1', approvedAt: at, approvedBy: 'h' }),
      );
      const returned = reviewChangeOf(
        recorded('PersonalProgrammeCorrectionReturned', {
          pairId,
          correctionId: 'k-1',
          returnedAt: at,
          returnedBy: 'h',
        }),
      );
      expect(approved).toMatchObject({ action: 'decide', taskId: open.taskId });
      expect(returned).toMatchObject({ action: 'decide', taskId: open.taskId });
    });

    it('a submitted periodic report is decided by the decision on it; a returned and resubmitted one is a new review', () => {
      const open = opened(recorded('PeriodicReportSubmitted', { pairId, taskId: 'r-1', submittedAt: at }));
      expect(open).toMatchObject({ kind: 'periodicReportReview' });
      expect(
        reviewChangeOf(recorded('PeriodicReportDecided', { pairId, taskId: 'r-1', decidedAt: at, decidedBy: 'h' })),
      ).toMatchObject({ action: 'decide', taskId: open.taskId });
      expect(opened(recorded('PeriodicReportSubmitted', { pairId, taskId: 'r-2', submittedAt: at })).taskId).not.toBe(
        open.taskId,
      );
    });

    it('the pair’s end cancels what awaited its review; a decided task stays decided', () => {
      expect(reviewChangeOf(recorded('PairTerminated', { pairId, terminatedAt: at }))).toMatchObject({
        action: 'cancelPair',
        pairId,
      });
      const task = openReview(
        opened(recorded('PeriodicReportSubmitted', { pairId, taskId: 'r-1', submittedAt: at })),
        programmeId,
        {},
      );
      expect(cancelled(task).status).toBe('cancelled');
      expect(cancelled(decided(task, at, 'h')).status).toBe('done');
    });
  });

  describe('the due date', () => {
    it('is 10 working days on the production calendar, from the day after the request', () => {
      // Tue 28 April 2026 → Thu 14 May 2026 (the May holidays), not 12 May.
      expect(reviewDeadline(defaultProductionCalendar(), at, 'Europe/Moscow')).toEqual({
        dueAt: '2026-05-14T21:00:00.000Z',
        dueLocalDate: '2026-05-14',
      });
    });

    it('waits for the calendar year it lacks instead of guessing Mon–Fri', () => {
      expect(reviewDeadline(new ProductionCalendar([]), at, 'Europe/Moscow')).toEqual({ deadlinePendingYear: 2026 });
    });
  });
});
