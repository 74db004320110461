import type { ProductionCalendar } from '@mentorflow/calendar';
import { CalendarYearMissingError } from '@mentorflow/calendar';
import type {
  CandidateReviewed,
  PairCompleted,
  PairFormed,
  PairTerminated,
  ParticipantRegistered,
  ParticipantWithdrawn,
  PeriodicReportDecided,
  PeriodicReportSubmitted,
  PersonalProgrammeApproved,
  PersonalProgrammeCorrected,
  PersonalProgrammeCorrectionProposed,
  PersonalProgrammeCorrectionReturned,
  TaskKind,
  TaskView,
} from '@mentorflow/domain';
import { uuidV5, type RecordedEvent, type SqlExecutor } from '@mentorflow/event-store';

/**
 * 002 sets the commission head's duties (§4.4 the candidates, §8.3 the mentor's plan and the reports) but no
 * term for them; the one term the seeds set for reviewing a document is 003 §6's 10 working days (the
 * methodologist's draft route after the diagnostics). Our design: the commission head has the same 10
 * working days, counted on the organisation's production calendar from the day after the review is asked for.
 */
export const commissionReviewWorkingDays = 10;

export type ReviewTaskKind = Extract<
  TaskKind,
  'candidateReview' | 'personalProgrammeReview' | 'correctionReview' | 'periodicReportReview'
>;
export const reviewTaskKinds: readonly ReviewTaskKind[] = [
  'candidateReview',
  'personalProgrammeReview',
  'correctionReview',
  'periodicReportReview',
];
export const isReviewTask = (task: { readonly kind: TaskKind }): boolean =>
  (reviewTaskKinds as readonly TaskKind[]).includes(task.kind);

/**
 * A review task is addressed to a role, not to a person: it reaches whoever is the organisation's commission
 * head when they open their inbox (staff change, the task stays). Its `assignee.personId` is this marker.
 */
export const anyHolderOfRole = '';

/** A review task as the tasks view stores it: the programme whose page decides it, and what still awaits. */
export interface ReviewTaskView extends TaskView {
  readonly kind: ReviewTaskKind;
  readonly programmeId: string;
  /** Candidates (participant ids) awaiting the commission; empty for a pair's review. */
  readonly awaiting: readonly string[];
}

export const reviewTitles: Readonly<Record<ReviewTaskKind, string>> = {
  candidateReview: 'Рассмотреть кандидатуры наставников и наставляемых на заседании методической комиссии',
  personalProgrammeReview: 'Рассмотреть и утвердить персонализированную программу наставничества пары/группы',
  correctionReview: 'Рассмотреть корректировку персонализированной программы',
  periodicReportReview: 'Рассмотреть периодический отчёт и принять решение',
};

/** The events a review is opened or closed by. */
export type ReviewEvent =
  | ParticipantRegistered
  | CandidateReviewed
  | ParticipantWithdrawn
  | PairFormed
  | PersonalProgrammeApproved
  | PersonalProgrammeCorrectionProposed
  | PersonalProgrammeCorrected
  | PersonalProgrammeCorrectionReturned
  | PeriodicReportSubmitted
  | PeriodicReportDecided
  | PairCompleted
  | PairTerminated;

/** The production calendar's year loaded (production-calendar.source.ts): pending review deadlines are set. */
export const calendarYearLoaded = 'CalendarYearLoaded';

export const reviewEventTypes: readonly (ReviewEvent['type'] | typeof calendarYearLoaded)[] = [
  calendarYearLoaded,
  'ParticipantRegistered',
  'CandidateReviewed',
  'ParticipantWithdrawn',
  'PairFormed',
  'PersonalProgrammeApproved',
  'PersonalProgrammeCorrectionProposed',
  'PersonalProgrammeCorrected',
  'PersonalProgrammeCorrectionReturned',
  'PeriodicReportSubmitted',
  'PeriodicReportDecided',
  'PairCompleted',
  'PairTerminated',
];

