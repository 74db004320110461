import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@mentorflow/event-store';

/**
 * A mentor's diary entry as the pair workflow's activity stores it (MentorDiaryEntryRecorded), for the specs and
 * benchmarks that write a pair's stream straight through the event store.
 */
export const diaryEntryRecorded = (
  pairId: string,
  mentorId: string,
  { date, text, recordedAt }: { date: string; text: string; recordedAt: string },
): NewEvent => ({
  eventId: randomUUID(),
  type: 'MentorDiaryEntryRecorded',
  data: { pairId, entryId: randomUUID(), mentorId, date, text, recordedAt },
  metadata: { actorId: mentorId, role: 'mentor' },
});
