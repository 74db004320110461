import { associationStream, type AssociationMeeting } from '@mentorflow/domain';
import type { EventStore, RecordedEvent } from '@mentorflow/event-store';
import type { DataSource } from 'typeorm';

/** An event of an association's stream that concerns one person, with the association it happened in. */
export interface PersonAssociationEvent {
  readonly event: RecordedEvent;
  readonly association: { readonly associationId: string; readonly name: string };
}

/** Whether an association's event concerns the person: joining or leaving, a plan item of theirs, a meeting attended. */
const concerns = (event: RecordedEvent, personId: string): boolean => {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'AssociationMemberAdded':
    case 'AssociationMemberRemoved':
      return data.personId === personId;
    case 'AssociationPlanItemAdded':
      return data.responsibleId === personId;
    case 'AssociationMeetingHeld':
      return (data.meeting as AssociationMeeting).attendeeIds.includes(personId);
    default:
      return false;
  }
};

/**
 * The person's part in the mentors' methodical associations (issue 28), from the streams of the associations
 * they are or were a member of: the person's history shows it beside their own stream's events. The events
 * carry ids only; the association's name comes from its read model.
 */
export async function personAssociationEvents(
  db: DataSource,
  store: EventStore,
  personId: string,
): Promise<PersonAssociationEvent[]> {
  const associations = await db.query<{ association_id: string; name: string }[]>(
    `SELECT association_id::text, state->>'name' AS name FROM associations_view
      WHERE $1 = ANY(member_ids) OR state->'formerMembers' @> jsonb_build_array(jsonb_build_object('personId', $1::text))`,
    [personId],
  );
  const streams = await Promise.all(
    associations.map(async ({ association_id: associationId, name }) =>
      (await store.readStream(associationStream(associationId)))
        .filter((event) => concerns(event, personId))
        .map((event) => ({ event, association: { associationId, name } })),
    ),
  );
  return streams.flat();
}
