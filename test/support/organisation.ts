import { organisationDecider, organisationStream } from '@mentorflow/domain';
import { handleCommand, type EventStore } from '@mentorflow/event-store';

/** A school in Kazan registered by the administrator: the organisation the workflow specs form pairs in. */
export async function registerTestSchool(store: EventStore, organisationId: string, name: string): Promise<void> {
  await handleCommand(
    store,
    organisationStream(organisationId),
    organisationDecider,
    {
      type: 'RegisterOrganisation',
      data: {
        organisationId,
        name,
        kind: 'school',
        municipality: 'г. Казань',
        region: 'Республика Татарстан',
        timeZone: 'Europe/Moscow',
      },
      metadata: { actorId: 'admin', role: 'administrator', now: new Date().toISOString() },
    },
    { actorId: 'admin' },
  );
}
