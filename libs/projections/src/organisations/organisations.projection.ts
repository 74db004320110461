import { organisationDecider, type OrganisationEvent, type OrganisationState } from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';
import { eventTypesOf } from '../projection';

export const organisationsProjection = new FoldedStateProjection<OrganisationState>({
  name: 'organisations',
  table: 'organisations_view',
  idColumn: 'organisation_id',
  eventTypes: eventTypesOf<OrganisationEvent>().every({
    OrganisationRegistered: true,
    StaffAssigned: true,
    StaffRemoved: true,
    OrganisationSettingsChanged: true,
    RegionalSpecialistAssigned: true,
    RegionalSpecialistReleased: true,
  }),
  aggregateId: (event) => (event.data as { organisationId: string }).organisationId,
  decider: organisationDecider,
  columns: (state) =>
    state.status === 'registered'
      ? { name: state.name, region: state.region, municipality: state.municipality, time_zone: state.timeZone }
      : undefined,
});