/** What one event asks of the review tasks. */
export type ReviewChange =
  | {
      readonly action: 'open';
      readonly kind: ReviewTaskKind;
      readonly taskId: string;
      readonly subject: TaskView['subject'];
      readonly programmeId?: string;
      readonly organisationId: string;
      /** A candidate joining the programme's open review (or starting one). */
      readonly awaiting?: string;
      readonly at: string;
    }
  /** The decision taken: the task (or, for candidates, the candidate's place in the programme's review) closes. */
  | {
      readonly action: 'decide';
      readonly taskId: string;
      /** Closed by the same decision: a first programme's approval also decides the mentor's proposal of it. */
      readonly alsoTaskIds?: readonly string[];
      readonly at: string;
      readonly by: string;
    }
  | {
      readonly action: 'decideCandidate';
      readonly programmeId: string;
      readonly participantId: string;
      readonly at: string;
      readonly by: string;
    }
  /** The pair ended: what awaited its review is no longer to be decided. */
  | { readonly action: 'cancelPair'; readonly pairId: string; readonly at: string; readonly reason: string };

/** A pair's review: its task id is named after what is reviewed, so the decision finds it again. */
const pairReview = (
  kind: ReviewTaskKind,
  pairId: string,
  name: string,
  organisationId: string,
  at: string,
  programmeId?: string,
): ReviewChange => ({
  action: 'open',
  kind,
  taskId: uuidV5(pairId, name),
  subject: { type: 'pair', id: pairId },
  ...(programmeId === undefined ? {} : { programmeId }),
  organisationId,
  at,
});
const pairDecision = (
  pairId: string,
  name: string,
  at: string,
  by: string,
  alsoNames: readonly string[] = [],
): ReviewChange => ({
  action: 'decide',
  taskId: uuidV5(pairId, name),
  ...(alsoNames.length === 0 ? {} : { alsoTaskIds: alsoNames.map((also) => uuidV5(pairId, also)) }),
  at,
  by,
});
const candidateDecision = (
  d: { programmeId: string; participantId: string },
  at: string,
  by: string,
): ReviewChange => ({ action: 'decideCandidate', programmeId: d.programmeId, participantId: d.participantId, at, by });

/** The change an event asks for; a pair's programme, where its event lacks it, comes from its PairFormed. */
export function reviewChangeOf(recorded: RecordedEvent): ReviewChange | undefined {
  const event = { type: recorded.type, data: recorded.data } as unknown as ReviewEvent;
  const organisationId = String((recorded.metadata as { organisationId?: unknown }).organisationId ?? '');
  switch (event.type) {
    case 'ParticipantRegistered': {
      const d = event.data;
      if (d.awaitsReview !== true) return undefined;
      return {
        action: 'open',
        kind: 'candidateReview',
        // The first candidate of a round names the round's task; later ones join it while it is open.
        taskId: uuidV5(d.programmeId, `candidate-review-${d.participantId}`),
        subject: { type: 'programme', id: d.programmeId },
        programmeId: d.programmeId,
        organisationId: d.organisationId,
        awaiting: d.participantId,
        at: d.registeredAt,
      };
    }
    case 'CandidateReviewed':
      return candidateDecision(event.data, event.data.reviewedAt, event.data.reviewedBy);
    case 'ParticipantWithdrawn':
      return candidateDecision(event.data, event.data.withdrawnAt, event.data.withdrawnBy);
    case 'PairFormed': {
      const d = event.data;
      return pairReview(
        'personalProgrammeReview',
        d.pairId,
        'programme-review',
        d.organisationId,
        d.formedAt,
        d.programmeId,
      );
    }
    case 'PersonalProgrammeApproved': {
      const d = event.data;
      const proposal = d.correctionId === undefined ? [] : [`correction-review-${d.correctionId}`];
      return pairDecision(d.pairId, 'programme-review', d.approvedAt, d.approvedBy, proposal);
    }
    case 'PersonalProgrammeCorrectionProposed': {
      const d = event.data;
      return pairReview(
        'correctionReview',
        d.pairId,
        `correction-review-${d.correctionId}`,
        organisationId,
        d.proposedAt,
      );
    }
    case 'PersonalProgrammeCorrected': {
      const d = event.data;
      return pairDecision(d.pairId, `correction-review-${d.correctionId}`, d.approvedAt, d.approvedBy);
    }
    case 'PersonalProgrammeCorrectionReturned': {
      const d = event.data;
      return pairDecision(d.pairId, `correction-review-${d.correctionId}`, d.returnedAt, d.returnedBy);
    }
    case 'PeriodicReportSubmitted': {
      const d = event.data;
      return pairReview('periodicReportReview', d.pairId, `report-review-${d.taskId}`, organisationId, d.submittedAt);
    }
    case 'PeriodicReportDecided': {
      const d = event.data;
      return pairDecision(d.pairId, `report-review-${d.taskId}`, d.decidedAt, d.decidedBy);
    }
    case 'PairCompleted':
      return {
        action: 'cancelPair',
        pairId: event.data.pairId,
        at: event.data.completedAt,
        reason: 'Пара завершила наставничество',
      };
    case 'PairTerminated':
      return {
        action: 'cancelPair',
        pairId: event.data.pairId,
        at: event.data.terminatedAt,
        reason: 'Наставничество прекращено досрочно',
      };
    default:
      return undefined;
  }
}

