import { isIsoDate, notInFutureProblems } from './dates';
import type { UnmetCondition } from './refusal';
import { isUnsetOrBlank } from './text';

/**
 * The record of a meeting held (a commission's review, a methodical association's session): which
 * meeting, the day it was held (a fact: not after today in the organisation) and the number of its minutes.
 */
export interface MeetingRecord {
  readonly meetingId: string;
  /** YYYY-MM-DD, the day the meeting was held. */
  readonly date: string;
  /** «Номер протокола». */
  readonly minutesNumber: string;
}

/** What every meeting record needs; the kinds of meeting add their own fields' problems. */
export const meetingRecordProblems = (
  meeting: MeetingRecord,
  metadata: { readonly now: string; readonly today?: string },
): UnmetCondition[] => [
  ...(isUnsetOrBlank(meeting.meetingId) ? [{ code: 'meeting.id.empty', message: 'Не указано заседание' }] : []),
  ...(isIsoDate(meeting.date)
    ? notInFutureProblems(meeting.date, metadata, 'meeting.date.inFuture', 'Дата заседания')
    : [{ code: 'meeting.date.invalid', message: 'Дата заседания должна быть в формате ГГГГ-ММ-ДД' }]),
  ...(isUnsetOrBlank(meeting.minutesNumber)
    ? [{ code: 'meeting.minutesNumber.empty', message: 'Не указан номер протокола заседания' }]
    : []),
];
