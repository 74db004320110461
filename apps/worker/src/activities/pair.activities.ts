import { endOfLocalDay, startOfLocalDay } from '@mentorflow/calendar';
import {
  defaultMentorCapacity,
  isDomainRefusal,
  mentorLoadDecider,
  mentorLoadStream,
  organisationDecider,
  organisationStream,
  pairWorkflowId,
  terminationNoticeWorkingDays,
  type MentorLoadCommand,
  type OrganisationState,
} from '@mentorflow/domain';
import {
  handleCommand,
  loadAggregate,
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
} from '@mentorflow/event-store';
import type { PairActivities } from '@mentorflow/workflows/activities';
import { calendarRefusal, deadlineOrPending, type CalendarDeps } from './working-days';

/** Optimistic retries of a reservation that lost a race: each loser rereads the mentor's load. */
const MAX_RESERVATION_ATTEMPTS = 50;

const system = (now = new Date().toISOString()) => ({ actorId: 'system', role: 'administrator' as const, now });

/**
 * A command on the mentor's load: the mentor's stream is the lock — whoever appended first holds the slot;
 * the others reread and decide again (the command made anew, at the time of that attempt).
 */
async function onMentorLoad(
  store: EventStore,
  mentorId: string,
  command: () => MentorLoadCommand,
  metadata: EventMetadata,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handleCommand(store, mentorLoadStream(mentorId), mentorLoadDecider, command(), metadata);
      return;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < MAX_RESERVATION_ATTEMPTS) continue;
      throw error;
    }
  }
}

export function createPairActivities(deps: CalendarDeps): PairActivities {
  const { store } = deps;
  return {
    async reserveMentorCapacity({ organisationId, mentorId, pairId, menteeCount }) {
      const { state: organisation } = await loadAggregate<OrganisationState, never>(
        store,
        organisationStream(organisationId),
        organisationDecider,
      );
      const capacity =
        organisation.status === 'registered' ? organisation.settings.mentorCapacity : defaultMentorCapacity;
      try {
        await onMentorLoad(
          store,
          mentorId,
          () => ({ type: 'ReserveMenteeSlots', data: { pairId, mentorId, menteeCount, capacity }, metadata: system() }),
          { actorId: 'system', organisationId, correlationId: pairWorkflowId(pairId) },
        );
        return { reserved: true };
      } catch (error) {
        if (isDomainRefusal(error)) return { reserved: false, code: error.code, message: error.message };
        throw error;
      }
    },

    async releaseMentorCapacity({ mentorId, pairId }) {
      try {
        await onMentorLoad(
          store,
          mentorId,
          () => ({ type: 'ReleaseMenteeSlots', data: { pairId }, metadata: system() }),
          { actorId: 'system', correlationId: pairWorkflowId(pairId) },
        );
      } catch (error) {
        if (!isDomainRefusal(error)) throw error;
      }
    },

    async pairControlSchedule({ start, end, timeZone }) {
      const startMs = Date.parse(`${start}T00:00:00Z`);
      const endMs = Date.parse(`${end}T00:00:00Z`);
      const middle = new Date(startMs + Math.floor((endMs - startMs) / 86_400_000 / 2) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return {
        interim: { dueAt: endOfLocalDay(middle, timeZone), dueLocalDate: middle },
        final: { dueAt: endOfLocalDay(end, timeZone), dueLocalDate: end },
      };
    },

    async pairControlDue({ date, timeZone }) {
      try {
        return { dueAt: endOfLocalDay(date, timeZone), dueLocalDate: date };
      } catch (error) {
        throw calendarRefusal(error);
      }
    },

    async terminationNoticeEnd({ noticeDate, timeZone, organisationId }) {
      // Counted from the start of the notice day: the first of the working days is the one after it.
      return deadlineOrPending(deps, organisationId, (calendar) => {
        const end = calendar.addWorkingDays(
          startOfLocalDay(noticeDate, timeZone),
          terminationNoticeWorkingDays,
          timeZone,
        );
        return { endsOn: end.dueLocalDate, endsAt: end.dueAt };
      });
    },
  };
}