/** The review's deadline on the organisation's calendar, or the year it waits for. */
export function reviewDeadline(
  calendar: ProductionCalendar,
  at: string,
  timeZone: string,
): Pick<TaskView, 'dueAt' | 'dueLocalDate' | 'deadlinePendingYear'> {
  try {
    const due = calendar.addWorkingDays(at, commissionReviewWorkingDays, timeZone);
    return { dueAt: due.dueAt, dueLocalDate: due.dueLocalDate };
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return { deadlinePendingYear: error.year };
    throw error;
  }
}

/** A new review task for the organisation's commission head. */
export function openReview(
  change: Extract<ReviewChange, { action: 'open' }>,
  programmeId: string,
  deadline: Pick<TaskView, 'dueAt' | 'dueLocalDate' | 'deadlinePendingYear'>,
): ReviewTaskView {
  return {
    taskId: change.taskId,
    kind: change.kind,
    title: reviewTitles[change.kind],
    assignee: { personId: anyHolderOfRole, role: 'commissionHead' },
    organisationId: change.organisationId,
    subject: change.subject,
    raisedAt: change.at,
    ...deadline,
    remindAt: [],
    status: 'open',
    remindedAt: [],
    escalatedTo: [],
    programmeId,
    awaiting: change.awaiting === undefined ? [] : [change.awaiting],
  };
}

export const withCandidate = (task: ReviewTaskView, participantId: string): ReviewTaskView =>
  task.awaiting.includes(participantId) ? task : { ...task, awaiting: [...task.awaiting, participantId] };

/** A candidate decided (or withdrawn); the programme's review is done when none awaits. */
export function withoutCandidate(task: ReviewTaskView, participantId: string, at: string, by: string): ReviewTaskView {
  const awaiting = task.awaiting.filter((id) => id !== participantId);
  return awaiting.length > 0 ? { ...task, awaiting } : decided({ ...task, awaiting }, at, by);
}

export const decided = (task: ReviewTaskView, at: string, by: string): ReviewTaskView =>
  task.status === 'open' ? { ...task, status: 'done', completedAt: at, completedBy: by, result: 'decided' } : task;

export const cancelled = (task: ReviewTaskView): ReviewTaskView =>
  task.status === 'open' ? { ...task, status: 'cancelled' } : task;

/** The organisation's calendar and zone, read from the store in the projection's transaction. */
export type OrganisationClock = (organisationId: string) => Promise<{ calendar: ProductionCalendar; timeZone: string }>;

interface StoredReview {
  readonly view: ReviewTaskView;
  readonly streamId: string;
}

/**
 * Applies the review changes of a batch, in order, to the stored review tasks: one read per task touched,
 * one upsert per change (reviews are rare next to the task events of the batch).
 */
export async function applyReviewChanges(
  events: readonly RecordedEvent[],
  tx: SqlExecutor,
  clock: OrganisationClock,
): Promise<void> {
  const upsert = async ({ view, streamId }: StoredReview, at: string) =>
    tx.query(
      `INSERT INTO tasks_view (task_id, stream_id, organisation_id, assignee_id, assignee_role, kind, status, due_at, subject_type, subject_id, view, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (task_id) DO UPDATE SET status = excluded.status, due_at = excluded.due_at, view = excluded.view,
         updated_at = excluded.updated_at`,
      [
        view.taskId,
        streamId,
        view.organisationId,
        view.assignee.personId,
        view.assignee.role,
        view.kind,
        view.status,
        view.dueAt ?? null,
        view.subject.type,
        view.subject.id,
        JSON.stringify(view),
        at,
      ],
    );
  const stored = async (where: string, parameters: unknown[]): Promise<StoredReview[]> =>
    (
      await tx.query<{ view: ReviewTaskView; stream_id: string }>(
        `SELECT view, stream_id FROM tasks_view WHERE assignee_id = '' AND ${where} FOR UPDATE`,
        parameters,
      )
    ).map((row) => ({ view: row.view, streamId: row.stream_id }));
  const programmeOfPair = async (streamId: string): Promise<string | undefined> => {
    const [row] = await tx.query<{ programme_id: string }>(
      `SELECT data->>'programmeId' AS programme_id FROM events WHERE stream_id = $1 AND type = 'PairFormed' LIMIT 1`,
      [streamId],
    );
    return row?.programme_id;
  };

  for (const event of events) {
    if (event.type === calendarYearLoaded) {
      // A review whose deadline waited for this year gets it now, counted from when it was asked for.
      const year = (event.data as { year: number }).year;
      for (const review of await stored(`status = 'open' AND (view->>'deadlinePendingYear')::int = $1`, [year])) {
        const { calendar, timeZone } = await clock(review.view.organisationId);
        const settled = { ...review.view, ...reviewDeadline(calendar, review.view.raisedAt, timeZone) };
        if (settled.dueAt !== undefined) delete (settled as { deadlinePendingYear?: number }).deadlinePendingYear;
        await upsert({ ...review, view: settled }, event.recordedAt);
      }
      continue;
    }
    const change = reviewChangeOf(event);
    if (change === undefined) continue;
    if (change.action === 'open') {
      if (change.kind === 'candidateReview' && change.awaiting !== undefined) {
        const [round] = await stored(`kind = 'candidateReview' AND status = 'open' AND subject_id = $1`, [
          change.subject.id,
        ]);
        if (round !== undefined) {
          await upsert({ ...round, view: withCandidate(round.view, change.awaiting) }, event.recordedAt);
          continue;
        }
      }
      const programmeId = change.programmeId ?? (await programmeOfPair(event.streamId));
      if (programmeId === undefined || change.organisationId === '') continue;
      const { calendar, timeZone } = await clock(change.organisationId);
      const view = openReview(change, programmeId, reviewDeadline(calendar, change.at, timeZone));
      await upsert({ view, streamId: event.streamId }, event.recordedAt);
    } else if (change.action === 'decide') {
      for (const review of await stored('task_id = ANY($1)', [[change.taskId, ...(change.alsoTaskIds ?? [])]])) {
        await upsert({ ...review, view: decided(review.view, change.at, change.by) }, event.recordedAt);
      }
    } else if (change.action === 'decideCandidate') {
      const rounds = await stored(`kind = 'candidateReview' AND status = 'open' AND subject_id = $1`, [
        change.programmeId,
      ]);
      for (const round of rounds.filter((r) => r.view.awaiting.includes(change.participantId))) {
        await upsert(
          { ...round, view: withoutCandidate(round.view, change.participantId, change.at, change.by) },
          event.recordedAt,
        );
      }
    } else {
      for (const review of await stored(`status = 'open' AND subject_type = 'pair' AND subject_id = $1`, [
        change.pairId,
      ])) {
        await upsert({ ...review, view: cancelled(review.view) }, event.recordedAt);
      }
    }
  }
}
